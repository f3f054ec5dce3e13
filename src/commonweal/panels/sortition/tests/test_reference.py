"""Our maximin level equals sortition-algorithms' on a generated pool; its methods are callable."""

from __future__ import annotations

import logging
import random

import pytest

from commonweal.panels.sortition import Person, Quota, check_panel, find_distribution

FEATURES = {
    "age band": ["16-29", "30-44", "45-64", "65+"],
    "sex": ["Female", "Male"],
    "tenure": ["Owner", "Social renter", "Private renter"],
}


@pytest.fixture(autouse=True)
def quiet_library():
    logging.disable(logging.WARNING)  # sortition-algorithms logs every step
    yield
    logging.disable(logging.NOTSET)


def generated_pool(n: int, seed: int) -> list[Person]:
    """Uneven pool: older people, women and owners more common, as among volunteers."""
    rng = random.Random(seed)
    weights = {"age band": [1, 2, 3, 4], "sex": [3, 2], "tenure": [5, 2, 1]}
    return [
        Person(
            id=f"p{i:03d}",
            features={
                f: rng.choices(values, weights=weights[f])[0] for f, values in FEATURES.items()
            },
            household=f"h{i // 2}" if i < 10 else None,
        )
        for i in range(n)
    ]


QUOTAS = [
    Quota("age band", "16-29", 1, 3),
    Quota("age band", "30-44", 1, 3),
    Quota("age band", "45-64", 1, 3),
    Quota("age band", "65+", 1, 3),
    Quota("sex", "Female", 3, 5),
    Quota("sex", "Male", 3, 5),
    Quota("tenure", "Owner", 3, 5),
    Quota("tenure", "Social renter", 1, 3),
    Quota("tenure", "Private renter", 1, 3),
]


@pytest.mark.parametrize("one_per_household", [False, True])
def test_our_maximin_equals_sortition_algorithms(one_per_household):
    people = generated_pool(40, seed=3)
    theirs = find_distribution(
        people,
        QUOTAS,
        8,
        one_per_household=one_per_household,
        method="sortition-algorithms maximin",
    )
    ours = find_distribution(
        people, QUOTAS, 8, one_per_household=one_per_household, method="maximin"
    )
    for d in (theirs, ours):
        for panel in d.panels:
            assert check_panel(panel, people, QUOTAS, 8, one_per_household) == []
    assert ours.maximin == pytest.approx(theirs.maximin, abs=1e-6)
    assert theirs.method == "sortition-algorithms maximin"
    # The pool is uneven (few young private renters), so the lowest chance is below the even
    # share of 8 seats over 40 people: the comparison is not between two trivial answers.
    assert ours.maximin < 8 / 40


def test_leximin_lowest_equals_maximin_and_dominates():
    # Leximin keeps the maximin level and never leaves anyone below it.
    people = generated_pool(40, seed=3)
    ours_maximin = find_distribution(people, QUOTAS, 8, method="maximin")
    ours_leximin = find_distribution(people, QUOTAS, 8, method="leximin")
    assert ours_leximin.maximin == pytest.approx(ours_maximin.maximin, abs=1e-7)
    assert ours_leximin.finished


def test_sortition_algorithms_legacy_gives_valid_panels():
    people = generated_pool(40, seed=5)
    d = find_distribution(people, QUOTAS, 8, method="sortition-algorithms legacy", time_limit=2.0)
    assert d.method == "sortition-algorithms legacy"
    assert d.panels
    assert sum(d.probabilities) == pytest.approx(1.0)
    for panel in d.panels:
        assert check_panel(panel, people, QUOTAS, 8) == []
