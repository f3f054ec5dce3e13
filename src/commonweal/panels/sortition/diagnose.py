"""Why quotas cannot be met, in plain English.

First the simple reasons (too few people in the pool, a feature's minimums adding up to
more seats than the panel has, ...). When those all pass but no panel exists, the quotas
interact: a deletion filter finds a smallest set of quotas that still cannot be met together,
and an integer program that may relax each quota (at a cost per person) says by how much.
"""

from __future__ import annotations

from collections import defaultdict

import highspy
import numpy as np

from .model import Conflict, Quota
from .pool import Pool
from .pricing import INF, add_rows, new_highs, quota_rows


def _people(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"


def simple_conflicts(pool: Pool) -> list[Conflict]:
    """Conflicts that counting alone shows."""
    conflicts: list[Conflict] = []
    size = pool.size
    if len(pool.people) < size:
        short = size - len(pool.people)
        conflicts.append(
            Conflict(
                (),
                short,
                f"The panel has {size} seats but only {_people(len(pool.people))} are in the pool ({short} short).",
            )
        )
    if pool.one_per_household:
        households = len(
            {p.household if p.household is not None else ("", p.id) for p in pool.people}
        )
        if households < size:
            short = size - households
            conflicts.append(
                Conflict(
                    (),
                    short,
                    f"The panel has {size} seats and only one person per household can be chosen, "
                    f"but the pool has only {households} households ({short} short).",
                )
            )
    for q, quota in enumerate(pool.quotas):
        if quota.min > quota.max:
            conflicts.append(
                Conflict(
                    (quota,),
                    quota.min - quota.max,
                    f'"{quota.label}" has a minimum of {quota.min}, which is more than its maximum of {quota.max}.',
                )
            )
            continue
        if quota.min > size:
            conflicts.append(
                Conflict(
                    (quota,),
                    quota.min - size,
                    f'"{quota.label}" needs at least {_people(quota.min)} but the panel has {size} seats '
                    f"({quota.min - size} too many).",
                )
            )
            continue
        members = pool.members_of(q)
        available = len(members)
        where = f'in the pool {"is" if available == 1 else "are"} "{quota.value}"'
        if pool.one_per_household:
            available = len({pool.by_id[pid].household or ("", pid) for pid in members})
            who_has = (
                "household in the pool has" if available == 1 else "households in the pool have"
            )
            where = f'{who_has} someone who is "{quota.value}"'
        if available < quota.min:
            short = quota.min - available
            conflicts.append(
                Conflict(
                    (quota,),
                    short,
                    f'"{quota.label}" needs at least {_people(quota.min)} but only {available} {where} ({short} short).',
                )
            )
    conflicts.extend(_feature_conflicts(pool))
    return conflicts


def _feature_conflicts(pool: Pool) -> list[Conflict]:
    by_feature: dict[str, list[int]] = defaultdict(list)
    for q, quota in enumerate(pool.quotas):
        by_feature[quota.feature].append(q)
    conflicts = []
    size = pool.size
    for feature in pool.features:
        quotas = [pool.quotas[q] for q in by_feature[feature]]
        total_min = sum(quota.min for quota in quotas)
        if total_min > size:
            conflicts.append(
                Conflict(
                    tuple(quotas),
                    total_min - size,
                    f'"{feature}" minimums add up to {total_min} but the panel has {size} seats '
                    f"({total_min - size} too many).",
                )
            )
            continue
        counted = {quota.value for quota in quotas}
        unlimited = sum(1 for p in pool.people if p.features.get(feature, "") not in counted)
        pool_limited = any(
            len(pool.members_of(q)) < pool.quotas[q].max for q in by_feature[feature]
        )
        capacity = unlimited + sum(
            min(pool.quotas[q].max, len(pool.members_of(q))) for q in by_feature[feature]
        )
        if capacity < size:
            short = size - capacity
            if unlimited == 0 and not pool_limited:
                message = f'"{feature}" maximums add up to {capacity} but the panel has {size} seats ({short} too few).'
            else:
                message = (
                    f'At most {_people(capacity)} can be chosen across "{feature}" (each maximum, or fewer where '
                    f"the pool has fewer people), but the panel has {size} seats ({short} too few)."
                )
            conflicts.append(Conflict(tuple(quotas), short, message))
    return conflicts


class _QuotaModel:
    """The panel integer program with switchable quota rows, for finding conflicting sets."""

    def __init__(self, pool: Pool):
        self.pool = pool
        n = len(pool.types)
        h = new_highs()
        upper = np.array([min(t.size, pool.size) for t in pool.types], dtype=np.float64)
        h.addVars(n, np.zeros(n), upper)
        h.changeColsIntegrality(
            n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n)
        )
        add_rows(h, quota_rows(pool))
        self.h = h

    def feasible(self, active: set[int]) -> bool:
        for q, quota in enumerate(self.pool.quotas):
            low, high = (quota.min, quota.max) if q in active else (-INF, INF)
            self.h.changeRowBounds(q + 1, low, high)  # row 0 is the panel size
        self.h.run()
        return self.h.getModelStatus() == highspy.HighsModelStatus.kOptimal


