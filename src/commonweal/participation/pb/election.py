"""The election read from a Pabulib ``.pb`` file: projects, ballots and limits.

Plain immutable values with no Django in sight; :mod:`.pabulib` reads and
writes them, and the rules in :mod:`.rules` and :mod:`.fast` count them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from typing import NamedTuple

VOTE_TYPES = ("approval", "choose-1", "cumulative", "scoring", "ordinal")

Number = int | Fraction


class PabulibError(ValueError):
    """A malformed Pabulib file; ``line`` is 1-based (0 when not tied to a line)."""

    def __init__(self, line: int, problem: str):
        self.line = line
        self.problem = problem
        super().__init__(f"line {line}: {problem}" if line else problem)


def parse_number(text: str) -> Number:
    """Parse ``7200``, ``7200.50``, ``7200,50`` or ``1/3`` exactly (int when integral)."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        return int(text)
    value = Fraction(text.replace(",", "."))
    return value.numerator if value.denominator == 1 else value


def parse_points(text: str) -> Number:
    """Points, as numbers (nearly always small whole ones, read without Fraction)."""
    return parse_number(text)


def format_number(value: Number) -> str:
    if isinstance(value, int) or (isinstance(value, Fraction) and value.denominator == 1):
        return str(int(value))
    # Exact decimal when possible, else a fraction (re-parses exactly).
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den == 1:
        digits = max(twos, fives)
        scaled = value * 10**digits
        sign = "-" if scaled < 0 else ""
        s = str(abs(int(scaled))).rjust(digits + 1, "0")
        return f"{sign}{s[:-digits]}.{s[-digits:]}"
    return f"{value.numerator}/{value.denominator}"


@dataclass(frozen=True)
class Project:
    id: str
    cost: Number
    name: str = ""
    # Every column of the PROJECTS row except project_id and cost, as text, in file order.
    fields: tuple[tuple[str, str], ...] = ()


class Ballot(NamedTuple):
    """One voter's ballot (immutable). A named tuple: a large file has tens of
    thousands, and a tuple is built several times faster than a frozen dataclass."""

    voter_id: str
    # Project ids: a set in file order (approval, choose-1), the ranking
    # best first (ordinal), or the projects given points (cumulative, scoring).
    projects: tuple[str, ...]
    points: tuple[Number, ...] | None = None
    # Other columns (age, sex, voting_method, ...), as text, in file order.
    fields: tuple[tuple[str, str], ...] = ()


new_ballot = partial(tuple.__new__, Ballot)  # new_ballot((voter_id, projects, points, fields))


@dataclass(frozen=True)
class Election:
    meta: tuple[tuple[str, str], ...]
    projects: tuple[Project, ...]
    ballots: tuple[Ballot, ...]
    vote_type: str
    budget: Number
    min_length: int | None = None
    max_length: int | None = None
    min_sum_cost: Number | None = None
    max_sum_cost: Number | None = None
    min_points: Number | None = None
    max_points: Number | None = None
    min_sum_points: Number | None = None
    max_sum_points: Number | None = None
    _index: dict[str, Project] = field(default_factory=dict, compare=False, repr=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {p.id: p for p in self.projects})

    @property
    def meta_dict(self) -> dict[str, str]:
        return dict(self.meta)

    def project(self, project_id: str) -> Project:
        return self._index[project_id]

    @property
    def num_voters(self) -> int:
        return len(self.ballots)


META_NUMBERS: dict[str, Callable[[str], Number]] = {
    "min_length": int,
    "max_length": int,
    "min_sum_cost": parse_number,
    "max_sum_cost": parse_number,
    "min_points": parse_number,
    "max_points": parse_number,
    "min_sum_points": parse_number,
    "max_sum_points": parse_number,
}


def is_none(text: str) -> bool:
    """An empty field, or one that says None (as Pabulib files do for an empty ballot)."""
    return text.strip().lower() in ("", "none")
