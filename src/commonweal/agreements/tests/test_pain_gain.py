"""The pain and gain share, against worked examples done by hand from the rules in pain_gain.py.

The rules: gain = target - actual when actual is below target, pain = actual - target when above;
the amount shared is the gain (or pain), but at most the gain cap (or pain collar); each member
gets its percentage of the amount shared, rounded down to the penny, and the pennies left over go
one each to the largest remainders (ties: larger share, then listed first).
"""

from decimal import Decimal

import pytest

from commonweal.agreements.pain_gain import (
    GAIN,
    NONE,
    PAIN,
    PainGainInputError,
    Share,
    share_out,
)

D = Decimal


def three_members():
    return [Share("Council", D("50")), Share("Harbour", D("30")), Share("Recovery", D("20"))]


def amounts(result) -> dict[str, Decimal]:
    return {member.name: member.amount for member in result.shares}


def test_a_gain_capped():
    # Target £1,000,000, actual £900,000: gain £100,000. Cap £60,000: £60,000 shared.
    # 50% of 60,000 = 30,000; 30% = 18,000; 20% = 12,000. 30,000 + 18,000 + 12,000 = 60,000.
    result = share_out(
        target_cost=D("1000000"),
        actual_cost=D("900000"),
        shares=three_members(),
        gain_cap=D("60000"),
        pain_collar=D("50000"),
    )
    assert result.kind == GAIN
    assert result.difference == D("100000")
    assert result.shared == D("60000")
    assert result.limit_bit is True
    assert result.not_shared == D("40000")
    assert amounts(result) == {
        "Council": D("30000.00"),
        "Harbour": D("18000.00"),
        "Recovery": D("12000.00"),
    }
    words = [str(line) for line in result.lines]
    assert words[1] == (
        "£1,000,000.00 - £900,000.00 = £100,000.00 below the target: a gain of £100,000.00."
    )
    assert words[2].startswith("The gain cap bit: at most £60,000.00 of gain is shared")
    assert "The other £40,000.00 is beyond the cap" in words[2]
    assert words[-1] == "£30,000.00 + £18,000.00 + £12,000.00 = £60,000.00, the whole gain shared."


def test_a_pain_collared():
    # Target £500,000, actual £580,000: pain £80,000. Collar £50,000: £50,000 shared.
    # 50% = 25,000; 30% = 15,000; 20% = 10,000. £30,000 beyond the collar is not shared.
    result = share_out(
        target_cost=D("500000"),
        actual_cost=D("580000"),
        shares=three_members(),
        gain_cap=D("60000"),
        pain_collar=D("50000"),
    )
    assert result.kind == PAIN
    assert result.difference == D("80000")
    assert result.shared == D("50000")
    assert result.limit_bit is True
    assert amounts(result) == {
        "Council": D("25000.00"),
        "Harbour": D("15000.00"),
        "Recovery": D("10000.00"),
    }
    words = [str(line) for line in result.lines]
    assert "The pain collar bit" in words[2]
    assert "The other £30,000.00 is beyond the collar" in words[2]


def test_a_pain_inside_the_collar_is_shared_whole():
    # Target £500,000, actual £520,000: pain £20,000, under the £50,000 collar: all shared.
    result = share_out(
        target_cost=D("500000"),
        actual_cost=D("520000"),
        shares=three_members(),
        pain_collar=D("50000"),
    )
    assert result.shared == D("20000")
    assert result.limit_bit is False
    assert amounts(result) == {
        "Council": D("10000.00"),
        "Harbour": D("6000.00"),
        "Recovery": D("4000.00"),
    }
    assert "did not bite" in str(result.lines[2])


def test_no_cap_shares_the_whole_gain():
    # Target £1,000,000, actual £750,000: gain £250,000, no cap: all shared.
    # 50% = 125,000; 30% = 75,000; 20% = 50,000.
    result = share_out(target_cost=D("1000000"), actual_cost=D("750000"), shares=three_members())
    assert result.shared == D("250000")
    assert result.limit_bit is False
    assert result.limit is None
    assert amounts(result) == {
        "Council": D("125000.00"),
        "Harbour": D("75000.00"),
        "Recovery": D("50000.00"),
    }
    assert str(result.lines[2]) == "There is no gain cap: all of the gain is shared."


