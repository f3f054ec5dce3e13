"""The tables of law and policy, checked against worked examples worked out by hand.

Plain Python: the built-in tables only (officer-entered versions are tested in
test_policy_entries.py).
"""

from datetime import date
from decimal import Decimal

import pytest

from commonweal.core import policy
from commonweal.core.policy import dated
from commonweal.core.policy.dated import JurisdictionRequired, NoRuleInForce

D = Decimal


@pytest.fixture(autouse=True)
def built_in_tables_only(monkeypatch):
    monkeypatch.setattr(dated, "_officer_entries", None)


# --- Procurement Act 2023 -----------------------------------------------------------------------


@pytest.mark.parametrize("jurisdiction", ["england", "wales", "northern_ireland"])
def test_thresholds_including_vat_until_31_december_2025(jurisdiction):
    t = policy.in_force(policy.PROCUREMENT_THRESHOLDS, date(2025, 12, 31), jurisdiction).value
    assert t.sub_central_goods_services == D("214904")
    assert t.central_government_goods_services == D("139688")
    assert t.light_touch == D("663540")
    assert t.works == D("5372609")
    assert t.utilities_goods_services == D("429809")


@pytest.mark.parametrize("jurisdiction", ["england", "wales", "northern_ireland"])
def test_thresholds_including_vat_from_1_january_2026(jurisdiction):
    t = policy.in_force(policy.PROCUREMENT_THRESHOLDS, date(2026, 1, 1), jurisdiction).value
    assert t.sub_central_goods_services == D("207720")
    assert t.central_government_goods_services == D("135018")
    assert t.light_touch == D("663540")
    assert t.works == D("5193000")
    assert t.utilities_goods_services == D("415440")
    assert t.light_touch_concession == D("5372609")


def test_thresholds_need_a_jurisdiction_and_do_not_apply_to_scotland_or_before_the_act():
    with pytest.raises(JurisdictionRequired):
        policy.in_force(policy.PROCUREMENT_THRESHOLDS, date(2026, 1, 1))
    with pytest.raises(NoRuleInForce, match="does not apply in Scotland"):
        policy.in_force(policy.PROCUREMENT_THRESHOLDS, date(2026, 1, 1), "scotland")
    with pytest.raises(NoRuleInForce, match="the first began on 2025-02-24"):
        policy.in_force(policy.PROCUREMENT_THRESHOLDS, date(2025, 2, 23), "england")


@pytest.mark.parametrize(
    ("value", "central_government", "needed"),
    [
        ("11999.99", True, False),
        ("12000", True, True),
        ("29999.99", False, False),
        ("30000", False, True),
        ("12000", False, False),
    ],
)
def test_below_threshold_notices_from_12000_central_government_and_30000_others(
    value, central_government, needed
):
    assert (
        policy.below_threshold_notice_needed(
            D(value), date(2025, 6, 1), "england", central_government=central_government
        )
        is needed
    )


def test_kpis_are_required_for_contracts_of_more_than_5_million():
    assert policy.kpis_required(D("5000000"), date(2025, 6, 1), "england") is False
    assert policy.kpis_required(D("5000000.01"), date(2025, 6, 1), "england") is True
    assert policy.KPIS_REQUIRED_AT_LEAST == 3


def test_payments_of_more_than_30000_are_published():
    assert policy.payment_published(D("30000"), date(2025, 6, 1), "wales") is False
    assert policy.payment_published(D("30000.01"), date(2025, 6, 1), "wales") is True


def test_payment_terms_are_30_days_and_the_standstill_8_working_days():
    assert policy.in_force(policy.PAYMENT_TERMS_DAYS, date(2025, 3, 1), "england").value == 30
    assert policy.in_force(policy.STANDSTILL_WORKING_DAYS, date(2025, 3, 1), "england").value == 8


def test_the_minimum_social_value_weighting_is_10_percent_in_england_from_2021():
    weighting = policy.SOCIAL_VALUE_MIN_WEIGHTING
    assert policy.in_force(weighting, date(2021, 1, 1), "england").value == D("10")
    assert "PPN 002" in policy.in_force(weighting, date(2025, 2, 24), "england").source
    assert "PPN 06/20" in policy.in_force(weighting, date(2025, 2, 23), "england").source
    with pytest.raises(NoRuleInForce):
        policy.in_force(weighting, date(2020, 12, 31), "england")
    with pytest.raises(NoRuleInForce, match="does not apply in Wales"):
        policy.in_force(weighting, date(2025, 6, 1), "wales")


