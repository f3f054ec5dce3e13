"""The Real Living Wage: the Living Wage Foundation's voluntary hourly rates, for the UK and London.

The Foundation announces new rates each autumn (usually in Living Wage Week, in November; from
2022 in September or October). Accredited employers are expected to pay them as soon as they can
and at the latest by a deadline about six months later. So each version records both days: it
starts on the day it was announced, and ``pay_by`` is the deadline. ``living_wage_announced`` gives
the newest rate announced by a day; ``living_wage_expected`` gives the rate employers had to be
paying by that day. New rates are added by an officer in the back office, without a release.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from commonweal.core.policy.dated import Dated, NoRuleInForce, Rule, history, in_force

FOUNDATION = "https://www.livingwage.org.uk/what-real-living-wage"


@dataclass(frozen=True)
class LivingWage:
    uk: Decimal  # pounds an hour outside London
    london: Decimal  # pounds an hour in London
    pay_by: date  # accredited employers pay it by this day


def _rate(announced: date, uk: str, london: str, pay_by: date, source: str) -> Dated[LivingWage]:
    return Dated(announced, LivingWage(Decimal(uk), Decimal(london), pay_by), source)


# Where a deadline is marked "usual", it is the Foundation's usual 1 May deadline for rates
# announced in the November before, not checked against a notice of that year.
REAL_LIVING_WAGE: Rule[LivingWage] = Rule(
    "real_living_wage",
    "the Real Living Wage",
    [
        _rate(
            date(2016, 10, 31),
            "8.45",
            "9.75",
            date(2017, 5, 1),
            f"Living Wage Foundation, 2016 rates announced 31 October 2016; deadline usual; {FOUNDATION}",
        ),
        _rate(
            date(2017, 11, 6),
            "8.75",
            "10.20",
            date(2018, 5, 1),
            f"Living Wage Foundation, 2017 rates announced 6 November 2017; deadline usual; {FOUNDATION}",
        ),
        _rate(
            date(2018, 11, 5),
            "9.00",
            "10.55",
            date(2019, 5, 1),
            f"Living Wage Foundation, 2018 rates announced 5 November 2018; deadline usual; {FOUNDATION}",
        ),
        _rate(
            date(2019, 11, 11),
            "9.30",
            "10.75",
            date(2020, 5, 1),
            "Living Wage Foundation, 2019 rates announced 11 November 2019, to be paid before "
            f"1 May 2020; {FOUNDATION}",
        ),
        _rate(
            date(2020, 11, 9),
            "9.50",
            "10.85",
            date(2021, 5, 1),
            f"Living Wage Foundation, 2020 rates announced 9 November 2020; deadline usual; {FOUNDATION}",
        ),
        _rate(
            date(2021, 11, 15),
            "9.90",
            "11.05",
            date(2022, 5, 15),
            "Living Wage Foundation, 2021 rates announced 15 November 2021, within six months "
            "(by 15 May 2022), https://www.cipp.org.uk/resources/news/real-living-wage-increased-"
            "to-9-90-per-hour.html",
        ),
        _rate(
            date(2022, 9, 22),
            "10.90",
            "11.95",
            date(2023, 5, 14),
            "Living Wage Foundation, 2022 rates brought forward to 22 September 2022, by 14 May "
            "2023 at the latest, https://www.personneltoday.com/hr/new-living-wage-rate-2022-2023/",
        ),
        _rate(
            date(2023, 10, 24),
            "12.00",
            "13.15",
            date(2024, 5, 1),
            "Living Wage Foundation, 2023 rates announced 24 October 2023, by 1 May 2024, "
            "https://www.livingwage.org.uk/news/real-living-wage-increases-%C2%A312-uk-and-"
            "%C2%A31315-london",
        ),
        _rate(
            date(2024, 10, 23),
            "12.60",
            "13.85",
            date(2025, 5, 1),
            "Living Wage Foundation, 2024 rates announced in October 2024 (23 October, from the "
            f"press of that day), by 1 May 2025; {FOUNDATION}",
        ),
        _rate(
            date(2025, 10, 22),
            "13.45",
            "14.80",
            date(2026, 5, 1),
            f"Living Wage Foundation, 2025 rates announced 22 October 2025, by 1 May 2026; {FOUNDATION}",
        ),
    ],
    officer_may_add=True,
)


def living_wage_announced(on: date) -> Dated[LivingWage]:
    """The newest Real Living Wage announced on or before ``on``."""
    return in_force(REAL_LIVING_WAGE, on)


def living_wage_expected(on: date) -> Dated[LivingWage]:
    """The Real Living Wage accredited employers had to be paying on ``on``: the newest whose
    deadline had come."""
    due = [entry for entry in history(REAL_LIVING_WAGE) if entry.value.pay_by <= on]
    if not due:
        raise NoRuleInForce(
            f"No Real Living Wage had to be paid by {on.isoformat()}: the first deadline was "
            f"{REAL_LIVING_WAGE.entries[0].value.pay_by.isoformat()}."
        )
    return max(due, key=lambda entry: entry.value.pay_by)
