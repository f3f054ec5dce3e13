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
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from .pabulib import Election

# Relative tolerance under which float prices are re-checked exactly. Doubles
# carry about 1e-16 relative error per operation; 1e-9 leaves ample room.
EPS = 1e-9
_INF = float("inf")


class Supporters:
    """One candidate project: its supporters and their satisfactions."""

    __slots__ = ("id", "cost", "cost_f", "voters", "sats", "sats_f", "sat_index", "total_sat", "total_sat_f")

    def __init__(self, pid, cost, voters, sats, sat_index):
        self.id = pid
        self.cost = cost
        self.cost_f = float(cost)
        self.voters = voters  # np.int32 array of voter indices
        self.sats = sats  # distinct exact satisfactions
        self.sats_f = np.array([float(s) for s in sats])
        self.sat_index = sat_index  # np array into sats per voter, or None when all equal
        counts = np.bincount(sat_index, minlength=len(sats)) if sat_index is not None else [len(voters)]
        self.total_sat = sum((int(m) * s for m, s in zip(counts, sats)), 0)
        self.total_sat_f = float(self.total_sat)


class MESEngine:
    """What MES needs from an election and a satisfaction, prepared once for many runs."""

    def __init__(self, election: Election, support: dict[str, tuple[list[int], object]], initial: Sequence[str] = ()):
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

    # ----------------------------------------------------------------- one run

    def run(self, per_voter) -> list[str]:
        """One MES run with every voter starting at ``per_voter``; the selected ids in order."""
        return _Run(self, Fraction(per_voter)).go()

    def run_with_reach(self, per_voter) -> tuple[list[str], float]:
        """One run, and how far the per-voter budget can rise with the same outcome.

        Returns (selected, reach): every per-voter budget in [per_voter, reach)
        gives exactly this selection (reach == per_voter when that is not proven).
        """
        run = _Run(self, Fraction(per_voter))
        selected = run.go()
        return selected, run.reach()


