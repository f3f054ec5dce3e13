"""Size band, SME and VCSE status follow from the facts, with dated size bands. Plain Python."""

from datetime import date
from decimal import Decimal

import pytest

from commonweal.organisations import classification as c


def facts(legal_form=c.CHARITY, **kwargs) -> c.Facts:
    return c.Facts(legal_form=legal_form, **kwargs)


@pytest.mark.parametrize(
    "legal_form",
    [c.CHARITY, c.CIO, c.CIC, c.COMMUNITY_BENEFIT_SOCIETY, c.UNINCORPORATED_ASSOCIATION],
)
def test_forms_that_cannot_profit_privately_are_vcse_whatever_they_reinvest(legal_form):
    finding = c.is_vcse(facts(legal_form, profits_reinvested_percent=Decimal("0")))
    assert finding.value is True
    assert finding.reason.startswith("Yes: ")


@pytest.mark.parametrize(
    "legal_form", [c.COOPERATIVE, c.COMPANY_LIMITED_BY_GUARANTEE, c.PUBLIC_SERVICE_MUTUAL]
)
def test_member_or_mission_led_forms_are_vcse_when_they_reinvest_at_least_half(legal_form):
    assert c.is_vcse(facts(legal_form, profits_reinvested_percent=Decimal("50"))).value is True
    below = c.is_vcse(facts(legal_form, profits_reinvested_percent=Decimal("49.99")))
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
    finding = c.is_vcse(facts(legal_form))
    assert finding.value is False
    assert "has not said how much" in finding.reason


def test_a_private_company_needs_a_dividend_cap_as_well_as_reinvestment():
    uncapped = c.is_vcse(facts(c.PRIVATE_COMPANY, profits_reinvested_percent=Decimal("80")))
    assert uncapped.value is False
    assert "its owners may take the rest" in uncapped.reason
    capped = facts(
        c.PRIVATE_COMPANY,
        profits_reinvested_percent=Decimal("80"),
        dividend_cap_percent=Decimal("20"),
    )
    assert c.is_vcse(capped).value is True


def test_a_plc_is_not_vcse_by_reinvesting_but_is_with_an_asset_lock():
    assert c.is_vcse(facts(c.PLC, profits_reinvested_percent=Decimal("90"))).value is False
    locked = c.is_vcse(facts(c.PLC, asset_lock=True))
    assert locked.value is True
    assert locked.reason == "Yes: its assets are locked for its social purpose."


def test_a_public_body_is_neither_vcse_nor_sized():
    body = facts(c.PUBLIC_BODY, headcount=5000, annual_turnover=Decimal("900000000"))
    assert c.is_vcse(body).value is False
    assert c.size_band(body).value is None
    assert c.is_sme(body).value is None
    assert c.size_band(body).reason == "Size bands apply to suppliers, not public bodies."


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
def test_size_band_edges(headcount, turnover, band):
    finding = c.size_band(
        facts(headcount=headcount, annual_turnover=Decimal(turnover)), on=date(2025, 6, 1)
    )
    assert finding.value == band


def test_exactly_two_million_is_micro_and_the_reason_says_why():
    finding = c.size_band(
        facts(headcount=9, annual_turnover=Decimal("2000000")), on=date(2025, 6, 1)
    )
    assert finding.reason == (
        "9 staff and a turnover of £2,000,000: within the micro limits of up to 9 staff and £2,000,000."
    )


def test_the_medium_turnover_limit_fell_to_44_million_on_24_february_2025():
    between = facts(headcount=100, annual_turnover=Decimal("45000000"))
    assert c.size_band(between, on=date(2025, 2, 23)).value == "medium"
    assert c.size_band(between, on=date(2025, 2, 24)).value == "large"
    at_new_limit = facts(headcount=100, annual_turnover=Decimal("44000000"))
    just_over = facts(headcount=100, annual_turnover=Decimal("44000000.01"))
    assert c.size_band(at_new_limit, on=date(2025, 2, 24)).value == "medium"
    assert c.size_band(just_over, on=date(2025, 2, 24)).value == "large"
    assert (
        c.size_band(
            facts(headcount=100, annual_turnover=Decimal("50000000")), on=date(2024, 1, 1)
        ).value
        == "medium"
    )


def test_size_is_unknown_until_headcount_and_turnover_are_both_given():
    assert c.size_band(facts(headcount=12)).value is None
    assert c.size_band(facts(annual_turnover=Decimal("1"))).value is None
    assert c.is_sme(facts(headcount=12)).value is None


def test_sme_follows_the_size_band():
    assert (
        c.is_sme(facts(headcount=9, annual_turnover=Decimal("100")), on=date(2025, 6, 1)).value
        is True
    )
    assert (
        c.is_sme(
            facts(headcount=249, annual_turnover=Decimal("44000000")), on=date(2025, 6, 1)
        ).value
        is True
    )
    large = c.is_sme(facts(headcount=250, annual_turnover=Decimal("100")), on=date(2025, 6, 1))
    assert large.value is False
    assert large.reason.startswith("It is a large organisation.")
