"""The payments compliance arithmetic against worked examples, from the Act and regulation 38.

Section 69(3): the first reporting period runs from the day the section came into force (1 January
2026 in England; 1 April 2026 for procurements regulated by the Welsh Ministers) to the next 31 March
or 30 September; then each six months. Section 70: payments of more than £30,000, by quarter.
Regulation 38: average days (arithmetic mean) and shares within day 1 to 30, 31 to 60, 61 or later.
"""

from datetime import date
from decimal import Decimal

import pytest

from commonweal.core.policy import PAYMENT_REPORTING, PAYMENT_TERMS_DAYS, in_force
from commonweal.payments import compliance


def test_four_invoices_paid_in_10_25_31_and_40_days():
    # Within 30 days: 10 and 25, 2 of 4 = 50.0%. Days 31 to 60: 31 and 40 = 50.0%. None later.
    # Average: (10 + 25 + 31 + 40) / 4 = 106 / 4 = 26.5 days.
    figures = compliance.figures_of([10, 25, 31, 40])
    assert figures.paid == 4
    assert figures.share_within == Decimal("50.0")
    assert figures.share_middle == Decimal("50.0")
    assert figures.share_later == Decimal("0.0")
    assert figures.average_days == Decimal("26.5")


def test_day_30_is_within_day_31_is_not_and_day_61_is_the_last_band():
    figures = compliance.figures_of([0, 30, 31, 60, 61, 90])
    assert (figures.within, figures.middle, figures.later) == (2, 2, 2)
    # 272 / 6 = 45.333... days.
    assert figures.average_days == Decimal("45.3")


def test_shares_round_half_up_to_one_decimal_each_on_its_own():
    # 1 of 3 = 33.333...% and 2 of 3 = 66.666...%: 33.3 and 66.7.
    figures = compliance.figures_of([5, 45, 50])
    assert figures.share_within == Decimal("33.3")
    assert figures.share_middle == Decimal("66.7")
    # 1 of 8 = 12.5% exactly; 1 of 16 = 6.25%, half up to 6.3.
    assert compliance.percent(1, 8) == Decimal("12.5")
    assert compliance.percent(1, 16) == Decimal("6.3")
    # 7 days over 8 payments = 0.875, half up to 0.9.
    assert compliance.average(7, 8) == Decimal("0.9")


def test_no_payments_give_no_share_and_no_average_rather_than_zero():
    figures = compliance.NO_FIGURES
    assert figures.share_within is None
    assert figures.average_days is None
    from_aggregate = compliance.figures(
        paid=0, within=0, middle=0, total_days=None, amount=None, late=None
    )
    assert from_aggregate == compliance.NO_FIGURES


def test_the_first_band_is_the_thirty_days_every_public_contract_pays_in():
    rules = in_force(PAYMENT_REPORTING, date(2026, 6, 1), "england").value
    assert rules.day_bands[0] == in_force(PAYMENT_TERMS_DAYS, date(2026, 6, 1), "england").value
    assert rules.day_bands == (30, 60)


@pytest.mark.parametrize(
    ("day", "starts", "ends", "statutory"),
    [
        # England: section 69 came into force on 1 January 2026, so the first period is short.
        (date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 31), True),
        (date(2026, 3, 31), date(2026, 1, 1), date(2026, 3, 31), True),
        (date(2026, 4, 1), date(2026, 4, 1), date(2026, 9, 30), True),
        (date(2026, 9, 30), date(2026, 4, 1), date(2026, 9, 30), True),
        (date(2026, 10, 1), date(2026, 10, 1), date(2027, 3, 31), True),
        (date(2027, 2, 28), date(2026, 10, 1), date(2027, 3, 31), True),
        # Before the duty: the same half-years, the one it began in cut at 31 December 2025.
        (date(2025, 12, 31), date(2025, 10, 1), date(2025, 12, 31), False),
        (date(2025, 10, 1), date(2025, 10, 1), date(2025, 12, 31), False),
        (date(2025, 6, 15), date(2025, 4, 1), date(2025, 9, 30), False),
    ],
)
def test_six_month_reporting_periods_in_england(day, starts, ends, statutory):
    period = compliance.reporting_period(day, "england")
    assert (period.starts, period.ends, period.statutory) == (starts, ends, statutory)


