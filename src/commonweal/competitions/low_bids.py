"""Abnormally low bids: prices so far below the others, or below what the work costs to staff at the
Real Living Wage, that the bidder may not be able to deliver for them. Plain Python: no Django.

A flag is a question, not a verdict. Under the Procurement Act 2023, section 19, an authority may
disregard a tender whose price it considers abnormally low only after telling the supplier so and
giving it a reasonable opportunity to show it can perform the contract for that price. So every
flag carries the question the bidder is asked (``ask``); the decision, with reasons, is recorded
before award.

The 40% and 30% figures are Commonweal's guidance, not law: the Act sets no figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from commonweal.core.policy import REAL_LIVING_WAGE, in_force
from commonweal.core.policy.procurement import ACT
from commonweal.messages import Message, gettext_noop, message

__all__ = [
    "BELOW_MEAN_OF_OTHERS",
    "BELOW_NEXT_LOWEST",
    "LAW",
    "CostModel",
    "LowBidError",
    "LowBidFlag",
    "LowBidTest",
    "flags",
]

# --- Commonweal's guidance (not law) ------------------------------------------------------------

# A price this far (percent) or further below the mean of the other bids is rarely explained by
# efficiency alone: it is more often a loss leader bought to win the market, or a misread
# specification. Exactly 40% counts.
BELOW_MEAN_OF_OTHERS = Decimal("40")
# A price this far (percent) or further below the next lowest bid: a gap the competition does not
# explain. Exactly 30% counts.
BELOW_NEXT_LOWEST = Decimal("30")

# The Procurement Act 2023, section 19(3)(d) and (4): a tender may be disregarded for an
# abnormally low price only after the supplier is told and given a reasonable opportunity to
# show it can perform for that price. (The Government's guidance "Assessing competitive tenders"
# places abnormally low tenders under section 19.)
LAW = f"{ACT}/section/19"

HUNDRED = Decimal(100)
_PERCENT = Decimal("0.1")


class LowBidError(ValueError):
    """Input the check cannot use: ``field`` names it, ``message`` says why in plain words."""

    def __init__(self, field: str, message: Message) -> None:
        super().__init__(str(message))
        self.field = field
        self.message = message


class LowBidTest(StrEnum):
    BELOW_MEAN_OF_OTHERS = "below_mean_of_others"
    BELOW_NEXT_LOWEST = "below_next_lowest"
    BELOW_COST_MODEL = "below_cost_model"


@dataclass(frozen=True)
class CostModel:
    """The commissioner's estimate of what the service must cost: the staffing hours it needs paid
    at the Real Living Wage in force on ``on`` (London's rate where ``london``), plus other costs.
    """

    hours: Decimal
    on: date
    london: bool
    other_costs: Decimal = Decimal(0)

    def hourly_rate(self) -> Decimal:
        wage = in_force(REAL_LIVING_WAGE, self.on).value
        return wage.london if self.london else wage.uk

    def cost(self) -> Decimal:
        """Hours × the Real Living Wage + other costs, in pounds and pence (half up)."""
        return (self.hours * self.hourly_rate() + self.other_costs).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )


@dataclass(frozen=True)
class LowBidFlag:
    bid_id: str
    test: LowBidTest
    price: Decimal
    compared_with: Decimal  # the mean of the others, the next lowest price, or the cost model
    gap_percent: Decimal  # how far below, as a percentage of compared_with, to one place
    reason: Message  # which test, the numbers, and why it matters
    ask: Message  # what the bidder is asked to explain
    law: Message  # what the law lets the authority do with it


def _money(value: Decimal) -> str:
    return f"£{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def _gap(price: Decimal, compared_with: Decimal) -> Decimal:
    return (compared_with - price) / compared_with * HUNDRED


def _shown(percent: Decimal) -> str:
    return str(percent.quantize(_PERCENT, rounding=ROUND_HALF_UP))


_LAW_MESSAGE = message(
    gettext_noop(
        "A flag is not a decision. The Procurement Act 2023 (section 19) lets an authority reject "
        "a tender as abnormally low only after telling the bidder and giving it a reasonable "
        "chance to show it can deliver the contract for that price. Record the decision and "
        "your reasons before award. %(law)s"
    ),
    law=LAW,
)


def _ask(price: Decimal) -> Message:
    return message(
        gettext_noop(
            "Your price of %(price)s is much lower than we expected. Please explain how you will "
            "deliver the whole service for it: your staffing and what you pay them, your other "
            "costs, and anything else that lets you offer this price."
        ),
        price=_money(price),
    )


def _check(prices: Mapping[str, Decimal], cost_model: CostModel | None) -> None:
    for bid_id, price in prices.items():
        if price <= 0:
            raise LowBidError(
                "prices",
                message(
                    gettext_noop(
                        "The price of bid %(bid)s must be more than zero. It is %(price)s."
                    ),
                    bid=bid_id,
                    price=str(price),
                ),
            )
    if cost_model is not None:
        for name, value in (("hours", cost_model.hours), ("other_costs", cost_model.other_costs)):
            if value < 0:
                raise LowBidError(
                    name,
                    message(
                        gettext_noop(
                            "The cost model's %(field)s must be zero or more. It is %(value)s."
                        ),
                        field=name.replace("_", " "),
                        value=str(value),
                    ),
                )


def flags(prices: Mapping[str, Decimal], cost_model: CostModel | None = None) -> list[LowBidFlag]:
    """Every abnormally low price, by test: 40% or more below the mean of the other bids, 30% or
    more below the next lowest price, or below the commissioner's cost model."""
    _check(prices, cost_model)
    found: list[LowBidFlag] = []
    cost = cost_model.cost() if cost_model is not None else None
    for bid_id, price in prices.items():
        others = [other for other_id, other in prices.items() if other_id != bid_id]
        if others:
            mean = sum(others, Decimal(0)) / len(others)
            gap = _gap(price, mean)
            if gap >= BELOW_MEAN_OF_OTHERS:
                found.append(
                    _flag(
                        bid_id,
                        LowBidTest.BELOW_MEAN_OF_OTHERS,
                        price,
                        mean,
                        gap,
                        message(
                            gettext_noop(
                                "The price, %(price)s, is %(gap)s%% below the mean of the other "
                                "%(count)s bids, %(mean)s. Commonweal's guidance flags a price "
                                "%(limit)s%% or more below the others: a gap that size is rarely "
                                "efficiency alone, and may be a loss leader to win the market."
                            ),
                            price=_money(price),
                            gap=_shown(gap),
                            count=len(others),
                            mean=_money(mean),
                            limit=str(BELOW_MEAN_OF_OTHERS),
                        ),
                    )
                )
        above = [other for other in others if other >= price]
        if above:
            next_lowest = min(above)
            gap = _gap(price, next_lowest)
            if gap >= BELOW_NEXT_LOWEST:
                found.append(
                    _flag(
                        bid_id,
                        LowBidTest.BELOW_NEXT_LOWEST,
                        price,
                        next_lowest,
                        gap,
                        message(
                            gettext_noop(
                                "The price, %(price)s, is %(gap)s%% below the next lowest price, "
                                "%(next)s. Commonweal's guidance flags a price %(limit)s%% or more "
                                "below the next lowest: the competition does not explain a gap "
                                "that size."
                            ),
                            price=_money(price),
                            gap=_shown(gap),
                            next=_money(next_lowest),
                            limit=str(BELOW_NEXT_LOWEST),
                        ),
                    )
                )
        if cost_model is not None and cost is not None and cost > 0 and price < cost:
            found.append(
                _flag(
                    bid_id,
                    LowBidTest.BELOW_COST_MODEL,
                    price,
                    cost,
                    _gap(price, cost),
                    message(
                        gettext_noop(
                            "The price, %(price)s, is below the commissioner's cost model, "
                            "%(cost)s: %(hours)s staff hours at the Real Living Wage of "
                            "%(rate)s an hour (%(where)s, in force on %(on)s) plus %(other)s of "
                            "other costs. At this price, staff may be paid less than the Real "
                            "Living Wage or the service cut."
                        ),
                        price=_money(price),
                        cost=_money(cost),
                        hours=str(cost_model.hours),
                        rate=_money(cost_model.hourly_rate()),
                        where=message(gettext_noop("London"))
                        if cost_model.london
                        else message(gettext_noop("outside London")),
                        on=f"{cost_model.on.day} {cost_model.on:%B %Y}",
                        other=_money(cost_model.other_costs),
                    ),
                )
            )
    return found


def _flag(
    bid_id: str,
    test: LowBidTest,
    price: Decimal,
    compared_with: Decimal,
    gap: Decimal,
    reason: Message,
) -> LowBidFlag:
    return LowBidFlag(
        bid_id,
        test,
        price,
        compared_with,
        gap.quantize(_PERCENT, rounding=ROUND_HALF_UP),
        reason,
        _ask(price),
        _LAW_MESSAGE,
    )
