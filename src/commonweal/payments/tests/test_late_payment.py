"""The late-payment calculator's rules, plain Python: worked examples done by hand from the Act,
the rate orders and the Bank Rate table in core/policy/late_payment.py (each figure checked in the
test's docstring), its band edges, and each input it refuses, with why."""

from datetime import date
from decimal import Decimal

import pytest

from commonweal.core.policy import dated
from commonweal.payments.late_payment import (
    LatePaymentError,
    as_json,
    band_words,
    earliest_due,
    late_payment,
    percent,
)


@pytest.fixture(autouse=True)
def _built_in_rules_only(monkeypatch):
    """The built-in tables only: no officer-entered base rates (they need the database)."""
    monkeypatch.setattr(dated, "_officer_entries", None)


D = Decimal


def test_the_issues_example_twelve_thousand_pounds_paid_45_days_late():
    """£12,000 fell due on Friday 31 January 2025 and was paid on 17 March 2025.

    Days late: interest runs from 1 February; February 2025 has 28 days, then 17 days of March:
    28 + 17 = 45.
    Reference rate: interest starts in January to June 2025, so Bank Rate on 31 December 2024.
    Bank Rate was cut to 4.75% on 7 November 2024 and next to 4.50% on 6 February 2025: 4.75%.
    Statutory rate: 4.75 + 8 = 12.75% a year.
    Interest: 12,000 × 0.1275 = 1,530 a year; × 45 ÷ 365 = 68,850 ÷ 365 = 188.630... = £188.63.
    Compensation: £12,000 is £10,000 or more: £100.
    Total: 12,000 + 188.63 + 100 = £12,288.63.
    """
    result = late_payment(D("12000"), date(2025, 1, 31), date(2025, 3, 17))
    assert result.days_late == 45
    assert result.interest_from == date(2025, 2, 1)
    assert result.reference_rate.rate == D("4.75")
    assert result.reference_rate.fixed_on == date(2024, 12, 31)
    assert result.statutory_rate == D("12.75")
    assert result.interest == D("188.63")
    assert result.compensation == D("100")
    assert result.total == D("12288.63")


def test_the_json_answer_gives_money_and_rates_as_text_with_their_places():
    """The same debt as above, as `--json` and the API give it."""
    answer = as_json(late_payment(D("12000"), date(2025, 1, 31), date(2025, 3, 17)))
    assert {key: value for key, value in answer.items() if key != "sources"} == {
        "amount": "12000.00",
        "due": "2025-01-31",
        "paid": "2025-03-17",
        "days_late": 45,
        "reference_rate": "4.75",
        "reference_rate_date": "2024-12-31",
        "statutory_rate": "12.75",
        "interest": "188.63",
        "compensation": "100.00",
        "total": "12288.63",
    }
    assert [source["rule"] for source in answer["sources"]] == [
        "the Bank of England base rate",
        "the statutory interest margin over the reference rate",
        "the fixed sums for late payment",
    ]
    assert "bankofengland.co.uk" in answer["sources"][0]["source"]
    assert "S.I. 2002/1675" in answer["sources"][1]["source"]
    assert "section/5A" in answer["sources"][2]["source"]


def test_a_debt_due_in_july_uses_bank_rate_on_30_june_and_keeps_it_when_bank_rate_is_cut():
    """£5,000 fell due on 15 July 2025 and was paid on 14 August 2025.

    Interest starts on 16 July, in July to December: Bank Rate on 30 June 2025. It was 4.25% from
    8 May 2025 until the cut to 4.00% on 7 August 2025: 4.25%, and it stays 4.25% after the cut.
    Statutory rate: 12.25%. Days: 16 to 31 July is 16 days, then 14 of August: 30.
    Interest: 5,000 × 0.1225 = 612.50 a year; × 30 ÷ 365 = 18,375 ÷ 365 = 50.342... = £50.34.
    Compensation: £1,000 or more but less than £10,000: £70. Total: 5,000 + 50.34 + 70 = £5,120.34.
    """
    result = late_payment(D("5000"), date(2025, 7, 15), date(2025, 8, 14))
    assert result.reference_rate.fixed_on == date(2025, 6, 30)
    assert result.reference_rate.rate == D("4.25")
    assert result.days_late == 30
    assert result.interest == D("50.34")
    assert result.compensation == D("70")
    assert result.total == D("5120.34")


