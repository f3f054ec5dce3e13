"""What a late payment adds to a debt: days late, statutory interest and fixed compensation, under
the Late Payment of Commercial Debts (Interest) Act 1998. Plain Python: no Django.

The rules themselves (Bank Rate, the 8% margin, the compensation bands) are dated data in
``core.policy.late_payment``; this module puts them together for one debt and says in words why it
cannot. Interest starts to run the day after the debt fell due, so a debt paid on the day it fell
due, or before, is on time: there is nothing to work out and the caller is told so.

The reference rate is Bank Rate on the 31 December or 30 June before the day interest starts to
run, and it stays fixed for the whole debt, however long it goes unpaid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from commonweal.core.policy import (
    BANK_RATE,
    LATE_PAYMENT_COMPENSATION,
    LATE_PAYMENT_INTEREST_MARGIN,
    NoRuleInForce,
    ReferenceRate,
    fixed_compensation,
    history,
    in_force,
    reference_rate,
    statutory_interest,
)
from commonweal.core.policy.late_payment import CompensationBand
from commonweal.messages import Message, gettext_noop, message

__all__ = [
    "CompensationBand",
    "LatePayment",
    "LatePaymentError",
    "RuleUsed",
    "as_json",
    "band_words",
    "earliest_due",
    "late_payment",
    "not_late_yet",
    "percent",
]

PENNY = Decimal("0.01")
# The forms' and the API's limit (12 figures of pounds): far above any invoice, and the interest on
# it still fits Decimal's 28 figures to the penny.
TOO_MUCH = Decimal(10) ** 12


class LatePaymentError(ValueError):
    """A debt the calculator cannot work out: ``field`` names the input (amount, due or paid),
    ``message`` says why in plain words."""

    def __init__(self, field: str, message: Message) -> None:
        super().__init__(str(message))
        self.field = field
        self.message = message


@dataclass(frozen=True)
class RuleUsed:
    """A rule of law the answer rests on, and where its figure comes from."""

    title: str
    source: str


@dataclass(frozen=True)
class LatePayment:
    amount: Decimal  # the debt, in pounds
    due: date  # the day it fell due
    paid: date  # the day it was (or will be) paid
    days_late: int  # days from the day after it fell due to the day it was paid, both counted
    reference_rate: ReferenceRate  # Bank Rate on the 31 December or 30 June before, and the margin
    interest: Decimal  # simple interest, to the penny
    compensation: Decimal  # the fixed sum for the debt's size
    band: CompensationBand  # the band the debt falls in
    band_from: Decimal | None  # the band's lowest debt (None: the first band)
    rules: tuple[RuleUsed, ...]  # Bank Rate, the margin and the compensation, with their sources

    @property
    def interest_from(self) -> date:
        """The first day interest runs: the day after the debt fell due."""
        return self.due + timedelta(days=1)

    @property
    def statutory_rate(self) -> Decimal:
        """The reference rate plus 8%: the interest a year, in percent."""
        return self.reference_rate.statutory_interest_rate

    @property
    def total(self) -> Decimal:
        """What is owed now: the debt, the interest and the compensation."""
        return self.amount + self.interest + self.compensation


def percent(rate: Decimal) -> str:
    """A rate as people read it: "4.75", "0.10", "12.75" (two places, more only where it has them)."""
    shown = rate.quantize(PENNY) if rate == rate.quantize(PENNY) else rate.normalize()
    return f"{shown:f}"


def _money(amount: Decimal) -> str:
    return f"{amount.quantize(PENNY):f}"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def earliest_due() -> date:
    """The first day a debt may have fallen due for the calculator to work it out: the rules held
    must cover the day its reference rate is fixed on and the day it fell due."""
    first_bank_rate = history(BANK_RATE)[0].starts
    # The reference rate is fixed on 30 June or 31 December: the first of those with a Bank Rate.
    fixed_on = date(first_bank_rate.year, 6, 30)
    if fixed_on < first_bank_rate:
        fixed_on = date(first_bank_rate.year, 12, 31)
    # A debt falling due on that day starts to run interest the day after, in the next period.
    return max(
        fixed_on,
        history(LATE_PAYMENT_INTEREST_MARGIN)[0].starts - timedelta(days=1),
        history(LATE_PAYMENT_COMPENSATION)[0].starts,
    )


def _check(amount: Decimal, due: date, paid: date) -> None:
    if not amount.is_finite():
        raise LatePaymentError(
            "amount", message(gettext_noop("Enter the amount in pounds, like 12000 or 12,000.50."))
        )
    if amount < 0:
        raise LatePaymentError(
            "amount",
            message(
                gettext_noop(
                    "The amount cannot be negative: enter what the invoice asked for, like 12000."
                )
            ),
        )
    if amount == 0:
        raise LatePaymentError(
            "amount",
            message(
                gettext_noop(
                    "Enter an amount more than £0: there is no interest or compensation on nothing."
                )
            ),
        )
    if amount >= TOO_MUCH:
        raise LatePaymentError(
            "amount", message(gettext_noop("Enter an amount less than £1,000,000,000,000."))
        )
    if amount != amount.quantize(PENNY):
        raise LatePaymentError(
            "amount",
            message(
                gettext_noop(
                    "Enter the amount in pounds and pence, with at most 2 numbers after the point."
                )
            ),
        )
    if paid == due:
        raise LatePaymentError(
            "paid",
            message(
                gettext_noop(
                    "Paid on %(due)s, the day it fell due, is on time: interest starts to run only "
                    "from the day after. Nothing more is owed."
                ),
                due=_day(due),
            ),
        )
    if paid < due:
        raise LatePaymentError(
            "paid",
            message(
                gettext_noop(
                    "Paid on %(paid)s, before it fell due on %(due)s, is on time: nothing more is "
                    "owed. Check the two dates are the right way round."
                ),
                paid=_day(paid),
                due=_day(due),
            ),
        )
    earliest = earliest_due()
    if due < earliest:
        raise LatePaymentError(
            "due",
            message(
                gettext_noop(
                    "The calculator holds no rule in force for a debt that fell due on %(due)s: "
                    "it works out debts that fell due on %(earliest)s or later."
                ),
                due=_day(due),
                earliest=_day(earliest),
            ),
        )


def _band(amount: Decimal, due: date) -> tuple[CompensationBand, Decimal | None]:
    lower: Decimal | None = None
    for band in in_force(LATE_PAYMENT_COMPENSATION, due).value:
        if band.below is None or amount < band.below:
            return band, lower
        lower = band.below
    raise AssertionError("the last compensation band covers any amount")


def late_payment(amount: Decimal, due: date, paid: date) -> LatePayment:
    """What is owed on ``amount`` that fell due on ``due`` and was paid on ``paid``: days late,
    statutory interest (simple, daily, to the penny) and fixed compensation. Refused with a
    ``LatePaymentError`` for an amount of £0 or less, a payment on or before the day it fell due,
    or a debt older than the rules held."""
    _check(amount, due, paid)
    interest_starts = due + timedelta(days=1)
    try:
        rate = reference_rate(interest_starts)
        interest = statutory_interest(amount, due, paid)
        compensation = fixed_compensation(amount, due)
        band, band_from = _band(amount, due)
        rules = (
            RuleUsed(BANK_RATE.title, in_force(BANK_RATE, rate.fixed_on).source),
            RuleUsed(
                LATE_PAYMENT_INTEREST_MARGIN.title,
                in_force(LATE_PAYMENT_INTEREST_MARGIN, interest_starts).source,
            ),
            RuleUsed(
                LATE_PAYMENT_COMPENSATION.title, in_force(LATE_PAYMENT_COMPENSATION, due).source
            ),
        )
    except NoRuleInForce:  # earliest_due() says where the rules start; kept for a changed table
        raise LatePaymentError(
            "due",
            message(
                gettext_noop(
                    "The calculator holds no rule in force for a debt that fell due on %(due)s."
                ),
                due=_day(due),
            ),
        ) from None
    return LatePayment(
        amount=amount,
        due=due,
        paid=paid,
        days_late=(paid - due).days,
        reference_rate=rate,
        interest=interest,
        compensation=compensation,
        band=band,
        band_from=band_from,
        rules=rules,
    )


def _pounds(amount: Decimal) -> str:
    whole = amount == amount.to_integral_value()
    return f"£{amount:,.0f}" if whole else f"£{amount:,.2f}"


def band_words(result: LatePayment) -> Message:
    """Which compensation band the debt falls in, in words."""
    below, lowest = result.band.below, result.band_from
    if lowest is None and below is not None:
        return message(gettext_noop("the invoice is less than %(below)s"), below=_pounds(below))
    if below is None and lowest is not None:
        return message(gettext_noop("the invoice is %(lowest)s or more"), lowest=_pounds(lowest))
    if below is None or lowest is None:
        return message(gettext_noop("any invoice"))
    return message(
        gettext_noop("the invoice is %(lowest)s or more, but less than %(below)s"),
        lowest=_pounds(lowest),
        below=_pounds(below),
    )


def not_late_yet(due: date) -> Message:
    """What to say when a debt that has not been paid is asked about on or before the day it falls
    due (the page and the API work out "paid today" when no day is given)."""
    return message(
        gettext_noop(
            "It is not late yet: payment is due on %(due)s, and interest starts to run only from "
            "the day after. To work out another day, give the day it was paid."
        ),
        due=_day(due),
    )


def as_json(result: LatePayment) -> dict[str, Any]:
    """The answer as the API and `commonweal late-payment --json` give it: money as text in pounds
    with 2 places ("188.63"), rates as text in percent a year ("4.75"), days as ISO dates."""
    return {
        "amount": _money(result.amount),
        "due": result.due.isoformat(),
        "paid": result.paid.isoformat(),
        "days_late": result.days_late,
        "reference_rate": percent(result.reference_rate.rate),
        "reference_rate_date": result.reference_rate.fixed_on.isoformat(),
        "statutory_rate": percent(result.statutory_rate),
        "interest": _money(result.interest),
        "compensation": _money(result.compensation),
        "total": _money(result.total),
        "sources": [{"rule": rule.title, "source": rule.source} for rule in result.rules],
    }
