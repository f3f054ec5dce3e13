"""Reads about priority rounds: lists, the needs a round can include, ballots and results.

Who manages which places is one rule, organisations/place_staff.py: ask it, never here."""

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from commonweal.ballots import selectors as box_selectors
from commonweal.needs.models import Need
from commonweal.needs.selectors import needs_in
from commonweal.organisations import place_staff
from commonweal.places.models import Place
from commonweal.priorities import ballot_box, counting, results
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


def rounds_opening_soon(now=None) -> QuerySet[PriorityRound]:
    """Rounds opened by those who run them whose voting has not started yet, opening soonest first."""
    now = now or timezone.now()
    return (
        PriorityRound.objects.filter(status=PriorityRound.Status.OPEN, opens_at__gt=now)
        .select_related("place")
        .order_by("opens_at", "pk")
    )


def needs_for_round(place: Place) -> QuerySet[Need]:
    """Needs a round for the place can include: open needs for it or a place inside it."""
    return needs_in(place, open_only=True).select_related("place").order_by("title")


def need_rounds(need: Need) -> QuerySet[PriorityRound]:
    """The priority rounds a need was part of, for the need's page: never a draft."""
    return need.priority_rounds.exclude(status=PriorityRound.Status.DRAFT)


def round_need_ids(round_: PriorityRound) -> QuerySet:
    """The ids of a round's needs, read from the link table alone (no need is joined)."""
    return (
        PriorityRound.needs.through.objects.filter(priorityround_id=round_.pk)
        .order_by("pk")
        .values_list("need_id", flat=True)
    )


def round_needs(round_: PriorityRound) -> list[Need]:
    """The round's needs by title, asked afresh."""
    return results.round_needs(round_)


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


# The results: counted once and stored when published, read by pages and the API (results.py).
Results = results.Results
round_results = results.round_results
rounds_results = results.rounds_results


def rounds_opened() -> QuerySet[PriorityRound]:
    """Rounds anyone may see: every one but drafts, newest first, with what the API sends of them:
    not every column of their place and organisation, only the short names (the list reads their
    needs' numbers for the whole page at once)."""
    return (
        PriorityRound.objects.exclude(status=PriorityRound.Status.DRAFT)
        .select_related("place", "run_by")
        .only(
            *("title", "description", "method", "eligibility", "status", "opens_at", "closes_at"),
            *("place__slug", "run_by__slug"),
        )
        .order_by("-opens_at", "-pk")
    )


def round_opened_get(pk: int) -> PriorityRound | None:
    """A round anyone may see, with its needs' numbers; None for a draft, as for a round that does
    not exist."""
    return (
        rounds_opened()
        .prefetch_related(Prefetch("needs", queryset=Need.objects.only("pk")))
        .filter(pk=pk)
        .first()
    )


def round_published_results(
    round_: PriorityRound, counted: results.Results | None = None
) -> dict | None:
    """The published count (``counted``, when the caller has read it), or None while the results are
    not published. Never the ballots."""
    if round_.status != PriorityRound.Status.PUBLISHED:
        return None
    counted = round_results(round_) if counted is None else counted
    standings: list[counting.Standing] = [standing for _need, standing in counted.standings]
    return {
        "method": round_.method,
        "method_explained": round_.get_method_display(),
        "ballots": counted.ballots,
        "standings": standings,
    }
