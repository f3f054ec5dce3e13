"""Reads about budgeting rounds: lists, projects, a person's own ballot and results."""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from commonweal.ballots import selectors as ballot_box
from commonweal.needs.selectors import needs_in
from commonweal.organisations import place_staff
from commonweal.participation import keys
from commonweal.participation.models import (
    Ballot,
    BudgetRound,
    Count,
    CountRequest,
    Participation,
    Project,
)


def round_get(pk) -> BudgetRound | None:
    return BudgetRound.objects.select_related("place", "run_by").filter(pk=pk).first()


def round_list(user) -> QuerySet[BudgetRound]:
    """Rounds anyone may see and the drafts this person runs: open ones first, then by place."""
    visible = ~Q(status=BudgetRound.Status.DRAFT)
    if user.is_authenticated and user.is_staff:
        visible = Q()
    elif user.is_authenticated:
        visible |= Q(place_id__in=place_staff.staff_place_ids(user))
    open_first = Case(
        When(status=BudgetRound.Status.VOTING, then=Value(0)),
        When(status=BudgetRound.Status.PROPOSALS, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        BudgetRound.objects.filter(visible)
        .select_related("place")
        .order_by(open_first, "place__name", "-voting_opens", "-pk")
    )


# The phases in which people can do something or are waiting for something, in the order a round
# goes through them: put forward ideas, wait for the ballot, vote, wait for the results.
UNDER_WAY = (
    BudgetRound.Status.PROPOSALS,
    BudgetRound.Status.REVIEW,
    BudgetRound.Status.VOTING,
    BudgetRound.Status.CLOSED,
)


def rounds_under_way() -> QuerySet[BudgetRound]:
    """Rounds past their draft and not yet published, voting ones first, then taking ideas, then
    the rest; by place within each."""
    phase_first = Case(
        *(
            When(status=status, then=Value(position))
            for position, status in enumerate(
                (
                    BudgetRound.Status.VOTING,
                    BudgetRound.Status.PROPOSALS,
                    BudgetRound.Status.REVIEW,
                    BudgetRound.Status.CLOSED,
                )
            )
        ),
        output_field=IntegerField(),
    )
    return (
        BudgetRound.objects.filter(status__in=UNDER_WAY)
        .select_related("place")
        .order_by(phase_first, "place__name", "pk")
    )


def needs_for_round(round_: BudgetRound) -> QuerySet:
    """The needs a project in the round can say it meets: open needs of the round's place."""
    return needs_in(round_.place, open_only=True).order_by("title")


def ballot_projects(round_: BudgetRound) -> list[Project]:
    """The projects on the ballot, by title."""
    return list(round_.projects.filter(status=Project.Status.ACCEPTED).order_by("title", "pk"))


def round_projects(round_: BudgetRound) -> list[Project]:
    return list(round_.projects.prefetch_related("needs").order_by("status", "title", "pk"))


def own_ballot(round_: BudgetRound, user) -> Ballot | None:
    """This person's own online ballot, found by their key: the one waiting in the ballot box if there is
    one (the latest they sent), else the committed one."""
    if not user.is_authenticated:
        return None
    key = keys.ballot_key(round_.pk, user.pk)
    waiting = ballot_box.waiting_content(keys.box(round_.pk), key)
    if waiting is not None:
        return Ballot(
            round=round_,
            key=key,
            source=waiting.get("source", Ballot.Source.ONLINE),
            marks=waiting["marks"],
        )
    return Ballot.objects.filter(round=round_, key=key).first()


def counted_ballots(round_: BudgetRound) -> list:
    """Every ballot of the round as light rows (``pk``, ``marks``, ``source``), in the order counts use:
    by ballot id as text. Rows, not model objects: a city's round has tens of thousands."""
    rows = Ballot.objects.filter(round=round_).values_list("pk", "marks", "source", named=True)
    return sorted(rows, key=lambda row: str(row.pk))


def participation_of(round_: BudgetRound, user) -> Participation | None:
    if not user.is_authenticated:
        return None
    return Participation.objects.filter(round=round_, person=user).first()


def latest_count(round_: BudgetRound) -> Count | None:
    return round_.counts.order_by("-counted_at", "-pk").first()


def count_in_progress(round_: BudgetRound) -> CountRequest | None:
    """The count of the round waiting for or under way in the background, if there is one."""
    return (
        round_.count_requests.filter(
            state__in=(CountRequest.State.WAITING, CountRequest.State.RUNNING)
        )
        .order_by("-requested_at", "-pk")
        .first()
    )


def last_count_request(round_: BudgetRound) -> CountRequest | None:
    """The latest count asked for (to say if it failed, and why)."""
    return round_.count_requests.order_by("-requested_at", "-pk").first()


def ballots_after(count: Count | None, turnout: dict[str, int]) -> int:
    """Ballots in since ``count`` was made (``turnout`` is the round's): waiting in the ballot box,
    or committed after it (a paper ballot entered after the count). The count must be made again
    before it is published."""
    if count is None:
        return 0
    return turnout["waiting"] + max(0, turnout["ballots"] - count.ballots)


def turnout(round_: BudgetRound) -> dict[str, int]:
    """Ballots committed, ballots still waiting in the box, and people who took part."""
    return {
        "ballots": round_.ballots.count(),
        "waiting": ballot_box.waiting_count(keys.box(round_.pk)),
        "people": round_.participations.count(),
    }


def need_projects(need) -> QuerySet[Project]:
    """The community budget projects that meet a need, for the need's page: those anyone may see
    (checked, in a round past its draft), the latest round first."""
    return (
        Project.objects.filter(needs=need)
        .exclude(status=Project.Status.PROPOSED)
        .exclude(round__status=BudgetRound.Status.DRAFT)
        .select_related("round")
        .order_by("-round__created_at", "-round__pk", "title", "pk")
    )
