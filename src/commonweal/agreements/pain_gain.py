"""An alliance's pain and gain share for a year. Plain Python: no Django.

The alliance agrees a target cost for the year. When the actual cost comes in below it, the
difference is a gain; above it, a pain. The members share it by their agreed shares (percentages
adding up to 100), but never more than the most the alliance agreed to share in a year: the gain
cap for a gain, the pain collar for a pain. What lies beyond the cap or collar is not shared by
the members: it stays outside the pain and gain share (with the pooled budget). No cap or collar
means all of it is shared.

Rounding, so the shares add up exactly to what is shared: each member's share is worked out
exactly, then rounded down to the penny; the pennies left over go one each to the members with the
largest remainders (the part of a penny rounded away), the largest first; on a tie, the member
with the larger percentage, then the one listed first. This is the largest remainder (Hamilton)
method. No member ever gets more than a penny above their exact share.

Every step is a line of arithmetic in words (a :class:`~commonweal.messages.Message`), so a member
can check it with a pencil; bad input is a :class:`PainGainInputError` saying what is wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, localcontext
from enum import StrEnum

from commonweal.messages import Message, gettext_noop, join_names, message

__all__ = [
    "GAIN",
    "NONE",
    "PAIN",
    "MemberShare",
    "PainGainInputError",
    "Result",
    "Share",
    "money",
    "share_out",
]

ZERO = Decimal("0")
HUNDRED = Decimal("100")
PENNY = Decimal("0.01")


class Kind(StrEnum):
    GAIN = "gain"
    PAIN = "pain"
    NONE = "none"


GAIN, PAIN, NONE = Kind.GAIN, Kind.PAIN, Kind.NONE


def money(amount: Decimal) -> str:
    """Pounds to the penny as people write them: "£1,234.50"; a negative amount "-£5.00"."""
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


def _percent(percent: Decimal) -> str:
    """A percentage as written: "30%", "33.33%"."""
    return f"{percent.normalize():f}%"


class PainGainInputError(ValueError):
    """A figure the share cannot be worked out from; ``field`` names it, ``why`` says what is wrong
    (``str(error)`` is the English)."""

    def __init__(self, field: str, why: Message) -> None:
        super().__init__(str(why))
        self.field = field
        self.why = why


@dataclass(frozen=True)
class Share:
    """A member and its agreed share of pain and gain, in percent."""

    name: str
    percent: Decimal


@dataclass(frozen=True)
class MemberShare:
    """What one member gains (or bears): its exact share and the amount to the penny."""

    name: str
    percent: Decimal
    exact: Decimal
    amount: Decimal
    extra_penny: bool


@dataclass(frozen=True)
class Result:
    """The year's pain or gain: the difference from target, what is shared, whether the cap or
    collar bit, each member's share, and the arithmetic in lines."""

    kind: Kind
    target_cost: Decimal
    actual_cost: Decimal
    difference: Decimal
    limit: Decimal | None
    shared: Decimal
    limit_bit: bool
    shares: tuple[MemberShare, ...]
    lines: tuple[Message, ...]

    @property
    def not_shared(self) -> Decimal:
        """What lies beyond the cap or collar."""
        return self.difference - self.shared


def _to_the_penny(field: str, amount: Decimal | None, *, may_be_missing: bool = False) -> None:
    if amount is None:
        if may_be_missing:
            return
        raise PainGainInputError(
            field, message(gettext_noop("Give the %(field)s, in pounds."), field=field)
        )
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise PainGainInputError(
            field, message(gettext_noop("The %(field)s must be an amount in pounds."), field=field)
        )
    if amount < ZERO:
        raise PainGainInputError(
            field,
            message(gettext_noop("The %(field)s cannot be less than £0."), field=field),
        )
    if amount != amount.quantize(PENNY, rounding=ROUND_DOWN):
        raise PainGainInputError(
            field,
            message(
                gettext_noop("The %(field)s must be in pounds and pence, like 1250.50."),
                field=field,
            ),
        )


def _check_shares(shares: Sequence[Share]) -> None:
    if not shares:
        raise PainGainInputError(
            "shares",
            message(gettext_noop("The alliance has no members to share pain and gain between.")),
        )
    names = [share.name for share in shares]
    if len(set(names)) != len(names):
        raise PainGainInputError(
            "shares", message(gettext_noop("Each member can be listed only once."))
        )
    for share in shares:
        if not isinstance(share.percent, Decimal) or not ZERO <= share.percent <= HUNDRED:
            raise PainGainInputError(
                "shares",
                message(
                    gettext_noop("The share of %(name)s must be between 0%% and 100%%."),
                    name=share.name,
                ),
            )
    total = sum((share.percent for share in shares), ZERO)
    if total != HUNDRED:
        raise PainGainInputError(
            "shares",
            message(
                gettext_noop(
                    "The members' shares must add up to 100%%. They add up to %(total)s: "
                    "change them before working out the pain and gain."
                ),
                total=_percent(total),
            ),
        )


