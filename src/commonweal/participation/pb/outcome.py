"""What a PB rule returns: the projects it selected and what is needed to explain them."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

Number = int | Fraction

RULES = ("greedy", "mes")
COMPLETIONS = ("none", "add1", "add1-greedy", "budget-increase")


@dataclass(frozen=True)
class Outcome:
    # Project ids as in the file, in the order the rule selected them.
    selected: tuple[str, ...]
    # Total cost of the selected projects.
    cost: Number
    rule: str  # one of RULES
    satisfaction: str  # "cost", "cardinality", "cardinal" or "borda"
    completion: str = "none"  # one of COMPLETIONS
    # MES only: each voter's starting budget in the run whose outcome was kept
    # (the budget over the number of ballots, raised by the completion).
    voter_budget: Fraction | None = None
    # Projects added after MES by a greedy top-up (add1-greedy), in order; also in ``selected``.
    topped_up: tuple[str, ...] = ()
    # How many MES runs the completion took, counted as pabutools makes them
    # (1 without completion).
    passes: int = 1
    # How many of those runs were computed: the others were proven to give the
    # same outcome as a computed one (see fast.py), so were skipped.
    runs: int = 1
    # MES with the add1 completions: what the first run chose cost, with each voter's budget
    # the budget over the number of ballots (before the completion raised it). None otherwise.
    first_pass_cost: Number | None = None
