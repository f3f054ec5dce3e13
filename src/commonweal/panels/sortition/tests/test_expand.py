"""Turning panel make-ups into named panels keeps every person's chance exact."""

from __future__ import annotations

import pytest

from commonweal.panels.sortition import Person, Quota
from commonweal.panels.sortition.expand import expand, sparsify
from commonweal.panels.sortition.pool import Pool


def test_systematic_sampling_gives_each_member_k_over_m():
    # Types: 7 people in ward A, 5 in ward B, 4 in ward C. The make-up (3, 2, 4) takes 3 of 7,
    # 2 of 5 and all 4; (1, 4, 0) takes 1 of 7 and 4 of 5. With probabilities 0.25 and 0.75,
    # each A person's chance is 0.25 * 3/7 + 0.75 * 1/7, each B person's 0.25 * 2/5 + 0.75 * 4/5,
    # each C person's 0.25.
    people = [
        Person(id=f"{w}{i}", features={"ward": w})
        for w, n in (("A", 7), ("B", 5), ("C", 4))
        for i in range(n)
    ]
    pool = Pool(people, [Quota("ward", w, 0, 9) for w in "ABC"], 9)
    sizes = {pool.types[t].members[0][0]: t for t in range(len(pool.types))}
    make_ups = []
    for a, b, c in ((3, 2, 4), (1, 4, 0)):
        counts = [0] * 3
        counts[sizes["A"]], counts[sizes["B"]], counts[sizes["C"]] = a, b, c
        make_ups.append(tuple(counts))
    lottery = expand(pool, make_ups, [0.25, 0.75])
    expected = {"A": 0.25 * 3 / 7 + 0.75 / 7, "B": 0.25 * 2 / 5 + 0.75 * 4 / 5, "C": 0.25}
    for shortened in (lottery, sparsify(lottery, [p.id for p in people])):
        assert sum(shortened.values()) == pytest.approx(1.0, abs=1e-12)
        chance = {p.id: 0.0 for p in people}
        for panel, p in shortened.items():
            assert len(panel) == 9 or len(panel) == 5
            for pid in panel:
                chance[pid] += p
        for pid, c in chance.items():
            assert c == pytest.approx(expected[pid[0]], abs=1e-9)
    assert len(sparsify(lottery, [p.id for p in people])) <= len(people) + 1
