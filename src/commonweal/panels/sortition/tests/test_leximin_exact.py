"""Leximin by column generation equals leximin worked out with every possible panel make-up.

On a pool small enough to list every make-up that meets the quotas, the test works the
leximin chances out the way the definition reads, with no duals and no column generation:
raise the lowest chance as far as it goes, then ask of each remaining group whether it can
go higher without lowering anyone already settled; those that cannot are settled at that
level; repeat. The engine's chances must match to 1e-6.
"""

from __future__ import annotations

import itertools
import random

import highspy
import numpy as np
import pytest

from commonweal.panels.sortition import Person, Quota, find_distribution
from commonweal.panels.sortition.pool import Pool

FEATURES = {
    "ward": ["North", "South", "East"],
    "age": ["Young", "Old"],
    "tenure": ["Owner", "Renter"],
}
QUOTAS = [
    Quota("ward", "North", 1, 2),
    Quota("ward", "South", 1, 3),
    Quota("ward", "East", 0, 2),
    Quota("age", "Young", 2, 3),
    Quota("age", "Old", 2, 3),
    Quota("tenure", "Owner", 2, 4),
    Quota("tenure", "Renter", 0, 2),
]
SIZE = 5


def uneven_pool(seed: int) -> list[Person]:
    rng = random.Random(seed)
    weights = {"ward": [1, 4, 2], "age": [1, 3], "tenure": [4, 1]}
    return [
        Person(
            id=f"p{i:02d}",
            features={f: rng.choices(v, weights=weights[f])[0] for f, v in FEATURES.items()},
        )
        for i in range(30)
    ]


def every_make_up(pool: Pool) -> list[tuple[int, ...]]:
    """Every count per type that meets the size and the quotas."""
    found = []
    ranges = [range(min(ptype.size, pool.size) + 1) for ptype in pool.types]
    for counts in itertools.product(*ranges):
        if sum(counts) != pool.size:
            continue
        ok = True
        for q, quota in enumerate(pool.quotas):
            n = sum(
                c for c, ptype in zip(counts, pool.types, strict=True) if q in ptype.quota_indexes
            )
            ok = ok and quota.min <= n <= quota.max
        if ok:
            found.append(counts)
    return found


def best(make_ups, sizes, settled, objective_type=None):
    """Over lotteries of make-ups with settled types at least at their level: the highest z that
    every unsettled type reaches, or (objective_type given, z held at its floor) that type's highest chance."""
    k, n = len(make_ups), len(sizes)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)  # HiGHS keeps one thread count per process; the engine uses 1
    h.addVars(k + 1, np.zeros(k + 1), np.ones(k + 1))
    h.addRow(1.0, 1.0, k, np.arange(k, dtype=np.int32), np.ones(k))
    for t in range(n):
        idx = [c for c in range(k) if make_ups[c][t]]
        val = [make_ups[c][t] / sizes[t] for c in idx]
        if t in settled:
            h.addRow(
                settled[t],
                highspy.kHighsInf,
                len(idx),
                np.array(idx, dtype=np.int32),
                np.array(val),
            )
        elif objective_type is None:
            h.addRow(
                0.0,
                highspy.kHighsInf,
                len(idx) + 1,
                np.array([*idx, k], dtype=np.int32),
                np.array([*val, -1.0]),
            )
    cost = np.zeros(k + 1)
    if objective_type is None:
        cost[k] = 1.0
    else:
        for c in range(k):
            cost[c] = make_ups[c][objective_type] / sizes[objective_type]
    h.changeColsCost(k + 1, np.arange(k + 1, dtype=np.int32), cost)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return h.getInfo().objective_function_value


def leximin_by_definition(pool: Pool) -> list[float]:
    make_ups = every_make_up(pool)
    sizes = [ptype.size for ptype in pool.types]
    can = [t for t in range(len(sizes)) if any(c[t] for c in make_ups)]
    settled = {t: 0.0 for t in range(len(sizes)) if t not in can}
    while len(settled) < len(sizes):
        level = best(make_ups, sizes, settled)
        floor = {**settled, **{t: level - 1e-9 for t in can if t not in settled}}
        for t in [t for t in can if t not in settled]:
            others = {u: v for u, v in floor.items() if u != t}
            if best(make_ups, sizes, others, objective_type=t) <= level + 1e-7:
                settled[t] = level
    return [settled[t] for t in range(len(sizes))]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_leximin_chances_equal_those_worked_out_from_every_make_up(seed):
    people = uneven_pool(seed)
    pool = Pool(people, QUOTAS, SIZE)
    expected = leximin_by_definition(pool)
    d = find_distribution(people, QUOTAS, SIZE)
    assert d.finished
    for t, ptype in enumerate(pool.types):
        for pid in ptype.members:
            assert d.selection_probability[pid] == pytest.approx(expected[t], abs=1e-6), pid
    # The pool is uneven enough that leximin goes past maximin: several levels.
    assert len({round(level, 6) for level in expected}) >= 3


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stages_started_in_primal_form_give_the_same_chances(seed, monkeypatch):
    """A stage whose first solve needs more than a few iterations starts from the primal form's optimum."""
    from commonweal.panels.sortition import leximin

    started = []
    from_primal = leximin._Master._from_primal

    def counted(master, *args):
        ok = from_primal(master, *args)
        started.append(ok)
        return ok

    monkeypatch.setattr(leximin, "STAGE_START_ITERATIONS", 0)  # every stage's start takes that way
    monkeypatch.setattr(leximin._Master, "_from_primal", counted)
    people = uneven_pool(seed)
    pool = Pool(people, QUOTAS, SIZE)
    expected = leximin_by_definition(pool)
    d = find_distribution(people, QUOTAS, SIZE)
    assert d.finished and started and all(started)
    for t, ptype in enumerate(pool.types):
        for pid in ptype.members:
            assert d.selection_probability[pid] == pytest.approx(expected[t], abs=1e-6), pid
