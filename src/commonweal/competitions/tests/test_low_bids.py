"""Abnormally low bids: each test flags at its edge and not just short of it; the cost model is
valued at the Real Living Wage of the day it names. Expected numbers are worked out by hand."""

from datetime import date
from decimal import Decimal

import pytest

from commonweal.competitions.low_bids import CostModel, LowBidError, LowBidTest, flags
from commonweal.core.policy import dated

D = Decimal
MEAN = LowBidTest.BELOW_MEAN_OF_OTHERS
NEXT = LowBidTest.BELOW_NEXT_LOWEST
COST = LowBidTest.BELOW_COST_MODEL


@pytest.fixture(autouse=True)
def built_in_tables_only(monkeypatch):
    # The Real Living Wage from the built-in table, not versions officers added (no database).
    monkeypatch.setattr(dated, "_officer_entries", None)


def found(prices, cost_model=None):
    return {(flag.bid_id, flag.test) for flag in flags(prices, cost_model)}


def test_exactly_40_percent_below_the_mean_of_the_others_is_flagged():
    # A 60: the others' mean is (80 + 120) / 2 = 100, so 40% below: flagged.
    #       The next lowest is 80: (80 - 60) / 80 = 25%: not flagged.
    # B 80: the others' mean is 90: 11.1%; the next lowest is 120: 40/120 = 33.3%: flagged.
    # C 120: nothing above it, and above the mean of the others.
    prices = {"A": D(60), "B": D(80), "C": D(120)}
    assert found(prices) == {("A", MEAN), ("B", NEXT)}
    flag = next(f for f in flags(prices) if f.bid_id == "A")
    assert flag.compared_with == D(100) and flag.gap_percent == D("40.0")
    assert "£60.00, is 40.0% below the mean of the other 2 bids, £100.00" in str(flag.reason)
    assert "guidance" in str(flag.reason)


def test_just_under_40_percent_below_the_mean_is_not_flagged():
    # A 60.01: (100 - 60.01) / 100 = 39.99%; the next lowest 80: 24.99%. B as before.
    assert found({"A": D("60.01"), "B": D(80), "C": D(120)}) == {("B", NEXT)}


def test_exactly_30_percent_below_the_next_lowest_is_flagged():
    # A 70 against B 100: 30% below the next lowest (flagged), 30% below the mean (not 40%).
    assert found({"A": D(70), "B": D(100)}) == {("A", NEXT)}
    # 70.01: 29.99%.
    assert found({"A": D("70.01"), "B": D(100)}) == set()


def test_the_bidder_is_asked_to_explain_and_the_law_is_cited():
    flag = flags({"A": D(70), "B": D(100)})[0]
    assert "Your price of £70.00" in str(flag.ask)
    assert "explain" in str(flag.ask)
    law = str(flag.law)
    assert "section 19" in law and "reasonable chance to show it can deliver" in law
    assert "https://www.legislation.gov.uk/ukpga/2023/54/section/19" in law


def test_one_bid_alone_is_not_flagged_without_a_cost_model():
    assert flags({"A": D(1)}) == []


def test_cost_model_at_the_real_living_wage_in_force_on_the_day():
    # On 1 January 2025 the Real Living Wage was £12.60 outside London (announced October 2024).
    # 1,000 hours × £12.60 + £2,000 other costs = £14,600.00.
    model = CostModel(hours=D(1000), on=date(2025, 1, 1), london=False, other_costs=D(2000))
    assert model.cost() == D("14600.00")
    assert found({"A": D("14599.99")}, model) == {("A", COST)}
    assert found({"A": D("14600.00")}, model) == set()
    flag = flags({"A": D("14599.99")}, model)[0]
    words = str(flag.reason)
    assert "£14,600.00" in words and "£12.60 an hour" in words and "outside London" in words


def test_cost_model_in_london_uses_the_london_rate():
    # London on 1 January 2025: £13.85. 1,000 × 13.85 + 2,000 = £15,850.00.
    model = CostModel(hours=D(1000), on=date(2025, 1, 1), london=True, other_costs=D(2000))
    assert model.cost() == D("15850.00")
    assert found({"A": D(15000)}, model) == {("A", COST)}


def test_cost_model_uses_the_rate_of_its_day_not_a_later_one():
    # On 22 October 2024, the day before the 2024 rates, the rate was £12.00:
    # 1,000 × 12.00 + 2,000 = £14,000.00, so £14,500 is not below it.
    model = CostModel(hours=D(1000), on=date(2024, 10, 22), london=False, other_costs=D(2000))
    assert model.cost() == D("14000.00")
    assert found({"A": D(14500)}, model) == set()


def test_bad_input_names_the_field():
    with pytest.raises(LowBidError, match="must be more than zero") as caught:
        flags({"A": D(0), "B": D(10)})
    assert caught.value.field == "prices"
    model = CostModel(hours=D(-1), on=date(2025, 1, 1), london=False)
    with pytest.raises(LowBidError) as caught:
        flags({"A": D(10)}, model)
    assert caught.value.field == "hours" and isinstance(caught.value, ValueError)
