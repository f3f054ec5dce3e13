"""Does an outcome give extended justified representation (EJR)? Approval and choose-one ballots.

The definition is pabutools' ``is_EJR_approval`` (pabutools/analysis/justifiedrepresentation.py,
with ``cohesive_groups``), for cost or cardinality satisfaction. With ``n`` ballots and budget
``B``, a group ``S`` of ballots and a set ``T`` of projects are *cohesive* when ``S`` and ``T``
are not empty, every ballot in ``S`` approves every project in ``T``, and
``n * cost(T) <= |S| * B`` (the group's share of the budget pays for ``T``). The outcome ``W``
satisfies EJR when every cohesive pair has a ballot ``i`` in ``S`` with
``sat_i(W) >= sat_i(T)``; with cost satisfaction ``sat_i(T) = cost(T)``, with cardinality
satisfaction ``sat_i(T) = |T|``.

pabutools enumerates every subset of voters and of projects, which only works for a handful
of each. Here, for a set ``T`` the best group is every ballot approving all of ``T`` whose
satisfaction with ``W`` is below ``sat(T)``: so only sets of projects are searched, depth
first, and a branch is cut as soon as the ballots that could still be in a violating group
(they approve all of ``T`` and get less from ``W`` than the most any affordable larger set
could give them) can no longer pay for ``T``: adding projects only raises the cost and
shrinks that group. The search is exact: it finds a violation exactly when one exists.
``max_sets`` bounds the search; past it the same question goes to an integer program
(HiGHS, via ``highspy``) whose witness is re-checked exactly. If neither gives an exact
answer, :class:`SearchTooLarge` is raised: never a guess.

Ballots are bitsets (Python integers) ordered by their satisfaction with ``W``, so the group
for ``T`` is one AND and one bit count.
"""

from __future__ import annotations

import itertools
import math
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction

from commonweal.messages import (
    Message,
    gettext_noop,
    join_names,
    message,
    ngettext_noop,
    plural_message,
)

from .explain import format_money
from .outcome import Number
from .pabulib import Election, Project

# The helpers check() hands to the search and the integer program.
SatOf = Callable[[str], Number]  # a project's satisfaction for a voter who approves it
Low = Callable[[Number | float], int]  # ballots (bits) whose satisfaction is below a level
Narrow = Callable[[int, int, Number], int | None]
Witness = Callable[[tuple[str, ...], Number, Number, int], "EJRViolation"]

__all__ = ["EJRReport", "EJRViolation", "SearchTooLarge", "check"]

SATISFACTIONS = ("cost", "cardinality")
_INF_LEVEL = float("inf")


class SearchTooLarge(RuntimeError):
    """No exact answer within the limits (the search's ``max_sets``, or the integer program's)."""


@dataclass(frozen=True)
class EJRViolation:
    """A group of voters the outcome under-represents, and what they could have claimed."""

    ballots: tuple[int, ...]  # indices into election.ballots
    projects: tuple[str, ...]  # project ids they all approve and could pay for together
    cost: Number  # cost of those projects
    share: Fraction  # the group's share of the budget: |group| * budget / n
    claim: Number  # satisfaction the projects would give each of them
    best: Number  # the highest satisfaction any of them gets from the outcome

    @property
    def voters(self) -> int:
        return len(self.ballots)


