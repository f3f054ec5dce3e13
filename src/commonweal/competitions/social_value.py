"""Social value that cannot be gamed: a bid's commitments valued net of what would happen anyway,
and an organisation's inherent social value from its verified facts. Plain Python: no Django.

Measures come from the council's own framework, loaded as data with its licence recorded. Only
open measures ship with Commonweal: the National TOMs and the HACT social value bank values are
licensed CC BY-NC-ND and must never be bundled, copied into this code or its tests; a council
that holds a licence loads its own copy.

A commitment counts only for what it adds beyond the service the contract pays for, net of
deadweight (what would happen anyway) and attribution (the share due to this contract); the same
result counts once however many measures it is claimed under; a bidder's record of delivering
earlier promises weights its new ones; and the commissioner caps how much monetised social value
can count at all. Every figure that is not law is Commonweal's guidance, named as such below, and
each flag and reason says why in plain words (a :class:`~commonweal.messages.Message`).

Inherent social value (asset lock, profits reinvested, local ownership and control) is scored
only from facts that have been verified, never from promises, and only where the commissioner
includes it and the law allows: the caller decides that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from commonweal.messages import Message, gettext_noop, message

__all__ = [
    "IMPLAUSIBLE_VALUE_PER_POUND",
    "MONETISED_CAP_SHARE",
    "TRACK_RECORD_FLOOR",
    "Commitment",
    "Flag",
    "FlagKind",
    "InherentFacts",
    "Line",
    "Measure",
    "SocialValueInputError",
    "Valuation",
    "inherent_score",
    "value",
]

# --- Commonweal's guidance (not law) ------------------------------------------------------------

# The most monetised social value that counts, as a share of the contract value, unless the
# commissioner sets another cap. Extra good done beyond the service rarely costs a provider more
# than a tenth of what the contract pays: figures above that say more about generous proxy values
# than about what will happen, and let a large firm outbid on promises rather than on service.
MONETISED_CAP_SHARE = Decimal("0.10")
# A commitment claiming more in pounds than the whole contract is worth cannot be paid for out of
# the contract: the claim is implausible for the contract's size.
IMPLAUSIBLE_VALUE_PER_POUND = Decimal("1")
# New promises are multiplied by the share of earlier promises the bidder delivered, but never by
# less than this: one failed agreement, perhaps for reasons outside the bidder's control, should
# not wipe out everything it offers now.
TRACK_RECORD_FLOOR = Decimal("0.25")

ZERO = Decimal("0")
ONE = Decimal("1")
HUNDRED = Decimal("100")
PENNY = Decimal("0.01")
PER_POUND_PLACES = Decimal("0.0001")


# --- Words for figures -------------------------------------------------------------------------


def _money(amount: Decimal) -> str:
    """Pounds as people write them: "£1,234", or "£1,234.50" when there are pence."""
    pence = amount.quantize(PENNY, rounding=ROUND_HALF_UP)
    if pence == pence.to_integral_value():
        return f"£{pence:,.0f}"
    return f"£{pence:,.2f}"


def _percent(share: Decimal) -> str:
    """A share (0..1) as a percentage: "60%", "12.5%"."""
    percent = (share * HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{percent.normalize():f}%"


def _number(quantity: Decimal) -> str:
    return f"{quantity.normalize():,f}"


# --- Bad input ---------------------------------------------------------------------------------


class SocialValueInputError(ValueError):
    """A figure that cannot be valued; ``field`` names it in plain words, ``why`` says what is
    wrong (``str(error)`` is the English)."""

    def __init__(self, field: str, why: Message) -> None:
        super().__init__(str(why))
        self.field = field
        self.why = why


def _share(field: str, share: Decimal | None) -> None:
    if share is not None and not ZERO <= share <= ONE:
        raise SocialValueInputError(
            field,
            message(
                gettext_noop("The %(field)s must be a share between 0 and 1. It was %(share)s."),
                field=field,
                share=str(share),
            ),
        )


# --- The data ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """A measure in the council's framework: its unit, and its proxy value in pounds for one
    unit where the council has one."""

    code: str
    name: str
    unit: str
    proxy_value: Decimal | None = None

    def __post_init__(self) -> None:
        if self.proxy_value is not None and self.proxy_value < 0:
            raise SocialValueInputError(
                "proxy value",
                message(
                    gettext_noop("The proxy value of %(measure)s cannot be less than £0."),
                    measure=self.name,
                ),
            )


@dataclass(frozen=True)
class Commitment:
    """What a bidder promises against one measure: how much in each year of the contract, whether
    it goes beyond the core service, the share due to this contract (attribution) and the share
    that would happen anyway (deadweight), both 0..1 or None when not given, the group of
    commitments counting the same result, and how it will be evidenced."""

    measure: Measure
    quantity_by_year: tuple[Decimal, ...]
    beyond_core_service: bool
    attribution: Decimal | None
    deadweight: Decimal | None
    double_counting_group: str | None = None
    evidence_plan: str = ""

    def __post_init__(self) -> None:
        for quantity in self.quantity_by_year:
            if quantity < 0:
                raise SocialValueInputError(
                    "quantity",
                    message(
                        gettext_noop(
                            "The quantity promised for %(measure)s cannot be less than 0 in any year."
                        ),
                        measure=self.measure.name,
                    ),
                )
        _share("share attributable to this contract", self.attribution)
        _share("deadweight (the share that would happen anyway)", self.deadweight)

    @property
    def quantity(self) -> Decimal:
        """The quantity over every year of the contract."""
        return sum(self.quantity_by_year, ZERO)


class FlagKind(StrEnum):
    IMPLAUSIBLE = "implausible"
    NO_EVIDENCE_PLAN = "no_evidence_plan"
    NO_ATTRIBUTION = "no_attribution"
    NO_DEADWEIGHT = "no_deadweight"
    DOUBLE_COUNTED = "double_counted"


@dataclass(frozen=True)
class Flag:
    """Something an evaluator should look at, and why. ``commitment`` is None for the whole bid."""

    kind: FlagKind
    commitment: Commitment | None
    why: Message

    @property
    def reason(self) -> str:
        return str(self.why)


@dataclass(frozen=True)
class Line:
    """One commitment valued: what the bidder claims (quantity × proxy value), what it is worth
    net of attribution and deadweight, that weighted by the bidder's record, and what counts
    (nothing if it is the core service or dropped as double counted), with the reasons."""

    commitment: Commitment
    claimed: Decimal
    net: Decimal
    weighted: Decimal
    counted: Decimal
    reasons: tuple[Message, ...]


@dataclass(frozen=True)
class Valuation:
    """A bid's social value commitments valued. ``total`` is what counts, after the cap;
    ``per_pound`` is that per pound of contract value (to four places)."""

    lines: tuple[Line, ...]
    claimed: Decimal
    counted_before_cap: Decimal
    cap: Decimal
    capped: bool
    total: Decimal
    per_pound: Decimal
    track_record_weight: Decimal
    reasons: tuple[Message, ...]
    flags: tuple[Flag, ...]


# --- Valuing commitments -----------------------------------------------------------------------


def _track_record_weight(track_record: Decimal | None) -> tuple[Decimal, Message]:
    if track_record is None:
        return ONE, message(
            gettext_noop(
                "There is no record of this bidder's earlier agreements, so its promises are "
                "not weighted."
            )
        )
    _share("track record (the share of earlier promises delivered)", track_record)
    if track_record < TRACK_RECORD_FLOOR:
        return TRACK_RECORD_FLOOR, message(
            gettext_noop(
                "The bidder delivered %(record)s of what it promised on earlier agreements. "
                "Its promises are weighted by %(floor)s, the least Commonweal's guidance allows, "
                "so that one failed agreement does not wipe out everything it offers now."
            ),
            record=_percent(track_record),
            floor=_percent(TRACK_RECORD_FLOOR),
        )
    return track_record, message(
        gettext_noop(
            "The bidder delivered %(record)s of what it promised on earlier agreements, so its "
            "promises are weighted by %(record)s."
        ),
        record=_percent(track_record),
    )


def _line(
    commitment: Commitment, contract_value: Decimal, weight: Decimal
) -> tuple[Line, list[Flag]]:
    measure = commitment.measure
    if measure.proxy_value is None:
        raise SocialValueInputError(
            "proxy value",
            message(
                gettext_noop(
                    "%(measure)s has no proxy value, so it cannot be counted in pounds. Give it a "
                    "proxy value or score it as a quality answer instead."
                ),
                measure=measure.name,
            ),
        )
    flags: list[Flag] = []
    reasons: list[Message] = []
    claimed = commitment.quantity * measure.proxy_value
    reasons.append(
        message(
            gettext_noop(
                "%(quantity)s %(unit)s at %(proxy)s each: %(claimed)s before deadweight and "
                "attribution."
            ),
            quantity=_number(commitment.quantity),
            unit=measure.unit,
            proxy=_money(measure.proxy_value),
            claimed=_money(claimed),
        )
    )
    attribution = commitment.attribution
    if attribution is None:
        attribution = ZERO
        why = message(
            gettext_noop(
                "No share attributable to this contract was given for %(measure)s, so none of it "
                "is counted: the worst case."
            ),
            measure=measure.name,
        )
        reasons.append(why)
        flags.append(Flag(FlagKind.NO_ATTRIBUTION, commitment, why))
    deadweight = commitment.deadweight
    if deadweight is None:
        deadweight = ONE
        why = message(
            gettext_noop(
                "No deadweight was given for %(measure)s, so all of it is taken to happen anyway: "
                "the worst case."
            ),
            measure=measure.name,
        )
        reasons.append(why)
        flags.append(Flag(FlagKind.NO_DEADWEIGHT, commitment, why))
    net = claimed * attribution * (ONE - deadweight)
    reasons.append(
        message(
            gettext_noop(
                "With %(attribution)s due to this contract and %(deadweight)s that would happen "
                "anyway, it is worth %(net)s."
            ),
            attribution=_percent(attribution),
            deadweight=_percent(deadweight),
            net=_money(net),
        )
    )
    weighted = net * weight
    if weight != ONE:
        reasons.append(
            message(
                gettext_noop("Weighted by the bidder's record, it is worth %(weighted)s."),
                weighted=_money(weighted),
            )
        )
    counted = weighted
    if not commitment.beyond_core_service:
        counted = ZERO
        reasons.append(
            message(
                gettext_noop(
                    "This is part of the service the contract pays for, not something beyond it, "
                    "so it counts nothing."
                )
            )
        )
    if claimed > IMPLAUSIBLE_VALUE_PER_POUND * contract_value:
        flags.append(
            Flag(
                FlagKind.IMPLAUSIBLE,
                commitment,
                message(
                    gettext_noop(
                        "%(measure)s claims %(claimed)s, more than the whole contract's value of "
                        "%(contract)s. A contract cannot pay for more than it is worth: ask the "
                        "bidder how it will be delivered."
                    ),
                    measure=measure.name,
                    claimed=_money(claimed),
                    contract=_money(contract_value),
                ),
            )
        )
    if not commitment.evidence_plan.strip():
        flags.append(
            Flag(
                FlagKind.NO_EVIDENCE_PLAN,
                commitment,
                message(
                    gettext_noop(
                        "%(measure)s has no evidence plan, so nobody could check it was "
                        "delivered. Ask for one before award."
                    ),
                    measure=measure.name,
                ),
            )
        )
    return Line(commitment, claimed, net, weighted, counted, tuple(reasons)), flags


def _drop_double_counting(lines: list[Line]) -> tuple[list[Line], list[Flag]]:
    """Within each double-counting group, only the line worth most counts (the first listed on a
    tie); the others are dropped, each with a reason and a flag naming the one kept."""
    kept_for: dict[str, Line] = {}
    for line in lines:
        group = line.commitment.double_counting_group
        if group is not None and (group not in kept_for or line.counted > kept_for[group].counted):
            kept_for[group] = line
    result: list[Line] = []
    flags: list[Flag] = []
    for line in lines:
        group = line.commitment.double_counting_group
        kept = kept_for.get(group) if group is not None else None
        if kept is None or kept is line:
            result.append(line)
            continue
        why = message(
            gettext_noop(
                "%(measure)s counts the same result as %(kept)s, which is worth more, so it is "
                "dropped: the same result counts only once."
            ),
            measure=line.commitment.measure.name,
            kept=kept.commitment.measure.name,
        )
        result.append(
            Line(
                line.commitment,
                line.claimed,
                line.net,
                line.weighted,
                ZERO,
                (*line.reasons, why),
            )
        )
        flags.append(Flag(FlagKind.DOUBLE_COUNTED, line.commitment, why))
    return result, flags


def value(
    commitments: Iterable[Commitment],
    contract_value: Decimal,
    cap_share: Decimal = MONETISED_CAP_SHARE,
    track_record: Decimal | None = None,
) -> Valuation:
    """Value a bid's social value commitments: net, weighted, counted once, capped, with flags."""
    if contract_value <= 0:
        raise SocialValueInputError(
            "contract value",
            message(gettext_noop("The contract value must be more than £0.")),
        )
    _share("cap on monetised social value", cap_share)
    weight, weight_reason = _track_record_weight(track_record)
    lines: list[Line] = []
    flags: list[Flag] = []
    for commitment in commitments:
        line, line_flags = _line(commitment, contract_value, weight)
        lines.append(line)
        flags.extend(line_flags)
    lines, double_flags = _drop_double_counting(lines)
    flags.extend(double_flags)

    claimed = sum((line.claimed for line in lines), ZERO)
    counted = sum((line.counted for line in lines), ZERO)
    cap = cap_share * contract_value
    capped = counted > cap
    total = min(counted, cap)
    reasons = [weight_reason]
    if capped:
        reasons.append(
            message(
                gettext_noop(
                    "%(counted)s would count, but the commissioner's cap is %(share)s of the "
                    "contract value, %(cap)s, so only %(cap)s counts."
                ),
                counted=_money(counted),
                share=_percent(cap_share),
                cap=_money(cap),
            )
        )
    per_pound = (total / contract_value).quantize(PER_POUND_PLACES, rounding=ROUND_HALF_UP)
    reasons.append(
        message(
            gettext_noop(
                "%(total)s of social value counts: %(per_pound)s for each pound of the contract."
            ),
            total=_money(total),
            per_pound=_money(per_pound),
        )
    )
    if claimed > IMPLAUSIBLE_VALUE_PER_POUND * contract_value:
        flags.append(
            Flag(
                FlagKind.IMPLAUSIBLE,
                None,
                message(
                    gettext_noop(
                        "Together the commitments claim %(claimed)s, more than the whole "
                        "contract's value of %(contract)s. A contract cannot pay for more than it "
                        "is worth."
                    ),
                    claimed=_money(claimed),
                    contract=_money(contract_value),
                ),
            )
        )
    return Valuation(
        lines=tuple(lines),
        claimed=claimed,
        counted_before_cap=counted,
        cap=cap,
        capped=capped,
        total=total,
        per_pound=per_pound,
        track_record_weight=weight,
        reasons=tuple(reasons),
        flags=tuple(flags),
    )


