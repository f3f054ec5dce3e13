"""Results that explain themselves: who paid what for each funded project, and why others lost.

:func:`explain` replays the rule that produced an :class:`~.outcome.Outcome`, exactly
(``int`` and :class:`~fractions.Fraction`), with the engine's semantics:

- MES: every voter starts with ``outcome.voter_budget``; at each step the project with
  the lowest price per unit of satisfaction (rho) is funded, ties going to the project
  id that is smallest as a string; each supporter pays ``min(money left, rho * sat)``.
  The replay follows ``outcome.selected`` (minus ``outcome.topped_up``) and raises
  :class:`ReplayError` if MES would have chosen differently at any step, or would have
  gone on to fund something more.
- Greedy (and a greedy top-up after MES): projects in decreasing total satisfaction per
  unit of cost, ties by id as a string; a project that no longer fits is skipped.

The result is structured (the web page words it); :meth:`Explanation.sentences` gives
plain-English sentences and :func:`chart_rows` the rows for the outcome chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from .explanation import (
    BY_GREEDY,
    BY_MES,
    DID_NOT_FIT,
    FREE,
    NO_SUPPORT,
    NO_WEIGHT,
    SUPPORTERS_SHORT,
    TOPPED_UP,
    ChartRow,
    Explanation,
    FundedProject,
    PaymentGroup,
    ReplayError,
    UnfundedProject,
    chart_rows,
)
from .outcome import Number, Outcome
from .pabulib import Election, Project
from .words import format_money

__all__ = [
    "BY_GREEDY",
    "BY_MES",
    "DID_NOT_FIT",
    "FREE",
    "NO_SUPPORT",
    "NO_WEIGHT",
    "SUPPORTERS_SHORT",
    "TOPPED_UP",
    "ChartRow",
    "Explanation",
    "FundedProject",
    "PaymentGroup",
    "ReplayError",
    "UnfundedProject",
    "chart_rows",
    "explain",
    "format_money",
]

_INF = float("inf")

# Why each unfunded project was not funded: UnfundedProject's fields (but its id, name, cost
# and votes), by project id.
Why = dict[str, dict[str, Any]]


# --------------------------------------------------------------------------- satisfaction


def _ballot_sats(election: Election, satisfaction: str) -> list[dict[str, Number]]:
    """Each ballot's satisfaction with each project it gives positive satisfaction (pabutools)."""
    costs = {p.id: p.cost for p in election.projects}
    out = []
    for b in election.ballots:
        d: dict[str, Number]
        if satisfaction == "cost":
            d = {pid: costs[pid] for pid in b.projects}
        elif satisfaction == "cardinality":
            d = dict.fromkeys(b.projects, 1)
        elif satisfaction == "cardinal":
            if b.points is None:
                raise ValueError("cardinal satisfaction needs cumulative or scoring ballots")
            d = dict(zip(b.projects, b.points, strict=False))
        elif satisfaction == "borda":
            # Additive_Borda_Sat: ballot length minus position minus 1 (the last scores 0).
            k = len(b.projects)
            d = {pid: k - pos - 1 for pos, pid in enumerate(b.projects)}
        else:
            raise ValueError(f"unknown satisfaction {satisfaction!r}")
        # A project given no satisfaction (cost 0 under cost satisfaction, 0 points) is
        # still "voted for"; vote counts use the ballot, payments use positive satisfaction.
        out.append(d)
    return out


def _votes(election: Election) -> dict[str, int]:
    votes = {p.id: 0 for p in election.projects}
    for b in election.ballots:
        for pid in set(b.projects):
            votes[pid] += 1
    return votes


# --------------------------------------------------------------------------- entry point


