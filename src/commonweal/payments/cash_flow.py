"""What a provider's money waiting costs it, and what a change of payment profile would change.

Pure: no Django. The model is kept simple so that it can be checked by hand:

- The provider delivers the service evenly, a share of the value every day of the agreement, and
  pays its own costs as it goes.
- Each payment of ``amount`` made ``d`` days after the agreement starts settles that much of the
  work. What the provider has delivered and not yet been paid, added up day by day, is its
  **pound-days waiting**: the sum of amount x day paid, less the value x the average day of
  delivery ((days - 1) / 2 from the start). Divided by the value, it is the **average days
  waiting** for each pound (less than nothing when paid ahead of the work, as in advance).
- Money waiting has to be borrowed or taken from reserves: its **cost** at a yearly rate is
  pound-days x rate / 100 / 365 (simple interest), to the penny.

For example, a month of £3,100 (31 days) paid 30 days after its last day waits on average
30 + (31 - 1) / 2 = 45 days; at 12% a year that is 3,100 x 45 x 12% / 365 = £45.86.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from commonweal.payments import schedules

PENNY = Decimal("0.01")
COMPARED = (schedules.ADVANCE, schedules.MONTHLY_ARREARS, schedules.QUARTERLY_ARREARS)


@dataclass(frozen=True)
class Waiting:
    profile: str
    pound_days: Decimal
    average_days: Decimal  # to two places
    cost: Decimal  # at the stated rate, to the penny; less than nothing: money ahead


@dataclass(frozen=True)
class Comparison:
    current: Waiting
    others: list[tuple[Waiting, Decimal]]  # each other profile, and how much less it costs


def waiting(
    payments: list[tuple[Decimal, date]],
    *,
    starts_on: date,
    ends_on: date,
    rate: Decimal,
    profile: str = "",
) -> Waiting:
    """The money waiting under ``payments`` (amount, day paid) for work delivered evenly from
    ``starts_on`` to ``ends_on``, and its cost at ``rate`` percent a year."""
    days = (ends_on - starts_on).days + 1
    value = sum((amount for amount, _day in payments), Decimal(0))
    paid = sum((amount * (day - starts_on).days for amount, day in payments), Decimal(0))
    pound_days = paid - value * Decimal(days - 1) / 2
    average = (pound_days / value).quantize(PENNY, ROUND_HALF_UP) if value else Decimal(0)
    cost = (pound_days * rate / 100 / 365).quantize(PENNY, ROUND_HALF_UP)
    return Waiting(profile, pound_days, average, cost)


def compare(
    *,
    value: Decimal,
    starts_on: date,
    ends_on: date,
    terms_days: int,
    profile: str,
    rate: Decimal,
    current: list[tuple[Decimal, date]] | None = None,
) -> Comparison:
    """The agreement's money waiting under its own profile (``current``: its own schedule, when it
    has one, as a milestone agreement must) against paying it in advance, monthly or quarterly."""

    def under(kind: str) -> Waiting:
        made = schedules.schedule(
            value=value, starts_on=starts_on, ends_on=ends_on, profile=kind, terms_days=terms_days
        )
        return waiting(
            [(payment.amount, payment.due_on) for payment in made],
            starts_on=starts_on,
            ends_on=ends_on,
            rate=rate,
            profile=kind,
        )

    if current is not None:
        own = waiting(current, starts_on=starts_on, ends_on=ends_on, rate=rate, profile=profile)
    else:
        own = under(profile)
    others = [under(kind) for kind in COMPARED if kind != profile]
    return Comparison(own, [(other, own.cost - other.cost) for other in others])