def share_out(
    *,
    target_cost: Decimal | None,
    actual_cost: Decimal | None,
    shares: Sequence[Share],
    gain_cap: Decimal | None = None,
    pain_collar: Decimal | None = None,
) -> Result:
    """Each member's share of the year's gain (actual below target) or pain (actual above), capped
    or collared, to the penny, with the arithmetic."""
    _to_the_penny("target cost", target_cost)
    _to_the_penny("actual cost", actual_cost)
    _to_the_penny("gain cap", gain_cap, may_be_missing=True)
    _to_the_penny("pain collar", pain_collar, may_be_missing=True)
    _check_shares(shares)
    assert target_cost is not None and actual_cost is not None  # checked above
    lines: list[Message] = [
        message(
            gettext_noop("Target cost %(target)s. Actual cost %(actual)s."),
            target=money(target_cost),
            actual=money(actual_cost),
        )
    ]
    if actual_cost == target_cost:
        lines.append(
            message(
                gettext_noop(
                    "The actual cost is the target cost: there is no pain or gain to share."
                )
            )
        )
        return Result(
            kind=NONE,
            target_cost=target_cost,
            actual_cost=actual_cost,
            difference=ZERO,
            limit=None,
            shared=ZERO,
            limit_bit=False,
            shares=tuple(
                MemberShare(s.name, s.percent, ZERO, ZERO.quantize(PENNY), False) for s in shares
            ),
            lines=tuple(lines),
        )
    if actual_cost < target_cost:
        kind, difference, limit = GAIN, target_cost - actual_cost, gain_cap
        lines.append(
            message(
                gettext_noop(
                    "%(target)s - %(actual)s = %(difference)s below the target: a gain of "
                    "%(difference)s."
                ),
                target=money(target_cost),
                actual=money(actual_cost),
                difference=money(difference),
            )
        )
    else:
        kind, difference, limit = PAIN, actual_cost - target_cost, pain_collar
        lines.append(
            message(
                gettext_noop(
                    "%(actual)s - %(target)s = %(difference)s above the target: a pain of "
                    "%(difference)s."
                ),
                target=money(target_cost),
                actual=money(actual_cost),
                difference=money(difference),
            )
        )
    shared, limit_bit = difference, False
    if limit is None:
        lines.append(
            message(gettext_noop("There is no gain cap: all of the gain is shared."))
            if kind == GAIN
            else message(gettext_noop("There is no pain collar: all of the pain is shared."))
        )
    elif difference > limit:
        shared, limit_bit = limit, True
        template = (
            gettext_noop(
                "The gain cap bit: at most %(limit)s of gain is shared in a year, so %(shared)s "
                "is shared, not %(difference)s. The other %(beyond)s is beyond the cap and is not "
                "shared by the members."
            )
            if kind == GAIN
            else gettext_noop(
                "The pain collar bit: at most %(limit)s of pain is shared in a year, so "
                "%(shared)s is shared, not %(difference)s. The other %(beyond)s is beyond the "
                "collar and is not shared by the members."
            )
        )
        lines.append(
            message(
                template,
                limit=money(limit),
                shared=money(shared),
                difference=money(difference),
                beyond=money(difference - limit),
            )
        )
    else:
        template = (
            gettext_noop(
                "The gain cap of %(limit)s did not bite: all %(shared)s of the gain is shared."
            )
            if kind == GAIN
            else gettext_noop(
                "The pain collar of %(limit)s did not bite: all %(shared)s of the pain is shared."
            )
        )
        lines.append(message(template, limit=money(limit), shared=money(shared)))
    members = _largest_remainder(shared, shares)
    lines.extend(_member_lines(members))
    leftover = sum(1 for member in members if member.extra_penny)
    if leftover:
        lines.append(
            message(
                gettext_noop(
                    "Rounding: each share is rounded down to the penny; the %(count)s left over "
                    "went one each to the members with the largest remainders (%(names)s). On a "
                    "tie the larger share comes first, then the member listed first."
                ),
                count=f"{leftover}p",
                names=join_names([member.name for member in members if member.extra_penny]),
            )
        )
    lines.append(
        message(
            gettext_noop("%(sum)s = %(shared)s, the whole gain shared.")
            if kind == GAIN
            else gettext_noop("%(sum)s = %(shared)s, the whole pain shared."),
            sum=" + ".join(money(member.amount) for member in members),
            shared=money(shared),
        )
    )
    return Result(
        kind=kind,
        target_cost=target_cost,
        actual_cost=actual_cost,
        difference=difference,
        limit=limit,
        shared=shared,
        limit_bit=limit_bit,
        shares=tuple(members),
        lines=tuple(lines),
    )


def _largest_remainder(total: Decimal, shares: Sequence[Share]) -> list[MemberShare]:
    with localcontext() as exact:
        exact.prec = 60
        exacts = [total * share.percent / HUNDRED for share in shares]
        floors = [amount.quantize(PENNY, rounding=ROUND_DOWN) for amount in exacts]
        remainders = [amount - floor for amount, floor in zip(exacts, floors, strict=True)]
        pennies = int((total - sum(floors, ZERO)) / PENNY)
    order = sorted(range(len(shares)), key=lambda i: (-remainders[i], -shares[i].percent, i))
    lucky = set(order[:pennies])
    return [
        MemberShare(
            name=share.name,
            percent=share.percent,
            exact=exacts[i],
            amount=floors[i] + (PENNY if i in lucky else ZERO),
            extra_penny=i in lucky,
        )
        for i, share in enumerate(shares)
    ]


def _member_lines(members: Sequence[MemberShare]) -> list[Message]:
    lines = []
    for member in members:
        exact = member.exact.quantize(Decimal("0.0001"), rounding=ROUND_DOWN)
        shown = f"{exact:f}" if exact == member.exact else f"{exact:f}…"
        if member.exact == member.amount:
            lines.append(
                message(
                    gettext_noop("%(name)s: %(percent)s of the shared amount = %(amount)s."),
                    name=member.name,
                    percent=_percent(member.percent),
                    amount=money(member.amount),
                )
            )
        else:
            lines.append(
                message(
                    gettext_noop(
                        "%(name)s: %(percent)s of the shared amount = £%(exact)s, "
                        "%(rounded)s to %(amount)s."
                    ),
                    name=member.name,
                    percent=_percent(member.percent),
                    exact=shown,
                    rounded=message(gettext_noop("rounded up by the leftover penny"))
                    if member.extra_penny
                    else message(gettext_noop("rounded down")),
                    amount=money(member.amount),
                )
            )
    return lines