@dataclass(frozen=True)
class EJRReport:
    satisfied: bool
    satisfaction: str
    violation: EJRViolation | None  # one witness when not satisfied
    sets_searched: int  # sets of projects the search looked at (integer programs solved, for "ilp")
    seconds: float
    method: str = "search"  # "search" or "ilp"

    def messages(self, currency: str = "£", names: dict[str, str] | None = None) -> list[Message]:
        """Sentences for the results page, to be translated where shown; ``names`` maps
        project ids to names."""
        if self.satisfied:
            return [
                message(
                    gettext_noop(
                        "The outcome passes the fairness test called extended justified "
                        "representation (EJR)."
                    )
                ),
                message(
                    gettext_noop(
                        "Every group of voters who all want the same projects, and whose share of "
                        "the budget would pay for them, got at least that much from the outcome."
                    )
                ),
            ]
        v = self.violation
        assert v is not None  # an outcome that fails EJR comes with its witness
        names = names or {}
        listed = [
            names.get(pid) or message(gettext_noop("project %(id)s"), id=pid) for pid in v.projects
        ]
        voted = plural_message(
            ngettext_noop(
                "%(count)s voter all voted for %(projects)s.",
                "%(count)s voters all voted for %(projects)s.",
            ),
            v.voters,
            count=f"{v.voters:,}",
            projects=join_names(listed),
        )
        would_pay = plural_message(
            ngettext_noop(
                "Their share of the budget, %(share)s, would pay for it (%(cost)s).",
                "Their share of the budget, %(share)s, would pay for them (%(cost)s).",
            ),
            len(listed),
            share=format_money(v.share, currency),
            cost=format_money(v.cost, currency),
        )
        out = [
            message(
                gettext_noop(
                    "The outcome fails the fairness test called extended justified "
                    "representation (EJR)."
                )
            ),
            message(gettext_noop("%(voted)s %(would_pay)s"), voted=voted, would_pay=would_pay),
        ]
        if self.satisfaction == "cost":
            out.append(
                message(
                    gettext_noop(
                        "Yet none of them got funded projects they voted for worth %(claim)s: "
                        "the most any of them got was %(best)s."
                    ),
                    claim=format_money(v.claim, currency),
                    best=format_money(v.best, currency),
                )
            )
        else:
            out.append(
                plural_message(
                    ngettext_noop(
                        "Yet none of them got %(claim)s funded project they voted for: "
                        "the most any of them got was %(best)s.",
                        "Yet none of them got %(claim)s funded projects they voted for: "
                        "the most any of them got was %(best)s.",
                    ),
                    int(v.claim),
                    claim=str(v.claim),
                    best=str(v.best),
                )
            )
        return out

    def sentences(self, currency: str = "£", names: dict[str, str] | None = None) -> list[str]:
        """The same sentences in plain English."""
        return [str(m) for m in self.messages(currency, names)]


