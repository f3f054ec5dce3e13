"""Reads about priority rounds: lists, the needs a round can include, ballots and results.

Who manages which places is one rule, organisations/place_staff.py: ask it, never here."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from commonweal.ballots import selectors as box_selectors
from commonweal.needs.models import Need
from commonweal.needs.selectors import needs_in
from commonweal.organisations import place_staff
from commonweal.places.models import Place
from commonweal.priorities import ballot_box, counting
from commonweal.priorities.models import Ballot, PriorityRound


def round_get(pk: int) -> PriorityRound | None:
    return PriorityRound.objects.select_related("place", "run_by").filter(pk=pk).first()


def round_list(user) -> QuerySet[PriorityRound]:
    """Rounds anyone may see, and the drafts of places this person manages."""
    visible = ~Q(status=PriorityRound.Status.DRAFT)
    if user.is_authenticated and user.is_staff:
        visible = Q()
    elif user.is_authenticated:
        visible |= Q(place_id__in=place_staff.staff_place_ids(user))
    return (
        PriorityRound.objects.filter(visible)
        .select_related("place", "run_by")
        .order_by("-opens_at", "-pk")
    )


def rounds_open_for_voting(now=None) -> QuerySet[PriorityRound]:
    """Rounds people can vote in now (as permissions.is_open_for_voting), closing soonest first."""
    now = now or timezone.now()
    return (
        PriorityRound.objects.filter(
            status=PriorityRound.Status.OPEN, opens_at__lte=now, closes_at__gt=now
        )
        .select_related("place")
        .order_by("closes_at")
    )


def needs_for_round(place: Place) -> QuerySet[Need]:
    """Needs a round for the place can include: open needs for it or a place inside it."""
    return needs_in(place, open_only=True).select_related("place").order_by("title")


def need_rounds(need: Need) -> QuerySet[PriorityRound]:
    """The priority rounds a need was part of, for the need's page: never a draft."""
    return need.priority_rounds.exclude(status=PriorityRound.Status.DRAFT)


def round_needs(round_: PriorityRound) -> list[Need]:
    # Asked afresh (not through round_.needs, which may hold only the needs' numbers, prefetched).
    return list(
        Need.objects.filter(priority_rounds=round_).select_related("place").order_by("title")
    )


def ballot_choices(round_: PriorityRound, user) -> dict[int, int | None] | None:
    """This person's choices (need id to rank, None when approved), or None if they have not voted."""
    if not user.is_authenticated:
        return None
    key = ballot_box.ballot_key(round_.pk, user.pk)
    waiting = box_selectors.waiting_content(ballot_box.box(round_.pk), key)  # the latest they sent
    if waiting is not None:
        return Ballot(round=round_, key=key, marks=waiting["marks"]).choices()
    ballot = Ballot.objects.filter(round=round_, key=key).first()
    return None if ballot is None else ballot.choices()


@dataclass(frozen=True)
class Results:
    ballots: int
    standings: list[tuple[Need, counting.Standing]]


def round_results(round_: PriorityRound) -> Results:
    """The count, by the round's method. Check ``permissions.can_see_results`` first."""
    needs = round_needs(round_)
    by_id = {need.pk: need for need in needs}
    options = [counting.Option(need.pk, need.title) for need in needs]
    ballots: list[dict[int, int | None]] = []
    ballot_count = 0  # every ballot cast, also one whose needs have all left the round
    for marks in Ballot.objects.filter(round=round_).values_list("marks", flat=True):
        ballot_count += 1
        chosen = {int(need_id): rank for need_id, rank in marks.items() if int(need_id) in by_id}
        if chosen:
            ballots.append(chosen)
    if round_.method == PriorityRound.Method.BORDA:
        standings = counting.borda_count(
            options,
            [counting.ranking_from_ranks({k: r for k, r in b.items() if r}) for b in ballots],
        )
    else:
        standings = counting.approval_count(options, [list(b) for b in ballots])
    return Results(ballots=ballot_count, standings=[(by_id[s.key], s) for s in standings])


def rounds_opened() -> QuerySet[PriorityRound]:
    """Rounds anyone may see, with their needs' numbers: every one but drafts, newest first (the
    API's list)."""
    return (
        PriorityRound.objects.exclude(status=PriorityRound.Status.DRAFT)
        .select_related("place", "run_by")
        .prefetch_related(Prefetch("needs", queryset=Need.objects.order_by("pk").only("pk")))
        .order_by("-opens_at", "-pk")
    )


def round_opened_get(pk: int) -> PriorityRound | None:
    """A round anyone may see; None for a draft, as for a round that does not exist."""
    return rounds_opened().filter(pk=pk).first()


def round_published_results(round_: PriorityRound) -> dict | None:
    """The published count, or None while the results are not published. Never the ballots."""
    if round_.status != PriorityRound.Status.PUBLISHED:
        return None
    results = round_results(round_)
    standings: list[counting.Standing] = [standing for _need, standing in results.standings]
    return {
        "method": round_.method,
        "method_explained": round_.get_method_display(),
        "ballots": results.ballots,
        "standings": standings,
    }
