"""Budgeting round pages for everybody: the list, a round, proposing, checking yourself, voting, results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.ballots import settings as box_settings
from commonweal.core.viewtools import paginate
from commonweal.needs.choosers import choose_needs
from commonweal.participation import (
    ballots as ballot_rules,
)
from commonweal.participation import (
    forms,
    permissions,
    results,
    selectors,
    services,
    services_voting,
)
from commonweal.participation.models import BudgetRound, Project
from commonweal.participation.viewtools import add_service_errors, posted, require, round_or_404

#: Rounds a page in the list (a city runs one or more a year in every ward, for years).
PAGE_SIZE = 25


def round_list(request):
    return render(
        request,
        "participation/list.html",
        {
            **paginate(request, selectors.round_list(request.user), PAGE_SIZE),
            "can_create": permissions.can_create(request.user),
        },
    )


def round_detail(request, pk: int):
    round_ = round_or_404(request.user, pk)
    user = request.user
    can_manage = permissions.can_manage(user, round_)
    latest_count = selectors.latest_count(round_) if can_manage else None
    counting = selectors.count_in_progress(round_) if can_manage else None
    projects = selectors.round_projects(round_)
    if not can_manage:  # ideas are public once checked; the proposer sees their own
        projects = [
            p
            for p in projects
            if p.status != Project.Status.PROPOSED
            or (user.is_authenticated and p.proposer_id == user.pk)
        ]
    turnout = selectors.turnout(round_) if can_manage else None
    uncounted = selectors.ballots_after(latest_count, turnout) if turnout else 0
    return render(
        request,
        "participation/round.html",
        {
            "round": round_,
            "projects": projects,
            "can_manage": can_manage,
            **taking_part(user, round_),
            "turnout": turnout,
            "latest_count": latest_count,
            "uncounted": uncounted,
            "counting": counting,
            "last_count_request": selectors.last_count_request(round_) if can_manage else None,
            # What the page offers those who run the round: asked, never repeated in the template.
            "steps": permissions.manager_steps(
                round_,
                counted=latest_count is not None,
                counting=counting is not None,
                uncounted=uncounted,
            )
            if can_manage
            else set(),
            "ballot_box_min_batch": box_settings.min_batch(),
        },
    )


def taking_part(user, round_: BudgetRound) -> dict:
    """What includes/taking_part.html needs to say what this person can do in the round now, and
    if nothing, why: on the round's page, and on the voting page when they cannot vote."""
    return {
        "can_vote": permissions.can_vote(user, round_),
        "is_eligible": permissions.is_eligible(user, round_),
        "voting_open_now": permissions.is_voting_open(round_),
        "today": timezone.localdate(),
        "proposals_open_now": permissions.are_proposals_open(round_),
        "why_not_eligible": permissions.why_not_eligible(round_),
        "participation": selectors.participation_of(round_, user),
        "can_propose": permissions.can_propose(user, round_),
        "can_use_code": round_.verification
        in (BudgetRound.Verification.CODE, BudgetRound.Verification.LIST),
    }


@login_required
@require_http_methods(["GET", "POST"])
def project_propose(request, pk: int):
    round_ = round_or_404(request.user, pk)
    require(permissions.can_propose(request.user, round_))
    form = forms.ProjectForm(posted(request), needs=selectors.needs_for_round(round_))
    # A place has thousands of needs: those chosen, and a page of those a search finds.
    chooser = choose_needs(request, form) if "needs" in form.fields else None
    if request.method == "POST" and form.is_valid():
        try:
            services.project_propose(round_=round_, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Thank you. Your idea will be checked before it goes on the ballot.")
            )
            return redirect(round_)
    return render(
        request, "participation/propose.html", {"round": round_, "form": form, "chooser": chooser}
    )