def check(
    election: Election,
    selected: Iterable[str],
    satisfaction: str = "cost",
    max_sets: int = 1_000_000,
    method: str = "auto",
) -> EJRReport:
    """Whether ``selected`` satisfies EJR for the election's approval ballots, with one witness if not.

    ``method``: "search" (exact; :class:`SearchTooLarge` past ``max_sets``), "ilp" (an
    integer program solved by HiGHS, its witness re-checked exactly), or "auto" (the
    search, then the integer program if the search passes ``max_sets``).
    """
    started = time.perf_counter()
    if method not in ("auto", "search", "ilp"):
        raise ValueError(f"unknown method {method!r}; use auto, search or ilp")
    if satisfaction not in SATISFACTIONS:
        raise ValueError(f"EJR is checked for {SATISFACTIONS} satisfaction, not {satisfaction!r}")
    if election.vote_type not in ("approval", "choose-1"):
        raise ValueError(
            f"EJR is checked for approval and choose-1 ballots, not {election.vote_type}"
        )
    chosen = set(selected)
    unknown = chosen - {p.id for p in election.projects}
    if unknown:
        raise ValueError(f"unknown projects in the outcome: {sorted(unknown)}")
    n, budget = len(election.ballots), election.budget
    if n == 0:
        return EJRReport(True, satisfaction, None, 0, time.perf_counter() - started)

    def sat(pid: str) -> Number:
        return election.project(pid).cost if satisfaction == "cost" else 1

    ballots = [frozenset(b.projects) for b in election.ballots]
    have = [sum((sat(pid) for pid in b if pid in chosen), 0) for b in ballots]
    # Bit k stands for the ballot with the k-th lowest satisfaction with the outcome, so
    # "ballots below a level" is a run of low bits.
    order = sorted(range(n), key=lambda i: have[i])
    levels = [have[i] for i in order]
    bitmaps = {p.id: bytearray((n + 7) // 8) for p in election.projects}
    for bit, i in enumerate(order):
        for pid in ballots[i]:
            bitmaps[pid][bit >> 3] |= 1 << (bit & 7)
    approvers = {pid: int.from_bytes(m, "little") for pid, m in bitmaps.items()}
    # Projects nobody could claim alone are never part of a claim: cost * n <= votes * B.
    projects = [p for p in election.projects if p.cost * n <= approvers[p.id].bit_count() * budget]
    # Most approved first: large groups are found early, and a witness is a popular claim.
    projects.sort(key=lambda p: (-approvers[p.id].bit_count(), p.id))

    # The most projects any set costing at most x can hold (cheapest first), for cardinality.
    prefix = list(itertools.accumulate(sorted(p.cost for p in projects)))

    def low(level: Number | float) -> int:
        """Ballots whose satisfaction with the outcome is below ``level``."""
        return (1 << bisect_left(levels, level)) - 1

    def narrow(group: int, size_t: int, cost_t: Number) -> int | None:
        """Ballots that can still be in a violating group for T or any larger set, or None.

        Such a group S lies inside ``group`` and pays for the set: cost <= |S| B / n, so
        the claim is at most that (cost) or the most projects it can buy (cardinality),
        and every member has less than the claim from the outcome. Each bound shrinks
        the candidates, which lowers the bound again: repeat until it settles.
        """
        count = group.bit_count()
        while True:
            if cost_t * n > count * budget:
                return None  # too few to pay even for T
            most = Fraction(count * budget, n)
            claim_max: Number
            if satisfaction == "cost":
                claim_max = most
            else:
                claim_max = size_t + bisect_right(prefix, most - cost_t)
            group &= low(claim_max)
            if group.bit_count() == count:
                return group
            count = group.bit_count()

    def witness(t: tuple[str, ...], c: Number, s: Number, below: int) -> EJRViolation:
        members = tuple(sorted(order[b] for b in _bits(below)))
        return EJRViolation(
            ballots=members,
            projects=tuple(sorted(t)),
            cost=c,
            share=Fraction(len(members) * budget, n),
            claim=s,
            best=max(have[i] for i in members),
        )

    def report(violation: EJRViolation | None, searched: int, used: str) -> EJRReport:
        seconds = time.perf_counter() - started
        return EJRReport(violation is None, satisfaction, violation, searched, seconds, used)

    root = narrow(low(_INF_LEVEL), 0, 0)
    if not root:
        return report(None, 0, "search")
    if method != "ilp":
        try:
            violation, searched = _search(
                projects, approvers, root, n, budget, sat, low, narrow, witness, max_sets
            )
            return report(violation, searched, "search")
        except SearchTooLarge:
            if method == "search":
                raise
    # Every amount times ``scale`` is a whole number.
    scale = math.lcm(
        *(Fraction(x).denominator for x in [budget] + [p.cost for p in election.projects])
    )
    violation, solves = _solve_ilp(
        projects,
        approvers,
        ballots,
        root,
        n,
        budget,
        sat,
        low,
        have,
        order,
        witness,
        scale,
        satisfaction == "cost",
    )
    return report(violation, solves, "ilp")


def _search(
    projects: list[Project],
    approvers: dict[str, int],
    root: int,
    n: int,
    budget: Number,
    sat: SatOf,
    low: Low,
    narrow: Narrow,
    witness: Witness,
    max_sets: int,
) -> tuple[EJRViolation | None, int]:
    """Depth-first over sets T (projects added in list order), carrying the ballots that
    approve all of T and can still be in a violating group: (violation or None, sets searched)."""
    searched = 0
    # (next index, T, cost(T), sat(T), group)
    stack: list[tuple[int, tuple[str, ...], Number, Number, int]] = [(0, (), 0, 0, root)]
    while stack:
        start, subset, cost, claim, group = stack.pop()
        for k in range(len(projects) - 1, start - 1, -1):
            p = projects[k]
            g = group & approvers[p.id]
            c = cost + p.cost
            if c * n > g.bit_count() * budget:
                continue  # the group cannot pay for T, nor for any larger set
            searched += 1
            if searched > max_sets:
                raise SearchTooLarge(f"more than {max_sets:,} sets of projects to search")
            t = subset + (p.id,)
            s = claim + sat(p.id)
            below = g & low(s)  # approvers of T with sat(W) < sat(T)
            if below and c * n <= below.bit_count() * budget:
                return witness(t, c, s, below), searched
            rest = narrow(g, len(t), c)
            if rest:
                stack.append((k + 1, t, c, s, rest))
    return None, searched


def _solve_ilp(
    projects: list[Project],
    approvers: dict[str, int],
    ballots: list[frozenset[str]],
    root: int,
    n: int,
    budget: Number,
    sat: SatOf,
    low: Low,
    have: list[Number],
    order: list[int],
    witness: Witness,
    scale: int,
    cost_sat: bool,
    max_solves: int = 50,
) -> tuple[EJRViolation | None, int]:
    """The same question as an integer program (HiGHS): (violation or None, solves).

    Variables: x_p = 1 if project p is in T; z_g = 1 if the ballots of kind g (same
    projects, same satisfaction with W, among those that can be in a violating group)
    are in the group. Rows: the group is not empty; n * cost(T) <= |group| * B; a ballot
    in the group approves all of T and gets less from W than T gives it. Money is scaled
    to integers, so "less than" is "at least 1 less". A solution is re-checked exactly
    (and cut off if the check fails); "infeasible" means no violation.
    """
    import highspy
    import numpy as np

    ids = [p.id for p in projects]
    col = {pid: j for j, pid in enumerate(ids)}
    cost_int = [int(Fraction(p.cost) * scale) for p in projects]
    # Satisfaction in whole units: scaled money (cost) or projects (cardinality).
    sat_int = cost_int if cost_sat else [1] * len(ids)
    kinds: dict[tuple, int] = {}  # (approved columns, satisfaction with W) -> ballots
    for bit in _bits(root):
        approved = tuple(sorted(col[pid] for pid in ballots[order[bit]] if pid in col))
        u = have[order[bit]]
        key = (approved, int(Fraction(u) * scale) if cost_sat else u)
        kinds[key] = kinds.get(key, 0) + 1
    m, k = len(ids), len(kinds)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    # One thread, as the sortition engine asks too: HiGHS keeps one thread pool per process, and a
    # program asking for another number of threads than the pool was started with is refused
    # (a citizens' panel's selection run after an EJR check, in the same worker, found no panel).
    h.setOptionValue("threads", 1)
    h.addVars(m + k, np.zeros(m + k), np.ones(m + k))
    h.changeColsIntegrality(
        m + k, np.arange(m + k, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * (m + k))
    )
    inf = highspy.kHighsInf
    zs = list(range(m, m + k))
    mult = list(kinds.values())
    h.addRow(1, inf, k, np.array(zs, dtype=np.int32), np.array(mult, dtype=np.float64))
    b_int = int(Fraction(budget) * scale)
    h.addRow(
        -inf,
        0,
        m + k,
        np.arange(m + k, dtype=np.int32),
        np.array([n * c for c in cost_int] + [-b_int * c for c in mult], dtype=np.float64),
    )
    for z, ((approved, u), _) in zip(zs, kinds.items(), strict=False):
        others = [j for j in range(m) if j not in set(approved)]
        if others:  # T inside the ballot: no other project may be chosen
            h.addRow(
                -inf,
                len(others),
                len(others) + 1,
                np.array(others + [z], dtype=np.int32),
                np.array([1.0] * len(others) + [float(len(others))]),
            )
        idx = list(approved) + [z]
        vals = [float(sat_int[j]) for j in approved] + [-float(u + 1)]
        h.addRow(0, inf, len(idx), np.array(idx, dtype=np.int32), np.array(vals))
    for solves in range(1, max_solves + 1):
        h.run()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return None, solves
        if status != highspy.HighsModelStatus.kOptimal:
            raise SearchTooLarge(
                f"the integer program stopped without an answer ({h.modelStatusToString(status)})"
            )
        x = h.getSolution().col_value
        t = [ids[j] for j in range(m) if x[j] > 0.5]
        if t:
            group = root
            for pid in t:
                group &= approvers[pid]
            c = sum(p.cost for p in projects if p.id in set(t))
            s_t = sum(sat(pid) for pid in t)
            below = group & low(s_t)
            if below and c * n <= below.bit_count() * budget:
                return witness(tuple(t), c, s_t, below), solves
        # Not a violation after all (rounding in the solver): cut this T off and solve again.
        chosen = [col[pid] for pid in t]
        rest = [j for j in range(m) if j not in set(chosen)]
        h.addRow(
            1 - len(chosen),
            inf,
            m,
            np.array(chosen + rest, dtype=np.int32),
            np.array([-1.0] * len(chosen) + [1.0] * len(rest)),
        )
    raise SearchTooLarge(f"the integer program gave no exact answer in {max_solves} solves")


def _bits(x: int) -> Iterator[int]:
    """Positions of the 1 bits of ``x``, lowest first (one pass over its binary digits)."""
    return (i for i, digit in enumerate(reversed(bin(x)[2:])) if digit == "1")
