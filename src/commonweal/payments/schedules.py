"""An agreement's schedule of payments, worked out from its value, dates and payment profile.

Pure: no Django. The agreement's days (from its start to its end, both counted) are cut into
periods of one or three months counted from the start day (a period starting on the 31st runs to
the day before the same day of the next month, or the month's last day); the last period ends with
the agreement. Each period is paid its share of the value by its days, so a short last period is
paid less. Shares are worked to the penny by the largest remainder: each is rounded down, and the
pennies left over go one each to the periods that lost most by it (the earliest first on a tie),
so the amounts add up exactly to the value.

- ``advance``: each quarter is paid on the day it starts.
- ``monthly_arrears``: each month is paid its payment terms after its last day.
- ``quarterly_arrears``: each quarter is paid its payment terms after its last day.
- ``milestone``: each milestone is paid its payment terms after the day it is due to be reached,
  its share of the value by its weight (percentages, for example).
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

PENNY = Decimal("0.01")

ADVANCE = "advance"
MONTHLY_ARREARS = "monthly_arrears"
QUARTERLY_ARREARS = "quarterly_arrears"
MILESTONE = "milestone"
PROFILES = (ADVANCE, MONTHLY_ARREARS, QUARTERLY_ARREARS, MILESTONE)

# The kinds of scheduled payment (payments.models.ScheduledPayment.Kind).
KIND_ADVANCE = "advance"
KIND_INSTALMENT = "instalment"
KIND_MILESTONE = "milestone"


class ScheduleError(ValueError):
    """The schedule cannot be worked out; the message says why, in plain words."""


@dataclass(frozen=True)
class Payment:
    due_on: date
    amount: Decimal
    kind: str
    title: str
    period_starts: date | None = None  # the days it pays for (None for a milestone)
    period_ends: date | None = None


@dataclass(frozen=True)
class Milestone:
    title: str
    reached_on: date
    weight: Decimal  # its share of the value, against the other milestones' weights


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or that month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def periods(starts_on: date, ends_on: date, months: int) -> list[tuple[date, date]]:
    """The agreement's days cut into periods of ``months`` months from its start, the last cut at
    its end; each is (first day, last day)."""
    if ends_on < starts_on:
        raise ScheduleError("The agreement ends before it starts.")
    found = []
    number = 0
    start = starts_on
    while start <= ends_on:
        number += 1
        following = add_months(starts_on, months * number)
        found.append((start, min(following - timedelta(days=1), ends_on)))
        start = following
    return found


def split(value: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """``value`` shared by ``weights`` to the penny, adding up exactly (largest remainder)."""
    if value < 0:
        raise ScheduleError("The value cannot be less than nothing.")
    total = sum(weights, Decimal(0))
    if not weights or total <= 0 or any(weight < 0 for weight in weights):
        raise ScheduleError("Each share needs a weight of more than nothing.")
    pennies = int((value / PENNY).to_integral_value())
    exact = [Decimal(pennies) * weight / total for weight in weights]
    shares = [int(share.to_integral_value(rounding=ROUND_DOWN)) for share in exact]
    left = pennies - sum(shares)
    by_loss = sorted(range(len(shares)), key=lambda i: (-(exact[i] - shares[i]), i))
    for index in by_loss[:left]:
        shares[index] += 1
    return [Decimal(share) * PENNY for share in shares]


def _day(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def schedule(
    *,
    value: Decimal,
    starts_on: date,
    ends_on: date,
    profile: str,
    terms_days: int,
    milestones: list[Milestone] | None = None,
) -> list[Payment]:
    """Every payment the agreement makes, in the order they fall due."""
    if profile == MILESTONE:
        return _milestones(value, starts_on, ends_on, terms_days, milestones or [])
    if profile not in PROFILES:
        raise ScheduleError(f"There is no payment profile called {profile!r}.")
    months = 1 if profile == MONTHLY_ARREARS else 3
    cut = periods(starts_on, ends_on, months)
    amounts = split(value, [Decimal((last - first).days + 1) for first, last in cut])
    made = []
    for number, ((first, last), amount) in enumerate(zip(cut, amounts, strict=True), start=1):
        span = f"{_day(first)} to {_day(last)}"
        if profile == ADVANCE:
            made.append(
                Payment(
                    first,
                    amount,
                    KIND_ADVANCE,
                    f"Quarter {number} in advance ({span})",
                    first,
                    last,
                )
            )
            continue
        what = "Month" if months == 1 else "Quarter"
        made.append(
            Payment(
                last + timedelta(days=terms_days),
                amount,
                KIND_INSTALMENT,
                f"{what} {number} in arrears ({span})",
                first,
                last,
            )
        )
    return made


def _milestones(
    value: Decimal, starts_on: date, ends_on: date, terms_days: int, milestones: list[Milestone]
) -> list[Payment]:
    if not milestones:
        raise ScheduleError("An agreement paid by milestone needs its milestones.")
    for milestone in milestones:
        if not starts_on <= milestone.reached_on <= ends_on:
            raise ScheduleError(
                f"The milestone {milestone.title!r} falls outside the agreement "
                f"({_day(starts_on)} to {_day(ends_on)})."
            )
    ordered = sorted(milestones, key=lambda milestone: milestone.reached_on)
    amounts = split(value, [milestone.weight for milestone in ordered])
    return [
        Payment(
            milestone.reached_on + timedelta(days=terms_days),
            amount,
            KIND_MILESTONE,
            milestone.title,
        )
        for milestone, amount in zip(ordered, amounts, strict=True)
    ]
