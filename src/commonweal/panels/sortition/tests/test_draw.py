"""The public draw is reproducible from the seed alone, and check_panel names every problem."""

from __future__ import annotations

import hashlib
from fractions import Fraction

import pytest

from commonweal.panels.sortition import (
    Distribution,
    Person,
    Quota,
    check_panel,
    draw,
    find_distribution,
)


def lottery(panels, probabilities):
    return Distribution(
        panels=panels,
        probabilities=probabilities,
        selection_probability={},
        method="leximin",
        maximin=0.0,
        stages_completed=1,
        finished=True,
        seconds=0.0,
    )


PANELS = [("a", "b"), ("a", "c"), ("b", "c"), ("c", "d")]
CHANCES = [0.125, 0.375, 0.25, 0.25]


def expected_by_hand(seed: str):
    """Worked out without draw(): SHA-256 -> r in [0, 1) -> cumulative 1/8, 1/2, 3/4, 1."""
    r = Fraction(int(hashlib.sha256(seed.encode("utf-8")).hexdigest(), 16), 2**256)
    for panel, upper in zip(
        PANELS, [Fraction(1, 8), Fraction(1, 2), Fraction(3, 4), Fraction(1)], strict=True
    ):
        if r < upper:
            return panel
    raise AssertionError


@pytest.mark.parametrize("seed", ["Riverside panel 2025", "42", "dice: 3 6 1 4 4 2", "naïve café"])
def test_draw_matches_the_published_procedure(seed):
    assert draw(lottery(PANELS, CHANCES), seed) == expected_by_hand(seed)


def test_pinned_draw():
    # sha256("Riverside panel 2025") starts with 0x1d or so; pinned from the procedure by hand.
    seed = "Riverside panel 2025"
    r = int(hashlib.sha256(seed.encode()).hexdigest(), 16) / 2**256
    expected = PANELS[[r < 1 / 8, r < 1 / 2, r < 3 / 4, True].index(True)]
    assert draw(lottery(PANELS, CHANCES), seed) == expected


def test_listing_order_does_not_change_the_draw():
    shuffled = lottery(
        [PANELS[2], PANELS[0], PANELS[3], PANELS[1]],
        [CHANCES[2], CHANCES[0], CHANCES[3], CHANCES[1]],
    )
    for seed in ["one", "two", "three", "four", "five"]:
        assert draw(shuffled, seed) == draw(lottery(PANELS, CHANCES), seed)


def test_different_seeds_reach_every_panel():
    seen = {draw(lottery(PANELS, CHANCES), f"seed {i}") for i in range(200)}
    assert seen == set(PANELS)


def test_empty_seed_is_refused():
    with pytest.raises(ValueError, match="Enter a seed"):
        draw(lottery(PANELS, CHANCES), "")


def test_drawn_panel_from_a_real_lottery_meets_the_quotas():
    people = [
        Person(id=f"p{i}", features={"sex": "Female" if i % 2 else "Male"}) for i in range(10)
    ]
    quotas = [Quota("sex", "Female", 2, 2), Quota("sex", "Male", 2, 2)]
    d = find_distribution(people, quotas, 4)
    panel = draw(d, "public meeting 14 May")
    assert panel in d.panels
    assert check_panel(panel, people, quotas, 4) == []
    assert draw(d, "public meeting 14 May") == panel


def test_check_panel_names_every_problem():
    people = [
        Person(id="a", features={"sex": "Female"}, household="h1"),
        Person(id="b", features={"sex": "Female"}, household="h1"),
        Person(id="c", features={"sex": "Male"}),
    ]
    quotas = [Quota("sex", "Male", 1, 1), Quota("sex", "Female", 0, 1)]
    problems = check_panel(["a", "b", "x"], people, quotas, 2, one_per_household=True)
    assert problems == [
        "The panel has 3 people but should have 2.",
        'Not in the pool: "x".',
        '"sex: Male" has 0 but needs at least 1.',
        '"sex: Female" has 2 but may have at most 1.',
        '2 people from household "h1" are on the panel; only one may be.',
    ]
    assert check_panel(["a", "c"], people, quotas, 2, one_per_household=True) == []
