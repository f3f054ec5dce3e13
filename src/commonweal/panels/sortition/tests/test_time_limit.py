"""A leximin run stopped at its time limit, at any point, still gives a fair and valid lottery.

The time limit is read on a clock the test passes in, which moves one second each time the
engine looks at it: where the run stops depends only on the limit, never on the machine.
"""

from __future__ import annotations

import pytest

from commonweal.panels.sortition import Person, Quota, check_panel, find_distribution, leximin
from commonweal.panels.sortition.leximin import ColumnGeneration
from commonweal.panels.sortition.pool import Pool

from .test_reference import QUOTAS, generated_pool

SIZE = 8


class TickingClock:
    """A clock one second further on each time it is read."""

    def __init__(self) -> None:
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        return float(self.reads)


@pytest.mark.parametrize("primal_start", [False, True])
def test_a_run_stopped_at_its_limit_keeps_a_valid_lottery_at_least_as_fair_as_maximin(
    primal_start, monkeypatch
):
    if primal_start:  # every stage's first solve goes by the primal form (see leximin._Master)
        monkeypatch.setattr(leximin, "STAGE_START_ITERATIONS", 0)
    people = generated_pool(60, seed=3)
    maximin = find_distribution(people, QUOTAS, SIZE, method="maximin").maximin
    clock = TickingClock()
    full = find_distribution(people, QUOTAS, SIZE, time_limit=1e9, clock=clock)
    assert full.finished and full.stages_completed >= 3

    stages_seen = []
    for limit in range(0, clock.reads):
        d = find_distribution(people, QUOTAS, SIZE, time_limit=limit, clock=TickingClock())
        if d.finished:
            assert d.stages_completed == full.stages_completed
        else:
            assert 1 <= d.stages_completed < full.stages_completed
            stages_seen.append(d.stages_completed)
        assert sum(d.probabilities) == pytest.approx(1.0, abs=1e-9)
        for panel in d.panels:
            assert check_panel(panel, people, QUOTAS, SIZE) == [], (limit, panel)
        chances = [d.selection_probability[p.id] for p in people]
        assert min(chances) >= maximin - 1e-7
        assert sum(chances) == pytest.approx(SIZE, abs=1e-7)
    # Later limits get further, and some runs stopped after refinement had begun.
    assert stages_seen == sorted(stages_seen)
    assert stages_seen[0] == 1 and max(stages_seen) >= 2


def test_a_limit_of_zero_still_finishes_the_maximin_stage():
    people = generated_pool(60, seed=3)
    d = find_distribution(people, QUOTAS, SIZE, time_limit=0.0, clock=TickingClock())
    maximin = find_distribution(people, QUOTAS, SIZE, method="maximin").maximin
    assert d.stages_completed == 1 and not d.finished
    assert d.maximin == pytest.approx(maximin, abs=1e-7)


def test_the_lottery_after_a_stop_never_trades_a_fixed_chance_for_the_others():
    # 1,500 people of one group, already fixed at 1 in 3,000 (half the panels), and one person
    # of another group, not yet fixed. Each panel (1 seat) takes one of them. Giving the lone
    # person more means taking it from the 1,500: 1,500 times as much for them as the group
    # loses per person, so a lottery that merely penalised shortfalls would give the group
    # nothing. The fixed chance is kept; the lone person gets the rest (1/2).
    people = [Person(id=f"a{i:04d}", features={"group": "A"}) for i in range(1500)]
    people.append(Person(id="b", features={"group": "B"}))
    pool = Pool(people, [Quota("group", "A", 0, 1), Quota("group", "B", 0, 1)], 1)
    cg = ColumnGeneration(pool, progress=lambda m, f: None)
    a = next(t for t, ptype in enumerate(pool.types) if ptype.members[0] == "a0000")
    b = 1 - a
    take_a = tuple(1 if t == a else 0 for t in range(2))
    take_b = tuple(1 if t == b else 0 for t in range(2))
    cg.add(take_a)
    cg.add(take_b)
    probabilities, lowest_unfixed = cg.final_lottery([0, 1], {a: 0.5 / 1500})
    chance = dict(zip(cg.columns, probabilities, strict=True))
    assert chance[take_a] == pytest.approx(0.5, abs=1e-7)
    assert chance[take_b] == pytest.approx(0.5, abs=1e-7)
    assert lowest_unfixed == pytest.approx(0.5, abs=1e-7)
