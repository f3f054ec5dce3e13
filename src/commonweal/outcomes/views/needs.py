"""Link the needs an outcome addresses, on the latest version of a framework."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commonweal.needs.choosers import choose_needs
from commonweal.outcomes import permissions, selectors, services
from commonweal.outcomes.forms import NeedLinksForm
from commonweal.outcomes.views._common import add_service_errors, framework_or_404, posted, require


@login_required
def outcome_needs(request, slug: str, outcome_id: int):
    framework = framework_or_404(slug, owner=False)  # the page names no owner
    require(permissions.can_manage(request.user, framework))
    latest = selectors.latest_version(framework)
    outcome = latest.outcomes.filter(pk=outcome_id).first() if latest else None
    if outcome is None:
        raise Http404
    # An outcome may address hundreds of needs: their ids from the link table alone.
    held_asked = selectors.outcome_need_ids(outcome)
    held = list(held_asked)
    form = NeedLinksForm(
        posted(request),
        needs=selectors.linkable_needs(framework),
        held=held,
        held_asked=held_asked,
        initial={"needs": held},
    )
    # A place has thousands of needs: those chosen, and a page of those a search finds.
    chooser = choose_needs(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_needs_set(
                outcome=outcome, actor=request.user, needs=form.cleaned_data["needs"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The needs outcome %(code)s addresses have been saved") % {"code": outcome.code},
            )
            return redirect("outcomes:version", slug=framework.slug, number=latest.number)
    return render(
        request,
        "outcomes/outcome_needs.html",
        {
            "framework": framework,
            "version": latest,
            "outcome": outcome,
            "form": form,
            "chooser": chooser,
        },
    )