# --- Bank of England base rate and late payment -------------------------------------------------


@pytest.mark.parametrize(
    ("day", "rate"),
    [
        (date(2008, 1, 1), "5.50"),
        (date(2008, 12, 31), "2.00"),
        (date(2009, 3, 4), "1.00"),
        (date(2009, 3, 5), "0.50"),
        (date(2016, 8, 4), "0.25"),
        (date(2020, 3, 19), "0.10"),
        (date(2023, 6, 30), "5.00"),
        (date(2023, 12, 31), "5.25"),
        (date(2025, 12, 17), "4.00"),
        (date(2025, 12, 18), "3.75"),
    ],
)
def test_base_rate_in_force_on_a_day(day, rate):
    assert policy.in_force(policy.BANK_RATE, day).value == D(rate)


@pytest.mark.parametrize(
    ("interest_starts", "fixed_on", "reference", "statutory"),
    [
        # A debt due on 30 June 2023: interest runs from 1 July, so the rate on 30 June counts
        # (5%, raised on 22 June), not the rate on 31 December 2022.
        (date(2023, 7, 1), date(2023, 6, 30), "5.00", "13.00"),
        (date(2023, 6, 30), date(2022, 12, 31), "3.50", "11.50"),
        (date(2009, 1, 15), date(2008, 12, 31), "2.00", "10.00"),
        (date(2008, 9, 1), date(2008, 6, 30), "5.00", "13.00"),
        (date(2026, 2, 1), date(2025, 12, 31), "3.75", "11.75"),
    ],
)
def test_the_late_payment_reference_rate_is_fixed_on_30_june_or_31_december_before(
    interest_starts, fixed_on, reference, statutory
):
    found = policy.reference_rate(interest_starts)
    assert found.fixed_on == fixed_on
    assert found.rate == D(reference)
    assert found.statutory_interest_rate == D(statutory)


def test_statutory_interest_worked_examples():
    # £10,000 due 31 January 2024, paid 1 March 2024: 30 days at 5.25% + 8% = 13.25%.
    # 10,000 x 13.25% = £1,325 a year; / 365 x 30 = £108.904...
    assert policy.statutory_interest(D("10000"), date(2024, 1, 31), date(2024, 3, 1)) == D("108.90")
    # £2,500 due 30 June 2023, paid 30 July 2023: 30 days at 5% + 8% = 13%: £26.712...
    assert policy.statutory_interest(D("2500"), date(2023, 6, 30), date(2023, 7, 30)) == D("26.71")
    # Paid on the day it fell due: nothing.
    assert policy.statutory_interest(D("2500"), date(2023, 6, 30), date(2023, 6, 30)) == D("0.00")


@pytest.mark.parametrize(
    ("debt", "compensation"),
    [("0.01", "40"), ("999.99", "40"), ("1000", "70"), ("9999.99", "70"), ("10000", "100")],
)
def test_late_payment_compensation_bands(debt, compensation):
    assert policy.fixed_compensation(D(debt), date(2025, 6, 1)) == D(compensation)


# --- Real Living Wage -----------------------------------------------------------------------


def test_the_newest_real_living_wage_announced_by_a_day():
    announced = policy.living_wage_announced(date(2025, 10, 22)).value
    assert (announced.uk, announced.london, announced.pay_by) == (
        D("13.45"),
        D("14.80"),
        date(2026, 5, 1),
    )
    assert policy.living_wage_announced(date(2025, 10, 21)).value.uk == D("12.60")
    with pytest.raises(NoRuleInForce):
        policy.living_wage_announced(date(2016, 10, 30))


@pytest.mark.parametrize(
    ("day", "uk", "london"),
    [
        (date(2026, 4, 30), "12.60", "13.85"),  # 2025's rates announced, not yet due
        (date(2026, 5, 1), "13.45", "14.80"),
        (date(2023, 5, 13), "9.90", "11.05"),  # 2022's rates were due by 14 May 2023
        (date(2023, 5, 14), "10.90", "11.95"),
    ],
)
def test_the_real_living_wage_employers_must_be_paying_on_a_day(day, uk, london):
    expected = policy.living_wage_expected(day).value
    assert (expected.uk, expected.london) == (D(uk), D(london))


def test_no_real_living_wage_was_due_before_the_first_deadline():
    with pytest.raises(NoRuleInForce, match="the first deadline was 2017-05-01"):
        policy.living_wage_expected(date(2017, 4, 30))
