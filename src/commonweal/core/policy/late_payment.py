"""Late payment of commercial debts: the Bank of England base rate, statutory interest and
fixed compensation (Late Payment of Commercial Debts (Interest) Act 1998).

Statutory interest is the reference rate plus 8%. The reference rate is the Bank of England's
official dealing rate (Bank Rate) in force on 31 December, for interest that starts to run from
1 January to 30 June, or on 30 June, for interest that starts to run from 1 July to 31 December.
It stays fixed for the whole of a debt, however Bank Rate moves later. Interest starts to run the
day after the debt fell due. The Act applies across the UK (Scotland's rate order sets the same
rate: The Late Payment of Commercial Debts (Rate of Interest) (Scotland) Order 2002).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from commonweal.core.policy.dated import Dated, Rule, in_force

BANK_RATE_SOURCE = (
    "Bank of England, Bank Rate history and data, "
    "https://www.bankofengland.co.uk/boeapps/database/Bank-Rate.asp (the day each change took "
    "effect: the day the Monetary Policy Committee announced it)"
)

# Bank Rate, percent a year, from the day each change took effect. The table starts before 2008 so
# that every debt from 2008 has a reference rate. Checked to the decision of 18 December 2025
# (cut to 3.75%); the MPC held it at 3.75% on 5 February and 19 March 2026. Later changes are
# added by an officer in the back office (see the README), without a release.
_BANK_RATE_CHANGES: list[tuple[date, str]] = [
    (date(2007, 7, 5), "5.75"),
    (date(2007, 12, 6), "5.50"),
    (date(2008, 2, 7), "5.25"),
    (date(2008, 4, 10), "5.00"),
    (date(2008, 10, 8), "4.50"),
    (date(2008, 11, 6), "3.00"),
    (date(2008, 12, 4), "2.00"),
    (date(2009, 1, 8), "1.50"),
    (date(2009, 2, 5), "1.00"),
    (date(2009, 3, 5), "0.50"),
    (date(2016, 8, 4), "0.25"),
    (date(2017, 11, 2), "0.50"),
    (date(2018, 8, 2), "0.75"),
    (date(2020, 3, 11), "0.25"),
    (date(2020, 3, 19), "0.10"),
    (date(2021, 12, 16), "0.25"),
    (date(2022, 2, 3), "0.50"),
    (date(2022, 3, 17), "0.75"),
    (date(2022, 5, 5), "1.00"),
    (date(2022, 6, 16), "1.25"),
    (date(2022, 8, 4), "1.75"),
    (date(2022, 9, 22), "2.25"),
    (date(2022, 11, 3), "3.00"),
    (date(2022, 12, 15), "3.50"),
    (date(2023, 2, 2), "4.00"),
    (date(2023, 3, 23), "4.25"),
    (date(2023, 5, 11), "4.50"),
    (date(2023, 6, 22), "5.00"),
    (date(2023, 8, 3), "5.25"),
    (date(2024, 8, 1), "5.00"),
    (date(2024, 11, 7), "4.75"),
    (date(2025, 2, 6), "4.50"),
    (date(2025, 5, 8), "4.25"),
    (date(2025, 8, 7), "4.00"),
    (date(2025, 12, 18), "3.75"),
]

BANK_RATE: Rule[Decimal] = Rule(
    "bank_rate",
    "the Bank of England base rate",
    [Dated(starts, Decimal(rate), BANK_RATE_SOURCE) for starts, rate in _BANK_RATE_CHANGES],
    officer_may_add=True,
)

LATE_PAYMENT_INTEREST_MARGIN: Rule[Decimal] = Rule(
    "late_payment_interest_margin",
    "the statutory interest margin over the reference rate",
    [
        Dated(
            starts=date(2002, 8, 7),
            value=Decimal("8"),
            source="The Late Payment of Commercial Debts (Rate of Interest) (No. 3) Order 2002 "
            "(S.I. 2002/1675), https://www.legislation.gov.uk/uksi/2002/1675/made: 8% a year over "
            "the official dealing rate in force on 30 June or 31 December before the period.",
        ),
    ],
)


@dataclass(frozen=True)
class CompensationBand:
    below: Decimal | None  # the debt is less than this (None: any amount)
    amount: Decimal


LATE_PAYMENT_COMPENSATION: Rule[tuple[CompensationBand, ...]] = Rule(
    "late_payment_compensation",
    "the fixed sums for late payment",
    [
        Dated(
            starts=date(2002, 8, 7),
            value=(
                CompensationBand(below=Decimal("1000"), amount=Decimal("40")),
                CompensationBand(below=Decimal("10000"), amount=Decimal("70")),
                CompensationBand(below=None, amount=Decimal("100")),
            ),
            source="Late Payment of Commercial Debts (Interest) Act 1998, section 5A, "
            "https://www.legislation.gov.uk/ukpga/1998/20/section/5A (inserted by S.I. "
            "2002/1674): £40 for a debt less than £1,000; £70 for less than £10,000; £100 for "
            "£10,000 or more.",
        ),
    ],
)


@dataclass(frozen=True)
class ReferenceRate:
    rate: Decimal  # Bank Rate on ``fixed_on``, percent a year
    fixed_on: date  # the 30 June or 31 December before the period
    period_starts: date  # 1 January or 1 July
    margin: Decimal  # statutory interest over the reference rate, percent a year

    @property
    def statutory_interest_rate(self) -> Decimal:
        return self.rate + self.margin


def reference_rate(interest_starts: date) -> ReferenceRate:
    """The reference rate for interest that starts to run on ``interest_starts``."""
    if interest_starts.month <= 6:
        period_starts = date(interest_starts.year, 1, 1)
        fixed_on = date(interest_starts.year - 1, 12, 31)
    else:
        period_starts = date(interest_starts.year, 7, 1)
        fixed_on = date(interest_starts.year, 6, 30)
    return ReferenceRate(
        rate=in_force(BANK_RATE, fixed_on).value,
        fixed_on=fixed_on,
        period_starts=period_starts,
        margin=in_force(LATE_PAYMENT_INTEREST_MARGIN, interest_starts).value,
    )


def statutory_interest(debt: Decimal, fell_due: date, paid: date) -> Decimal:
    """Simple statutory interest on ``debt`` from the day after it fell due to the day it was
    paid, at the reference rate plus 8%, to the penny (half a penny rounds up)."""
    if paid <= fell_due:
        return Decimal("0.00")
    rate = reference_rate(fell_due + timedelta(days=1)).statutory_interest_rate
    days = (paid - fell_due).days
    interest = debt * rate / Decimal(100) * Decimal(days) / Decimal(365)
    return interest.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def fixed_compensation(debt: Decimal, fell_due: date) -> Decimal:
    """The fixed sum a supplier may claim for a debt paid late, by its size."""
    for band in in_force(LATE_PAYMENT_COMPENSATION, fell_due).value:
        if band.below is None or debt < band.below:
            return band.amount
    raise AssertionError("the last compensation band covers any amount")
