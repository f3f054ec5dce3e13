"""Leximin and maximin on small pools whose fair answer can be worked out by hand."""

from __future__ import annotations

import pytest

from commonweal.panels.sortition import Person, Quota, check_panel, find_distribution


def people_with(*groups: tuple[str, dict[str, str], int]) -> list[Person]:
    """People built from (id prefix, features, how many)."""
    return [
        Person(id=f"{prefix}{i}", features=dict(features))
        for prefix, features, n in groups
        for i in range(1, n + 1)
    ]


def assert_valid(distribution, people, quotas, size, one_per_household=False):
    """Every panel meets every rule, probabilities sum to 1 and chances add up to the seats."""
    assert distribution.panels, "the lottery has no panels"
    for panel in distribution.panels:
        assert check_panel(panel, people, quotas, size, one_per_household) == [], panel
    assert sum(distribution.probabilities) == pytest.approx(1.0, abs=1e-9)
    assert sum(distribution.selection_probability.values()) == pytest.approx(size, abs=1e-7)
    assert set(distribution.selection_probability) == {p.id for p in people}


def test_symmetric_pool_gives_everyone_seats_over_pool_size():
    # Every panel takes exactly 2 of the 6 women and 2 of the 6 men, so the women's chances
    # add up to 2 and so do the men's. The lowest chance is highest when they are all equal:
    # 2 / 6 = 1/3 each.
    people = people_with(("f", {"sex": "Female"}, 6), ("m", {"sex": "Male"}, 6))
    quotas = [Quota("sex", "Female", 2, 2), Quota("sex", "Male", 2, 2)]
    d = find_distribution(people, quotas, 4)
    assert_valid(d, people, quotas, 4)
    for chance in d.selection_probability.values():
        assert chance == pytest.approx(1 / 3, abs=1e-7)
    assert d.maximin == pytest.approx(1 / 3, abs=1e-7)
    assert d.finished and d.method == "leximin"


def test_rare_category_members_are_always_selected():
    # The quota needs 2 disabled people and the pool has exactly 2, so both are on every
    # panel (chance 1). The other 8 share the remaining 2 seats: equal shares are 2 / 8 = 1/4.
    people = people_with(("d", {"disability": "Yes"}, 2), ("n", {"disability": "No"}, 8))
    quotas = [Quota("disability", "Yes", 2, 2), Quota("disability", "No", 0, 4)]
    d = find_distribution(people, quotas, 4)
    assert_valid(d, people, quotas, 4)
    assert d.selection_probability["d1"] == pytest.approx(1.0, abs=1e-7)
    assert d.selection_probability["d2"] == pytest.approx(1.0, abs=1e-7)
    for i in range(1, 9):
        assert d.selection_probability[f"n{i}"] == pytest.approx(0.25, abs=1e-7)
    assert d.maximin == pytest.approx(0.25, abs=1e-7)


def test_leximin_raises_the_next_lowest_after_maximin():
    # At most 1 of the 4 North people per panel of 4, so North's chances add up to at most 1
    # and the lowest chance can be at most 1/4 (all North at 1/4). That is the maximin level.
    # Then each panel has at least 3 South people; with North at 1 in total, South's chances
    # add up to 3, and leximin makes them equal: 3/4 each.
    people = people_with(("n", {"ward": "North"}, 4), ("s", {"ward": "South"}, 4))
    quotas = [Quota("ward", "North", 0, 1), Quota("ward", "South", 0, 4)]
    d = find_distribution(people, quotas, 4)
    assert_valid(d, people, quotas, 4)
    for i in range(1, 5):
        assert d.selection_probability[f"n{i}"] == pytest.approx(0.25, abs=1e-7)
        assert d.selection_probability[f"s{i}"] == pytest.approx(0.75, abs=1e-7)
    assert d.stages_completed >= 2
    assert d.finished


def test_stopping_at_the_time_limit_keeps_maximin_and_says_so():
    # The same pool with no time for refinement: the maximin stage always finishes (lowest
    # chance 1/4), refinement does not, and the lottery is still valid.
    people = people_with(("n", {"ward": "North"}, 4), ("s", {"ward": "South"}, 4))
    quotas = [Quota("ward", "North", 0, 1), Quota("ward", "South", 0, 4)]
    d = find_distribution(people, quotas, 4, time_limit=0.0)
    assert_valid(d, people, quotas, 4)
    assert d.maximin == pytest.approx(0.25, abs=1e-7)
    assert d.stages_completed == 1
    assert not d.finished


def test_one_per_household():
    # a, b and c share a household; d lives alone. A panel of 2 with one person per household
    # must be d and one of a, b, c. So d's chance is 1 and the fairest split gives a, b and c
    # 1/3 each.
    people = [Person(id=x, features={}, household="h1") for x in "abc"] + [
        Person(id="d", features={}, household="h2")
    ]
    d = find_distribution(people, [], 2, one_per_household=True)
    assert_valid(d, people, [], 2, one_per_household=True)
    assert d.selection_probability["d"] == pytest.approx(1.0, abs=1e-7)
    for x in "abc":
        assert d.selection_probability[x] == pytest.approx(1 / 3, abs=1e-7)


def test_households_ignored_unless_asked():
    # Without the household rule all four are alike: 2 seats over 4 people is 1/2 each.
    people = [Person(id=x, features={}, household="h1") for x in "abc"] + [
        Person(id="d", features={}, household="h2")
    ]
    d = find_distribution(people, [], 2)
    for x in "abcd":
        assert d.selection_probability[x] == pytest.approx(0.5, abs=1e-7)


def test_people_no_panel_can_include_get_zero_and_are_named():
    # The quota allows no private renters, so p1 can never be chosen; the other 4 share 2 seats.
    people = [Person(id="p1", features={"tenure": "Private renter"})] + [
        Person(id=f"o{i}", features={"tenure": "Owner"}) for i in range(1, 5)
    ]
    quotas = [Quota("tenure", "Private renter", 0, 0)]
    d = find_distribution(people, quotas, 2)
    assert_valid(d, people, quotas, 2)
    assert d.cannot_be_selected == ("p1",)
    assert d.selection_probability["p1"] == 0.0
    assert d.maximin == pytest.approx(0.5, abs=1e-7)


def test_maximin_method_matches_leximin_lowest():
    people = people_with(("n", {"ward": "North"}, 4), ("s", {"ward": "South"}, 4))
    quotas = [Quota("ward", "North", 0, 1), Quota("ward", "South", 0, 4)]
    d = find_distribution(people, quotas, 4, method="maximin")
    assert_valid(d, people, quotas, 4)
    assert d.method == "maximin"
    assert d.maximin == pytest.approx(0.25, abs=1e-7)


def test_progress_is_reported_in_words():
    messages = []
    people = people_with(("f", {"sex": "Female"}, 3), ("m", {"sex": "Male"}, 3))
    find_distribution(
        people, [Quota("sex", "Female", 1, 2)], 3, progress=lambda m, f: messages.append((m, f))
    )
    # Messages to translate where they are shown; str() gives the English.
    assert messages and all(str(m) for m, _ in messages)
    assert [(str(m), f) for m, f in messages][-1] == ("Done.", 1.0)


def test_bad_input_is_refused_with_a_reason():
    people = [Person(id="a", features={}), Person(id="a", features={})]
    with pytest.raises(ValueError, match='"a" more than once'):
        find_distribution(people, [], 1)
    with pytest.raises(ValueError, match="Unknown method"):
        find_distribution([Person(id="a", features={})], [], 1, method="nash")