def test_a_debt_running_into_a_new_period_keeps_the_rate_of_the_period_it_started_in():
    """£2,000 fell due on 20 December 2024 and was paid on 20 February 2025.

    Interest starts on 21 December 2024, in July to December 2024: Bank Rate on 30 June 2024, which
    was 5.25% (from 3 August 2023 to 1 August 2024). Debts starting from 1 January 2025 use 4.75%,
    but this one keeps 5.25% throughout: 13.25% a year.
    Days: 21 to 31 December is 11, January 31, February 20: 62.
    Interest: 2,000 × 0.1325 = 265 a year; × 62 ÷ 365 = 16,430 ÷ 365 = 45.013... = £45.01.
    Compensation £70. Total: 2,000 + 45.01 + 70 = £2,115.01.
    """
    result = late_payment(D("2000"), date(2024, 12, 20), date(2025, 2, 20))
    assert result.reference_rate.fixed_on == date(2024, 6, 30)
    assert result.reference_rate.rate == D("5.25")
    assert result.statutory_rate == D("13.25")
    assert result.days_late == 62
    assert result.interest == D("45.01")
    assert result.total == D("2115.01")


@pytest.mark.parametrize(
    ("due", "fixed_on", "rate"),
    [
        # Interest starting 30 June 2025 is still in January to June: 31 December 2024's 4.75%.
        (date(2025, 6, 29), date(2024, 12, 31), "4.75"),
        # Interest starting 1 July 2025: 30 June 2025's 4.25%.
        (date(2025, 6, 30), date(2025, 6, 30), "4.25"),
        # Interest starting 31 December 2024 is in July to December 2024: 30 June 2024's 5.25%.
        (date(2024, 12, 30), date(2024, 6, 30), "5.25"),
        # Interest starting 1 January 2025: 31 December 2024's 4.75%.
        (date(2024, 12, 31), date(2024, 12, 31), "4.75"),
    ],
)
def test_the_day_the_rate_is_fixed_on_turns_on_the_day_after_payment_was_due(due, fixed_on, rate):
    result = late_payment(D("1000"), due, date(2025, 9, 1))
    assert result.reference_rate.fixed_on == fixed_on
    assert result.reference_rate.rate == D(rate)


@pytest.mark.parametrize(
    ("amount", "interest", "compensation", "total"),
    [
        # 999.99 × 0.1275 × 45 ÷ 365 = 5,737.442625 ÷ 365 = 15.719... = 15.72; less than £1,000: £40.
        ("999.99", "15.72", "40", "1055.71"),
        # 1,000 × 0.1275 × 45 ÷ 365 = 5,737.5 ÷ 365 = 15.719... = 15.72; £1,000 or more: £70.
        ("1000", "15.72", "70", "1085.72"),
        # 9,999.99 × 0.1275 × 45 ÷ 365 = 57,374.942625 ÷ 365 = 157.191... = 157.19; less than £10,000.
        ("9999.99", "157.19", "70", "10227.18"),
        # 10,000 × 0.1275 × 45 ÷ 365 = 57,375 ÷ 365 = 157.191... = 157.19; £10,000 or more: £100.
        ("10000", "157.19", "100", "10257.19"),
    ],
)
def test_compensation_bands_at_their_edges(amount, interest, compensation, total):
    """Section 5A: £40 for a debt less than £1,000; £70 for £1,000 or more but less than £10,000;
    £100 for £10,000 or more. Each paid 45 days late at 12.75%, as in the issue's example."""
    result = late_payment(D(amount), date(2025, 1, 31), date(2025, 3, 17))
    assert result.interest == D(interest)
    assert result.compensation == D(compensation)
    assert result.total == D(total)


def test_the_bands_are_said_in_words():
    def words(amount: str) -> str:
        return str(band_words(late_payment(D(amount), date(2025, 1, 31), date(2025, 3, 17))))

    assert words("999.99") == "the invoice is less than £1,000"
    assert words("1000") == "the invoice is £1,000 or more, but less than £10,000"
    assert words("10000") == "the invoice is £10,000 or more"


