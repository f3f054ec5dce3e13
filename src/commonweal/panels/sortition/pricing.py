"""The panel finder: an integer program over type counts that meets every quota.

Given a weight per type, it finds the panel composition (how many people of each type) with
the largest total weight. Column generation calls it with the master LP's dual values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import highspy
import numpy as np

from .pool import Pool

INF = highspy.kHighsInf
Clock = Callable[[], float]  # seconds, only differences count (time.monotonic, or a test's clock)


class OutOfTime(Exception):
    """The deadline passed before (or while) a solve could finish."""


def allow_time(h: highspy.Highs, deadline: float | None, clock: Clock) -> None:
    """Give the next solve the time left before the deadline; OutOfTime if none is left."""
    if deadline is None:
        h.setOptionValue("time_limit", INF)
        return
    left = deadline - clock()
    if left <= 0:
        raise OutOfTime
    # HiGHS before 2.0 measures time_limit against its run time summed over every run.
    h.setOptionValue("time_limit", h.getRunTime() + left)


def timed_out(h: highspy.Highs) -> bool:
    """Whether the last solve stopped at its time limit."""
    return h.getModelStatus() == highspy.HighsModelStatus.kTimeLimit


def new_highs() -> highspy.Highs:
    """A quiet, deterministic HiGHS instance."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("random_seed", 1)
    h.setOptionValue("threads", 1)
    h.setOptionValue("primal_feasibility_tolerance", 1e-9)
    h.setOptionValue("dual_feasibility_tolerance", 1e-9)
    return h


def add_rows(
    h: highspy.Highs, rows: Sequence[tuple[float, float, Sequence[int], Sequence[float]]]
) -> None:
    """Add rows given as (lower, upper, column indexes, coefficients)."""
    if not rows:
        return
    lower = np.array([r[0] for r in rows], dtype=np.float64)
    upper = np.array([r[1] for r in rows], dtype=np.float64)
    starts: list[int] = []
    index: list[int] = []
    value: list[float] = []
    for r in rows:
        starts.append(len(index))
        index.extend(r[2])
        value.extend(r[3])
    h.addRows(
        len(rows),
        lower,
        upper,
        len(index),
        np.array(starts, dtype=np.int32),
        np.array(index, dtype=np.int32),
        np.array(value, dtype=np.float64),
    )


Row = tuple[float, float, list[int], list[float]]  # (lower, upper, column indexes, coefficients)


def quota_rows(pool: Pool, lower_slack: Sequence[int] | None = None) -> list[Row]:
    """Rows for panel size, quotas and households, over one variable per type."""
    types_in_quota: list[list[int]] = [[] for _ in pool.quotas]
    for t, ptype in enumerate(pool.types):
        for q in ptype.quota_indexes:
            types_in_quota[q].append(t)
    everyone = list(range(len(pool.types)))
    rows: list[Row] = [(pool.size, pool.size, everyone, [1.0] * len(everyone))]
    for q, quota in enumerate(pool.quotas):
        members = types_in_quota[q]
        rows.append((quota.min, quota.max, members, [1.0] * len(members)))
    for group in pool.household_groups():
        rows.append((-INF, 1.0, group, [1.0] * len(group)))
    return rows


class PanelFinder:
    """Finds valid panel compositions; reused across calls so HiGHS keeps its set-up."""

    def __init__(self, pool: Pool):
        self.pool = pool
        self.n = len(pool.types)
        h = new_highs()
        h.setOptionValue("mip_rel_gap", 1e-9)
        h.setOptionValue("mip_abs_gap", 1e-12)
        h.setOptionValue("presolve", "off")  # measured: faster for these small, re-solved programs
        h.setOptionValue("mip_improving_solution_save", True)  # extra columns for free
        upper = np.array([min(ptype.size, pool.size) for ptype in pool.types], dtype=np.float64)
        h.addVars(self.n, np.zeros(self.n), upper)
        h.changeColsIntegrality(
            self.n,
            np.arange(self.n, dtype=np.int32),
            np.array([highspy.HighsVarType.kInteger] * self.n),
        )
        add_rows(h, quota_rows(pool))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.h = h

    def best(
        self,
        weights: Sequence[float] | np.ndarray,
        deadline: float | None = None,
        clock: Clock | None = None,
    ) -> tuple[tuple[int, ...], float, float] | None:
        """The composition with the largest weight, its weight and a proven upper bound; None if there is none.

        Raises OutOfTime when the deadline (read on `clock`) passes first.
        """
        h = self.h
        if clock is not None:
            allow_time(h, deadline, clock)
        h.changeColsCost(
            self.n, np.arange(self.n, dtype=np.int32), np.asarray(weights, dtype=np.float64)
        )
        h.run()
        if timed_out(h):
            raise OutOfTime
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"The panel finder stopped early: {h.modelStatusToString(status)}.")
        values = h.getSolution().col_value
        counts = tuple(int(round(v)) for v in values)
        weight = float(np.dot(counts, weights))
        info = h.getInfo()
        bound = max(weight, float(info.mip_dual_bound))
        return counts, weight, bound

    def also_found(self) -> list[tuple[int, ...]]:
        """Other panel compositions the last search passed through on its way to the best one."""
        found = []
        for saved in self.h.getSavedMipSolutions():
            found.append(tuple(int(round(v)) for v in saved.col_value))
        return found
