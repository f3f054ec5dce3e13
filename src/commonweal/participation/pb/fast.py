"""A fast, exact Method of Equal Shares (MES), with the semantics of pabutools 1.2.3.

Why it is fast: voters who paid the same so far hold the same budget, so voters
are kept in *classes* (``labels[voter]``); a class splits only when some of its
voters pay for a selected project (everyone who pays all they have joins one
"nothing left" class). A project's supporters are then a few (class,
satisfaction) *cells* with a count, and its price is a small sort over cells,
done with numpy in floating point.

Why it is exact: floats only narrow the choice. Whenever two prices are within
a relative 1e-9 of each other, or a supporter is that close to the edge between
paying all they have and paying the price, the decision is taken again with
:class:`fractions.Fraction`: each class knows how its budget was made (its
parent class, the step, the satisfaction), so exact budgets are computed on
demand. Ties go to the project id that is smallest as a string.

Why add1 is fast: every budget is an affine function ``a + beta * x`` of the
starting budget ``x``, so each decision of a run holds up to a root of an
affine function. :meth:`MESEngine.run_with_reach` returns how far ``x`` can rise
with the same outcome, and the completions skip the passes in between (see
:mod:`.rules`). A run with a decision too close to call proves nothing (reach = x).
The same bound, kept after each selection (a checkpoint), says how many of a
run's first selections a run at a higher budget makes alike: the next run
rolls back to that checkpoint (labels, classes, budgets re-made as
``a + beta * x``) and goes on from there instead of starting again.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from .election import Number
from .pabulib import Election

# Relative tolerance under which float prices are re-checked exactly. Doubles
# carry about 1e-16 relative error per operation; 1e-9 leaves ample room.
EPS = 1e-9
_INF = float("inf")

# For each project: its supporters' ballot indices and their satisfactions, one number when
# every supporter's is the same (approval ballots), else a list aligned with the indices.
Support = dict[str, tuple[list[int], Number | list[Number]]]
# A project's supporters, grouped: (classes, sat indices, counts, inverse or None, labels).
Cells = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None, np.ndarray]


class Supporters:
    """One candidate project: its supporters and their satisfactions."""

    __slots__ = (
        "id",
        "cost",
        "cost_f",
        "voters",
        "sats",
        "sats_f",
        "sat_index",
        "total_sat",
        "total_sat_f",
    )

    def __init__(
        self,
        pid: str,
        cost: Number,
        voters: np.ndarray,
        sats: list[Number],
        sat_index: np.ndarray | None,
    ):
        self.id = pid
        self.cost = cost
        self.cost_f = float(cost)
        self.voters = voters  # np.int32 array of voter indices
        self.sats = sats  # distinct exact satisfactions
        self.sats_f = np.array([float(s) for s in sats])
        self.sat_index = sat_index  # np array into sats per voter, or None when all equal
        counts = (
            np.bincount(sat_index, minlength=len(sats)) if sat_index is not None else [len(voters)]
        )
        self.total_sat = sum((int(m) * s for m, s in zip(counts, sats, strict=False)), 0)
        self.total_sat_f = float(self.total_sat)


class MESEngine:
    """What MES needs from an election and a satisfaction, prepared once for many runs."""

    def __init__(
        self,
        election: Election,
        support: Support,
        initial: Sequence[str] = (),
    ):
        """``support``: for each project, its supporters' ballot indices and satisfactions
        (one number when all are equal), as :func:`.rules.supporters` gives them."""
        self.n = len(election.ballots)
        chosen = set(initial)
        self.free: list[str] = []
        self.candidates: list[Supporters] = []
        for p in election.projects:
            if p.id in chosen:
                continue
            voters, sats = support[p.id]
            if not voters:
                continue  # total satisfaction 0: pabutools drops the project
            if p.cost <= 0:
                # pabutools appends these to the initial allocation before MES starts.
                self.free.append(p.id)
                continue
            sat_index: np.ndarray | None
            if not isinstance(sats, list):
                distinct, sat_index = [sats], None
            else:
                distinct = sorted(set(sats))
                if len(distinct) == 1:
                    sat_index = None
                else:
                    where = {s: i for i, s in enumerate(distinct)}
                    sat_index = np.array([where[s] for s in sats], dtype=np.int64)
            self.candidates.append(
                Supporters(p.id, p.cost, np.array(voters, dtype=np.int64), distinct, sat_index)
            )
        self.free.sort()
        self.initial = list(initial) + self.free
        # Tie-breaking by id as a string, and each candidate's price while nobody has paid yet.
        by_id = sorted(range(len(self.candidates)), key=lambda j: self.candidates[j].id)
        self.rank = np.empty(len(self.candidates), dtype=np.int64)
        self.rank[by_id] = np.arange(len(self.candidates))
        self.start_price = np.array([p.cost_f / p.total_sat_f for p in self.candidates])
        self._last: _Run | None = None  # the last run_with_reach run, to resume from
        self.reused = 0  # selections taken over from an earlier run (for benchmarks)

    # ----------------------------------------------------------------- one run

    def run(self, per_voter: Number) -> list[str]:
        """One MES run with every voter starting at ``per_voter``; the selected ids in order."""
        return _Run(self, Fraction(per_voter)).go()

    def run_with_reach(self, per_voter: Number) -> tuple[list[str], float]:
        """One run, and how far the per-voter budget can rise with the same outcome.

        Returns (selected, reach): every per-voter budget in [per_voter, reach)
        gives exactly this selection (reach == per_voter when that is not proven).
        """
        per_voter = Fraction(per_voter)
        run = self._last
        if run is not None and per_voter >= run.per_voter:
            # Completions raise the budget run after run, and the outcome changes
            # late in the run: restart from the last selection proven to stay.
            run.resume(per_voter, run.reusable(float(per_voter)))
            self.reused += len(run.steps)
        else:
            run = self._last = _Run(self, per_voter)
        selected = run.go()
        return selected, run.reach()


class _Step:
    """One selection in a run, enough to recompute its price exactly when needed."""

    __slots__ = ("project", "rho", "poor")

    def __init__(
        self,
        project: Supporters,
        rho: Fraction | None,
        poor: tuple[np.ndarray, np.ndarray, np.ndarray] | None,
    ):
        self.project = project
        self.rho = rho  # exact price, or None until needed
        self.poor = poor  # (classes, sat indices, counts) of supporters who paid all they had


class _Run:
    """One MES run with every voter starting at ``x``.

    Budgets are floats per class, with the recipe to make them exact on demand.
    Each class's budget is also kept as an affine function ``a + beta * x`` of
    the starting budget: every decision the run takes is then a sign of an
    affine function of ``x``, and the smallest root above ``x`` over all of them
    bounds how far ``x`` can rise with the same outcome (this is what lets the
    add1 completion skip passes).
    """

    def __init__(self, engine: MESEngine, per_voter: Fraction):
        self.engine = engine
        self.per_voter = per_voter
        self.x = float(per_voter)
        self.scale = abs(self.x) or 1.0
        # Class 0: the starting budget; class 1: nothing left.
        self.labels = np.zeros(engine.n, dtype=np.int64)
        cap = 1024
        self.budgets_f = np.zeros(cap)
        self.a = np.zeros(cap)
        self.beta = np.zeros(cap)
        self.parent = np.zeros(cap, dtype=np.int64)
        self.step_of = np.zeros(cap, dtype=np.int64)
        self.sidx_of = np.zeros(cap, dtype=np.int64)
        self.budgets_f[0] = self.x
        self.beta[0] = 1.0
        self.size = 2
        self.exact: dict[int, Fraction] = {0: per_voter, 1: Fraction(0)}
        self.steps: list[_Step] = []
        self.limit = _INF  # the smallest root above x of the decisions' affine functions
        self.proven = True  # False once a decision was too close to call in floats
        self.pending: tuple = ()  # what bound_partition needs about the last priced project
        self.start()

    # ----------------------------------------------------------- classes

    def grow(self, k: int) -> np.ndarray:
        """Room for k new classes; returns their ids."""
        while self.size + k > len(self.budgets_f):
            for name in ("budgets_f", "a", "beta", "parent", "step_of", "sidx_of"):
                old = getattr(self, name)
                setattr(self, name, np.concatenate([old, np.zeros_like(old)]))
        ids = np.arange(self.size, self.size + k)
        self.size += k
        return ids

    def budget(self, cls: int) -> Fraction:
        """The exact budget of a class (computed from its recipe the first time)."""
        value = self.exact.get(cls)
        if value is None:
            step = self.steps[int(self.step_of[cls])]
            sat = step.project.sats[int(self.sidx_of[cls])]
            value = self.budget(int(self.parent[cls])) - self.step_rho(step) * sat
            self.exact[cls] = value
        return value

    def step_rho(self, step: _Step) -> Fraction:
        if step.rho is None:
            p = step.project
            assert step.poor is not None  # a step paid in floats (rho unknown) knows its poor
            classes, sidx, counts = step.poor
            paid = sum(
                (
                    m * self.budget(c)
                    for c, m in zip(classes.tolist(), counts.tolist(), strict=False)
                ),
                Fraction(0),
            )
            denom = p.total_sat - sum(
                (m * p.sats[i] for i, m in zip(sidx.tolist(), counts.tolist(), strict=False)), 0
            )
            step.rho = Fraction(p.cost - paid) / denom
        return step.rho

    def bound(self, u: float | np.ndarray, v: float | np.ndarray) -> None:
        """Record decisions u + v * x >= 0 (true now): they hold until their root."""
        if isinstance(u, float):
            assert isinstance(v, float)  # one decision: both floats; many: both arrays
            if v < 0:
                self.limit = min(self.limit, -u / v)
            return
        assert isinstance(v, np.ndarray)
        falling = v < 0
        if falling.any():
            self.limit = min(self.limit, float((-u[falling] / v[falling]).min()))

    def bound_partition(
        self, p: Supporters, cells: Cells, poor: np.ndarray, r0: float, r1: float
    ) -> None:
        """Record the decisions behind the chosen project's price: its supporters
        can cover it, and each pays all they have (poor) or rho * sat (rich)."""
        classes, sidx, counts = cells[:3]
        mf = counts.astype(float)
        a, beta = self.a[classes], self.beta[classes]
        self.bound(float(mf @ a) - p.cost_f, float(mf @ beta))
        s = p.sats_f[sidx]
        sign = np.full(len(classes), -1.0)
        sign[poor] = 1.0
        self.bound(sign * (r0 * s - a), sign * (r1 * s - beta))

    # ----------------------------------------------------------- prices

    def cells(self, p: Supporters) -> Cells:
        """(classes, sat indices, counts, inverse, labels) of the project's supporters."""
        labs = self.labels[p.voters]
        if p.sat_index is None:
            counts = np.bincount(labs, minlength=self.size)
            classes = counts.nonzero()[0]
            return classes, np.zeros(len(classes), dtype=np.int64), counts[classes], None, labs
        k = len(p.sats)
        keys, inverse, counts = np.unique(
            labs * k + p.sat_index, return_inverse=True, return_counts=True
        )
        return keys // k, keys % k, counts, inverse, labs

    def price_float(
        self, p: Supporters, cells: Cells
    ) -> tuple[float | None, bool, np.ndarray | None, float, float]:
        """(rho, sure, poor, r0, r1): the price in floats and as r0 + r1 * x.

        rho is None if the project is unaffordable; sure is False when a
        decision was too close to call in floats (decide exactly); poor holds
        the cells (indices) of supporters who pay all they have.
        """
        self.pending = ()
        classes, sidx, counts = cells[:3]
        b = self.budgets_f[classes]
        mf = counts.astype(float)
        mb = mf * b
        available = float(mb.sum())
        cost = p.cost_f
        tol = EPS * (cost + self.scale)
        if available < cost - tol:
            self.bound(cost - float(mf @ self.a[classes]), -float(mf @ self.beta[classes]))
            return None, True, None, 0.0, 0.0
        if available < cost + tol:
            self.proven = False
            if self.available_exact(cells) < p.cost:
                return None, True, None, 0.0, 0.0
            return 0.0, False, None, 0.0, 0.0
        one = p.sat_index is None
        if one:
            s = p.sats_f[0]
            ratio = b / s
            ms = mf * s
        else:
            s = p.sats_f[sidx]
            ratio = b / s
            ms = mf * s
        # Poor supporters (who pay all they have) are those with the smallest
        # budget per satisfaction: try each prefix of them in that order.
        order = np.argsort(ratio)  # equal ratios fall on the same side: their order does not matter
        ro, mbo, mso = ratio[order], mb[order], ms[order]
        paid = np.cumsum(mbo)
        paid -= mbo
        sat_left = np.cumsum(mso)
        sat_left -= mso
        sat_left = p.total_sat_f - sat_left
        rho = (cost - paid) / sat_left
        ok = rho <= ro
        k = int(ok.argmax())
        if not ok[k]:
            self.proven = False
            return 0.0, False, None, 0.0, 0.0
        r = float(rho[k])
        poor = order[:k]
        # The price as an affine function of x.
        if k:
            mp = mf[poor]
            pc = classes[poor]
            d = float(sat_left[k])
            r0 = (cost - float(mp @ self.a[pc])) / d
            r1 = -float(mp @ self.beta[pc]) / d
        else:
            r0, r1 = r, 0.0
        # The partition holds while the supporters stay on their side. Only the
        # chosen project's partition matters (it sets the payments): for any
        # other project, r0 + r1 * x stays a lower bound of its price whatever
        # the partition (each supporter pays at most their budget, and at most
        # rho * sat).
        self.pending = (p, cells, poor, r0, r1)
        # Is any supporter on the edge between paying all they have and paying rho * sat?
        if one:
            # ro is sorted and r lies between ro[k - 1] and ro[k]: only those two can be near.
            edge = EPS * (r + self.scale / s)
            sure = ro[k] - r > edge and (k == 0 or r - ro[k - 1] > edge)
        else:
            sure = not np.any(np.abs(ratio - r) <= EPS * (r + self.scale / s))
        return r, bool(sure), poor, r0, r1

    def available_exact(self, cells: Cells) -> Fraction:
        classes, _, counts = cells[:3]
        return sum(
            (
                int(m) * self.budget(c)
                for c, m in zip(classes.tolist(), counts.tolist(), strict=False)
            ),
            Fraction(0),
        )

    def price_exact(self, p: Supporters, cells: Cells) -> Fraction:
        """The smallest rho with sum over supporters of min(budget, rho * sat) = cost."""
        classes, sidx, counts = cells[:3]
        rows = [
            (self.budget(c) / p.sats[i], self.budget(c), p.sats[i], m)
            for c, i, m in zip(classes.tolist(), sidx.tolist(), counts.tolist(), strict=False)
        ]
        rows.sort(key=lambda r: r[0])
        paid = 0
        denom = p.total_sat
        for _, b, s, m in rows:
            rho = Fraction(p.cost - paid) / denom
            if rho * s <= b:
                return rho
            paid += m * b
            denom -= m * s
        raise AssertionError("price_exact called for an unaffordable project")

    # ----------------------------------------------------------- paying

    def pay(
        self,
        p: Supporters,
        cells: Cells,
        rho_f: float,
        rho: Fraction | None,
        poor: np.ndarray | None,
        r0: float,
        r1: float,
    ) -> None:
        """Each supporter pays min(budget, rho * sat); cells move to new classes."""
        classes, sidx, counts, inverse, labs = cells
        step = _Step(p, rho, None)
        step_no = len(self.steps)
        self.steps.append(step)
        s = p.sats_f[sidx]
        new = np.ones(len(classes), dtype=np.int64)
        if poor is None:
            # The partition was too close to call in floats: pay exactly.
            for k, (c, i) in enumerate(zip(classes.tolist(), sidx.tolist(), strict=False)):
                budget = self.budget(c)
                left = budget - min(budget, rho * p.sats[i])
                if left:
                    (cls,) = self.grow(1)
                    self.budgets_f[cls] = float(left)
                    self.a[cls] = self.beta[cls] = 0.0  # never used: this run proves no reach
                    self.exact[int(cls)] = left
                    new[k] = cls
        else:
            rich = np.ones(len(classes), dtype=bool)
            rich[poor] = False
            step.poor = (classes[poor], sidx[poor], counts[poor])
            ids = self.grow(int(rich.sum()))
            parents, sats = classes[rich], s[rich]
            self.budgets_f[ids] = self.budgets_f[parents] - rho_f * sats
            self.a[ids] = self.a[parents] - r0 * sats
            self.beta[ids] = self.beta[parents] - r1 * sats
            self.parent[ids] = parents
            self.step_of[ids] = step_no
            self.sidx_of[ids] = sidx[rich]
            new[rich] = ids
        self.undo.append((p.voters, labs))  # to roll the labels back (see resume)
        if inverse is None:
            mapping = np.zeros(self.size, dtype=np.int64)
            mapping[classes] = new
            self.labels[p.voters] = mapping[labs]
        else:
            self.labels[p.voters] = new[inverse]

    # ----------------------------------------------------------- the run

    def start(self) -> None:
        """The state before the first selection (checkpoint 0)."""
        engine = self.engine
        self.selected = list(engine.initial)
        # Each candidate's last known price, r0 + r1 * x: a lower bound, as budgets only go down.
        self.rho_a = engine.start_price.copy()
        self.r0_a = engine.start_price.copy()
        self.r1_a = np.zeros(len(engine.candidates))
        self.alive = np.ones(len(engine.candidates), dtype=bool)
        self.undo: list[tuple[np.ndarray, np.ndarray]] = []
        self.marks: list[tuple] = []
        self.mark()

    def mark(self) -> None:
        """Checkpoint: what resume needs to restart from here, after len(self.steps) selections."""
        self.marks.append(
            (
                self.limit,
                self.proven,
                self.size,
                len(self.selected),
                self.r0_a.copy(),
                self.r1_a.copy(),
                self.alive.copy(),
            )
        )

    def reusable(self, x: float) -> int:
        """How many of this run's selections a run starting at ``x`` (>= this run's) makes alike.

        Checkpoint k holds while every decision of the first k selections does:
        each is the sign of an affine function of the starting budget, true up to
        its root; the smallest such root is that checkpoint's limit.
        """
        margin = 1e-7 * (abs(x) or 1.0)
        k = 0
        while k + 1 < len(self.marks):
            limit, proven = self.marks[k + 1][:2]
            if not proven or x >= limit - margin:
                break
            k += 1
        return k

    def resume(self, per_voter: Fraction, k: int) -> None:
        """Roll back to checkpoint k and restart from it with every voter starting at ``per_voter``.

        The first k selections, the classes they made and their voters are the
        same at ``per_voter`` (see reusable); only the budgets change, and each
        class's budget is its affine function a + beta * x.
        """
        limit, proven, size, n_selected, r0_a, r1_a, alive = self.marks[k]
        assert proven
        for voters, labs in reversed(self.undo[k:]):
            self.labels[voters] = labs
        del self.undo[k:], self.marks[k + 1 :], self.steps[k:], self.selected[n_selected:]
        for step in self.steps:
            step.rho = None  # recomputed exactly from the new budgets when needed
        self.per_voter = per_voter
        self.x = float(per_voter)
        self.scale = abs(self.x) or 1.0
        self.size = size
        self.budgets_f[:size] = self.a[:size] + self.beta[:size] * self.x
        self.budgets_f[1] = 0.0
        self.exact = {0: per_voter, 1: Fraction(0)}
        self.limit, self.proven, self.pending = limit, True, ()
        self.r0_a, self.r1_a, self.alive = r0_a.copy(), r1_a.copy(), alive.copy()
        self.rho_a = r0_a + r1_a * self.x

    def go(self) -> list[str]:
        engine = self.engine
        candidates = engine.candidates
        selected, rho_a, r0_a, r1_a, alive = (
            self.selected,
            self.rho_a,
            self.r0_a,
            self.r1_a,
            self.alive,
        )
        while True:
            idx = np.flatnonzero(alive)
            order = idx[np.lexsort((engine.rank[idx], rho_a[idx]))].tolist()
            best = _INF
            evaluated = []
            dropped = []
            stop = len(order)
            for n, j in enumerate(order):
                if rho_a[j] > best * (1 + EPS):
                    stop = n
                    break
                p = candidates[j]
                cells = self.cells(p)
                rho, sure, poor, r0, r1 = self.price_float(p, cells)
                exact = None
                if not sure:
                    # Too close to call in floats: decide exactly (and prove no reach).
                    self.proven = False
                    if rho is None or self.available_exact(cells) < p.cost:
                        dropped.append(j)
                        continue
                    exact = self.price_exact(p, cells)
                    rho = float(exact)
                if rho is None:
                    dropped.append(j)  # its supporters can no longer cover it
                    continue
                rho_a[j], r0_a[j], r1_a[j] = rho, r0, r1
                evaluated.append([rho, j, cells, exact, poor, self.pending])
                best = min(best, rho)
            alive[dropped] = False
            if not evaluated:
                return list(selected)
            near = [e for e in evaluated if e[0] <= best * (1 + EPS)]
            tied = set()
            if len(near) > 1:
                for e in near:
                    if e[3] is None:
                        e[3] = self.price_exact(candidates[e[1]], e[2])
                near.sort(key=lambda e: (e[3], candidates[e[1]].id))
                for e in near[1:]:
                    if e[3] == near[0][3] and r1_a[e[1]] == 0 and r1_a[near[0][1]] == 0:
                        # An exact tie of two prices that do not depend on x (nobody
                        # paid all they have): it stays a tie, won by the same id.
                        tied.add(e[1])
                    else:
                        self.proven = False  # floats cannot tell how long it lasts
            rho_f, j, cells, exact, poor, pending = near[0]
            chosen = candidates[j]
            if pending:  # else its price was decided exactly, and nothing is proven
                self.bound_partition(*pending)
            q0, q1 = r0_a[j], r1_a[j]
            others = [e[1] for e in evaluated if e[1] != j and e[1] not in tied] + order[stop:]
            if others:
                self.bound(r0_a[others] - q0, r1_a[others] - q1)
            selected.append(chosen.id)
            alive[j] = False
            self.pay(chosen, cells, rho_f, exact, poor, float(q0), float(q1))
            self.mark()

    def reach(self) -> float:
        """How far x can rise with the same outcome (x itself when not proven)."""
        if not self.proven:
            return self.x
        # Floats: keep a margin well above their rounding errors.
        return self.limit - 1e-7 * self.scale
