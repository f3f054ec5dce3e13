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

from commonweal.messages import (
    Message,
    gettext_noop,
    join_names,
    message,
    ngettext_noop,
    plural_message,
)

from .model import Conflict, Quota
from .pool import Pool
from .pricing import INF, add_rows, new_highs, quota_rows


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
                plural_message(
                    ngettext_noop(
                        "The panel has %(size)s seats but only %(count)s person is in the pool "
                        "(%(short)s short).",
                        "The panel has %(size)s seats but only %(count)s people are in the pool "
                        "(%(short)s short).",
                    ),
                    len(pool.people),
                    size=size,
                    count=len(pool.people),
                    short=short,
                ),
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
                    plural_message(
                        ngettext_noop(
                            "The panel has %(size)s seats and only one person per household can "
                            "be chosen, but the pool has only %(count)s household (%(short)s short).",
                            "The panel has %(size)s seats and only one person per household can "
                            "be chosen, but the pool has only %(count)s households (%(short)s short).",
                        ),
                        households,
                        size=size,
                        count=households,
                        short=short,
                    ),
                )
            )
    for q, quota in enumerate(pool.quotas):
        if quota.min > quota.max:
            conflicts.append(
                Conflict(
                    (quota,),
                    quota.min - quota.max,
                    message(
                        gettext_noop(
                            '"%(label)s" has a minimum of %(min)s, which is more than its maximum '
                            "of %(max)s."
                        ),
                        label=quota.label,
                        min=quota.min,
                        max=quota.max,
                    ),
                )
            )
            continue
        if quota.min > size:
            conflicts.append(
                Conflict(
                    (quota,),
                    quota.min - size,
                    plural_message(
                        ngettext_noop(
                            '"%(label)s" needs at least %(count)s person but the panel has '
                            "%(size)s seats (%(over)s too many).",
                            '"%(label)s" needs at least %(count)s people but the panel has '
                            "%(size)s seats (%(over)s too many).",
                        ),
                        quota.min,
                        label=quota.label,
                        count=quota.min,
                        size=size,
                        over=quota.min - size,
                    ),
                )
            )
            continue
        members = pool.members_of(q)
        available = len(members)
        where = plural_message(
            ngettext_noop(
                '%(count)s in the pool is "%(value)s"', '%(count)s in the pool are "%(value)s"'
            ),
            available,
            count=available,
            value=quota.value,
        )
        if pool.one_per_household:
            available = len({pool.by_id[pid].household or ("", pid) for pid in members})
            where = plural_message(
                ngettext_noop(
                    '%(count)s household in the pool has someone who is "%(value)s"',
                    '%(count)s households in the pool have someone who is "%(value)s"',
                ),
                available,
                count=available,
                value=quota.value,
            )
        if available < quota.min:
            short = quota.min - available
            conflicts.append(
                Conflict(
                    (quota,),
                    short,
                    plural_message(
                        ngettext_noop(
                            '"%(label)s" needs at least %(count)s person but only %(where)s '
                            "(%(short)s short).",
                            '"%(label)s" needs at least %(count)s people but only %(where)s '
                            "(%(short)s short).",
                        ),
                        quota.min,
                        label=quota.label,
                        count=quota.min,
                        where=where,
                        short=short,
                    ),
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
                    message(
                        gettext_noop(
                            '"%(feature)s" minimums add up to %(total)s but the panel has '
                            "%(size)s seats (%(over)s too many)."
                        ),
                        feature=feature,
                        total=total_min,
                        size=size,
                        over=total_min - size,
                    ),
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
                why = message(
                    gettext_noop(
                        '"%(feature)s" maximums add up to %(capacity)s but the panel has '
                        "%(size)s seats (%(short)s too few)."
                    ),
                    feature=feature,
                    capacity=capacity,
                    size=size,
                    short=short,
                )
            else:
                why = plural_message(
                    ngettext_noop(
                        'At most %(count)s person can be chosen across "%(feature)s" (each '
                        "maximum, or fewer where the pool has fewer people), but the panel has "
                        "%(size)s seats (%(short)s too few).",
                        'At most %(count)s people can be chosen across "%(feature)s" (each '
                        "maximum, or fewer where the pool has fewer people), but the panel has "
                        "%(size)s seats (%(short)s too few).",
                    ),
                    capacity,
                    count=capacity,
                    feature=feature,
                    size=size,
                    short=short,
                )
            conflicts.append(Conflict(tuple(quotas), short, why))
    return conflicts


class _QuotaModel:
    """The panel integer program with switchable quota rows, for finding conflicting sets."""

    def __init__(self, pool: Pool, *, presolve: bool = True):
        self.pool = pool
        n = len(pool.types)
        h = new_highs()
        if not presolve:
            h.setOptionValue("presolve", "off")
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
    """A smallest-by-deletion set of quotas that cannot be met together, or None if a panel exists.

    The deletion filter drops each quota whose removal still leaves no panel. If it drops them all,
    no quota is to blame: the panel cannot be filled from the pool at all (too few people or
    households, which counting says), or HiGHS's answers contradict each other: then a fresh solve
    without presolve decides, and if it too finds no panel the conflict says plainly that no quotas
    could be singled out.
    """
    everything = set(range(len(pool.quotas)))
    model = _QuotaModel(pool)
    if model.feasible(everything):
        return None
    active = set(everything)
    for q in range(len(pool.quotas)):
        trial = active - {q}
        if not model.feasible(trial):
            active = trial
    if not active:
        return _no_quota_to_blame(pool)
    ordered = sorted(active)
    quotas: tuple[Quota, ...] = tuple(pool.quotas[q] for q in ordered)
    changes = _relaxation(pool, ordered)
    described = [_describe(pool.quotas[q], pool.size) for q in ordered]
    fixes: list[str | Message] = []
    for q, (lower, raise_) in changes.items():
        label = pool.quotas[q].label
        if lower:
            fixes.append(
                message(
                    gettext_noop('lower the minimum for "%(label)s" by %(count)s'),
                    label=label,
                    count=lower,
                )
            )
        if raise_:
            fixes.append(
                message(
                    gettext_noop('raise the maximum for "%(label)s" by %(count)s'),
                    label=label,
                    count=raise_,
                )
            )
    shortfall = sum(a + b for a, b in changes.values())
    # "both" for two quotas, "all" for more. One alone passed the counting checks (simple_conflicts)
    # but cannot be met with one person per household (households all of one category, say).
    both = len(described) == 2
    if pool.one_per_household and len(described) == 1:
        template = gettext_noop("%(quotas)s cannot be met with one person per household.")
    elif len(described) == 1:
        template = gettext_noop("%(quotas)s cannot be met.")
    elif pool.one_per_household and both:
        template = gettext_noop(
            "%(quotas)s cannot both be met together with one person per household."
        )
    elif pool.one_per_household:
        template = gettext_noop(
            "%(quotas)s cannot all be met together with one person per household."
        )
    elif both:
        template = gettext_noop("%(quotas)s cannot both be met together.")
    else:
        template = gettext_noop("%(quotas)s cannot all be met together.")
    why = message(template, quotas=join_names(described))
    if fixes:
        why = message(
            gettext_noop(
                "%(problem)s The smallest change that works: %(fixes)s (%(count)s in all)."
            ),
            problem=why,
            fixes=join_names(fixes),
            count=shortfall,
        )
    return Conflict(quotas, shortfall, why)


def _no_quota_to_blame(pool: Pool) -> Conflict | None:
    """What stops a panel when the deletion filter dropped every quota (see interacting_conflict)."""
    counted = [conflict for conflict in simple_conflicts(pool) if not conflict.quotas]
    if counted:
        return counted[0]  # too few people or households: true whatever the quotas
    # Counting finds enough people, so a panel without quotas exists and HiGHS was wrong somewhere:
    # ask once more, from scratch and another way (no presolve), before saying anything about the quotas.
    if _QuotaModel(pool, presolve=False).feasible(set(range(len(pool.quotas)))):
        return None
    return Conflict(
        tuple(pool.quotas),
        0,
        message(
            gettext_noop(
                "No panel meeting every quota was found, and the check could not tell which "
                "quotas conflict. Loosen the quotas that leave the least room (a narrow range, "
                "or a minimum close to how many in the pool can meet it) and run the selection "
                "again."
            )
        ),
    )


def _describe(quota: Quota, size: int) -> Message:
    if quota.max == 0:
        template = gettext_noop('"%(label)s" (none allowed)')
    elif quota.min == quota.max:
        template = gettext_noop('"%(label)s" (exactly %(min)s)')
    elif quota.min == 0:
        template = gettext_noop('"%(label)s" (at most %(max)s)')
    elif quota.max >= size:
        template = gettext_noop('"%(label)s" (at least %(min)s)')
    else:
        template = gettext_noop('"%(label)s" (between %(min)s and %(max)s)')
    return message(template, label=quota.label, min=quota.min, max=quota.max)


def conflicts(pool: Pool) -> list[Conflict]:
    """Every reason found that the quotas cannot be met; empty when a valid panel exists."""
    found = simple_conflicts(pool)
    if found:
        return found
    conflict = interacting_conflict(pool)
    return [conflict] if conflict else []