def test_in_wales_the_first_period_is_april_to_september_2026():
    assert compliance.duty_began("wales") == date(2026, 4, 1)
    first = compliance.reporting_period(date(2026, 4, 1), "wales")
    assert (first.starts, first.ends, first.statutory) == (
        date(2026, 4, 1),
        date(2026, 9, 30),
        True,
    )
    before = compliance.reporting_period(date(2026, 2, 1), "wales")
    assert (before.starts, before.ends, before.statutory) == (
        date(2025, 10, 1),
        date(2026, 3, 31),
        False,
    )


def test_in_scotland_there_is_no_duty_but_the_acts_periods_still_divide_the_year():
    assert compliance.duty_began("scotland") is None
    period = compliance.reporting_period(date(2026, 5, 5), "scotland")
    assert (period.starts, period.ends, period.statutory) == (
        date(2026, 4, 1),
        date(2026, 9, 30),
        False,
    )


def test_a_notice_is_due_within_30_days_beginning_with_the_last_day():
    # 30 days beginning with 31 March: 31 March is day 1, so day 30 is 29 April.
    period = compliance.reporting_period(date(2026, 2, 1), "england")
    assert period.publish_by == date(2026, 4, 29)
    # 30 June: day 30 is 29 July (the guidance's first quarter, published by 29 July 2026).
    assert compliance.quarter(date(2026, 5, 1), "england").publish_by == date(2026, 7, 29)


@pytest.mark.parametrize(
    ("day", "starts", "ends"),
    [
        (date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 6, 30), date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 12, 31), date(2026, 10, 1), date(2026, 12, 31)),
        (date(2024, 2, 29), date(2024, 1, 1), date(2024, 3, 31)),
    ],
)
def test_quarters_are_calendar_quarters(day, starts, ends):
    found = compliance.quarter(day, "england")
    assert (found.starts, found.ends) == (starts, ends)


def test_a_reporting_period_holds_two_quarters_and_the_short_first_one_holds_one():
    period = compliance.reporting_period(date(2026, 11, 1), "england")
    assert [(q.starts, q.ends) for q in compliance.quarters_of(period, "england")] == [
        (date(2026, 10, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 3, 31)),
    ]
    first = compliance.reporting_period(date(2026, 2, 1), "england")
    assert [(q.starts, q.ends) for q in compliance.quarters_of(first, "england")] == [
        (date(2026, 1, 1), date(2026, 3, 31))
    ]


def test_periods_up_to_a_day_run_back_without_gaps():
    periods = compliance.periods_up_to(date(2026, 5, 1), "england", count=4)
    assert [(p.starts, p.ends) for p in periods] == [
        (date(2026, 4, 1), date(2026, 9, 30)),
        (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2025, 10, 1), date(2025, 12, 31)),
        (date(2025, 4, 1), date(2025, 9, 30)),
    ]
    assert date(2026, 4, 1) in periods[0] and date(2026, 3, 31) not in periods[0]


def test_figures_add_up_by_counts_and_sums_never_by_averaging_the_averages():
    # SMEs paid in 10 and 20 days (15.0 on average), a VCSE in 60: together 90 / 3 = 30.0 days,
    # not (15 + 60) / 2 = 37.5; within 30 days, 2 of 3 = 66.7%.
    together = compliance.added([compliance.figures_of([10, 20]), compliance.figures_of([60])])
    assert together == compliance.figures_of([10, 20, 60])
    assert together.average_days == Decimal("30.0")
    assert together.share_within == Decimal("66.7")
    assert compliance.added([]) == compliance.NO_FIGURES
