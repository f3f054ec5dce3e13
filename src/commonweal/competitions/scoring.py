"""Price scoring, the criteria tree and the most advantageous tender. Plain Python: no Django.

Every number is a ``Decimal``. Points are rounded to ``PLACES`` decimal places (two), half away
from zero (``ROUND_HALF_UP``: 33.335 becomes 33.34), once for each line of the arithmetic; a total
is the sum of the rounded lines, so the arithmetic a page shows always adds up.

A bid that fails a pass/fail criterion is scored and shown, but cannot win, and its price does not
set the lowest price the proportional formula compares others with.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from commonweal.messages import Message, gettext_noop, join_names, message

__all__ = [
    "PLACES",
    "Bid",
    "BidResult",
    "CriteriaTree",
    "Criterion",
    "Evaluation",
    "Inputs",
    "PriceFormula",
    "RankReversal",
    "Scale",
    "ScoringError",
    "Shift",
    "Weight",
    "against_budget",
    "evaluate",
    "explanation",
    "linear",
    "proportional_to_lowest",
    "rank_reversal_warnings",
    "sensitivity",
]

PLACES = 2
_QUANTUM = Decimal(1).scaleb(-PLACES)
HUNDRED = Decimal(100)
# The formula "against the budget" gives no points at this multiple of the budget.
BUDGET_ZERO_AT = Decimal(2)


class ScoringError(ValueError):
    """Input the scoring cannot use: ``field`` names it, ``message`` says why in plain words."""

    def __init__(self, field: str, message: Message) -> None:
        super().__init__(str(message))
        self.field = field
        self.message = message


def _round(value: Decimal) -> Decimal:
    return value.quantize(_QUANTUM, rounding=ROUND_HALF_UP)


def _shown(value: Decimal) -> str:
    """A number as a page shows it: rounded to ``PLACES``, without a trailing ".00" for whole
    percentages."""
    rounded = _round(value)
    return str(rounded.quantize(Decimal(1))) if rounded == rounded.to_integral() else str(rounded)


def _money(value: Decimal) -> str:
    return f"£{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def _positive(field: str, value: Decimal) -> None:
    if value <= 0:
        raise ScoringError(
            field,
            message(
                gettext_noop("The %(field)s must be more than zero. It is %(value)s."),
                field=field.replace("_", " "),
                value=str(value),
            ),
        )


def _max_points(max_points: Decimal) -> None:
    if max_points < 0:
        raise ScoringError(
            "max_points",
            message(
                gettext_noop("The most points must be zero or more. It is %(value)s."),
                value=str(max_points),
            ),
        )


# --- Price formulas -----------------------------------------------------------------------------


class PriceFormula(StrEnum):
    PROPORTIONAL_TO_LOWEST = "proportional_to_lowest"
    LINEAR = "linear"
    AGAINST_BUDGET = "against_budget"

    @property
    def relative(self) -> bool:
        """Whether a bid's points depend on the other bids' prices (so a third bid can reverse
        the order of two others)."""
        return self is PriceFormula.PROPORTIONAL_TO_LOWEST


_EXPLANATIONS = {
    PriceFormula.PROPORTIONAL_TO_LOWEST: gettext_noop(
        "The lowest price gets full marks. Every other bid gets the lowest price divided by its "
        "price, times the full marks. A bid twice the lowest price gets half marks. Each bid's "
        "points depend on the lowest price, so one very low bid changes everyone's points."
    ),
    PriceFormula.LINEAR: gettext_noop(
        "A price at or below %(floor)s gets full marks. A price at or above %(ceiling)s gets no "
        "marks. In between, points fall in a straight line: halfway between the two gets half "
        "marks. A bid's points depend only on its own price."
    ),
    PriceFormula.AGAINST_BUDGET: gettext_noop(
        "A price at or under the budget of %(budget)s gets full marks. Above it, points fall in "
        "a straight line to no marks at twice the budget, %(zero_at)s. A price 50%% over budget "
        "gets half marks. A bid's points depend only on its own price."
    ),
}


def explanation(formula: PriceFormula, params: Mapping[str, Decimal] | None = None) -> Message:
    """The formula in plain English, with its floor and ceiling or budget filled in."""
    params = params or {}
    template = _EXPLANATIONS[formula]
    if formula is PriceFormula.LINEAR:
        floor, ceiling = _param(params, "floor"), _param(params, "ceiling")
        return message(template, floor=_money(floor), ceiling=_money(ceiling))
    if formula is PriceFormula.AGAINST_BUDGET:
        budget = _param(params, "budget")
        return message(template, budget=_money(budget), zero_at=_money(budget * BUDGET_ZERO_AT))
    return message(template)


def _param(params: Mapping[str, Decimal], name: str) -> Decimal:
    if name not in params:
        raise ScoringError(
            name,
            message(
                gettext_noop("The price formula needs a %(field)s. None was given."), field=name
            ),
        )
    return params[name]


def proportional_to_lowest(price: Decimal, lowest: Decimal, max_points: Decimal) -> Decimal:
    """Lowest price ÷ this price × the most points, rounded to ``PLACES``.

    Worked example: out of 40, the lowest bid of £100,000 gets 40.00; a bid of £120,000 gets
    100,000 ÷ 120,000 × 40 = 33.333… = 33.33; a bid of £150,000 gets 26.666… = 26.67.
    """
    _positive("price", price)
    _positive("lowest_price", lowest)
    _max_points(max_points)
    if lowest > price:
        raise ScoringError(
            "lowest_price",
            message(
                gettext_noop("The lowest price, %(lowest)s, is more than this price, %(price)s."),
                lowest=_money(lowest),
                price=_money(price),
            ),
        )
    return _round(lowest / price * max_points)


def linear(price: Decimal, floor: Decimal, ceiling: Decimal, max_points: Decimal) -> Decimal:
    """Full marks at or below ``floor``, none at or above ``ceiling``, a straight line between.

    Worked example: floor £80,000, ceiling £120,000, out of 40: £80,000 or less gets 40.00;
    £90,000 gets (120,000 − 90,000) ÷ (120,000 − 80,000) × 40 = 30 ÷ 40 × 40 = 30.00; £120,000 or
    more gets 0.00.
    """
    _positive("price", price)
    _positive("floor", floor)
    _max_points(max_points)
    if floor >= ceiling:
        raise ScoringError(
            "ceiling",
            message(
                gettext_noop("The ceiling, %(ceiling)s, must be more than the floor, %(floor)s."),
                ceiling=_money(ceiling),
                floor=_money(floor),
            ),
        )
    if price <= floor:
        return _round(max_points)
    if price >= ceiling:
        return _round(Decimal(0))
    return _round((ceiling - price) / (ceiling - floor) * max_points)


def against_budget(price: Decimal, budget: Decimal, max_points: Decimal) -> Decimal:
    """Full marks at or under ``budget``, falling in a straight line to none at twice the budget.

    Worked example: budget £100,000, out of 40: £95,000 gets 40.00; £125,000 (25% over) gets
    (200,000 − 125,000) ÷ (200,000 − 100,000) × 40 = 75 ÷ 100 × 40 = 30.00; £200,000 or more
    gets 0.00.
    """
    _positive("budget", budget)
    return linear(price, budget, budget * BUDGET_ZERO_AT, max_points)


# --- The criteria tree --------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """The points an evaluator may give, each with what it means ("5: Excellent: ...")."""

    points: tuple[tuple[Decimal, Message], ...]

    def __post_init__(self) -> None:
        values = [point for point, _ in self.points]
        if not values:
            raise ScoringError(
                "scale", message(gettext_noop("The scoring scale needs at least one score."))
            )
        if len(set(values)) != len(values) or min(values) < 0 or max(values) <= 0:
            raise ScoringError(
                "scale",
                message(
                    gettext_noop(
                        "Each score on the scale must be different, none below zero, and the "
                        "highest above zero."
                    )
                ),
            )

    @property
    def top(self) -> Decimal:
        return max(point for point, _ in self.points)

    def descriptor(self, score: Decimal) -> Message | None:
        return next((words for point, words in self.points if point == score), None)


@dataclass(frozen=True)
class Criterion:
    """A question or group of questions. ``weight`` is a percentage of its parent (or of its part:
    quality or social value). A pass/fail criterion carries no weight: failing it excludes the
    bid."""

    id: str
    name: str
    weight: Decimal = Decimal(0)
    children: tuple[Criterion, ...] = ()
    pass_fail: bool = False


@dataclass(frozen=True)
class CriteriaTree:
    """The quality criteria, the social value criteria, and the scale every score is on."""

    quality: tuple[Criterion, ...]
    social_value: tuple[Criterion, ...]
    scale: Scale


@dataclass(frozen=True)
class Bid:
    id: str
    name: str
    price: Decimal
    scores: Mapping[str, Decimal] = field(default_factory=dict)
    passes: Mapping[str, bool] = field(default_factory=dict)


class Weight(StrEnum):
    QUALITY = "quality"
    SOCIAL_VALUE = "social_value"
    PRICE = "price"

    @property
    def label(self) -> str:
        return {"quality": "quality", "social_value": "social value", "price": "price"}[self.value]


@dataclass(frozen=True)
class Inputs:
    """Everything an evaluation is worked out from, kept so it can be worked out again."""

    tree: CriteriaTree
    bids: tuple[Bid, ...]
    weights: Mapping[Weight, Decimal]
    formula: PriceFormula
    formula_params: Mapping[str, Decimal]


@dataclass(frozen=True)
class BidResult:
    bid_id: str
    name: str
    price: Decimal
    quality_points: Decimal
    social_value_points: Decimal
    price_points: Decimal
    total: Decimal
    rank: int | None  # None for a bid that failed a pass/fail criterion
    failed: tuple[str, ...]  # names of the pass/fail criteria it failed
    lines: tuple[Message, ...]  # the arithmetic, line by line

    @property
    def excluded(self) -> bool:
        return bool(self.failed)


@dataclass(frozen=True)
class Evaluation:
    inputs: Inputs
    results: tuple[BidResult, ...]  # by rank, excluded bids last
    winners: tuple[str, ...]  # bid ids with the highest total among those that passed
    explanation: Message  # the price formula in plain English
    summary: Message  # who is the most advantageous tender, or who tied

    @property
    def winner(self) -> str | None:
        """The one most advantageous tender, or None when two or more tie (or none passed)."""
        return self.winners[0] if len(self.winners) == 1 else None

    @property
    def tied(self) -> bool:
        return len(self.winners) > 1

    def result(self, bid_id: str) -> BidResult:
        return next(result for result in self.results if result.bid_id == bid_id)


def _check_weights(field: str, weights: Iterable[Decimal], where: str) -> None:
    listed = list(weights)
    if any(weight < 0 for weight in listed):
        raise ScoringError(
            field,
            message(gettext_noop("A weight in %(where)s is below zero."), where=where),
        )
    total = sum(listed, Decimal(0))
    if total != HUNDRED:
        raise ScoringError(
            field,
            message(
                gettext_noop(
                    "The weights in %(where)s add up to %(total)s%%. They must add up to 100%%."
                ),
                where=where,
                total=_shown(total),
            ),
        )


def _check_tree(criteria: Sequence[Criterion], part: str, where: str) -> None:
    weighted = [criterion for criterion in criteria if not criterion.pass_fail]
    if weighted:
        _check_weights(part, (criterion.weight for criterion in weighted), where)
    for criterion in weighted:
        if criterion.children:
            _check_tree(criterion.children, part, criterion.name)


@dataclass(frozen=True)
class _Leaf:
    criterion: Criterion
    share: Decimal  # its percentage of the whole score


def _leaves(criteria: Sequence[Criterion], share: Decimal) -> list[_Leaf]:
    found: list[_Leaf] = []
    for criterion in criteria:
        if criterion.pass_fail:
            continue
        own = share * criterion.weight / HUNDRED
        if criterion.children:
            found.extend(_leaves(criterion.children, own))
        else:
            found.append(_Leaf(criterion, own))
    return found


def _pass_fail(criteria: Sequence[Criterion]) -> list[Criterion]:
    found: list[Criterion] = []
    for criterion in criteria:
        if criterion.pass_fail:
            found.append(criterion)
        found.extend(_pass_fail(criterion.children))
    return found


def _part_points(
    bid: Bid, leaves: Sequence[_Leaf], scale: Scale, part: str
) -> tuple[Decimal, list[Message]]:
    lines: list[Message] = []
    total = Decimal(0)
    for leaf in leaves:
        criterion = leaf.criterion
        if criterion.id not in bid.scores:
            raise ScoringError(
                "scores",
                message(
                    gettext_noop("%(bid)s has no score for %(criterion)s."),
                    bid=bid.name,
                    criterion=criterion.name,
                ),
            )
        score = bid.scores[criterion.id]
        if scale.descriptor(score) is None:
            raise ScoringError(
                "scores",
                message(
                    gettext_noop(
                        "%(bid)s's score for %(criterion)s, %(score)s, is not on the scale."
                    ),
                    bid=bid.name,
                    criterion=criterion.name,
                    score=str(score),
                ),
            )
        points = _round(score / scale.top * leaf.share)
        total += points
        lines.append(
            message(
                gettext_noop(
                    "%(part)s, %(criterion)s: %(score)s/%(top)s × %(share)s%% = %(points)s points"
                ),
                part=part,
                criterion=criterion.name,
                score=str(score),
                top=str(scale.top),
                share=_shown(leaf.share),
                points=str(points),
            )
        )
    return total, lines


def evaluate(
    tree: CriteriaTree,
    bids: Sequence[Bid],
    *,
    price_weight: Decimal,
    quality_weight: Decimal,
    social_value_weight: Decimal,
    formula: PriceFormula,
    formula_params: Mapping[str, Decimal] | None = None,
) -> Evaluation:
    """Each bid's points for quality, social value and price, its total and rank, and the most
    advantageous tender: the highest total among bids that passed every pass/fail criterion.

    ``formula_params``: for ``LINEAR`` a ``floor`` and ``ceiling``, for ``AGAINST_BUDGET`` a
    ``budget``; the proportional formula needs none.
    """
    weights = {
        Weight.QUALITY: quality_weight,
        Weight.SOCIAL_VALUE: social_value_weight,
        Weight.PRICE: price_weight,
    }
    return _evaluate(
        Inputs(tree, tuple(bids), weights, PriceFormula(formula), dict(formula_params or {}))
    )


def _evaluate(inputs: Inputs) -> Evaluation:
    tree, bids, weights = inputs.tree, inputs.bids, inputs.weights
    _check_weights("weights", weights.values(), "quality, social value and price")
    _check_tree(tree.quality, "quality", "quality")
    _check_tree(tree.social_value, "social_value", "social value")
    if not bids:
        raise ScoringError("bids", message(gettext_noop("There are no bids to evaluate.")))
    if len({bid.id for bid in bids}) != len(bids):
        raise ScoringError("bids", message(gettext_noop("Two bids have the same id.")))
    for bid in bids:
        if bid.price <= 0:
            raise ScoringError(
                "price",
                message(
                    gettext_noop("The price of %(bid)s must be more than zero. It is %(price)s."),
                    bid=bid.name,
                    price=str(bid.price),
                ),
            )
    quality = _leaves(tree.quality, weights[Weight.QUALITY]) if weights[Weight.QUALITY] else []
    social = (
        _leaves(tree.social_value, weights[Weight.SOCIAL_VALUE])
        if weights[Weight.SOCIAL_VALUE]
        else []
    )
    for part, leaves in ((Weight.QUALITY, quality), (Weight.SOCIAL_VALUE, social)):
        if weights[part] and not leaves:
            raise ScoringError(
                part.value,
                message(
                    gettext_noop(
                        "%(part)s counts %(weight)s%% of the score but has no scored criteria."
                    ),
                    part=part.label.capitalize(),
                    weight=_shown(weights[part]),
                ),
            )
    gates = _pass_fail(tree.quality) + _pass_fail(tree.social_value)
    failed = {
        bid.id: tuple(gate.name for gate in gates if not bid.passes.get(gate.id, False))
        for bid in bids
    }
    passing = [bid for bid in bids if not failed[bid.id]]
    # The lowest price among bids still in the competition (all bids if none passed).
    lowest = min(bid.price for bid in (passing or bids))
    price_max = weights[Weight.PRICE]
    params = inputs.formula_params

    unranked: list[BidResult] = []
    for bid in bids:
        quality_points, quality_lines = _part_points(bid, quality, tree.scale, "Quality")
        social_points, social_lines = _part_points(bid, social, tree.scale, "Social value")
        price_points, price_line = _price(inputs.formula, bid, lowest, price_max, params)
        total = quality_points + social_points + price_points
        lines = [*quality_lines, *social_lines, price_line]
        lines.append(
            message(
                gettext_noop("Total: %(quality)s + %(social)s + %(price)s = %(total)s points"),
                quality=str(quality_points),
                social=str(social_points),
                price=str(price_points),
                total=str(total),
            )
        )
        if failed[bid.id]:
            lines.append(
                message(
                    gettext_noop("Failed %(criteria)s, so this bid cannot win."),
                    criteria=join_names(list(failed[bid.id])),
                )
            )
        unranked.append(
            BidResult(
                bid.id,
                bid.name,
                bid.price,
                quality_points,
                social_points,
                price_points,
                total,
                None,
                failed[bid.id],
                tuple(lines),
            )
        )

    ranked = sorted((r for r in unranked if not r.excluded), key=lambda r: -r.total)
    results: list[BidResult] = []
    for result in ranked:
        # Equal totals share a rank (1, 1, 3).
        rank = 1 + sum(1 for other in ranked if other.total > result.total)
        results.append(replace(result, rank=rank))
    results.extend(sorted((r for r in unranked if r.excluded), key=lambda r: -r.total))
    winners = tuple(r.bid_id for r in results if r.rank == 1)
    return Evaluation(
        inputs,
        tuple(results),
        winners,
        explanation(inputs.formula, params),
        _summary(results, winners),
    )


def _price(
    formula: PriceFormula,
    bid: Bid,
    lowest: Decimal,
    max_points: Decimal,
    params: Mapping[str, Decimal],
) -> tuple[Decimal, Message]:
    top = _shown(max_points)
    if formula is PriceFormula.PROPORTIONAL_TO_LOWEST:
        if bid.price < lowest:
            # A bid excluded on pass/fail, priced below every bid still in the competition.
            points = _round(max_points)
        else:
            points = proportional_to_lowest(bid.price, lowest, max_points)
        return points, message(
            gettext_noop("Price: lowest %(lowest)s ÷ %(price)s × %(top)s = %(points)s points"),
            lowest=_money(lowest),
            price=_money(bid.price),
            top=top,
            points=str(points),
        )
    if formula is PriceFormula.LINEAR:
        floor, ceiling = _param(params, "floor"), _param(params, "ceiling")
    else:
        floor = _param(params, "budget")
        _positive("budget", floor)
        ceiling = floor * BUDGET_ZERO_AT
    points = linear(bid.price, floor, ceiling, max_points)
    return points, message(
        gettext_noop(
            "Price: %(price)s between %(floor)s (full marks) and %(ceiling)s (no marks), out of "
            "%(top)s = %(points)s points"
        ),
        price=_money(bid.price),
        floor=_money(floor),
        ceiling=_money(ceiling),
        top=top,
        points=str(points),
    )


def _summary(results: Sequence[BidResult], winners: Sequence[str]) -> Message:
    if not winners:
        return message(gettext_noop("No bid passed every pass/fail criterion, so none can win."))
    named = [r for r in results if r.bid_id in winners]
    if len(named) == 1:
        return message(
            gettext_noop("%(bid)s is the most advantageous tender, with %(total)s points."),
            bid=named[0].name,
            total=str(named[0].total),
        )
    return message(
        gettext_noop(
            "%(bids)s tie for the most advantageous tender, with %(total)s points each. The "
            "scores alone do not choose between them: use the tie-break the tender documents set."
        ),
        bids=join_names([r.name for r in named]),
        total=str(named[0].total),
    )


# --- Sensitivity --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shift:
    """One weight moved up or down, the others rescaled to keep the sum at 100."""

    weight: Weight
    change: Decimal  # +5 or -5
    weights: Mapping[Weight, Decimal]  # every weight after the move
    winners: tuple[str, ...]
    changes_winner: bool
    message: Message


def _moved(
    weights: Mapping[Weight, Decimal], moved: Weight, change: Decimal
) -> dict[Weight, Decimal] | None:
    new = weights[moved] + change
    if new < 0 or new > HUNDRED:
        return None
    others = [weight for weight in Weight if weight is not moved]
    rest = sum((weights[weight] for weight in others), Decimal(0))
    left = HUNDRED - new
    result = {moved: new}
    for weight in others:
        share = weights[weight] / rest if rest else Decimal(1) / len(others)
        result[weight] = _round(left * share)
    # Rounding may leave a hundredth over or under: the largest of the others takes it up.
    largest = max(others, key=lambda weight: result[weight])
    result[largest] += HUNDRED - sum(result.values(), Decimal(0))
    return result


def sensitivity(evaluation: Evaluation, step: Decimal | int = 5) -> list[Shift]:
    """For each weight moved up and down by ``step`` points (the other two rescaled in proportion
    so all three still add up to 100), whether the most advantageous tender changes, and to whom.
    """
    step = Decimal(step)
    names = {r.bid_id: r.name for r in evaluation.results}
    shifts: list[Shift] = []
    for weight in Weight:
        for change in (step, -step):
            weights = _moved(evaluation.inputs.weights, weight, change)
            if weights is None:
                continue
            moved = _evaluate(replace(evaluation.inputs, weights=weights))
            changes = moved.winners != evaluation.winners
            shifts.append(
                Shift(
                    weight,
                    change,
                    weights,
                    moved.winners,
                    changes,
                    _shift_message(weights, weight, moved.winners, changes, names),
                )
            )
    return shifts


def _shift_message(
    weights: Mapping[Weight, Decimal],
    moved: Weight,
    winners: Sequence[str],
    changes: bool,
    names: Mapping[str, str],
) -> Message:
    others = [weight for weight in Weight if weight is not moved]
    setting = message(
        gettext_noop("If %(moved)s counted %(weight)s%% (%(first)s %(a)s%%, %(second)s %(b)s%%)"),
        moved=moved.label,
        weight=_shown(weights[moved]),
        first=others[0].label,
        a=_shown(weights[others[0]]),
        second=others[1].label,
        b=_shown(weights[others[1]]),
    )
    who = join_names([names[bid] for bid in winners]) if winners else ""
    if not winners:
        return message(gettext_noop("%(setting)s, no bid could win."), setting=setting)
    if not changes:
        return message(
            gettext_noop("%(setting)s, %(who)s would still win."), setting=setting, who=who
        )
    if len(winners) > 1:
        return message(gettext_noop("%(setting)s, %(who)s would tie."), setting=setting, who=who)
    return message(
        gettext_noop("%(setting)s, %(who)s would win instead."), setting=setting, who=who
    )


# --- Rank reversal ------------------------------------------------------------------------------

RELATIVE_FORMULA_WARNING = gettext_noop(
    "Under proportional scoring, every bid's price points depend on the lowest price. A new very "
    "low bid shrinks the gaps between everyone else's price points, so it can change which of "
    "two other bids comes first, though neither of them changed anything."
)


@dataclass(frozen=True)
class RankReversal:
    """Removing ``third`` reverses the order of ``ahead`` and ``behind``."""

    third: str
    ahead: str  # ahead with the third bid in
    behind: str
    message: Message


def rank_reversal_warnings(evaluation: Evaluation) -> list[RankReversal]:
    """Pairs of bids whose order flips when a third bid is taken out (or, read the other way,
    put in). Only a relative formula (proportional to the lowest) does this; others give none."""
    inputs = evaluation.inputs
    if not inputs.formula.relative:
        return []
    standing = [r for r in evaluation.results if not r.excluded]
    if len(standing) < 3:
        return []
    reversals: list[RankReversal] = []
    for third in standing:
        without = _evaluate(
            replace(inputs, bids=tuple(b for b in inputs.bids if b.id != third.bid_id))
        )
        for ahead in standing:
            for behind in standing:
                if third.bid_id in (ahead.bid_id, behind.bid_id) or ahead.total <= behind.total:
                    continue
                if without.result(ahead.bid_id).total < without.result(behind.bid_id).total:
                    reversals.append(
                        RankReversal(
                            third.bid_id,
                            ahead.bid_id,
                            behind.bid_id,
                            message(
                                gettext_noop(
                                    "With %(third)s in, %(ahead)s (%(a)s points) is ahead of "
                                    "%(behind)s (%(b)s). Without %(third)s, %(behind)s (%(b2)s) "
                                    "would be ahead of %(ahead)s (%(a2)s). %(why)s"
                                ),
                                third=third.name,
                                ahead=ahead.name,
                                behind=behind.name,
                                a=str(ahead.total),
                                b=str(behind.total),
                                a2=str(without.result(ahead.bid_id).total),
                                b2=str(without.result(behind.bid_id).total),
                                why=message(RELATIVE_FORMULA_WARNING),
                            ),
                        )
                    )
    return reversals
