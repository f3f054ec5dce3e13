"""Participatory budgeting rules, with the semantics of pabutools 1.2.3.

:func:`tally` runs any rule and completion and returns an :class:`~.outcome.Outcome`
(``selected`` holds the project ids in selection order).
Decisions are exact: greedy uses ``int`` and :class:`fractions.Fraction`, and
MES (in :mod:`.fast`) uses floats only where an exact re-check confirms them.

Tie-breaking (stated and deterministic): among projects tied on the rule's
criterion, the one whose id is smallest *as a string* wins ("10" < "9"), as
pabutools' ``lexico_tie_breaking`` does.

Satisfaction measures (pabutools names):

- ``cost`` (``Cost_Sat``): a voter's satisfaction with a project they approve is
  its cost. Greedy by cost satisfaction is greedy by approval count.
- ``cardinality`` (``Cardinality_Sat``): 1 per approved project. Greedy then
  orders by approvals per unit of cost.
- ``cardinal`` (``Additive_Cardinal_Sat``): the points the voter gave the
  project (cumulative/scoring ballots); greedy orders by points per unit of cost.
- ``borda`` (``Additive_Borda_Sat``, ranked ballots): a project ranked at
  position i (0 = first) on a ballot ranking k projects scores k - 1 - i, so
  the last-ranked project and unranked projects score 0. pabutools does not
  treat it as additive, so its greedy gives every free project an infinite
  density even when nobody scores it; we do the same.

Rules and completions (``tally(rule=..., completion=...)``):

- ``rule="greedy"``: ``greedy_utilitarian_welfare`` (additive satisfactions).
- ``rule="mes"``: ``method_of_equal_shares``; each voter starts with
  ``budget / number of ballots`` (empty ballots included).
- ``completion="add1"``: ``method_of_equal_shares(voter_budget_increment=1)``: raise
  every voter's budget by one currency unit at a time; stop when the outcome
  costs more than the real budget (keep the previous outcome) or when it is
  exhaustive (keep it).
- ``completion="add1-greedy"``: ``completion_by_rule_combination`` of MES add1 and
  greedy (same satisfaction): greedy tops up a non-exhaustive MES outcome.
- ``completion="budget-increase"``: ``exhaustion_by_budget_increase`` with
  ``budget_step`` (``step``, default 1% of the budget): re-run MES with the total
  budget raised by ``step`` at a time, same stopping rule.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

from .election import Number, Project
from .fast import MESEngine, Support, Supporters
from .outcome import COMPLETIONS, RULES, Outcome
from .pabulib import Election

__all__ = [
    "tally",
    "supporters",
    "default_satisfaction",
    "SATISFACTIONS",
]

SATISFACTIONS = ("cost", "cardinality", "cardinal", "borda")

# Which satisfactions each ballot type allows (pabutools raises for the others).
ALLOWED = {
    "approval": ("cost", "cardinality"),
    "choose-1": ("cost", "cardinality"),
    "cumulative": ("cardinal",),
    "scoring": ("cardinal",),
    "ordinal": ("borda",),
}

_INF = float("inf")


def default_satisfaction(election: Election) -> str:
    """Cost for approval and choose-1 ballots, cardinal for points, Borda for rankings."""
    return ALLOWED[election.vote_type][0]


def supporters(election: Election, satisfaction: str) -> Support:
    """For each project: the ballots (by index) with positive satisfaction, and their satisfactions.

    The second item is one number when every supporter's satisfaction is the
    same (approval ballots), else a list aligned with the ballot indices.
    """
    if satisfaction not in SATISFACTIONS:
        raise ValueError(
            f"unknown satisfaction {satisfaction!r}; use one of {', '.join(SATISFACTIONS)}"
        )
    if satisfaction not in ALLOWED[election.vote_type]:
        raise ValueError(
            f"{satisfaction} satisfaction does not apply to {election.vote_type} ballots; "
            f"use {' or '.join(ALLOWED[election.vote_type])}"
        )
    voters: dict[str, list[int]] = {p.id: [] for p in election.projects}
    if satisfaction in ("cost", "cardinality"):
        for v, b in enumerate(election.ballots):
            for pid in b.projects:
                voters[pid].append(v)
        out: Support = {}
        for p in election.projects:
            sat = p.cost if satisfaction == "cost" else 1
            out[p.id] = (voters[p.id], sat) if sat > 0 else ([], sat)
        return out
    sats: dict[str, list[Number]] = {p.id: [] for p in election.projects}
    for v, b in enumerate(election.ballots):
        scored: Iterable[tuple[str, Number]]
        if satisfaction == "cardinal":
            assert b.points is not None  # the reader gives points ballots their points
            scored = zip(b.projects, b.points, strict=False)
        else:  # Borda: ranked k projects score k - 1, k - 2, ..., 0
            k = len(b.projects)
            scored = zip(b.projects, range(k - 1, -1, -1), strict=False)
        for pid, s in scored:
            if s > 0:
                voters[pid].append(v)
                sats[pid].append(s)
    return {pid: (voters[pid], sats[pid]) for pid in voters}


def _total_cost(election: Election, selected: Iterable[str]) -> Number:
    return sum((election.project(pid).cost for pid in selected), 0)


def _is_exhaustive(
    election: Election,
    selected: Sequence[str],
    pool: Sequence[Project | Supporters] | None = None,
    budget: Number | None = None,
) -> bool:
    """No project outside ``selected`` still fits (pabutools ``Instance.is_exhaustive``)."""
    budget = election.budget if budget is None else budget
    chosen = set(selected)
    cost = _total_cost(election, chosen)
    for p in election.projects if pool is None else pool:
        if p.id not in chosen and cost + p.cost <= budget:
            return False
    return True


# --------------------------------------------------------------------------- greedy


def _greedy(
    election: Election, satisfaction: str, initial: Sequence[str], support: Support | None = None
) -> list[str]:
    support = support or supporters(election, satisfaction)
    # pabutools treats Borda as not additive: its greedy gives any free project an
    # infinite density; for the additive satisfactions only a free project with
    # supporters gets it (one nobody is satisfied with has density 0).
    free_is_best = satisfaction == "borda"

    def density(p: Project) -> Number | float:
        voters, sat = support[p.id]
        total = sat * len(voters) if not isinstance(sat, list) else sum(sat)
        if p.cost == 0:
            return _INF if (total > 0 or free_is_best) else 0
        return Fraction(total) / p.cost if total > 0 else 0

    selection = list(initial)
    chosen = set(selection)
    candidates = sorted((p for p in election.projects if p.id not in chosen), key=lambda p: p.id)
    order = sorted(candidates, key=lambda p: -density(p))  # stable: ties stay in id order
    remaining = election.budget - _total_cost(election, selection)
    for p in order:
        if p.cost <= remaining:
            selection.append(p.id)
            remaining -= p.cost
    return selection


# --------------------------------------------------------------------------- tally


def tally(
    election: Election,
    *,
    rule: str,
    satisfaction: str | None = None,
    completion: str = "none",
    step: Number | None = None,
) -> Outcome:
    """Run a rule (greedy or MES) with a satisfaction and, for MES, a completion."""
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; use one of {', '.join(RULES)}")
    if completion not in COMPLETIONS:
        raise ValueError(f"unknown completion {completion!r}; use one of {', '.join(COMPLETIONS)}")
    satisfaction = satisfaction or default_satisfaction(election)
    support = supporters(election, satisfaction)

    def done(selected: Sequence[str], **extra: Any) -> Outcome:
        return Outcome(
            selected=tuple(selected),
            cost=_total_cost(election, selected),
            rule=rule,
            satisfaction=satisfaction,
            **extra,
        )

    if rule == "greedy":
        return done(_greedy(election, satisfaction, (), support))
    if not election.ballots:
        return done([], completion=completion, passes=0)
    _check_float_range(election)
    engine = MESEngine(election, support)
    n = engine.n
    budget = Fraction(election.budget)
    if completion == "none":
        return done(engine.run(budget / n), voter_budget=budget / n)
    if completion == "budget-increase":
        step = budget / 100 if step is None else Fraction(step)
        if step <= 0:
            raise ValueError("the budget-increase step must be more than 0")
        selected, per_voter, passes, runs = _budget_increase(election, engine, step)
        return done(
            selected, completion=completion, voter_budget=per_voter, passes=passes, runs=runs
        )
    selected, per_voter, passes, runs, first_pass_cost = _add1(election, engine)
    extra = {
        "completion": completion,
        "voter_budget": per_voter,
        "passes": passes,
        "runs": runs,
        "first_pass_cost": first_pass_cost,
    }
    if completion == "add1" or _is_exhaustive(election, selected):
        return done(selected, **extra)
    full = _greedy(election, satisfaction, selected, support)
    return done(full, topped_up=tuple(full[len(selected) :]), **extra)


def _check_float_range(election: Election) -> None:
    """MES narrows its choices in floating point: every amount must be one a float can hold."""
    for amount in (election.budget, *(p.cost for p in election.projects)):
        try:
            value = float(amount)
        except OverflowError:
            value = math.inf
        if math.isinf(value) or (amount and not value):
            what = "the budget" if amount is election.budget else "a project's cost"
            raise ValueError(
                f"The Method of Equal Shares cannot count this election: {what} is too big or "
                "too small for it (it counts amounts from about 1e-300 to 1e300)"
            )


def _jump(reach: float, at: Fraction, step: Fraction) -> int | None:
    """How many steps of ``step`` from ``at`` reach the first budget not proven to give the same outcome.

    None: no budget above ``at`` changes the outcome.
    """
    if math.isinf(reach):
        return None
    try:
        size = float(step)
    except OverflowError:
        # A step too big for a float: one step goes past any budget a float can hold.
        return 1
    return max(1, math.ceil((reach - float(at)) / size))


def _add1(
    election: Election, engine: MESEngine
) -> tuple[list[str], Fraction, int, int, Number | None]:
    """pabutools' voter_budget_increment=1: (selection, per-voter budget of it, passes, runs, and
    what the first run's selection costs, at the budget over the number of ballots).

    Like pabutools, each pass raises every voter's budget by 1; a run that proves
    the next k budgets give the same outcome lets us skip them (their outcome
    would be neither over budget nor exhaustive either), so ``passes`` counts
    pabutools' passes and ``runs`` the MES runs actually made.
    """
    per_voter = Fraction(election.budget) / engine.n
    previous, previous_budget = list(engine.initial), per_voter
    passes = runs = 0
    first_cost: Number | None = None
    while True:
        outcome, reach = engine.run_with_reach(per_voter)
        runs += 1
        passes += 1
        cost = _total_cost(election, outcome)
        if first_cost is None:
            first_cost = cost
        if cost > election.budget:
            return previous, previous_budget, passes, runs, first_cost
        if _is_exhaustive(election, outcome, pool=engine.candidates):
            return outcome, per_voter, passes, runs, first_cost
        jump = _jump(reach, per_voter, Fraction(1))
        if jump is None:
            # pabutools would raise the budgets for ever; the outcome cannot change.
            return outcome, per_voter, passes, runs, first_cost
        passes += jump - 1
        per_voter += jump
        previous, previous_budget = outcome, per_voter - 1


def _budget_increase(
    election: Election, engine: MESEngine, step: Fraction
) -> tuple[list[str], Fraction | None, int, int]:
    """pabutools' exhaustion_by_budget_increase around MES (skipping passes as _add1 does)."""
    budget = Fraction(election.budget)
    bound = budget * (engine.n + 1)
    current = budget
    previous: list[str] = []
    previous_budget: Fraction | None = None
    passes = runs = 0
    while current <= bound:
        outcome, reach = engine.run_with_reach(current / engine.n)
        runs += 1
        passes += 1
        if _total_cost(election, outcome) > election.budget:
            return previous, previous_budget, passes, runs
        if _is_exhaustive(election, outcome):
            return outcome, current / engine.n, passes, runs
        last = int((bound - current) // step) + 1  # steps to just past the bound
        jump = min(_jump(reach, current / engine.n, step / engine.n) or last, last)
        passes += jump - 1
        current += jump * step
        previous, previous_budget = outcome, (current - step) / engine.n
    return previous, previous_budget, passes, runs