def explain(election: Election, outcome: Outcome) -> Explanation:
    """Replay the rule behind ``outcome`` and explain every project (exact arithmetic)."""
    sats = _ballot_sats(election, outcome.satisfaction)
    votes = _votes(election)
    selected = list(outcome.selected)
    unknown = [pid for pid in selected if pid not in {p.id for p in election.projects}]
    if unknown or len(set(selected)) != len(selected):
        raise ReplayError(f"the outcome names unknown or repeated projects: {unknown or selected}")
    if outcome.rule == "greedy":
        funded, unfunded_why = _replay_greedy(
            election, sats, votes, selected, (), outcome.satisfaction
        )
        extra: dict[str, Fraction] = {}
    elif outcome.rule == "mes":
        voter_budget = outcome.voter_budget
        if voter_budget is None:
            if election.ballots:
                raise ReplayError("an MES outcome needs its voter_budget to be explained")
            voter_budget = Fraction(0)  # nobody voted: nothing to pay with
        topped = set(outcome.topped_up)
        mes_part = [pid for pid in selected if pid not in topped]
        if selected[len(mes_part) :] != list(outcome.topped_up):
            raise ReplayError("projects added by the top-up must come after the MES ones")
        funded, unfunded_why, extra = _replay_mes(
            election, sats, votes, mes_part, Fraction(voter_budget)
        )
        if outcome.topped_up:
            left = Fraction(election.budget) - sum((election.project(p).cost for p in mes_part), 0)
            extra["left_before_top_up"] = left
            top_funded, top_why = _replay_greedy(
                election, sats, votes, selected, mes_part, outcome.satisfaction, how=TOPPED_UP
            )
            funded += top_funded
            for topped_project in top_funded:
                unfunded_why.pop(topped_project.project_id, None)
            for pid, why in top_why.items():
                if pid in unfunded_why:  # keep the MES reason; add the top-up's
                    unfunded_why[pid]["left_at_turn"] = why["left_at_turn"]
    else:
        raise ReplayError(f"unknown rule {outcome.rule!r}")
    unfunded = []
    for p in election.projects:
        if p.id in unfunded_why:
            unfunded.append(
                UnfundedProject(
                    project_id=p.id,
                    name=p.name,
                    cost=p.cost,
                    votes=votes[p.id],
                    **unfunded_why[p.id],
                )
            )
    unfunded.sort(key=lambda u: (-u.votes, u.project_id))
    return Explanation(
        rule=outcome.rule,
        satisfaction=outcome.satisfaction,
        completion=outcome.completion,
        budget=election.budget,
        spent=sum((election.project(pid).cost for pid in selected), 0),
        funded=tuple(funded),
        unfunded=tuple(unfunded),
        voter_ids=tuple(b.voter_id for b in election.ballots),
        **extra,
    )


# --------------------------------------------------------------------------- greedy


def _replay_greedy(
    election: Election,
    sats: list[dict[str, Number]],
    votes: dict[str, int],
    selected: Sequence[str],
    initial: Sequence[str],
    outcome_satisfaction: str,
    how: str = BY_GREEDY,
) -> tuple[list[FundedProject], Why]:
    """Walk greedy's order; check it picks exactly ``selected[len(initial):]``."""
    totals: dict[str, Number] = {p.id: 0 for p in election.projects}
    for d in sats:
        for pid, s in d.items():
            totals[pid] += s

    # As the engine (and pabutools) do: Borda is not treated as additive, so every free
    # project comes first even when nobody scores it.
    free_is_best = outcome_satisfaction == "borda"

    def density(p: Project) -> Number | float:
        t = totals[p.id]
        if p.cost == 0:
            return _INF if (t > 0 or free_is_best) else 0
        return Fraction(t) / p.cost if t > 0 else 0

    chosen = set(initial)
    candidates = sorted((p for p in election.projects if p.id not in chosen), key=lambda p: p.id)
    order = sorted(candidates, key=lambda p: -density(p))  # stable: ties stay in id order
    expected = list(selected[len(initial) :])
    left = Fraction(election.budget) - sum((election.project(pid).cost for pid in initial), 0)
    funded: list[FundedProject] = []
    why: Why = {}
    k = 0
    for p in order:
        if p.cost <= left:
            if k >= len(expected) or expected[k] != p.id:
                got = expected[k] if k < len(expected) else "nothing more"
                raise ReplayError(f"greedy would add project {p.id} next, not {got}")
            k += 1
            funded.append(
                FundedProject(
                    project_id=p.id,
                    name=p.name,
                    cost=p.cost,
                    votes=votes[p.id],
                    position=len(initial) + k,
                    how=how,
                    left_before=left,
                    left_after=left - p.cost,
                )
            )
            left -= p.cost
        else:
            reason = NO_SUPPORT if votes[p.id] == 0 else DID_NOT_FIT
            why[p.id] = {"reason": reason, "left_at_turn": left}
    if k != len(expected):
        raise ReplayError(f"greedy would not add project {expected[k]}")
    return funded, why


