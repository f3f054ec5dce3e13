"""Schedules of payments and the cost of money waiting, against examples worked by hand."""

from datetime import date
from decimal import Decimal as D

import pytest

from commonweal.payments import cash_flow, schedules
from commonweal.payments.schedules import Milestone, ScheduleError


def _rows(made):
    return [(payment.due_on, payment.amount, payment.kind) for payment in made]


def test_monthly_arrears_pays_each_month_its_days_share_after_the_terms():
    # £3,650 over 2025 (365 days) is £10 a day: January's 31 days are £310, paid 30 days after
    # 31 January, on 2 March; February's 28 days are £280, paid on 30 March.
    made = schedules.schedule(
        value=D("3650"),
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 12, 31),
        profile="monthly_arrears",
        terms_days=30,
    )
    assert len(made) == 12
    assert _rows(made[:2]) == [
        (date(2025, 3, 2), D("310.00"), "instalment"),
        (date(2025, 3, 30), D("280.00"), "instalment"),
    ]
    assert made[-1].due_on == date(2026, 1, 30)
    assert made[-1].amount == D("310.00")
    assert made[0].title == "Month 1 in arrears (1 January 2025 to 31 January 2025)"
    assert sum(payment.amount for payment in made) == D("3650")


def test_pennies_left_over_go_to_the_shares_that_lost_most_the_earliest_first():
    # £100 over January to March 2025 (31 + 28 + 31 = 90 days): 34.444.., 31.111.., 34.444..
    # rounded down are 34.44 + 31.11 + 34.44 = 99.99; the penny left goes to January (it and
    # March lost most, 0.444p each; January comes first).
    made = schedules.schedule(
        value=D("100"),
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 3, 31),
        profile="monthly_arrears",
        terms_days=14,
    )
    assert [payment.amount for payment in made] == [D("34.45"), D("31.11"), D("34.44")]
    assert made[0].due_on == date(2025, 2, 14)


def test_advance_pays_each_quarter_on_the_day_it_starts():
    # 2025's quarters have 90, 91, 92 and 92 days: £10 a day is £900, £910, £920 and £920.
    made = schedules.schedule(
        value=D("3650"),
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 12, 31),
        profile="advance",
        terms_days=30,
    )
    assert _rows(made) == [
        (date(2025, 1, 1), D("900.00"), "advance"),
        (date(2025, 4, 1), D("910.00"), "advance"),
        (date(2025, 7, 1), D("920.00"), "advance"),
        (date(2025, 10, 1), D("920.00"), "advance"),
    ]


def test_quarterly_arrears_and_a_short_last_quarter():
    # 1 April 2025 to 31 August 2025 (153 days), £15,300 (£100 a day): the first quarter, April
    # to June (91 days), £9,100, paid 30 days after 30 June, on 30 July; the second, cut short at
    # the end, July and August (62 days), £6,200, paid on 30 September.
    made = schedules.schedule(
        value=D("15300"),
        starts_on=date(2025, 4, 1),
        ends_on=date(2025, 8, 31),
        profile="quarterly_arrears",
        terms_days=30,
    )
    assert _rows(made) == [
        (date(2025, 7, 30), D("9100.00"), "instalment"),
        (date(2025, 9, 30), D("6200.00"), "instalment"),
    ]


def test_a_month_from_the_31st_runs_to_the_day_before_the_same_day_next_month():
    cut = schedules.periods(date(2025, 1, 31), date(2025, 4, 29), 1)
    assert cut == [
        (date(2025, 1, 31), date(2025, 2, 27)),
        (date(2025, 2, 28), date(2025, 3, 30)),
        (date(2025, 3, 31), date(2025, 4, 29)),
    ]


def test_milestones_are_paid_their_share_after_the_terms():
    # £10,000 by 40%, 35% and 25%; a third of a penny is never lost: 4,000 + 3,500 + 2,500.
    made = schedules.schedule(
        value=D("10000"),
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 12, 31),
        profile="milestone",
        terms_days=30,
        milestones=[
            Milestone("Report", date(2025, 12, 1), D("25")),
            Milestone("Service open", date(2025, 3, 1), D("40")),
            Milestone("Half way", date(2025, 7, 1), D("35")),
        ],
    )
    assert [(p.title, p.due_on, p.amount) for p in made] == [
        ("Service open", date(2025, 3, 31), D("4000.00")),
        ("Half way", date(2025, 7, 31), D("3500.00")),
        ("Report", date(2025, 12, 31), D("2500.00")),
    ]


def test_three_equal_milestones_share_a_pound_to_the_penny():
    assert schedules.split(D("1.00"), [D(1), D(1), D(1)]) == [D("0.34"), D("0.33"), D("0.33")]


@pytest.mark.parametrize(
    "milestones",
    [[], [Milestone("Too late", date(2026, 1, 1), D("100"))]],
)
def test_milestones_missing_or_outside_the_agreement_are_refused(milestones):
    with pytest.raises(ScheduleError):
        schedules.schedule(
            value=D("100"),
            starts_on=date(2025, 1, 1),
            ends_on=date(2025, 12, 31),
            profile="milestone",
            terms_days=30,
            milestones=milestones,
        )


def test_waiting_for_one_month_paid_in_arrears():
    # A month of £3,100 (31 days) paid 30 days after its last day: each pound waits on average
    # 30 + (31 - 1) / 2 = 45 days; at 12% a year, 3,100 x 45 x 0.12 / 365 = £45.86.
    found = cash_flow.waiting(
        [(D("3100"), date(2025, 3, 2))],
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 1, 31),
        rate=D("12"),
    )
    assert found.pound_days == D("139500")
    assert found.average_days == D("45.00")
    assert found.cost == D("45.86")


def test_comparing_profiles_over_a_year():
    # £3,650 over 2025, £10 a day, 30 days' terms, at 12% a year.
    # Monthly in arrears: each month waits 30 + (days - 1) / 2: pound-days are
    # 10 x (30 x 365 + 7 x 465 + 4 x 435 + 378) = 10 x (10,950 + 5,373) = 163,230;
    # 163,230 / 3,650 = 44.72 days; 163,230 x 0.12 / 365 = £53.66.
    # Quarterly in arrears: 10 x (10,950 + 4,005 + 4,095 + 2 x 4,186) = 274,220; 75.13 days;
    # £90.15. In advance: each quarter is ahead by (days - 1) / 2: -10 x 16,472 = -164,720;
    # -45.13 days; -£54.15 (money ahead).
    found = cash_flow.compare(
        value=D("3650"),
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 12, 31),
        terms_days=30,
        profile="quarterly_arrears",
        rate=D("12"),
    )
    assert (found.current.pound_days, found.current.average_days, found.current.cost) == (
        D("274220"),
        D("75.13"),
        D("90.15"),
    )
    others = {
        other.profile: (other.average_days, other.cost, saving) for other, saving in found.others
    }
    assert others == {
        "advance": (D("-45.13"), D("-54.15"), D("144.30")),
        "monthly_arrears": (D("44.72"), D("53.66"), D("36.49")),
    }


def test_a_milestone_agreement_is_compared_on_its_own_schedule():
    found = cash_flow.compare(
        value=D("3100"),
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 1, 31),
        terms_days=30,
        profile="milestone",
        rate=D("12"),
        current=[(D("3100"), date(2025, 3, 2))],
    )
    assert found.current.cost == D("45.86")
    assert {other.profile for other, _saving in found.others} == {
        "advance",
        "monthly_arrears",
        "quarterly_arrears",
    }
