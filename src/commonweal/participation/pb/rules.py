"""Participatory budgeting rules, with the semantics of pabutools 1.2.3.

Every rule takes a parsed :class:`~.pabulib.Election` and returns the selected
project ids in selection order. Arithmetic is exact (``int`` and
:class:`fractions.Fraction`), so ties are decided exactly.

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

Rules:

- :func:`greedy`: ``greedy_utilitarian_welfare`` (additive satisfactions).
- :func:`mes`: ``method_of_equal_shares``; each voter starts with
  ``budget / number of ballots`` (empty ballots included).
- :func:`mes_add1`: ``method_of_equal_shares(voter_budget_increment=1)``: raise
  every voter's budget by one currency unit at a time; stop when the outcome
  costs more than the real budget (keep the previous outcome) or when it is
  exhaustive (keep it).
- :func:`mes_add1_greedy`: ``completion_by_rule_combination`` of MES add1 and
  greedy (cost satisfaction): greedy tops up a non-exhaustive MES outcome.
- :func:`mes_budget_increase`: ``exhaustion_by_budget_increase`` with
  ``budget_step`` (default 1% of the budget): re-run MES with the total budget
  raised by ``step`` at a time, same stopping rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

from .pabulib import Election

__all__ = [
    "greedy",
    "mes",
    "mes_add1",
    "mes_add1_greedy",
    "mes_budget_increase",
    "SATISFACTIONS",
]

SATISFACTIONS = ("cost", "cardinality", "cardinal")

_INF = float("inf")


def _default_sat(election: Election) -> str:
    return "cardinal" if election.vote_type in ("cumulative", "scoring") else "cost"


def _voter_sats(election: Election, satisfaction: str) -> list[dict[str, object]]:
    """For each ballot, its satisfaction with each project it supports (sat > 0 only)."""
    if satisfaction not in SATISFACTIONS:
        raise ValueError(f"unknown satisfaction {satisfaction!r}; use one of {SATISFACTIONS}")
    if election.vote_type == "ordinal":
        raise NotImplementedError("ordinal ballots (Borda satisfaction) are not implemented yet")
    costs = {p.id: p.cost for p in election.projects}
    out = []
    for b in election.ballots:
        if satisfaction == "cost":
            d = {pid: costs[pid] for pid in b.projects}
        elif satisfaction == "cardinality":
            d = {pid: 1 for pid in b.projects}
        else:
            if b.points is None:
                raise ValueError("cardinal satisfaction needs cumulative or scoring ballots")
            d = dict(zip(b.projects, b.points))
        out.append({pid: s for pid, s in d.items() if s > 0})
    return out


def _total_cost(election: Election, selected: Iterable[str]) -> object:
    return sum((election.project(pid).cost for pid in selected), 0)


def _is_exhaustive(election: Election, selected: Sequence[str], available=None, budget=None) -> bool:
    """No project outside ``selected`` still fits (pabutools ``Instance.is_exhaustive``)."""
    budget = election.budget if budget is None else budget
    chosen = set(selected)
    cost = _total_cost(election, chosen)
    pool = election.projects if available is None else available
    for p in pool:
        if p.id not in chosen and cost + p.cost <= budget:
            return False
    return True


# --------------------------------------------------------------------------- greedy


def greedy(
    election: Election,
    satisfaction: str | None = None,
    initial: Sequence[str] = (),
) -> list[str]:
    """Greedy by satisfaction density; skip projects that no longer fit.

    Density of a project = total satisfaction / cost (``inf`` for a free project
    with positive satisfaction, 0 for a project nobody is satisfied with).
    With cost satisfaction that is the approval count. Projects are taken in
    decreasing density, ties by project id as a string; a project that does not
    fit the remaining budget is skipped and the next one is tried. Projects with
    density 0 are still taken if they fit, as pabutools does.
    """
    satisfaction = satisfaction or _default_sat(election)
    totals: dict[str, object] = {p.id: 0 for p in election.projects}
    for sats in _voter_sats(election, satisfaction):
        for pid, s in sats.items():
            totals[pid] += s

    def density(p):
        t = totals[p.id]
        if t > 0:
            return Fraction(t) / p.cost if p.cost > 0 else _INF
        return 0

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


# --------------------------------------------------------------------------- MES


class _MESData:
    """Projects MES can fund, with their supporters and satisfactions."""

    def __init__(self, election: Election, satisfaction: str, initial: Sequence[str]):
        self.election = election
        voter_sats = _voter_sats(election, satisfaction)
        self.n = len(voter_sats)
        # Voters with identical ballots always hold identical budgets (they pay
        # the same shares), so MES runs on groups of them with a multiplicity;
        # this is exact, not an approximation.
        groups: dict[tuple, int] = {}
        for sats in voter_sats:
            key = tuple(sorted(sats.items()))
            groups[key] = groups.get(key, 0) + 1
        self.mult = list(groups.values())
        chosen = set(initial)
        supporters: dict[str, list[tuple[int, object]]] = {p.id: [] for p in election.projects}
        for g, key in enumerate(groups):
            for pid, sat in key:
                supporters[pid].append((g, sat))
        self.free: list[str] = []  # zero-cost projects with positive satisfaction
        self.candidates: list = []  # positive cost, positive total satisfaction
        self.supporters: dict[str, list[tuple[int, object]]] = {}
        self.total_sat: dict[str, object] = {}
        for p in election.projects:
            if p.id in chosen:
                continue
            sups = supporters[p.id]
            total = sum((self.mult[g] * s for g, s in sups), 0)
            if total > 0:
                if p.cost > 0:
                    self.candidates.append(p)
                    self.supporters[p.id] = sups
                    self.total_sat[p.id] = total
                else:
                    # pabutools appends these to the initial allocation (in set
                    # order); we use id order.
                    self.free.append(p.id)
        self.free.sort()
        # Projects whose supporters all have the same satisfaction (always so for
        # approval ballots): supporters can then be ordered by budget alone.
        self.uniform_sat = {
            pid for pid, sups in self.supporters.items() if len({s for _, s in sups}) == 1
        }
        self.group_projects: list[list[str]] = [[] for _ in self.mult]
        for pid, sups in self.supporters.items():
            for g, _ in sups:
                self.group_projects[g].append(pid)
        self.initial = list(initial) + self.free

    def run(self, per_voter) -> list[str]:
        """One run of MES with every voter starting at ``per_voter``."""
        mult = self.mult
        budgets = [per_voter] * len(mult)  # per voter, for each group of identical ballots
        cost = {p.id: p.cost for p in self.candidates}
        afford = {pid: Fraction(cost[pid], self.total_sat[pid]) for pid in cost}
        remaining = set(cost)
        supporters = self.supporters
        # Money the supporters of each project still hold, kept up to date exactly.
        available = {
            pid: sum((mult[g] for g, _ in supporters[pid]), 0) * per_voter for pid in cost
        }
        selected = list(self.initial)
        while True:
            best = _INF
            tied: list[str] = []
            # Projects in increasing last-known affordability (a lower bound: budgets
            # only go down), so we can stop once it exceeds the best found so far.
            for pid in sorted(remaining, key=lambda q: (afford[q], q)):
                sups = supporters[pid]
                c = cost[pid]
                if available[pid] < c:
                    remaining.discard(pid)  # its supporters can no longer cover it
                    continue
                if afford[pid] > best:
                    break
                # Smallest rho with sum_i min(budget_i, rho * sat_i) = cost:
                # supporters in increasing budget/sat; the poorer ones pay all they have.
                if pid in self.uniform_sat:
                    order = sorted(sups, key=lambda t: budgets[t[0]])
                else:
                    order = sorted(sups, key=lambda t: Fraction(budgets[t[0]]) / t[1])
                paid = 0
                denom = self.total_sat[pid]
                for g, s in order:
                    rho = Fraction(c - paid) / denom
                    if rho * s <= budgets[g]:
                        afford[pid] = rho
                        if rho < best:
                            best, tied = rho, [pid]
                        elif rho == best:
                            tied.append(pid)
                        break
                    paid += mult[g] * budgets[g]
                    denom -= mult[g] * s
            if not tied:
                return selected
            chosen = min(tied)  # tie-breaking: project id compared as a string
            selected.append(chosen)
            remaining.discard(chosen)
            for g, s in supporters[chosen]:
                pay = min(budgets[g], best * s)
                if pay:
                    budgets[g] -= pay
                    total = mult[g] * pay
                    for q in self.group_projects[g]:
                        if q in remaining:
                            available[q] -= total


def mes(
    election: Election,
    satisfaction: str | None = None,
    initial: Sequence[str] = (),
    budget=None,
) -> list[str]:
    """Method of Equal Shares (no completion). ``budget`` overrides the election's."""
    satisfaction = satisfaction or _default_sat(election)
    if not election.ballots:
        return list(initial)
    data = _MESData(election, satisfaction, initial)
    total = election.budget if budget is None else budget
    return data.run(Fraction(total) / data.n)


