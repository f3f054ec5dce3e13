"""The payments compliance report's arithmetic, plain Python: which reporting period and which
quarter a day falls in, and the figures a report gives from counts and sums.

The Procurement Act 2023, section 69, asks a contracting authority for a payments compliance notice
for each six-month reporting period (1 April to 30 September, 1 October to 31 March; the first runs
from the day the duty began); section 70 asks it to publish every payment of more than £30,000,
quarter by quarter. The Procurement Regulations 2024, regulation 38, say what the notice gives: the
average days taken to pay and the share of payments made within day 1 to 30, day 31 to 60, and on
day 61 or later, day 1 being the day after the invoice was received; and, of the sums that fell due
in the period, the share not paid within it. The dates and bands are core.policy's
PAYMENT_REPORTING.

Shares are percentages to one decimal place and averages days to one decimal place, each rounded
half up on its own (so the three shares may add up to 99.9 or 100.1).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from commonweal.core.policy import (
    PAYMENT_REPORTING,
    Jurisdiction,
    NoRuleInForce,
    PaymentReporting,
    in_force,
)

ONE_DECIMAL = Decimal("0.1")
# Before the duty began, or where it does not apply, reports keep the Act's periods and bands.
THE_ACTS = PAYMENT_REPORTING.entries[0].value


def duty_began(jurisdiction: Jurisdiction | str) -> date | None:
    """The day the payments compliance duty began in ``jurisdiction`` (None: it does not apply)."""
    place = Jurisdiction(jurisdiction)
    starts = [entry.starts for entry in PAYMENT_REPORTING.entries if place in entry.applies_in]
    return min(starts) if starts else None


def reporting_rules(day: date, jurisdiction: Jurisdiction | str) -> PaymentReporting:
    """The periods and bands in force on ``day``, or the Act's own before the duty began."""
    try:
        return in_force(PAYMENT_REPORTING, day, jurisdiction).value
    except NoRuleInForce:
        return THE_ACTS


@dataclass(frozen=True)
class Period:
    """A reporting period or a quarter, both days included."""

    starts: date
    ends: date
    statutory: bool  # the duty applied: a notice was due for it
    publish_within_days: int

    @property
    def key(self) -> str:
        """How a web address names it: its first day."""
        return self.starts.isoformat()

    @property
    def publish_by(self) -> date:
        """The last day to publish: the period of 30 days beginning with the period's last day."""
        return self.ends + timedelta(days=self.publish_within_days - 1)

    def __contains__(self, day: date) -> bool:
        return self.starts <= day <= self.ends


def _ends_around(day: date, ends: tuple[tuple[int, int], ...]) -> tuple[date, date]:
    """The last period end before ``day``, and the first on or after it."""
    candidates = sorted(
        date(year, month, last)
        for year in range(day.year - 1, day.year + 2)
        for month, last in ends
    )
    before = max(end for end in candidates if end < day)
    after = min(end for end in candidates if end >= day)
    return before, after


def _period(
    day: date, ends: tuple[tuple[int, int], ...], began: date | None, within: int
) -> Period:
    before, after = _ends_around(day, ends)
    starts = before + timedelta(days=1)
    if began is not None and day >= began:
        # Section 69(3)(a): the first period begins with the day the duty began.
        return Period(max(starts, began), after, True, within)
    if began is not None and after >= began:
        # The days before the duty began, in that first period's half-year, are a period apart.
        after = began - timedelta(days=1)
    return Period(starts, after, False, within)


def reporting_period(day: date, jurisdiction: Jurisdiction | str) -> Period:
    """The six-month reporting period ``day`` falls in, where the authority is."""
    rules = reporting_rules(day, jurisdiction)
    return _period(day, rules.period_ends, duty_began(jurisdiction), rules.publish_within_days)


def quarter(day: date, jurisdiction: Jurisdiction | str) -> Period:
    """The quarter ``day`` falls in, whose payments over the threshold are published together."""
    rules = reporting_rules(day, jurisdiction)
    return _period(day, rules.quarter_ends, None, rules.publish_within_days)


def quarters_of(period: Period, jurisdiction: Jurisdiction | str) -> list[Period]:
    """The quarters (or parts of quarters) inside a reporting period, in order."""
    found = []
    day = period.starts
    while day <= period.ends:
        part = quarter(day, jurisdiction)
        found.append(
            Period(
                max(part.starts, period.starts),
                min(part.ends, period.ends),
                part.statutory,
                part.publish_within_days,
            )
        )
        day = part.ends + timedelta(days=1)
    return found


def periods_up_to(day: date, jurisdiction: Jurisdiction | str, *, count: int) -> list[Period]:
    """The reporting period ``day`` falls in and the ``count - 1`` before it, latest first."""
    periods = [reporting_period(day, jurisdiction)]
    while len(periods) < count:
        periods.append(reporting_period(periods[-1].starts - timedelta(days=1), jurisdiction))
    return periods


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` as a percentage of ``whole``, to one decimal place (None when there is none)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def average(total: int, count: int) -> Decimal | None:
    """The arithmetic mean, to one decimal place (None when there is nothing to average)."""
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
    """How promptly a set of payments was made, from their counts and sums."""

    paid: int  # payments made
    within: int  # made within day 1 to 30 (the first band; paid on the invoice day counts too)
    middle: int  # made within day 31 to 60
    total_days: int  # days taken, added up
    amount: Decimal  # pounds paid
    late: int = 0  # paid after the day the invoice fell due under the agreement's own terms

    @property
    def later(self) -> int:
        """Made on day 61 or later."""
        return self.paid - self.within - self.middle

    @property
    def share_within(self) -> Decimal | None:
        return percent(self.within, self.paid)

    @property
    def share_middle(self) -> Decimal | None:
        return percent(self.middle, self.paid)

    @property
    def share_later(self) -> Decimal | None:
        return percent(self.later, self.paid)

    @property
    def average_days(self) -> Decimal | None:
        return average(self.total_days, self.paid)


NO_FIGURES = Figures(paid=0, within=0, middle=0, total_days=0, amount=Decimal("0"))


def added(parts: Iterable[Figures]) -> Figures:
    """The figures of several sets of payments together (counts and sums add up; shares and
    averages are worked out again from them, never averaged)."""
    rows = list(parts)
    return Figures(
        paid=sum(part.paid for part in rows),
        within=sum(part.within for part in rows),
        middle=sum(part.middle for part in rows),
        total_days=sum(part.total_days for part in rows),
        amount=sum((part.amount for part in rows), Decimal("0")),
        late=sum(part.late for part in rows),
    )


def figures(
    *,
    paid: int | None,
    within: int | None,
    middle: int | None,
    total_days: int | None,
    amount: Decimal | None,
    late: int | None = 0,
) -> Figures:
    """Figures from an aggregate's answer, where a sum over no rows is None."""
    return Figures(
        paid=paid or 0,
        within=within or 0,
        middle=middle or 0,
        total_days=total_days or 0,
        amount=amount if amount is not None else Decimal("0"),
        late=late or 0,
    )


def figures_of(
    days_taken: list[int],
    amounts: list[Decimal] | None = None,
    *,
    bands: tuple[int, int] = (30, 60),
) -> Figures:
    """Figures from each payment's days taken (for small lists and tests by hand)."""
    first, second = bands
    return Figures(
        paid=len(days_taken),
        within=sum(1 for days in days_taken if days <= first),
        middle=sum(1 for days in days_taken if first < days <= second),
        total_days=sum(days_taken),
        amount=sum(amounts or [], Decimal("0")),
    )
