"""Leximin over panel compositions by column generation with HiGHS.

The published method (Flanigan, Gölz, Gupta, Hennig and Procaccia, "Fair algorithms for
selecting citizens' assemblies", Nature 2021): first maximise the lowest selection
probability of anyone who can be selected (maximin), then fix the people whose probability
cannot rise without lowering someone at that level, and maximise the next lowest, and so on.

Each stage solves, over known panel compositions c with counts n[c][t] per type t of size m[t],
the dual LP
    minimise  cap - sum over fixed t of f[t] * y[t]
    such that sum over t of (n[c][t] / m[t]) * y[t] <= cap   for every composition c
              sum over unfixed t of y[t] = 1,   y >= 0, cap >= 0
and asks the panel finder for the composition with the largest sum of (y[t] / m[t]) * n[c][t].
If that beats cap the composition is added; otherwise the known compositions are enough
and the stage's optimum is proven. Its value bounds the stage optimum from above at every
step, so a stage stops as soon as the gap is below tolerance. A type whose y[t] is positive
at the optimum is at that level in every optimal lottery (complementary slackness), so it is
fixed there.

Time: every HiGHS solve after the maximin stage is given only the time left before the
deadline, and a solve or stage cut short by it leaves the lottery of the stages already done
(see leximin()). The maximin stage itself always finishes.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import highspy
import numpy as np

from commonweal.messages import Message, gettext_noop, message

from .pool import Pool
from .pricing import INF, Clock, OutOfTime, PanelFinder, add_rows, allow_time, new_highs, timed_out

GAP = 1e-9  # stop a stage when the proven bound is this close to the achieved level
FIX = 1e-7  # a dual value above this marks a type as fixed at the stage's level
# Pricing points, as weights of the best-bound duals against the current ones (Wentges
# smoothing): each finds a composition, and all those that beat the current duals are added
# before the master LP is solved again. When none does, the stage prices at the current duals,
# so it only ends when the master LP is proven optimal. Measured (simplex iterations of the
# whole run): 0.8 needs a fifth fewer than 0.5 on 1,000 / 40 and 2,000 / 110; 0.3 and 0.95 more.
PRICING_MIX = (0.8,)
# A warm-started master LP that has taken half as many simplex iterations as a solve from
# scratch (the master's last one), and at least this many, has stalled (measured: HiGHS's dual simplex
# can take minutes after an added row where a fresh solve takes a second), so it is solved
# again from scratch. Counting iterations rather than seconds stops it as soon as a fresh
# solve is the cheaper way, and the same way on any machine.
WARM_ITERATIONS = 500
# A stage's first solve gets this many iterations warm from the last stage's optimum before
# it goes by the primal form (see _PrimalForm).
STAGE_START_ITERATIONS = WARM_ITERATIONS
NO_LIMIT = 2**31 - 1  # HiGHS's default simplex_iteration_limit

# progress(message, fraction done or None): a sentence to show while the selection runs.
Progress = Callable[[Message, float | None], None]


def chance_in_words(chance: float) -> str:
    """A chance as the pages show chances (the panels' ``chance`` filter): "12.5%", one decimal
    place at most; a chance under 0.05% with one significant figure ("0.02%"), never "0%"."""
    percent = chance * 100
    if 0 < percent < 0.05:
        return f"{percent:.1g}%"
    return f"{round(percent, 1):g}%"


@dataclass
class LeximinResult:
    """Composition probabilities over types, and how far refinement got."""

    compositions: list[tuple[int, ...]]
    probabilities: list[float]
    covered: list[int]
    maximin: float
    stages_completed: int
    finished: bool
    fixed: dict[int, float] = field(default_factory=dict)


class ColumnGeneration:
    """Known compositions and the panel finder, shared by every stage."""

    def __init__(self, pool: Pool, progress: Progress, clock: Clock = time.monotonic):
        self.pool = pool
        self.clock = clock
        self.finder = PanelFinder(pool)
        self.m = np.array([ptype.size for ptype in pool.types], dtype=np.float64)
        self.columns: list[tuple[int, ...]] = []
        self.known: set[tuple[int, ...]] = set()
        self.progress = progress
        self.master: _Master | None = None

    def add(self, counts: tuple[int, ...]) -> bool:
        if counts in self.known:
            return False
        self.known.add(counts)
        self.columns.append(counts)
        return True

    def cover(self) -> list[int]:
        """Find compositions so every type that can be on a panel is on a known one; return those types."""
        n = len(self.pool.types)
        rng = random.Random(7)
        uncovered = set(range(n))
        while uncovered:
            # Weight 1 for each uncovered type and a little noise for the rest: a best composition
            # worth less than 1 proves no valid panel includes any uncovered type.
            noise = 0.5 / (self.pool.size * n)
            weights = [1.0 if t in uncovered else noise * rng.random() for t in range(n)]
            found = self.finder.best(weights)
            if found is None:
                raise RuntimeError(
                    "The panel finder found no valid panel after the quotas were checked."
                )
            counts, value, _ = found
            if value < 1.0 - 1e-9:
                break
            self.add(counts)
            uncovered -= {t for t in range(n) if counts[t] > 0}
            self.progress(
                message(
                    gettext_noop(
                        "Found panels that include %(found)s of %(all)s groups of people."
                    ),
                    found=n - len(uncovered),
                    all=n,
                ),
                None,
            )
        return [t for t in range(n) if t not in uncovered]

    def stage(
        self, covered: list[int], fixed: dict[int, float], deadline: float | None
    ) -> tuple[float, dict[int, float]] | None:
        """Run one stage; return its level and the dual values of unfixed types, or None at the deadline.

        Prices at a smoothed dual point (halfway between the current duals and the duals with the
        best bound so far), which needs fewer compositions; when that finds nothing new it prices
        at the current duals, so a stage only ends when the master LP is proven optimal.
        """
        try:
            return self._stage(covered, fixed, deadline)
        except OutOfTime:
            return None

    def _stage(
        self, covered: list[int], fixed: dict[int, float], deadline: float | None
    ) -> tuple[float, dict[int, float]]:
        if self.master is None:
            self.master = _Master(self, covered, fixed)
        else:
            self.master.fix(fixed)  # kept warm from the last stage: same rows, new costs
        master = self.master
        f = np.zeros(len(self.pool.types))
        for t, level_t in fixed.items():
            f[t] = level_t
        best_bound, center = INF, None
        while True:
            level, y, cap = master.solve(deadline)
            added = 0
            if center is not None:
                # Several points between the best-bound duals and the current ones: each finds a
                # different composition, so one master solve takes several.
                for weight in PRICING_MIX:
                    point = weight * center + (1 - weight) * y
                    better = self._price(point, y, cap, f, deadline)
                    if better[0] < best_bound:
                        best_bound, center = better[0], point
                    added += better[1]
            if not added and 0.0 not in PRICING_MIX:
                better = self._price(y, y, cap, f, deadline)
                if better[0] < best_bound:
                    best_bound, center = better[0], y
                added += better[1]
            if not added:  # no composition beats cap at y: y is optimal for the full dual
                return level, {t: float(y[t]) for t in covered if t not in fixed}
            if best_bound - level <= GAP:  # the centre's bound proves it optimal for the full dual
                assert center is not None  # the bound is finite once a centre has been found
                return level, {t: float(center[t]) for t in covered if t not in fixed}
            self.progress(
                message(
                    gettext_noop("Improving the lowest chance: %(count)s panel make-ups tried."),
                    count=len(self.columns),
                ),
                None,
            )

    def _price(
        self, point: np.ndarray, y: np.ndarray, cap: float, f: np.ndarray, deadline: float | None
    ) -> tuple[float, int]:
        """Price at point: the Lagrangian bound there, and how many compositions beating cap at y were added."""
        assert self.master is not None
        found = self.finder.best(point / self.m, deadline, self.clock)
        assert found is not None
        counts, _, bound = found
        lagrangian = max(bound, 0.0) - float(np.dot(f, point))
        added = 0
        for candidate in [counts, *self.finder.also_found()]:
            if float(np.dot(candidate, y / self.m)) > cap + GAP and self.add(candidate):
                self.master.add_column(candidate)
                added += 1
        return lagrangian, added

    def final_lottery(
        self, covered: list[int], fixed: dict[int, float]
    ) -> tuple[list[float], float]:
        """Probabilities over known compositions: fixed types at their level, the rest as high as possible.

        Two solves, in order: first the smallest e such that fixed types get at least their
        level minus e (0 whenever the levels are reachable; it only absorbs rounding), then,
        with e held there, the largest z that every unfixed type gets. (A single objective
        z - 1000 * e, as before, traded fixed levels away whenever raising the unfixed was worth
        more than 1,000 times as much, which the coefficients allow on large pools.)
        """
        h = new_highs()
        k = len(self.columns)
        any_unfixed = any(t not in fixed for t in covered)
        # variables: x_c for each composition, then z, then e
        upper = np.array([1.0] * k + [1.0 if any_unfixed else 0.0, 1.0])
        h.addVars(k + 2, np.zeros(k + 2), upper)
        rows = [(1.0, 1.0, list(range(k)), [1.0] * k)]
        for t in covered:
            idx = [c for c, counts in enumerate(self.columns) if counts[t] > 0]
            val = [self.columns[c][t] / self.m[t] for c in idx]
            if t in fixed:
                rows.append((fixed[t], INF, idx + [k + 1], val + [1.0]))
            else:
                rows.append((0.0, INF, idx + [k], val + [-1.0]))
        add_rows(h, rows)
        every = np.arange(k + 2, dtype=np.int32)
        cost = np.zeros(k + 2)
        cost[k + 1] = 1.0
        h.changeColsCost(k + 2, every, cost)  # first: minimise e
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError("Could not turn the fixed probabilities into a lottery.")
        e = max(0.0, float(h.getSolution().col_value[k + 1]))
        h.changeColBounds(k + 1, 0.0, e + 1e-12)
        cost[k], cost[k + 1] = 1.0, 0.0
        h.changeColsCost(k + 2, every, cost)  # then: maximise z with e held
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError("Could not turn the fixed probabilities into a lottery.")
        values = h.getSolution().col_value
        x = np.clip(np.array(values[:k]), 0.0, None)
        return list(x / x.sum()), float(values[k])


class _Master:
    """The restricted dual LP, kept warm between added compositions and from one stage to the next."""

    def __init__(self, cg: ColumnGeneration, covered: list[int], fixed: dict[int, float]):
        self.cg = cg
        self.covered = covered
        self.position = {t: i for i, t in enumerate(covered)}
        n = len(covered)
        self.cap = n
        h = new_highs()
        h.addVars(n + 1, np.zeros(n + 1), np.full(n + 1, INF))
        cost = np.array([-fixed.get(t, 0.0) for t in covered] + [1.0])
        h.changeColsCost(n + 1, np.arange(n + 1, dtype=np.int32), cost)
        unfixed = [i for i, t in enumerate(covered) if t not in fixed]
        self.unfixed = unfixed
        add_rows(h, [(1.0, 1.0, unfixed, [1.0] * len(unfixed))])
        self.h = h
        add_rows(h, [self._row(counts) for counts in cg.columns])
        self.cold_iterations: int | None = None  # iterations of the last solve from scratch
        self.fixed = dict(fixed)
        self.optimum: highspy.HighsBasis | None = None  # the basis of the last optimal solve
        self.stage_start = False  # whether the next solve is a stage's first
        self.primal: _PrimalForm | None = None  # made the first time a stalled solve needs it

    def fix(self, fixed: dict[int, float]) -> None:
        """Start the next stage on this LP: newly fixed types leave the sum-to-1 row and get their level as cost."""
        self.stage_start = True
        self.fixed = dict(fixed)
        newly = [i for i in self.unfixed if self.covered[i] in fixed]
        for i in newly:
            self.h.changeCoeff(0, i, 0.0)
            self.h.changeColCost(i, -fixed[self.covered[i]])
        self.unfixed = [i for i in self.unfixed if self.covered[i] not in fixed]

    def _row(self, counts: tuple[int, ...]) -> tuple:
        idx, val = [], []
        for t, count in enumerate(counts):
            if count and t in self.position:
                idx.append(self.position[t])
                val.append(count / self.cg.m[t])
        return (-INF, 0.0, idx + [self.cap], val + [-1.0])

    def add_column(self, counts: tuple[int, ...]) -> None:
        add_rows(self.h, [self._row(counts)])

    def solve(self, deadline: float | None) -> tuple[float, np.ndarray, float]:
        """The stage level on known compositions, the dual value y per type (0 if uncovered), and cap.

        A warm solve allowed half as many simplex iterations as the last solve from scratch
        took (at least WARM_ITERATIONS), or a stage's first solve allowed STAGE_START_ITERATIONS,
        and not done by then has stalled: the LP is then solved in primal form from the last
        optimum (see _PrimalForm), and this LP goes on from the basis found there; only if
        that stalls too is it solved from scratch. Raises OutOfTime when the deadline passes first.
        """
        h = self.h
        clock = self.cg.clock
        allow_time(h, deadline, clock)
        optimum, self.optimum = self.optimum, None
        fresh = optimum is None
        if optimum is not None:
            limit = max((self.cold_iterations or 0) // 2, WARM_ITERATIONS)
            done = self._run(STAGE_START_ITERATIONS if self.stage_start else limit)
            if not done and self._from_primal(optimum, deadline):
                allow_time(h, deadline, clock)
                done = self._run(limit)
            fresh = not done
            if fresh:
                h.clearSolver()  # stalled: solve afresh in the time left
                allow_time(h, deadline, clock)
        self.stage_start = False
        if fresh:
            h.run()
            if not timed_out(h):
                self.cold_iterations = h.getInfo().simplex_iteration_count
        if timed_out(h):
            raise OutOfTime
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(
                f"The lottery LP failed: {h.modelStatusToString(h.getModelStatus())}."
            )
        self.optimum = h.getBasis()
        values = h.getSolution().col_value
        y = np.zeros(len(self.cg.pool.types))
        for i, t in enumerate(self.covered):
            y[t] = max(0.0, values[i])
        return float(h.getInfo().objective_function_value), y, float(values[self.cap])

    def _run(self, limit: int) -> bool:
        """Solve warm within limit simplex iterations: True if solved (or stopped at the time limit: see timed_out).

        False if it stalled, or if HiGHS stopped with an error (measured once on 2,000 / 110: a warm
        solve after an added make-up ended with an error and no status), so the caller goes on
        another way.
        """
        self.h.setOptionValue("simplex_iteration_limit", limit)
        self.h.run()
        self.h.setOptionValue("simplex_iteration_limit", NO_LIMIT)
        return self.h.getModelStatus() in (
            highspy.HighsModelStatus.kOptimal,
            highspy.HighsModelStatus.kTimeLimit,
        )

    def _from_primal(self, optimum: highspy.HighsBasis, deadline: float | None) -> bool:
        """Solve this LP in primal form from an earlier optimal basis, and give this LP the basis found.

        The two LPs are each other's duals, so a basis of one is the other's complement: a
        type's y is basic here where its row is not at its bound there, a composition's row
        is not at its bound here where its probability is basic there, and the same for cap
        and the sum-to-1 row against the level z and the probabilities' sum-to-1 row. A
        composition added since the optimum has its probability at 0. False (nothing changed
        here) if the primal form stalls or stops at the time limit.
        """
        if self.primal is None:
            self.primal = _PrimalForm(self.cg, self.covered)
        primal = self.primal
        primal.update(self.fixed)
        basic, lower, upper = (
            highspy.HighsBasisStatus.kBasic,
            highspy.HighsBasisStatus.kLower,
            highspy.HighsBasisStatus.kUpper,
        )
        n, k = len(self.covered), len(self.cg.columns)

        def complement(
            status: highspy.HighsBasisStatus, at: highspy.HighsBasisStatus
        ) -> highspy.HighsBasisStatus:
            return at if status == basic else basic

        rows, cols = optimum.row_status, optimum.col_status
        given = highspy.HighsBasis()
        given.col_status = [complement(rows[r], lower) for r in range(len(rows))]
        given.col_status += [lower] * (k + 1 - len(rows))
        given.row_status = [complement(cols[n], lower)] + [
            complement(cols[i], lower) for i in range(n)
        ]
        found = primal.solve(
            given, max((self.cold_iterations or 0) // 2, WARM_ITERATIONS), deadline
        )
        if found is None:
            return False
        rows, cols = found.row_status, found.col_status
        back = highspy.HighsBasis()
        back.col_status = [complement(rows[1 + i], lower) for i in range(n)] + [
            complement(rows[0], lower)
        ]
        back.row_status = [complement(cols[0], lower)] + [
            complement(cols[1 + c], upper) for c in range(k)
        ]
        return self.h.setBasis(back) == highspy.HighsStatus.kOk


class _PrimalForm:
    """The master LP in primal form, solved by primal simplex only where the dual form stalls.

    Variables: the level z, then a probability x[c] per known composition. Rows: the x sum to
    1, and per covered type, its chance minus z at least 0 (unfixed) or its chance at least its
    level (fixed). A new composition (at probability 0), or a stage's start (which only fixes
    types at the level the last stage reached), leaves the last optimum feasible here, so primal
    simplex goes on from it where the dual simplex of the dual form can stall (measured on
    2,000 / 110: a few hundred iterations where the dual form took thousands). Made once, then
    brought up to date with the compositions and fixed types each time it is used.
    """

    def __init__(self, cg: ColumnGeneration, covered: list[int]):
        self.cg = cg
        self.covered = covered
        self.position = {t: i for i, t in enumerate(covered)}
        h = new_highs()
        h.setOptionValue("simplex_strategy", 4)  # primal simplex
        h.addVars(1, np.array([0.0]), np.array([1.0]))
        h.changeColCost(0, -1.0)  # minimise -z
        add_rows(h, [(1.0, 1.0, [], [])] + [(0.0, INF, [0], [-1.0]) for _ in covered])
        self.h = h
        self.columns = 0
        self.fixed: set[int] = set()

    def update(self, fixed: dict[int, float]) -> None:
        for counts in self.cg.columns[self.columns :]:
            idx, val = [0], [1.0]
            for t, count in enumerate(counts):
                if count and t in self.position:
                    idx.append(1 + self.position[t])
                    val.append(count / self.cg.m[t])
            self.h.addCol(0.0, 0.0, INF, len(idx), np.array(idx, dtype=np.int32), np.array(val))
        self.columns = len(self.cg.columns)
        for t, level_t in fixed.items():
            if t not in self.fixed:
                row = 1 + self.position[t]
                self.h.changeCoeff(row, 0, 0.0)
                self.h.changeRowBounds(row, level_t, INF)
                self.fixed.add(t)

    def solve(
        self, basis: highspy.HighsBasis, limit: int, deadline: float | None
    ) -> highspy.HighsBasis | None:
        """The optimal basis from basis within limit simplex iterations, or None."""
        h = self.h
        if h.setBasis(basis) != highspy.HighsStatus.kOk:
            return None
        allow_time(h, deadline, self.cg.clock)
        h.setOptionValue("simplex_iteration_limit", limit)
        h.run()
        h.setOptionValue("simplex_iteration_limit", NO_LIMIT)
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return h.getBasis()


def leximin(
    pool: Pool,
    *,
    refine: bool,
    time_limit: float,
    progress: Progress,
    started: float,
    clock: Clock = time.monotonic,
) -> LeximinResult:
    """Maximin, then (if refine) leximin stages until done or out of time.

    The maximin stage always finishes. Each later stage stops where it is when the clock
    passes started + time_limit: the stages already done are kept (their people at their
    levels) and everyone else gets the highest chance the panels found so far allow, which
    is never below the maximin level. finished is then False.
    """
    cg = ColumnGeneration(pool, progress, clock)
    covered = cg.cover()
    fixed: dict[int, float] = {}
    stages = 0
    maximin_level = 0.0
    finished = True
    deadline = started + time_limit
    while len(fixed) < len(covered):
        outcome = cg.stage(covered, fixed, None if stages == 0 else deadline)
        if outcome is None:
            finished = False
            break
        level, duals = outcome
        if stages == 0:
            maximin_level = level
            progress(
                message(
                    gettext_noop("The lowest chance anyone can have is %(percent)s."),
                    percent=chance_in_words(level),
                ),
                None,
            )
            if not refine:
                finished = True
                stages = 1
                break
        newly = [t for t, y in duals.items() if y > FIX]
        if not newly:  # cannot happen in exact arithmetic (the y sum to 1); guard against rounding
            newly = [max(duals, key=lambda t: duals[t])]
        for t in newly:
            fixed[t] = level
        stages += 1
        share = sum(pool.types[t].size for t in fixed) / sum(pool.types[t].size for t in covered)
        progress(
            message(
                gettext_noop("Stage %(stage)s: %(percent)s of people have their final chance."),
                stage=stages,
                percent=f"{share:.0%}",
            ),
            share,
        )
        if clock() > deadline and len(fixed) < len(covered):
            finished = False
            break
    probabilities, _ = cg.final_lottery(covered, fixed if refine else {})
    return LeximinResult(
        compositions=list(cg.columns),
        probabilities=probabilities,
        covered=covered,
        maximin=maximin_level,
        stages_completed=stages,
        finished=finished,
        fixed=fixed,
    )