def test_pennies_that_do_not_divide_go_to_the_largest_remainders():
    # Gain £100.00 shared three ways at 33.33 / 33.33 / 33.34: exactly 33.33, 33.33, 33.34.
    exact = share_out(
        target_cost=D("1000.00"),
        actual_cost=D("900.00"),
        shares=[Share("A", D("33.33")), Share("B", D("33.33")), Share("C", D("33.34"))],
    )
    assert amounts(exact) == {"A": D("33.33"), "B": D("33.33"), "C": D("33.34")}
    # Gain £0.10 at 40 / 35 / 25: exact 0.04, 0.035, 0.025. Rounded down: 0.04, 0.03, 0.02 = 0.09.
    # One penny left: remainders 0, 0.005, 0.005; tie between B and C, B has the larger share.
    tie = share_out(
        target_cost=D("10.10"),
        actual_cost=D("10.00"),
        shares=[Share("A", D("40")), Share("B", D("35")), Share("C", D("25"))],
    )
    assert amounts(tie) == {"A": D("0.04"), "B": D("0.04"), "C": D("0.02")}
    assert sum(amounts(tie).values()) == D("0.10")
    assert [m.name for m in tie.shares if m.extra_penny] == ["B"]
    assert "the 1p left over went one each to the members with the largest remainders (B)" in str(
        tie.lines[-2]
    )


def test_a_penny_shared_three_ways_on_equal_remainders_goes_to_the_first_listed():
    # Pain £0.02 at 50 / 25 / 25: exact 0.01, 0.005, 0.005. Down: 0.01, 0.00, 0.00 = 0.01.
    # One penny left: B and C tie on remainder and share; B is listed first.
    result = share_out(
        target_cost=D("1.00"),
        actual_cost=D("1.02"),
        shares=[Share("A", D("50")), Share("B", D("25")), Share("C", D("25"))],
    )
    assert result.kind == PAIN
    assert amounts(result) == {"A": D("0.01"), "B": D("0.01"), "C": D("0.00")}


def test_odd_pennies_in_a_large_capped_gain():
    # Target £2,000,000.00, actual £1,876,543.21: gain £123,456.79; cap £100,000.01: shared
    # £100,000.01. 45% = 45,000.0045 -> 45,000.00 (rem .0045); 35% = 35,000.0035 -> 35,000.00
    # (rem .0035); 20% = 20,000.002 -> 20,000.00 (rem .002). Sum 100,000.00, 1p left: to the
    # largest remainder, the 45% member. 45,000.01 + 35,000.00 + 20,000.00 = 100,000.01.
    result = share_out(
        target_cost=D("2000000.00"),
        actual_cost=D("1876543.21"),
        shares=[Share("A", D("45")), Share("B", D("35")), Share("C", D("20"))],
        gain_cap=D("100000.01"),
    )
    assert result.difference == D("123456.79")
    assert result.shared == D("100000.01")
    assert amounts(result) == {"A": D("45000.01"), "B": D("35000.00"), "C": D("20000.00")}


def test_on_target_nothing_is_shared():
    result = share_out(target_cost=D("500000"), actual_cost=D("500000"), shares=three_members())
    assert result.kind == NONE
    assert result.shared == 0
    assert set(amounts(result).values()) == {D("0.00")}
    assert "no pain or gain to share" in str(result.lines[-1])


def test_a_zero_cap_shares_nothing_and_says_so():
    result = share_out(
        target_cost=D("100"), actual_cost=D("90"), shares=three_members(), gain_cap=D("0")
    )
    assert result.shared == 0
    assert result.limit_bit is True
    assert set(amounts(result).values()) == {D("0.00")}


@pytest.mark.parametrize(
    ("shares", "words"),
    [
        (
            [Share("A", D("50")), Share("B", D("30"))],
            "The members' shares must add up to 100%. They add up to 80%",
        ),
        (
            [Share("A", D("70")), Share("B", D("40.5"))],
            "They add up to 110.5%",
        ),
        ([], "no members"),
        ([Share("A", D("120")), Share("B", D("-20"))], "between 0% and 100%"),
        ([Share("A", D("50")), Share("A", D("50"))], "only once"),
    ],
)
def test_shares_that_do_not_add_up_are_refused(shares, words):
    with pytest.raises(PainGainInputError) as refused:
        share_out(target_cost=D("100"), actual_cost=D("90"), shares=shares)
    assert refused.value.field == "shares"
    assert words in str(refused.value)


@pytest.mark.parametrize(
    ("figures", "field", "words"),
    [
        ({"target_cost": None}, "target cost", "Give the target cost"),
        ({"actual_cost": D("-1")}, "actual cost", "cannot be less than £0"),
        ({"gain_cap": D("-5")}, "gain cap", "cannot be less than £0"),
        ({"pain_collar": D("1.234")}, "pain collar", "pounds and pence"),
    ],
)
def test_bad_figures_are_refused(figures, field, words):
    given = {"target_cost": D("100"), "actual_cost": D("90"), **figures}
    with pytest.raises(PainGainInputError) as refused:
        share_out(shares=three_members(), **given)
    assert refused.value.field == field
    assert words in str(refused.value)


def test_the_rules_import_no_django():
    import subprocess
    import sys

    code = (
        "import sys; import commonweal.agreements.pain_gain, commonweal.agreements.governance; "
        "print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