def test_one_day_late_rounds_half_a_penny_up():
    """£365 fell due on 31 January 2025 and was paid the next day: 1 day.
    365 × 0.1275 × 1 ÷ 365 = 0.1275: half a penny over 12p rounds up, £0.13. Compensation £40.
    Total: 365 + 0.13 + 40 = £405.13."""
    result = late_payment(D("365"), date(2025, 1, 31), date(2025, 2, 1))
    assert result.days_late == 1
    assert result.interest == D("0.13")
    assert result.total == D("405.13")


def test_the_earliest_debt_held_fell_due_on_31_december_2007():
    """The Bank Rate table starts on 5 July 2007 (5.75%): 30 June 2007 is before it, so the first
    day a reference rate can be fixed on is 31 December 2007 (5.50%, from 6 December 2007). A debt
    that fell due that day starts to run interest on 1 January 2008.

    £1,000 paid on 30 January 2008: 30 days at 5.50 + 8 = 13.50%.
    1,000 × 0.135 × 30 ÷ 365 = 4,050 ÷ 365 = 11.095... = £11.10. Compensation £70 (in force since
    7 August 2002). Total £1,081.10."""
    assert earliest_due() == date(2007, 12, 31)
    result = late_payment(D("1000"), date(2007, 12, 31), date(2008, 1, 30))
    assert result.reference_rate.rate == D("5.50")
    assert result.interest == D("11.10")
    assert result.total == D("1081.10")


def _refused(amount: str, due: date, paid: date) -> LatePaymentError:
    with pytest.raises(LatePaymentError) as caught:
        late_payment(D(amount), due, paid)
    return caught.value


def test_a_debt_older_than_the_rules_held_is_refused_saying_from_when_it_works():
    error = _refused("1000", date(2007, 12, 30), date(2008, 3, 1))
    assert error.field == "due"
    assert str(error.message) == (
        "The calculator holds no rule in force for a debt that fell due on 30 December 2007: "
        "it works out debts that fell due on 31 December 2007 or later."
    )


def test_a_negative_amount_is_refused():
    error = _refused("-12000", date(2025, 1, 31), date(2025, 3, 17))
    assert error.field == "amount"
    assert "cannot be negative" in str(error.message)


def test_nothing_owed_is_refused_too():
    error = _refused("0", date(2025, 1, 31), date(2025, 3, 17))
    assert error.field == "amount"
    assert "more than £0" in str(error.message)


def test_fractions_of_a_penny_are_refused():
    error = _refused("12000.005", date(2025, 1, 31), date(2025, 3, 17))
    assert error.field == "amount"


@pytest.mark.parametrize("amount", ["1000000000000", "1E+40"])
def test_an_amount_of_a_trillion_pounds_or_more_is_refused(amount):
    error = _refused(amount, date(2025, 1, 31), date(2025, 3, 17))
    assert error.field == "amount"
    assert "less than £1,000,000,000,000" in str(error.message)


def test_just_under_a_trillion_pounds_is_worked_out_to_the_penny():
    """£999,999,999,999.99 for 45 days at 12.75%: 999,999,999,999.99 × 0.1275 × 45 ÷ 365 =
    5,737,499,999,999.942625 ÷ 365 = 15,719,178,082.19162... = £15,719,178,082.19."""
    result = late_payment(D("999999999999.99"), date(2025, 1, 31), date(2025, 3, 17))
    assert result.interest == D("15719178082.19")


def test_paid_on_the_day_it_fell_due_is_on_time():
    error = _refused("12000", date(2025, 1, 31), date(2025, 1, 31))
    assert error.field == "paid"
    assert str(error.message) == (
        "Paid on 31 January 2025, the day it fell due, is on time: interest starts to run only "
        "from the day after. Nothing more is owed."
    )


def test_paid_before_it_fell_due_is_on_time_and_the_dates_may_be_swapped():
    error = _refused("12000", date(2025, 3, 17), date(2025, 1, 31))
    assert error.field == "paid"
    assert "before it fell due on 17 March 2025" in str(error.message)
    assert "right way round" in str(error.message)


def test_the_last_day_there_is_does_not_overflow():
    """Paid on 31 December 9999, the last day Python has, after falling due the day before."""
    result = late_payment(D("1000"), date(9999, 12, 30), date(9999, 12, 31))
    assert result.days_late == 1


def test_rates_are_shown_with_two_places():
    assert percent(D("4.75")) == "4.75"
    assert percent(D("0.1")) == "0.10"
    assert percent(D("5")) == "5.00"
    assert percent(D("0.125")) == "0.125"