def mes_add1(
    election: Election,
    satisfaction: str | None = None,
    initial: Sequence[str] = (),
    increment=1,
) -> list[str]:
    """MES completed by add1: voters' budgets rise by ``increment`` per pass."""
    satisfaction = satisfaction or _default_sat(election)
    if not election.ballots:
        return list(initial)
    data = _MESData(election, satisfaction, initial)
    per_voter = Fraction(election.budget) / data.n
    previous = list(data.initial)
    while True:
        outcome = data.run(per_voter)
        if _total_cost(election, outcome) > election.budget:
            return previous
        if _is_exhaustive(election, outcome, available=data.candidates):
            return outcome
        per_voter += increment
        previous = outcome


def mes_add1_greedy(election: Election, satisfaction: str | None = None) -> list[str]:
    """MES add1, then (if not exhaustive) greedy with the same satisfaction tops it up."""
    satisfaction = satisfaction or _default_sat(election)
    outcome = mes_add1(election, satisfaction)
    if _is_exhaustive(election, outcome):
        return outcome
    return greedy(election, satisfaction, initial=outcome)


def mes_budget_increase(
    election: Election,
    satisfaction: str | None = None,
    step=None,
    initial: Sequence[str] = (),
) -> list[str]:
    """MES re-run with the total budget raised by ``step`` (default 1% of the budget)."""
    satisfaction = satisfaction or _default_sat(election)
    budget = Fraction(election.budget)
    step = budget / 100 if step is None else Fraction(step)
    if step <= 0:
        raise ValueError("step must be positive")
    bound = budget * (len(election.ballots) + 1)
    current = budget
    previous = list(initial)
    if not election.ballots:
        return previous
    data = _MESData(election, satisfaction, initial)
    while current <= bound:
        outcome = data.run(current / data.n)
        if _total_cost(election, outcome) > election.budget:
            return previous
        if _is_exhaustive(election, outcome):
            return outcome
        current += step
        previous = outcome
    return previous
