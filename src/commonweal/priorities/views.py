"""Priority round pages: the list, a round and its results, setting one up, changing or deleting a
draft, voting and status changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from commonweal.ballots import settings as box_settings
from commonweal.core import pagecache
from commonweal.core.viewtools import add_service_errors, paginate, posted, require
from commonweal.needs.choosers import choose_needs
from commonweal.organisations import place_staff
from commonweal.priorities import forms, permissions, selectors, services
from commonweal.priorities.apps import results_stamps
from commonweal.priorities.models import PriorityRound

PAGE_SIZE = 25


def _round_or_404(user, pk: int) -> PriorityRound:
    round_ = selectors.round_get(pk)
    if round_ is None:
        raise Http404
    require(permissions.can_view(user, round_))
    return round_


def round_list(request):
    return render(
        request,
        "priorities/list.html",
        {
            **paginate(request, selectors.round_list(request.user), PAGE_SIZE),
            "can_create": permissions.can_create(request.user),
        },
    )


def _published_results(round_: PriorityRound):
    """The results table, the same for everyone once published: laid out from the count stored when
    the results were published (results.py), then kept until the round, its ballots or one of its
    needs changes (apps.py)."""
    return pagecache.fragment(
        "priorities-results",
        round_.pk,
        stamps=results_stamps(round_.pk),
        build=lambda: render_to_string(
            "priorities/includes/results.html",
            {"round": round_, "results": selectors.round_results(round_)},
        ),
    )


def round_detail(request, pk: int):
    round_ = _round_or_404(request.user, pk)
    results = (
        _published_results(round_) if permissions.can_see_results(request.user, round_) else None
    )
    can_manage = permissions.can_manage(request.user, round_)
    return render(
        request,
        "priorities/round.html",
        {
            "round": round_,
            "needs": selectors.round_needs(round_),
            "results": results,
            "can_manage": can_manage,
            # What the page offers those who run the round: asked, never repeated in the template.
            "steps": permissions.manager_steps(round_) if can_manage else set(),
            "phase": permissions.voting_phase(round_),
            "is_eligible": permissions.is_eligible(request.user, round_),
            "why_not_eligible": permissions.why_not_eligible(round_),
            "has_voted": selectors.ballot_choices(round_, request.user) is not None,
            "ballot_box_min_batch": box_settings.min_batch(),
        },
    )


@login_required
@require_http_methods(["GET"])
def round_create_place(request):
    """Step 1 of setting up a round: which place (so the needs can be listed without JavaScript)."""
    require(permissions.can_create(request.user))
    form = forms.PlaceChoiceForm(request.GET or None, places=place_staff.staff_places(request.user))
    if form.is_bound and form.is_valid():
        return redirect("priorities:create", place_pk=form.cleaned_data["place"].pk)
    return render(request, "priorities/create_place.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request, place_pk: int):
    require(permissions.can_create(request.user))
    place = place_staff.staff_places(request.user).filter(pk=place_pk).first()
    require(place is not None)
    form = forms.RoundForm(
        posted(request),
        bodies=place_staff.staff_bodies(request.user, place),
        needs=selectors.needs_for_round(place),
    )
    # A place has thousands of needs: those chosen, and a page of those a search finds.
    chooser = choose_needs(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(actor=request.user, place=place, **form.round_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The round is set up as a draft. Open it when you are ready.")
            )
            return redirect(round_)
    return render(
        request, "priorities/create.html", {"form": form, "place": place, "chooser": chooser}
    )


def _draft_to_change(request, pk: int) -> PriorityRound | None:
    """The round, for those who manage it; None once it is no longer a draft, with the reason kept
    to show on the round's page."""
    round_ = _round_or_404(request.user, pk)
    require(permissions.can_manage(request.user, round_))
    if not permissions.is_changeable(round_):
        messages.info(request, permissions.why_not_changeable())
        return None
    return round_


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request, pk: int):
    round_ = _draft_to_change(request, pk)
    if round_ is None:
        return redirect("priorities:round", pk=pk)
    # A round may hold many needs: their ids from the link table alone.
    held_asked = selectors.round_need_ids(round_)
    held = list(held_asked)
    form = forms.RoundForm(
        posted(request),
        bodies=place_staff.staff_bodies(request.user, round_.place),
        needs=selectors.needs_for_round(round_.place),
        round_=round_,
        held_needs=held,
        held_asked=held_asked,
    )
    chooser = choose_needs(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(round_=round_, actor=request.user, **form.round_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The round is saved. It is still a draft: open it when you are ready.")
            )
            return redirect(round_)
    return render(
        request, "priorities/edit.html", {"form": form, "round": round_, "chooser": chooser}
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_delete(request, pk: int):
    round_ = _draft_to_change(request, pk)
    if round_ is None:
        return redirect("priorities:round", pk=pk)
    if request.method == "POST":
        try:
            services.round_delete(round_=round_, actor=request.user)
        except ValidationError as error:  # opened by a colleague since the page was shown
            messages.info(request, " ".join(error.messages))
            return redirect(round_)
        messages.success(request, _("The round “%(title)s” is deleted.") % {"title": round_.title})
        return redirect("priorities:list")
    return render(request, "priorities/delete.html", {"round": round_})


STATUS_ACTIONS = {
    "open": (
        services.round_open,
        gettext_lazy("Open the round for voting"),
        gettext_lazy("Open the round"),
        gettext_lazy("The round is open."),
    ),
    "close": (
        services.round_close,
        gettext_lazy("Close the round"),
        gettext_lazy("Close the round"),
        gettext_lazy("The round is closed. Nobody can vote or change their vote now."),
    ),
    "publish": (
        services.round_publish,
        gettext_lazy("Publish the results"),
        gettext_lazy("Publish the results"),
        gettext_lazy("The results are published. Everyone can see them."),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def round_status(request, pk: int, action: str):
    round_ = _round_or_404(request.user, pk)
    require(permissions.can_manage(request.user, round_))
    service, heading, button, done = STATUS_ACTIONS[action]
    form = forms.ReasonForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            service(round_=round_, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(round_)
    return render(
        request,
        "priorities/status.html",
        {
            "round": round_,
            "form": form,
            "heading": heading,
            "button": button,
            "action": action,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_vote(request, pk: int):
    round_ = _round_or_404(request.user, pk)
    if not permissions.can_vote(request.user, round_):
        # Closed, not open yet, or not this person's vote: say which, as the round's page does,
        # rather than a bare "you cannot see this page". Nothing is recorded.
        return render(
            request,
            "priorities/vote_unavailable.html",
            {
                "round": round_,
                "phase": permissions.voting_phase(round_),
                "is_eligible": permissions.is_eligible(request.user, round_),
                "why_not_eligible": permissions.why_not_eligible(round_),
                "has_voted": selectors.ballot_choices(round_, request.user) is not None,
            },
            status=403,
        )
    needs = selectors.round_needs(round_)
    ballot = selectors.ballot_choices(round_, request.user)
    form_class = (
        forms.BordaBallotForm
        if round_.method == PriorityRound.Method.BORDA
        else forms.ApprovalBallotForm
    )
    form = form_class(posted(request), round_needs=needs, initial=form_class.initial_from(ballot))
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_cast(round_=round_, voter=request.user, choices=form.choices())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            closes = timezone.localtime(round_.closes_at)
            messages.success(
                request,
                _("Your vote is recorded. You can change it until %(time)s on %(date)s.")
                % {"time": date_format(closes, "H:i"), "date": date_format(closes, "j F Y")},
            )
            return redirect(round_)
    return render(
        request,
        "priorities/vote.html",
        {
            "round": round_,
            "form": form,
            "has_voted": ballot is not None,
            "rank_fields": [form[forms.rank_field_name(need)] for need in needs]
            if round_.method == PriorityRound.Method.BORDA
            else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_prioritise(request, pk: int):
    round_ = _round_or_404(request.user, pk)
    require(permissions.can_manage(request.user, round_))
    if not permissions.can_see_results(request.user, round_):
        raise Http404
    results = selectors.round_results(round_)
    form = forms.PrioritiseForm(
        posted(request),
        round_needs=[
            need for need, _s in results.standings if need.status in services.PRIORITISABLE
        ],
    )
    if request.method == "POST" and form.is_valid():
        chosen = {int(pk) for pk in form.cleaned_data["needs"]}
        try:
            services.round_needs_prioritise(
                round_=round_,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                needs=[need for need, _s in results.standings if need.pk in chosen],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The needs you chose are marked prioritised, citing this round.")
            )
            return redirect(round_)
    return render(
        request, "priorities/prioritise.html", {"round": round_, "results": results, "form": form}
    )
