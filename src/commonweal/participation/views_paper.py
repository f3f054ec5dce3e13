"""The officers' tally sheet of paper ballots: a row a ballot, many entered in one go.

One paper ballot at a time is ``views_officer.paper_ballot``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from commonweal.participation import permissions, selectors, services_voting
from commonweal.participation.forms_paper import PaperSheetForm
from commonweal.participation.viewtools import add_service_errors, managed_round_or_404, posted


@login_required
@require_http_methods(["GET", "POST"])
def paper_sheet(request, pk: int):
    round_ = managed_round_or_404(request.user, pk)
    if not round_.has_tick_ballots:  # points and ranks are not ticks: one ballot at a time
        raise Http404
    form = PaperSheetForm(
        posted(request),
        projects=selectors.ballot_projects(round_),
        initial={"batch": request.GET.get("batch", "")[:100]},
    )
    if request.method == "POST" and form.is_valid():
        batch = form.cleaned_data["batch"]
        try:
            entered = services_voting.paper_ballots_enter(
                round_=round_, actor=request.user, batch=batch, rows=form.filled()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s paper ballot from batch %(batch)s is entered. Enter the next sheet.",
                    "%(count)s paper ballots from batch %(batch)s are entered. Enter the next sheet.",
                    entered,
                )
                % {"count": entered, "batch": batch},
            )
            return redirect(f"{request.path}?{urlencode({'batch': batch})}")
    return render(
        request,
        "participation/paper_sheet.html",
        {"round": round_, "form": form, "steps": permissions.manager_steps(round_)},
    )
