"""Quotas that cannot be met get a message naming the quotas and how far off they are."""

from __future__ import annotations

import pytest

from commonweal.panels.sortition import Infeasible, Person, Quota, find_distribution


def pool(**groups: int) -> list[Person]:
    """People per 'sex_age' group, e.g. Female_young=3."""
    people = []
    for key, n in groups.items():
        sex, age = key.split("_")
        people += [Person(id=f"{key}{i}", features={"sex": sex, "age band": age}) for i in range(n)]
    return people


def test_too_few_in_the_pool_for_a_minimum():
    people = pool(Female_young=9, Male_young=20)
    with pytest.raises(Infeasible) as caught:
        find_distribution(people, [Quota("sex", "Female", 12, 15)], 20)
    assert str(caught.value) == (
        'The quotas cannot all be met: "sex: Female" needs at least 12 people but only 9 in the pool '
        'are "Female" (3 short).'
    )
    (conflict,) = caught.value.conflicts
    assert conflict.quotas == (Quota("sex", "Female", 12, 15),)
    assert conflict.shortfall == 3


def test_minimums_of_one_feature_add_up_to_more_than_the_seats():
    people = pool(Female_young=10, Female_middle=10, Male_old=10)
    quotas = [
        Quota("age band", "young", 8, 10),
        Quota("age band", "middle", 8, 10),
        Quota("age band", "old", 8, 10),
    ]
    with pytest.raises(Infeasible) as caught:
        find_distribution(people, quotas, 20)
    assert str(caught.value) == (
        'The quotas cannot all be met: "age band" minimums add up to 24 but the panel has 20 seats (4 too many).'
    )
    assert caught.value.conflicts[0].shortfall == 4


def test_maximums_of_one_feature_add_up_to_fewer_than_the_seats():
    people = pool(Female_young=10, Male_young=10)
    quotas = [Quota("sex", "Female", 0, 4), Quota("sex", "Male", 0, 4)]
    with pytest.raises(Infeasible) as caught:
        find_distribution(people, quotas, 10)
    assert str(caught.value) == (
        'The quotas cannot all be met: "sex" maximums add up to 8 but the panel has 10 seats (2 too few).'
    )


def test_pool_smaller_than_the_panel():
    with pytest.raises(
        Infeasible, match=r"The panel has 5 seats but only 3 people are in the pool \(2 short\)"
    ):
        find_distribution(pool(Female_young=3), [], 5)


def test_minimum_above_maximum():
    with pytest.raises(
        Infeasible, match='"sex: Male" has a minimum of 3, which is more than its maximum of 2'
    ):
        find_distribution(pool(Male_young=5, Female_old=5), [Quota("sex", "Male", 3, 2)], 4)


def test_interacting_quotas_are_named_with_the_smallest_fix():
    # Every woman in this pool is young and every man is old. Each quota passes on its own,
    # but at least 2 women means at least 2 young people, and at most 1 young person is allowed.
    # Relaxing either quota by 1 fixes it.
    people = pool(Female_young=3, Male_old=3)
    quotas = [
        Quota("sex", "Female", 2, 3),
        Quota("sex", "Male", 0, 3),
        Quota("age band", "young", 0, 1),
        Quota("age band", "old", 0, 3),
    ]
    with pytest.raises(Infeasible) as caught:
        find_distribution(people, quotas, 3)
    (conflict,) = caught.value.conflicts
    assert set(conflict.quotas) == {quotas[0], quotas[2]}
    assert conflict.shortfall == 1
    assert conflict.message.startswith(
        '"sex: Female" (at least 2) and "age band: young" (at most 1) cannot both be met together. '
        "The smallest change that works: "
    )
    assert conflict.message.endswith("by 1 (1 in all).")


def test_households_count_once_toward_a_minimum():
    # Four women but only two households: with one person per household, at most 2 women.
    people = [
        Person(id=f"w{i}", features={"sex": "Female"}, household=f"h{i % 2}") for i in range(4)
    ]
    people += [Person(id=f"m{i}", features={"sex": "Male"}) for i in range(4)]
    with pytest.raises(Infeasible) as caught:
        find_distribution(people, [Quota("sex", "Female", 3, 4)], 4, one_per_household=True)
    assert str(caught.value) == (
        'The quotas cannot all be met: "sex: Female" needs at least 3 people but only 2 households in the pool '
        'have someone who is "Female" (1 short).'
    )
