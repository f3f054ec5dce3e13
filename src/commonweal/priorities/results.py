"""A priority round's published results: counted once from its ballots and stored (``RoundResults``),
then read by the round's page, the prioritising page and the API, which never count a ballot.

The count is made when the results are published (``services.round_publish``) and again whenever
the ballot box writes ballots to a published round (``ballot_box.write_ballots``: ballots brought in
after publishing). What is stored is the number of ballots and each need's points, with the method
and the needs they were counted for; the table is laid out from them at each reading with the needs
as they are now, so a renamed need shows its new title (and ties, listed by title, follow it). A
published round with no stored count, or one counted for another method or other needs (changed in
the back office since), is counted the first time it is read, and the count stored: once.

Counts stay hidden until the results are published (``permissions.can_see_results``): a round not
published is counted afresh at each call, and nothing is stored for it.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils import timezone

from commonweal.needs.models import Need
from commonweal.priorities import counting
from commonweal.priorities.models import Ballot, PriorityRound, RoundResults

_STORED_FIELDS = ["method", "needs", "ballots", "points", "counted_at"]


@dataclass(frozen=True)
class Results:
    ballots: int
    standings: list[tuple[Need, counting.Standing]]


def _options(needs: Sequence[Need]) -> list[counting.Option]:
    return [counting.Option(need.pk, need.title) for need in needs]


def round_needs(round_: PriorityRound) -> list[Need]:
    # Asked afresh (not through round_.needs, which may hold only the needs' numbers, prefetched).
    return list(
        Need.objects.filter(priority_rounds=round_).select_related("place").order_by("title")
    )


def _needs_of(rounds: Sequence[PriorityRound]) -> dict[int, list[Need]]:
    """Each round's needs, by the round's id, in one query."""
    needs_of: dict[int, list[Need]] = {round_.pk: [] for round_ in rounds}
    through = PriorityRound.needs.through
    rows = (
        through.objects.filter(priorityround_id__in=list(needs_of))
        .select_related("need")
        .order_by("need__title", "need_id")
    )
    for row in rows:
        needs_of[row.priorityround_id].append(row.need)
    return needs_of


def round_count(round_: PriorityRound, needs: Sequence[Need] | None = None) -> Results:
    """The count made now from every ballot of the round, by its method (``needs``: the round's, when
    the caller has them). What the stored results must equal."""
    needs = round_needs(round_) if needs is None else needs
    by_id = {need.pk: need for need in needs}
    marks = Ballot.objects.filter(round=round_).values_list("marks", flat=True)
    cast, standings = counting.count_marks(
        _options(needs),
        ({int(need_id): rank for need_id, rank in ballot.items()} for ballot in marks),
        ranked=round_.method == PriorityRound.Method.BORDA,
    )
    return Results(ballots=cast, standings=[(by_id[s.key], s) for s in standings])


def results_store(round_: PriorityRound, needs: Sequence[Need] | None = None) -> RoundResults:
    """Count the round's ballots and store the count, replacing any stored before."""
    needs = round_needs(round_) if needs is None else needs
    counted = round_count(round_, needs)
    stored = RoundResults(
        round_id=round_.pk,
        method=round_.method,
        needs=sorted(need.pk for need in needs),
        ballots=counted.ballots,
        points={str(standing.key): standing.points for _need, standing in counted.standings},
        counted_at=timezone.now(),
    )
    RoundResults.objects.bulk_create(
        [stored], update_conflicts=True, unique_fields=["round"], update_fields=_STORED_FIELDS
    )
    return stored


def results_forget(round_: PriorityRound) -> None:
    """Drop a stored count that may no longer hold (ballots written while the round is not published)."""
    RoundResults.objects.filter(round_id=round_.pk).delete()


def _is_current(stored: RoundResults | None, round_: PriorityRound, needs: Sequence[Need]) -> bool:
    return (
        stored is not None
        and stored.method == round_.method
        and stored.needs == sorted(need.pk for need in needs)
    )


def rounds_results(rounds: Iterable[PriorityRound]) -> dict[int, Results]:
    """The results of rounds, by the round's id: for published ones, read from the stored counts
    (two queries, whatever the number of rounds), laid out with their needs as they are now."""
    rounds = list(rounds)
    if not rounds:
        return {}
    published = [round_ for round_ in rounds if round_.status == PriorityRound.Status.PUBLISHED]
    stored = (
        {
            row.round_id: row
            for row in RoundResults.objects.filter(round_id__in=[round_.pk for round_ in published])
        }
        if published
        else {}
    )
    needs_of = _needs_of(rounds)
    found: dict[int, Results] = {}
    for round_ in rounds:
        needs = needs_of[round_.pk]
        if round_.status != PriorityRound.Status.PUBLISHED:
            found[round_.pk] = round_count(round_, needs)
            continue
        kept = stored.get(round_.pk)
        if kept is None or not _is_current(kept, round_, needs):
            kept = results_store(round_, needs)
        by_id = {need.pk: need for need in needs}
        standings = counting.standings(
            _options(needs), {int(need_id): points for need_id, points in kept.points.items()}
        )
        found[round_.pk] = Results(
            ballots=kept.ballots, standings=[(by_id[s.key], s) for s in standings]
        )
    return found


def round_results(round_: PriorityRound) -> Results:
    """The round's results (``rounds_results`` for one). Check ``permissions.can_see_results`` first."""
    return rounds_results([round_])[round_.pk]
