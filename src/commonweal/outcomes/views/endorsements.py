"""Voluntary organisations endorse a published version, and can withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commonweal.outcomes import permissions, selectors, services
from commonweal.outcomes.forms import EndorseForm
from commonweal.outcomes.views._common import add_service_errors, posted, require, viewable_version


@login_required
def endorse(request, slug: str, number: int):
    framework, version = viewable_version(request, slug, number)
    require(permissions.can_endorse(request.user, version))
    organisations = permissions.endorsing_organisations(request.user)
    form = EndorseForm(posted(request), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.endorsement_add(version=version, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(organisation)s now endorses version %(number)s")
                % {"organisation": form.cleaned_data["organisation"], "number": version.number},
            )
            return redirect(framework)
    return render(
        request, "outcomes/endorse.html", {"framework": framework, "version": version, "form": form}
    )


@login_required
def endorsement_withdraw(request, slug: str, number: int, endorsement_id: int):
    framework, version = viewable_version(request, slug, number)
    endorsement = selectors.endorsement_get(version, endorsement_id)
    if endorsement is None:
        raise Http404
    require(permissions.can_withdraw(request.user, endorsement))
    if request.method == "POST":
        services.endorsement_withdraw(endorsement=endorsement, actor=request.user)
        messages.success(
            request,
            _("%(organisation)s no longer endorses version %(number)s")
            % {"organisation": endorsement.organisation, "number": version.number},
        )
        return redirect(framework)
    return render(
        request,
        "outcomes/endorsement_withdraw.html",
        {
            "framework": framework,
            "version": version,
            "endorsement": endorsement,
        },
    )