def _relaxation(pool: Pool, active: list[int]) -> dict[int, tuple[int, int]]:
    """The least relaxation that makes a panel possible: quota index -> (lower min by, raise max by)."""
    n = len(pool.types)
    k = len(active)
    h = new_highs()
    upper = np.array([min(t.size, pool.size) for t in pool.types], dtype=np.float64)
    h.addVars(n + 2 * k, np.zeros(n + 2 * k), np.concatenate([upper, np.full(2 * k, INF)]))
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n)
    )
    rows = [quota_rows(pool)[0]] + list(quota_rows(pool)[1 + len(pool.quotas) :])
    for j, q in enumerate(active):
        quota = pool.quotas[q]
        members = [t for t, ptype in enumerate(pool.types) if q in ptype.quota_indexes]
        rows.append((quota.min, INF, members + [n + j], [1.0] * len(members) + [1.0]))
        rows.append((-INF, quota.max, members + [n + k + j], [1.0] * len(members) + [-1.0]))
    add_rows(h, rows)
    cost = np.concatenate([np.zeros(n), np.ones(2 * k)])
    h.changeColsCost(n + 2 * k, np.arange(n + 2 * k, dtype=np.int32), cost)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return {}
    values = h.getSolution().col_value
    return {
        q: (int(round(values[n + j])), int(round(values[n + k + j])))
        for j, q in enumerate(active)
        if round(values[n + j]) or round(values[n + k + j])
    }


def interacting_conflict(pool: Pool) -> Conflict | None:
    """A smallest-by-deletion set of quotas that cannot be met together, or None if a panel exists."""
    model = _QuotaModel(pool)
    active = set(range(len(pool.quotas)))
    if model.feasible(active):
        return None
    for q in range(len(pool.quotas)):
        trial = active - {q}
        if not model.feasible(trial):
            active = trial
    ordered = sorted(active)
    quotas: tuple[Quota, ...] = tuple(pool.quotas[q] for q in ordered)
    changes = _relaxation(pool, ordered)
    described = [_describe(pool.quotas[q], pool.size) for q in ordered]
    fixes = []
    for q, (lower, raise_) in changes.items():
        label = pool.quotas[q].label
        if lower:
            fixes.append(f'lower the minimum for "{label}" by {lower}')
        if raise_:
            fixes.append(f'raise the maximum for "{label}" by {raise_}')
    shortfall = sum(a + b for a, b in changes.values())
    together = "both" if len(described) == 2 else "all"
    message = f"{_join(described)} cannot {together} be met together"
    message += " with one person per household." if pool.one_per_household else "."
    if fixes:
        message += f" The smallest change that works: {_join(fixes)} ({shortfall} in all)."
    return Conflict(quotas, shortfall, message)


def _describe(quota: Quota, size: int) -> str:
    if quota.max == 0:
        return f'"{quota.label}" (none allowed)'
    if quota.min == quota.max:
        return f'"{quota.label}" (exactly {quota.min})'
    if quota.min == 0:
        return f'"{quota.label}" (at most {quota.max})'
    if quota.max >= size:
        return f'"{quota.label}" (at least {quota.min})'
    return f'"{quota.label}" (between {quota.min} and {quota.max})'


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def conflicts(pool: Pool) -> list[Conflict]:
    """Every reason found that the quotas cannot be met; empty when a valid panel exists."""
    found = simple_conflicts(pool)
    if found:
        return found
    conflict = interacting_conflict(pool)
    return [conflict] if conflict else []
