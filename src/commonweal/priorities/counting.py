"""Counting a priority round's ballots. Plain Python: no Django, no database.

Approval count: each need a ballot approves gets 1 point from that ballot.

Borda count: a round has n needs. On a ballot that ranks some of them, the need
ranked r (1 is first) gets n - r points; a need the ballot leaves unranked gets 0.
A ballot may rank as few needs as it likes.

Ties: needs with equal points share a position, and the next position skips the
places they took (1, 2, 2, 4). Needs that share a position are listed by title
(then by key), so the same ballots always give the same table.

``count_marks`` counts ballots as they are stored (each need's key to its rank, or None when
approved); ``standings`` lays out points counted before (and kept) as the same table, with the
needs' titles as they are now.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    key: Hashable
    title: str


@dataclass(frozen=True)
class Standing:
    key: Hashable
    title: str
    points: int
    position: int


class InvalidBallot(ValueError):
    """A ballot names a need that is not in the round, or ranks one need twice."""


def approval_count(
    options: Sequence[Option], ballots: Iterable[Iterable[Hashable]]
) -> list[Standing]:
    """Each ballot is the keys of the needs it approves."""
    points = {option.key: 0 for option in options}
    for ballot in ballots:
        approved = list(ballot)
        _check_keys(points, approved)
        for key in set(approved):
            points[key] += 1
    return _standings(options, points)


def borda_count(options: Sequence[Option], ballots: Iterable[Sequence[Hashable]]) -> list[Standing]:
    """Each ballot is the keys of the needs it ranks, first choice first."""
    total = len(options)
    points = {option.key: 0 for option in options}
    for ballot in ballots:
        ranked = list(ballot)
        _check_keys(points, ranked)
        for rank, key in enumerate(ranked, start=1):
            points[key] += total - rank
    return _standings(options, points)


def count_marks(
    options: Sequence[Option],
    ballots: Iterable[Mapping[Hashable, int | None]],
    *,
    ranked: bool,
) -> tuple[int, list[Standing]]:
    """Count ballots as stored: each maps a need's key to its rank (1 is first) or to None (approved).

    A mark for a need that is not among ``options`` (it has left the round) is left out; a ballot
    left with no mark still counts as cast. ``ranked``: a Borda count (unranked marks score nothing),
    else an approval count (every mark approves). Returns how many ballots were cast and the table.
    """
    keys = {option.key for option in options}
    cast = 0
    kept: list[dict[Hashable, int | None]] = []
    for marks in ballots:
        cast += 1
        chosen = {key: rank for key, rank in marks.items() if key in keys}
        if chosen:
            kept.append(chosen)
    if ranked:
        return cast, borda_count(
            options, [ranking_from_ranks({k: r for k, r in b.items() if r}) for b in kept]
        )
    return cast, approval_count(options, [list(b) for b in kept])


def standings(options: Sequence[Option], points: Mapping[Hashable, int]) -> list[Standing]:
    """The table for points counted before: as ``approval_count`` or ``borda_count`` gave it for the
    same options and points (titles may have changed since: ties are listed by the titles given)."""
    return _standings(options, {option.key: points.get(option.key, 0) for option in options})


def ranking_from_ranks(ranks: Mapping[Hashable, int]) -> list[Hashable]:
    """The keys in rank order, from a mapping of key to rank (1 is first)."""
    return [key for key, _rank in sorted(ranks.items(), key=lambda item: item[1])]


def _check_keys(points: dict, keys: list) -> None:
    unknown = [key for key in keys if key not in points]
    if unknown:
        raise InvalidBallot(f"The ballot names needs that are not in the round: {unknown!r}")
    if len(set(keys)) != len(keys):
        raise InvalidBallot("The ballot names a need more than once.")


def _standings(options: Sequence[Option], points: Mapping[Hashable, int]) -> list[Standing]:
    ordered = sorted(
        options, key=lambda option: (-points[option.key], option.title.casefold(), str(option.key))
    )
    standings: list[Standing] = []
    for index, option in enumerate(ordered):
        if standings and standings[-1].points == points[option.key]:
            position = standings[-1].position
        else:
            position = index + 1
        standings.append(
            Standing(
                key=option.key, title=option.title, points=points[option.key], position=position
            )
        )
    return standings