@login_required
@require_http_methods(["GET", "POST"])
def check_me(request, pk: int):
    """Enter an invitation code or a reference number from the eligibility list."""
    round_ = round_or_404(request.user, pk)
    if round_.verification not in (BudgetRound.Verification.CODE, BudgetRound.Verification.LIST):
        raise Http404
    form = forms.CodeUseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            if round_.verification == BudgetRound.Verification.CODE:
                services.invitation_code_use(
                    round_=round_, person=request.user, code=form.cleaned_data["code"]
                )
            else:
                services.reference_use(
                    round_=round_, person=request.user, reference=form.cleaned_data["code"]
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. You can vote in this round."))
            return redirect(round_)
    return render(request, "participation/check_me.html", {"round": round_, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def vote(request, pk: int):
    """The voting booth. A first POST shows the choices to check; a second (``confirm``) records them."""
    round_ = round_or_404(request.user, pk)
    if not permissions.can_vote(request.user, round_):
        # Closed, not open yet, or not this person's vote: say which, and what comes next, rather
        # than a bare "you cannot see this page". Nothing is recorded.
        return render(
            request,
            "participation/vote_unavailable.html",
            {"round": round_, **taking_part(request.user, round_)},
            status=403,
        )
    participation = selectors.participation_of(round_, request.user)
    if participation and participation.channel == participation.Channel.PAPER:
        return render(request, "participation/voted_on_paper.html", {"round": round_}, status=403)
    own = selectors.own_ballot(round_, request.user)
    projects = selectors.ballot_projects(round_)
    context = {"round": round_, "changing": own is not None, "projects": projects}
    if request.method == "POST" and request.POST.get("edit"):
        # Back from the check page: the choices as they were, to change.
        form = forms.BallotForm(request.POST, round_=round_, projects=projects)
        form.is_valid()
        form = forms.BallotForm(
            round_=round_,
            projects=projects,
            initial=forms.BallotForm.initial_from(round_, form.marks()),
        )
        return render(request, "participation/vote.html", {**context, "form": form})
    form = forms.BallotForm(
        posted(request),
        round_=round_,
        projects=projects,
        initial=forms.BallotForm.initial_from(round_, own.marks if own else None),
    )
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["age_confirmed"]:
            form.add_error(
                "age_confirmed",
                _("Confirm you are %(age)d or older to vote") % {"age": round_.minimum_age},
            )
        else:
            try:
                ballot_rules.clean_marks(round_, projects, form.marks())
                if request.POST.get("confirm") == "yes":
                    services_voting.ballot_cast(
                        round_=round_, voter=request.user, marks=form.marks(), age_confirmed=True
                    )
                    return redirect("participation:voted", pk=round_.pk)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                summary = form.summary()
                hidden = [
                    (name, value)
                    for name in request.POST
                    if name not in ("csrfmiddlewaretoken", "confirm")
                    for value in request.POST.getlist(name)
                ]
                return render(
                    request,
                    "participation/vote_check.html",
                    {
                        **context,
                        "form": form,
                        "summary": summary,
                        "hidden": hidden,
                        "total": sum(p.cost for p, _v in summary),
                    },
                )
    return render(request, "participation/vote.html", {**context, "form": form})


@login_required
def voted(request, pk: int):
    round_ = round_or_404(request.user, pk)
    own = selectors.own_ballot(round_, request.user)
    if own is None:
        raise Http404
    projects = {str(p.pk): p for p in selectors.ballot_projects(round_)}
    summary = [(projects[k], v) for k, v in own.marks.items() if k in projects]
    if round_.ballot_type == BudgetRound.BallotType.RANKED:
        summary.sort(key=lambda row: row[1])
    return render(
        request,
        "participation/voted.html",
        {
            "round": round_,
            "summary": summary,
            "can_change": permissions.can_vote(request.user, round_),
        },
    )


def round_results(request, pk: int):
    round_ = round_or_404(request.user, pk)
    found = (
        results.results_for(round_, request.user)
        if permissions.can_see_results(request.user, round_)
        else None
    )
    if found is None:
        # Not published yet (or published and not yet stored): say when they are due.
        return render(request, "participation/results_pending.html", {"round": round_}, status=404)
    return render(
        request,
        "participation/results.html",
        {"round": round_, "results": found, "counting": selectors.count_in_progress(round_)},
    )