class _Step:
    """One selection in a run, enough to recompute its price exactly when needed."""

    __slots__ = ("project", "rho", "poor")

    def __init__(self, project: Supporters, rho: Fraction | None, poor):
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
            classes, sidx, counts = step.poor
            paid = sum((m * self.budget(c) for c, m in zip(classes.tolist(), counts.tolist())), Fraction(0))
            denom = p.total_sat - sum((m * p.sats[i] for i, m in zip(sidx.tolist(), counts.tolist())), 0)
            step.rho = Fraction(p.cost - paid) / denom
        return step.rho

    def bound(self, u, v) -> None:
        """Record decisions u + v * x >= 0 (true now): they hold until their root."""
        if isinstance(u, float):
            if v < 0:
                self.limit = min(self.limit, -u / v)
            return
        u = np.atleast_1d(u)
        v = np.atleast_1d(v)
        falling = v < 0
        if falling.any():
            self.limit = min(self.limit, float(np.min(-u[falling] / v[falling])))

    def bound_partition(self, cost, sum_a, sum_beta, poor, r0, r1, s, a, beta) -> None:
        """Record the decisions behind the chosen project's price: its supporters
        can cover it, and each pays all they have (poor) or rho * sat (rich)."""
        self.bound(sum_a - cost, sum_beta)
        sign = np.where(poor, 1.0, -1.0)
        self.bound(sign * (r0 * s - a), sign * (r1 * s - beta))

    # ----------------------------------------------------------- prices

    def cells(self, p: Supporters):
        """(classes, sat indices, counts, inverse) of the project's supporters."""
        labs = self.labels[p.voters]
        if p.sat_index is None:
            counts = np.bincount(labs, minlength=self.size)
            classes = np.flatnonzero(counts)
            return classes, np.zeros(len(classes), dtype=np.int64), counts[classes], None
        k = len(p.sats)
        keys, inverse, counts = np.unique(labs * k + p.sat_index, return_inverse=True, return_counts=True)
        return keys // k, keys % k, counts, inverse

    def price_float(self, p: Supporters, cells):
        """(rho, sure, poor mask, r0, r1): the price in floats and as r0 + r1 * x.

        rho is None if the project is unaffordable; sure is False when a
        decision was too close to call in floats (decide exactly).
        """
        self.pending = ()
        classes, sidx, counts, _ = cells
        b = self.budgets_f[classes]
        s = p.sats_f[sidx]
        mf = counts.astype(float)
        available = float(np.dot(mf, b))
        tol = EPS * (p.cost_f + self.scale)
        sum_a, sum_beta = float(np.dot(mf, self.a[classes])), float(np.dot(mf, self.beta[classes]))
        if available < p.cost_f - tol:
            self.bound(p.cost_f - sum_a, -sum_beta)
            return None, True, None, 0.0, 0.0
        if available < p.cost_f + tol:
            self.proven = False
            if self.available_exact(cells) < p.cost:
                return None, True, None, 0.0, 0.0
            return 0.0, False, None, 0.0, 0.0
        ratio = b / s
        order = np.argsort(ratio, kind="stable")
        bo, so, mo = b[order], s[order], mf[order]
        paid = np.concatenate(([0.0], np.cumsum(mo * bo)[:-1]))
        denom = p.total_sat_f - np.concatenate(([0.0], np.cumsum(mo * so)[:-1]))
        with np.errstate(divide="ignore", invalid="ignore"):
            rho = (p.cost_f - paid) / denom
            ok = np.flatnonzero(rho * so <= bo)
        if not len(ok):
            self.proven = False
            return 0.0, False, None, 0.0, 0.0
        k = int(ok[0])
        r = float(rho[k])
        poor = np.zeros(len(classes), dtype=bool)
        poor[order[:k]] = True
        # The price as an affine function of x, and the partition's validity.
        a, beta = self.a[classes], self.beta[classes]
        d = p.total_sat_f - float(np.dot(mf[poor], s[poor]))
        r0 = (p.cost_f - float(np.dot(mf[poor], a[poor]))) / d
        r1 = -float(np.dot(mf[poor], beta[poor])) / d
        # The partition holds while these stay >= 0. Only the chosen project's
        # partition matters (it sets the payments): for any other project,
        # r0 + r1 * x stays a lower bound of its price whatever the partition
        # (each supporter pays at most their budget, and at most rho * sat).
        self.pending = (p.cost_f, sum_a, sum_beta, poor, r0, r1, s, a, beta)
        # Is any supporter on the edge between paying all they have and paying rho * sat?
        sure = not np.any(np.abs(ratio - r) <= EPS * (r + self.scale / s))
        return r, sure, poor, r0, r1

    def available_exact(self, cells) -> Fraction:
        classes, _, counts, _ = cells
        return sum((int(m) * self.budget(c) for c, m in zip(classes.tolist(), counts.tolist())), Fraction(0))

    def price_exact(self, p: Supporters, cells) -> Fraction:
        """The smallest rho with sum over supporters of min(budget, rho * sat) = cost."""
        classes, sidx, counts, _ = cells
        rows = [
            (self.budget(c) / p.sats[i], self.budget(c), p.sats[i], m)
            for c, i, m in zip(classes.tolist(), sidx.tolist(), counts.tolist())
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

    def pay(self, p: Supporters, cells, rho_f: float, rho: Fraction | None, poor, r0: float, r1: float) -> None:
        """Each supporter pays min(budget, rho * sat); cells move to new classes."""
        classes, sidx, counts, inverse = cells
        step = _Step(p, rho, None)
        step_no = len(self.steps)
        self.steps.append(step)
        s = p.sats_f[sidx]
        new = np.ones(len(classes), dtype=np.int64)
        if poor is None:
            # The partition was too close to call in floats: pay exactly.
            for k, (c, i) in enumerate(zip(classes.tolist(), sidx.tolist())):
                budget = self.budget(c)
                left = budget - min(budget, rho * p.sats[i])
                if left:
                    (cls,) = self.grow(1)
                    self.budgets_f[cls] = float(left)
                    self.exact[int(cls)] = left
                    new[k] = cls
        else:
            rich = ~poor
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
        if inverse is None:
            mapping = np.zeros(self.size, dtype=np.int64)
            mapping[classes] = new
            self.labels[p.voters] = mapping[self.labels[p.voters]]
        else:
            self.labels[p.voters] = new[inverse]

    # ----------------------------------------------------------- the run

    def go(self) -> list[str]:
        engine = self.engine
        candidates = engine.candidates
        selected = list(engine.initial)
        # Each candidate's last known price, r0 + r1 * x: a lower bound, as budgets only go down.
        rho_a = engine.start_price.copy()
        r0_a = engine.start_price.copy()
        r1_a = np.zeros(len(candidates))
        alive = np.ones(len(candidates), dtype=bool)
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
                return selected
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

    def reach(self) -> float:
        """How far x can rise with the same outcome (x itself when not proven)."""
        if not self.proven:
            return self.x
        # Floats: keep a margin well above their rounding errors.
        return self.limit - 1e-7 * self.scale
