"""Whether a leadership team agreed a decision, worked by hand from the rules: unanimity needs
every member of the team; majority needs more than half (3 of 5, 3 of 4, 2 of 2, 1 of 1)."""

import pytest

from commonweal.agreements.governance import (
    MAJORITY,
    UNANIMITY,
    GovernanceInputError,
    Seat,
    check,
)

TEAM = [Seat(1, "Riverside Council"), Seat(2, "Harbour Housing"), Seat(3, "Riverside Recovery")]


def test_unanimity_with_everyone_agreed():
    verdict = check(UNANIMITY, TEAM, [3, 1, 2])
    assert verdict.enough is True
    assert verdict.needed == 3
    assert verdict.missing == ()
    assert verdict.reason is None


def test_unanimity_names_who_has_not_agreed():
    verdict = check(UNANIMITY, TEAM, [1])
    assert verdict.enough is False
    assert verdict.missing == ("Harbour Housing", "Riverside Recovery")
    assert str(verdict.reason) == (
        "Every member of the leadership team must agree (the rule is unanimity). "
        "Not agreed: Harbour Housing and Riverside Recovery."
    )


def test_unanimity_with_one_missing_of_three_is_not_enough():
    verdict = check(UNANIMITY, TEAM, [1, 2])
    assert verdict.enough is False
    assert verdict.missing == ("Riverside Recovery",)


@pytest.mark.parametrize(
    ("size", "agreeing", "enough"),
    [
        (5, 3, True),  # 3 > 2.5
        (5, 2, False),
        (4, 2, False),  # half is not more than half
        (4, 3, True),
        (2, 1, False),
        (2, 2, True),
        (1, 1, True),
        (1, 0, False),
    ],
)
def test_majority_is_more_than_half(size, agreeing, enough):
    team = [Seat(n, f"Member {n}") for n in range(size)]
    verdict = check(MAJORITY, team, range(agreeing))
    assert verdict.enough is enough
    assert len(verdict.missing) == size - agreeing


def test_majority_says_how_many_and_who():
    verdict = check(MAJORITY, TEAM, [2])
    assert verdict.needed == 2
    assert str(verdict.reason) == (
        "More than half of the leadership team must agree: 2 of 3. 1 agreed. "
        "Not agreed: Riverside Council and Riverside Recovery."
    )


def test_only_the_team_counts():
    verdict = check(UNANIMITY, TEAM[:2], [1, 2, 3])
    assert verdict.enough is True
    assert verdict.outsiders == ("3",)
    # An outsider's agreement does not make a majority.
    majority = check(MAJORITY, TEAM, [1, 9, 10])
    assert majority.enough is False


def test_the_same_member_agreeing_twice_counts_once():
    assert check(MAJORITY, TEAM, [1, 1]).enough is False


def test_no_team_or_no_such_rule_is_refused():
    with pytest.raises(GovernanceInputError, match="nobody on its leadership team"):
        check(UNANIMITY, [], [])
    with pytest.raises(GovernanceInputError, match="not a rule"):
        check("whoever shouts", TEAM, [1, 2, 3])