# --- Inherent social value ---------------------------------------------------------------------


@dataclass(frozen=True)
class InherentFacts:
    """An organisation's inherent social value facts, and whether they have been verified (by its
    regulator's register or the council's checks), never what it promises to become."""

    asset_lock: bool
    profits_reinvested_percent: Decimal | None
    locally_owned_and_controlled: bool
    verified: bool

    def __post_init__(self) -> None:
        percent = self.profits_reinvested_percent
        if percent is not None and not ZERO <= percent <= HUNDRED:
            raise SocialValueInputError(
                "share of profits reinvested",
                message(
                    gettext_noop(
                        "The share of profits reinvested must be between 0%% and 100%%. It was "
                        "%(percent)s%%."
                    ),
                    percent=str(percent),
                ),
            )


def inherent_score(
    facts: InherentFacts, max_points: Decimal
) -> tuple[Decimal, tuple[Message, ...]]:
    """Points for inherent social value, from verified facts only, with each element's reason.

    The points are shared equally between three elements: an asset lock (all or nothing), the
    share of profits reinvested (that share of the element's points), and local ownership and
    control (all or nothing). Points are rounded to two places.
    """
    if max_points < 0:
        raise SocialValueInputError(
            "most points for inherent social value",
            message(gettext_noop("The most points for inherent social value cannot be below 0.")),
        )
    if not facts.verified:
        return ZERO, (
            message(
                gettext_noop(
                    "These facts have not been verified, so they score nothing: inherent social "
                    "value counts only what is shown to be true, never what is promised."
                )
            ),
        )
    element = max_points / 3
    reasons: list[Message] = []

    asset_lock = element if facts.asset_lock else ZERO
    if facts.asset_lock:
        reasons.append(
            message(
                gettext_noop(
                    "Asset lock, %(points)s points: its assets stay with its purpose and cannot "
                    "be handed to private owners."
                ),
                points=_points(asset_lock),
            )
        )
    else:
        reasons.append(message(gettext_noop("Asset lock, 0 points: it has none.")))

    percent = facts.profits_reinvested_percent
    reinvested = ZERO if percent is None else element * percent / HUNDRED
    if percent is None:
        reasons.append(
            message(
                gettext_noop("Profits reinvested, 0 points: no verified share of profits given.")
            )
        )
    else:
        reasons.append(
            message(
                gettext_noop(
                    "Profits reinvested, %(points)s points: it reinvests %(percent)s%% of its "
                    "profits, so it gets that share of the %(element)s points."
                ),
                points=_points(reinvested),
                percent=_number(percent),
                element=_points(element),
            )
        )

    local = element if facts.locally_owned_and_controlled else ZERO
    if facts.locally_owned_and_controlled:
        reasons.append(
            message(
                gettext_noop(
                    "Local ownership and control, %(points)s points: it is owned and run in the "
                    "place it serves."
                ),
                points=_points(local),
            )
        )
    else:
        reasons.append(
            message(
                gettext_noop(
                    "Local ownership and control, 0 points: it is not owned and run locally."
                )
            )
        )
    points = (asset_lock + reinvested + local).quantize(PENNY, rounding=ROUND_HALF_UP)
    return points, tuple(reasons)


def _points(points: Decimal) -> str:
    return _number(points.quantize(PENNY, rounding=ROUND_HALF_UP))
