"""Size band, SME and VCSE status follow from the facts, under the rules in force on a day.

Plain Python: the rules come from ``core.policy``'s tables, looked up for the day as the model does.
"""

from datetime import date
from decimal import Decimal

import pytest

from commonweal.core.policy import SIZE_BANDS, in_force
from commonweal.organisations import classification as c

HALF = Decimal("50")  # the social enterprise profit share in force since 2012
ACT_RULES = in_force(SIZE_BANDS, date(2025, 6, 1)).value  # under the Procurement Act 2023


def facts(legal_form=c.CHARITY, **kwargs) -> c.Facts:
    return c.Facts(legal_form=legal_form, **kwargs)


def band_on(day: date, **kwargs) -> str | bool | None:
    return c.size_band(facts(**kwargs), in_force(SIZE_BANDS, day).value).value


@pytest.mark.parametrize(
    "legal_form",
    [c.CHARITY, c.CIO, c.CIC, c.COMMUNITY_BENEFIT_SOCIETY, c.UNINCORPORATED_ASSOCIATION],
)
def test_forms_that_cannot_profit_privately_are_vcse_whatever_they_reinvest(legal_form):
    finding = c.is_vcse(facts(legal_form, profits_reinvested_percent=Decimal("0")), HALF)
    assert finding.value is True
    assert finding.reason.startswith("Yes: ")


@pytest.mark.parametrize(
    "legal_form", [c.COOPERATIVE, c.COMPANY_LIMITED_BY_GUARANTEE, c.PUBLIC_SERVICE_MUTUAL]
)
def test_member_or_mission_led_forms_are_vcse_when_they_reinvest_at_least_half(legal_form):
    assert (
        c.is_vcse(facts(legal_form, profits_reinvested_percent=Decimal("50")), HALF).value is True
    )
    below = c.is_vcse(facts(legal_form, profits_reinvested_percent=Decimal("49.99")), HALF)
    assert below.value is False
    assert "49.99%" in below.reason and "less than 50%" in below.reason


@pytest.mark.parametrize(
    "legal_form",
    [
        c.COOPERATIVE,
        c.COMPANY_LIMITED_BY_GUARANTEE,
        c.PUBLIC_SERVICE_MUTUAL,
        c.PRIVATE_COMPANY,
        c.PLC,
    ],
)
def test_without_an_asset_lock_or_a_reinvestment_figure_it_is_not_vcse(legal_form):
    finding = c.is_vcse(facts(legal_form), HALF)
    assert finding.value is False
    assert "has not said how much" in finding.reason


def test_a_private_company_needs_a_dividend_cap_as_well_as_reinvestment():
    uncapped = c.is_vcse(facts(c.PRIVATE_COMPANY, profits_reinvested_percent=Decimal("80")), HALF)
    assert uncapped.value is False
    assert "its owners may take the rest" in uncapped.reason
    capped = facts(
        c.PRIVATE_COMPANY,
        profits_reinvested_percent=Decimal("80"),
        dividend_cap_percent=Decimal("20"),
    )
    assert c.is_vcse(capped, HALF).value is True


def test_a_plc_is_not_vcse_by_reinvesting_but_is_with_an_asset_lock():
    assert c.is_vcse(facts(c.PLC, profits_reinvested_percent=Decimal("90")), HALF).value is False
    locked = c.is_vcse(facts(c.PLC, asset_lock=True), HALF)
    assert locked.value is True
    assert locked.reason == "Yes: its assets are locked for its social purpose."


def test_a_public_body_is_neither_vcse_nor_sized():
    body = facts(c.PUBLIC_BODY, headcount=5000, annual_turnover=Decimal("900000000"))
    assert c.is_vcse(body, HALF).value is False
    assert c.size_band(body, ACT_RULES).value is None
    assert c.is_sme(body, ACT_RULES).value is None
    assert (
        c.size_band(body, ACT_RULES).reason == "Size bands apply to suppliers, not public bodies."
    )


@pytest.mark.parametrize(
    ("headcount", "turnover", "band"),
    [
        (9, "2000000", "micro"),
        (10, "2000000", "small"),
        (9, "2000000.01", "small"),
        (49, "10000000", "small"),
        (50, "10000000", "medium"),
        (49, "10000000.01", "medium"),
        (249, "44000000", "medium"),
        (250, "1000", "large"),
        (0, "0", "micro"),
    ],
)
def test_size_band_edges_by_turnover(headcount, turnover, band):
    assert band_on(date(2025, 6, 1), headcount=headcount, annual_turnover=Decimal(turnover)) == band


