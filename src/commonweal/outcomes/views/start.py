"""Public-body staff start a new outcomes framework for a place their body serves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commonweal.outcomes import permissions, selectors, services
from commonweal.outcomes.forms import FrameworkStartForm
from commonweal.outcomes.views._common import add_service_errors, posted, require


@login_required
def framework_start(request):
    organisations = permissions.starting_organisations(request.user)
    require(organisations.exists())
    form = FrameworkStartForm(
        posted(request),
        organisations=organisations,
        places=selectors.places_verified_for(organisations),
    )
    if request.method == "POST" and form.is_valid():
        try:
            framework = services.framework_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s has been started. Version 1 is a draft: add outcome areas, "
                    "outcomes and indicators to it."
                )
                % {"name": framework.name},
            )
            return redirect(framework)
    return render(request, "outcomes/framework_start.html", {"form": form})