# --------------------------------------------------------------------------- MES


def _replay_mes(
    election: Election,
    sats: list[dict[str, Number]],
    votes: dict[str, int],
    mes_part: Sequence[str],
    voter_budget: Fraction,
) -> tuple[list[FundedProject], Why, dict[str, Fraction]]:
    """Replay MES from ``voter_budget`` each, following ``mes_part``; see the module docstring."""
    # Ballots with identical satisfactions always hold identical money, so the replay runs
    # on groups of them. Groups that have paid the same amounts so far share a "class"
    # (the same money and the same payment history): the exact Fraction arithmetic is
    # then done once per class, not once per ballot.
    group_of: dict[tuple, int] = {}
    members: list[list[int]] = []
    for i, d in enumerate(sats):
        key = tuple(sorted((pid, s) for pid, s in d.items() if s > 0))
        g = group_of.setdefault(key, len(members))
        if g == len(members):
            members.append([])
        members[g].append(i)
    mult = [len(m) for m in members]
    supporters: dict[str, list[tuple[int, Number]]] = {p.id: [] for p in election.projects}
    for key, g in group_of.items():
        for pid, s in key:
            supporters[pid].append((g, s))
    money: list[Fraction] = [voter_budget]  # per class
    money_f: list[float] = [float(voter_budget)]  # the same, for a fast first ordering
    broke: list[bool] = [voter_budget == 0]
    # Every distinct payment made, as (project, amount); a class's history lists the
    # payments its voters made (indices into this list).
    payments: list[tuple[str, Fraction]] = []
    history: list[tuple[int, ...]] = [()]  # per class
    cls = [0] * len(members)  # class of each group
    cost = {p.id: p.cost for p in election.projects}
    total_sat = {pid: sum((mult[g] * s for g, s in sups), 0) for pid, sups in supporters.items()}
    remaining = {pid for pid in cost if cost[pid] > 0 and total_sat[pid] > 0}
    lower = {pid: Fraction(cost[pid]) / total_sat[pid] for pid in remaining}  # rho only rises

    def by_class(pid: str) -> dict[tuple[int, Number], int]:
        """Supporters of ``pid`` as {(class, satisfaction): number of voters}."""
        out: dict[tuple[int, Number], int] = {}
        for g, s in supporters[pid]:
            k = (cls[g], s)
            out[k] = out.get(k, 0) + mult[g]
        return out

    def price(pid: str) -> Fraction | None:
        """Smallest rho with sum of min(money, rho * sat) over supporters = cost, or None."""
        # Supporters in increasing money / sat: the poorer ones pay all they have left.
        # Sorting by a float key is fast; the few supporters whose key is too close to
        # call are then checked exactly, and only if one is out of order is the exact
        # order used.
        terms = sorted(
            ((money_f[c] / s, c, s, count) for (c, s), count in by_class(pid).items()),
            key=lambda t: t[0],
        )
        paid: Number = 0
        denom = total_sat[pid]
        for k, (_, c, s, count) in enumerate(terms):  # noqa: B007 (k is read after the loop)
            if broke[c]:  # no money left: pays nothing at any price
                denom -= count * s
                continue
            rho = Fraction(cost[pid] - paid) / denom
            if rho * s <= money[c]:
                break
            paid += count * money[c]  # these supporters pay all they have left
            denom -= count * s
        else:
            return None  # its supporters hold less than it costs
        # Every earlier supporter was checked exactly to pay all it has (and rho only rises
        # as they are set aside); the later ones must each afford rho * sat.
        near = float(rho) * (1 + 1e-9) + 1e-300
        for key, c, s, _ in terms[k + 1 :]:
            if key > near:
                return rho
            if rho * s > money[c]:
                return _exact_price(pid)
        return rho

    def _exact_price(pid: str) -> Fraction | None:
        terms = sorted(by_class(pid).items(), key=lambda kv: money[kv[0][0]] / kv[0][1])
        paid: Number = 0
        denom = total_sat[pid]
        for (c, s), count in terms:
            rho = Fraction(cost[pid] - paid) / denom
            if rho * s <= money[c]:
                return rho
            paid += count * money[c]
            denom -= count * s
        return None

    funded: list[FundedProject] = []
    for step, pid in enumerate(mes_part, start=1):
        name = election.project(pid).name
        if cost[pid] == 0:
            if total_sat[pid] <= 0:
                raise ReplayError(
                    f"MES would not add project {pid}: it is free but nobody wants it"
                )
            funded.append(FundedProject(pid, name, 0, votes[pid], step, FREE, price=Fraction(0)))
            continue
        if pid not in remaining:
            raise ReplayError(
                f"step {step}: MES cannot fund project {pid} (no support or already funded)"
            )
        best: Fraction | float = _INF
        tied: list[str] = []
        for q in sorted(remaining, key=lambda q: (lower[q], q)):
            if lower[q] > best:
                break
            rho = price(q)
            if rho is None:
                remaining.discard(q)  # money only goes down: it can never be afforded
                continue
            lower[q] = rho
            if rho < best:
                best, tied = rho, [q]
            elif rho == best:
                tied.append(q)
        if not tied:
            raise ReplayError(
                f"step {step}: MES cannot fund project {pid}: its supporters cannot cover it"
            )
        assert isinstance(best, Fraction)  # the price the tied projects share
        choice = min(tied)
        if choice != pid:
            raise ReplayError(f"step {step}: MES would fund project {choice}, not {pid}")
        remaining.discard(pid)
        moved: dict[tuple[int, Number], tuple[int, Fraction, bool]] = {}
        by_class_paid: dict[int, list[int]] = {}  # new class -> ballots that moved into it
        for g, s in supporters[pid]:
            k = (cls[g], s)
            if k not in moved:
                due = best * s
                pay = min(money[k[0]], due)
                money.append(money[k[0]] - pay)
                money_f.append(float(money[-1]))
                broke.append(money[-1] == 0)
                if pay:
                    payments.append((pid, pay))
                    history.append(history[k[0]] + (len(payments) - 1,))
                else:
                    history.append(history[k[0]])
                moved[k] = (len(money) - 1, pay, pay < due)
            c = moved[k][0]
            cls[g] = c
            by_class_paid.setdefault(c, []).extend(members[g])  # int keys: cheap to hash
        # Classes that paid the same amount (in the same way) form one payment group.
        by_amount: dict[tuple[Fraction, bool], list[int]] = {}
        for c, pay, short in moved.values():
            if pay:
                by_amount.setdefault((pay, short), []).extend(by_class_paid[c])
        groups = tuple(
            PaymentGroup(amount, tuple(sorted(ballots)), short)
            for (amount, short), ballots in sorted(by_amount.items(), key=lambda kv: -kv[0][0])
        )
        funded.append(
            FundedProject(
                pid, name, cost[pid], votes[pid], step, BY_MES, price=best, payment_groups=groups
            )
        )
    order = {pid: k for k, pid in enumerate(mes_part)}
    why: Why = {}
    for p in election.projects:
        if p.id in order:
            continue
        if total_sat[p.id] <= 0:
            why[p.id] = {"reason": NO_SUPPORT if votes[p.id] == 0 else NO_WEIGHT}
            continue
        holding = by_class(p.id)
        payers: dict[int, int] = {}  # payment index -> how many of its supporters made it
        for (c, _), count in holding.items():
            for x in history[c]:
                payers[x] = payers.get(x, 0) + count
        spent_on: dict[str, Fraction] = {}
        for x, count in payers.items():
            q, pay = payments[x]
            spent_on[q] = spent_on.get(q, Fraction(0)) + count * pay
        supporters_count = sum(holding.values())
        spent = sum(spent_on.values(), Fraction(0))
        # Everyone started with voter_budget, so what they hold is what they did not spend.
        held = supporters_count * voter_budget - spent
        if held >= cost[p.id]:
            # Every supporter has positive satisfaction, so enough money means a price exists.
            raise ReplayError(f"MES would go on to fund project {p.id}")
        why[p.id] = {
            "reason": SUPPORTERS_SHORT,
            "supporters": supporters_count,
            "supporters_held": held,
            "supporters_spent": spent,
            "spent_on": tuple(sorted(spent_on.items(), key=lambda kv: order[kv[0]])),
        }
    paid = sum((p.paid for p in funded), Fraction(0))
    extra = {
        "voter_budget": voter_budget,
        "voters_money": voter_budget * len(sats),
        "voters_unspent": voter_budget * len(sats) - paid,
    }
    return funded, why, extra