def test_exactly_two_million_is_micro_and_the_reason_says_why():
    finding = c.size_band(facts(headcount=9, annual_turnover=Decimal("2000000")), ACT_RULES)
    assert finding.reason == (
        "9 staff and a turnover of £2,000,000: within the micro limits of up to 9 staff and a "
        "turnover up to £2,000,000 or a balance sheet total up to £2,000,000."
    )


def test_the_medium_turnover_limit_fell_to_44_million_on_24_february_2025():
    between = {"headcount": 100, "annual_turnover": Decimal("45000000")}
    assert band_on(date(2025, 2, 23), **between) == "medium"
    assert band_on(date(2025, 2, 24), **between) == "large"
    assert band_on(date(2025, 2, 24), headcount=100, annual_turnover=Decimal("44000000")) == (
        "medium"
    )
    assert band_on(date(2025, 2, 24), headcount=100, annual_turnover=Decimal("44000000.01")) == (
        "large"
    )
    assert band_on(date(2024, 1, 1), headcount=100, annual_turnover=Decimal("50000000")) == "medium"


def test_the_procurement_act_sme_test_is_staff_and_turnover_or_balance_sheet():
    """Procurement Act 2023: fewer than 250 staff AND (turnover <= £44m OR balance sheet <= £38m)."""

    def sme(**figures):
        return c.is_sme(facts(**figures), ACT_RULES).value

    # Turnover over £44m, balance sheet within £38m: an SME by its balance sheet.
    assert sme(
        headcount=200, annual_turnover=Decimal("60000000"), balance_sheet_total=Decimal("38000000")
    )
    # Both over: large.
    assert (
        sme(
            headcount=200,
            annual_turnover=Decimal("44000000.01"),
            balance_sheet_total=Decimal("38000000.01"),
        )
        is False
    )
    # Turnover within, balance sheet over: an SME by its turnover.
    assert sme(
        headcount=200, annual_turnover=Decimal("44000000"), balance_sheet_total=Decimal("90000000")
    )
    # 250 staff is never an SME, whatever the money.
    assert (
        sme(headcount=250, annual_turnover=Decimal("1"), balance_sheet_total=Decimal("1")) is False
    )
    # Only a balance sheet total given: enough to place it.
    assert sme(headcount=30, balance_sheet_total=Decimal("5000000")) is True


def test_before_the_act_the_balance_sheet_limit_for_medium_was_43_million():
    figures = {
        "headcount": 100,
        "annual_turnover": Decimal("60000000"),
        "balance_sheet_total": Decimal("40000000"),
    }
    assert band_on(date(2025, 2, 23), **figures) == "medium"
    assert band_on(date(2025, 2, 24), **figures) == "large"


def test_a_large_organisation_without_a_balance_sheet_total_is_told_it_could_give_one():
    finding = c.size_band(facts(headcount=100, annual_turnover=Decimal("60000000")), ACT_RULES)
    assert finding.value == "large"
    assert "has not given its balance sheet total" in finding.reason
    given = facts(
        headcount=100, annual_turnover=Decimal("60000000"), balance_sheet_total=Decimal("39000000")
    )
    assert "has not given" not in c.size_band(given, ACT_RULES).reason


def test_a_small_band_can_be_reached_by_the_balance_sheet_alone():
    figures = {
        "headcount": 9,
        "annual_turnover": Decimal("3000000"),
        "balance_sheet_total": Decimal("1500000"),
    }
    finding = c.size_band(facts(**figures), ACT_RULES)
    assert finding.value == "micro"
    assert finding.reason.startswith(
        "9 staff, a turnover of £3,000,000 and a balance sheet total of £1,500,000: within the micro"
    )


def test_size_is_unknown_until_headcount_and_turnover_or_balance_sheet_are_given():
    assert c.size_band(facts(headcount=12), ACT_RULES).value is None
    assert c.size_band(facts(annual_turnover=Decimal("1")), ACT_RULES).value is None
    assert c.is_sme(facts(headcount=12), ACT_RULES).value is None
    assert c.size_band(facts(headcount=12), ACT_RULES).reason == (
        "Not known until the organisation gives its headcount and turnover."
    )


def test_sme_follows_the_size_band():
    assert c.is_sme(facts(headcount=9, annual_turnover=Decimal("100")), ACT_RULES).value is True
    medium = facts(headcount=249, annual_turnover=Decimal("44000000"))
    assert c.is_sme(medium, ACT_RULES).value is True
    large = c.is_sme(facts(headcount=250, annual_turnover=Decimal("100")), ACT_RULES)
    assert large.value is False
    assert large.reason.startswith("It is a large organisation.")
