"""An opportunity's result, worked out from what is recorded: the agreed (moderated) scores, the
bids' prices opened through the vault, the weights and the price formula.

How the social value part is made
---------------------------------
- Evaluators score the social value criteria on the opportunity's scale, as for quality, and
  moderation agrees the score for each bid and criterion.
- Each bid's commitments are valued with ``social_value.value``: net of deadweight and
  attribution, per pound of the bid's price, capped, double counting removed. This valuation and
  its flags are evidence shown to evaluators beside the commitments; it does not add points by
  itself.
- When ``opportunity.include_inherent_social_value``, the bidder's inherent social value is
  scored with ``social_value.inherent_score`` and takes ``inherent_social_value_share`` per cent of
  the social value part; the scored social value criteria share the rest, in their own weights.
  The inherent score is out of the scale's top score, so its arithmetic line reads like every
  other ("2.67/4 × 4% = 2.67 points").
- Only verified facts count for inherent social value, never what a bidder says of itself. When
  the back office or a verified public body has checked the bidder's facts on evidence
  (``organisations.SocialFactsCheck``, the one in force), those count: its asset lock, share of
  profits reinvested, and local ownership and control in the plan's place, a place inside it or a
  place it is part of. Otherwise only the legal form counts (the register its identifier is on): a
  charity, a CIO or a community interest company has an asset lock by law, and a charity or CIO
  must apply all its surplus to its purposes. A self-declared asset lock, share of profits
  reinvested, or local ownership is never counted. The reasons say which it was.

Grant rounds: the "price" is the amount asked for (``content.grant.requested``).

A bid whose low-bid review was decided "rejected" is left out of the evaluation (it is listed in
``excluded`` with the reason).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonweal.competitions import low_bids, scoring, social_value, vault
from commonweal.competitions.content import BidContent
from commonweal.competitions.models import (
    Bid,
    Criterion,
    Evaluator,
    LowBidReview,
    Measure,
    ModeratedScore,
    Opportunity,
)
from commonweal.messages import Message, gettext_noop, message
from commonweal.organisations.models import Organisation, SocialFactsCheck
from commonweal.organisations.selectors_social_facts import social_facts_in_force_for
from commonweal.places.models import Place
from commonweal.places.selectors import places_and_around_ids, places_and_inside_ids

__all__ = [
    "INHERENT_ID",
    "InherentResult",
    "OpportunityResult",
    "bid_price",
    "cost_model",
    "evaluate_opportunity",
    "inherent_facts",
    "measures",
    "scale",
    "scoreable_criteria",
    "shown",
    "valuation",
]

# The id of the inherent social value line in the criteria tree given to scoring.
INHERENT_ID = "inherent"
_COMMITMENTS_ID = "commitments"

# Legal forms with an asset lock in law, and those that must apply all their surplus to their
# purposes (charity law). Both are facts of the form itself, checked against its register.
STATUTORY_ASSET_LOCK = frozenset(
    {
        Organisation.LegalForm.CHARITY,
        Organisation.LegalForm.CIO,
        Organisation.LegalForm.CIC,
    }
)
ALL_SURPLUS_TO_PURPOSE = frozenset({Organisation.LegalForm.CHARITY, Organisation.LegalForm.CIO})


@dataclass(frozen=True)
class InherentResult:
    """A bid's inherent social value: the facts used, the score out of the scale's top score, and
    the points it adds (its share of the social value part), with the reasons."""

    facts: social_value.InherentFacts
    score: Decimal
    out_of: Decimal
    share: Decimal
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class OpportunityResult:
    evaluation: scoring.Evaluation | None  # None until every agreed score and price is in
    bids: dict[str, Bid]  # by str(bid.pk): the submitted bids
    contents: dict[str, BidContent]  # opened through vault.open_bid
    social_value: dict[str, social_value.Valuation]
    inherent: dict[str, InherentResult]  # empty unless the opportunity includes it
    low_bid_flags: list[low_bids.LowBidFlag]
    missing: list[str]  # why the result is not final yet; empty when final
    excluded: dict[str, str]  # bids left out of the evaluation, and why

    @property
    def final(self) -> bool:
        return self.evaluation is not None and not self.missing


# --- The pieces -----------------------------------------------------------------------------------


def scale(opportunity: Opportunity) -> scoring.Scale:
    """The opportunity's scale as scoring reads it."""
    return scoring.Scale(
        tuple(
            (
                Decimal(str(point["score"])),
                message("%(words)s", words=str(point.get("descriptor", ""))),
            )
            for point in opportunity.scale
        )
    )


def scale_values(opportunity: Opportunity) -> list[Decimal]:
    return [Decimal(str(point["score"])) for point in opportunity.scale]


def scoreable_criteria(criteria: Sequence[Criterion]) -> list[Criterion]:
    """The criteria evaluators score: leaves with a question, and every pass/fail criterion."""
    parents = {criterion.parent_id for criterion in criteria if criterion.parent_id}
    return [
        criterion
        for criterion in criteria
        if criterion.pass_fail or (criterion.pk not in parents and criterion.question)
    ]


def bid_price(opportunity: Opportunity, content: BidContent) -> Decimal | None:
    """The price a bid is scored on: the whole-contract price, or a grant's amount asked for."""
    if opportunity.is_grant:
        return content.grant.requested if content.grant else None
    return content.price


def cost_model(opportunity: Opportunity) -> low_bids.CostModel | None:
    """The commissioner's cost model at the Real Living Wage on the day the bids closed."""
    if opportunity.cost_model_hours is None:
        return None
    return low_bids.CostModel(
        hours=opportunity.cost_model_hours,
        on=opportunity.closes_at.date(),
        london=opportunity.cost_model_london,
        other_costs=opportunity.cost_model_other_costs or Decimal(0),
    )


def inherent_facts(
    organisation: Organisation,
    place: Place | None = None,
    check: SocialFactsCheck | None = None,
) -> social_value.InherentFacts:
    """The verified facts, never what the organisation says of itself: those checked (``check``,
    the check of its social value facts in force) when there is one, else those that follow in law
    from its legal form. It is locally owned and controlled only when a check saw it so in
    ``place`` (the opportunity's plan's place), a place inside it, or a place it is part of."""
    return _inherent(organisation, place, check)[0]


def _inherent(
    organisation: Organisation, place: Place | None, check: SocialFactsCheck | None
) -> tuple[social_value.InherentFacts, Message]:
    """The verified facts and where they come from, in words."""
    if check is not None:
        owned = check.locally_owned_place_id
        local = bool(
            owned is not None
            and place is not None
            and (
                owned in places_and_around_ids([place.pk])
                or owned in places_and_inside_ids([place.pk])
            )
        )
        body = check.checked_by_body.name if check.checked_by_body_id else _("the back office")
        facts = social_value.InherentFacts(
            asset_lock=check.asset_lock,
            profits_reinvested_percent=check.profits_reinvested_percent,
            locally_owned_and_controlled=local,
            verified=True,
        )
        return facts, message(
            gettext_noop(
                "Facts checked by %(body)s on %(date)s: asset lock, profits reinvested and local "
                "ownership, on the evidence they saw."
            ),
            body=body,
            date=date_format(timezone.localtime(check.checked_at), "j F Y"),
        )
    facts = social_value.InherentFacts(
        asset_lock=organisation.legal_form in STATUTORY_ASSET_LOCK,
        profits_reinvested_percent=(
            Decimal(100) if organisation.legal_form in ALL_SURPLUS_TO_PURPOSE else None
        ),
        locally_owned_and_controlled=False,
        verified=True,
    )
    return facts, message(
        gettext_noop(
            "None of its facts has been checked, so only what its legal form (%(form)s) makes "
            "true counts; what it says of itself does not."
        ),
        form=organisation.get_legal_form_display(),
    )


def measures(opportunity: Opportunity) -> dict[int, social_value.Measure]:
    if opportunity.social_value_framework_id is None:
        return {}
    return {
        row.pk: social_value.Measure(row.code, row.title, row.unit, row.proxy_value)
        for row in Measure.objects.filter(framework_id=opportunity.social_value_framework_id)
    }


def valuation(
    opportunity: Opportunity,
    content: BidContent,
    measures: dict[int, social_value.Measure],
) -> social_value.Valuation:
    """A bid's commitments valued against the framework, per pound of its price. A commitment
    that cannot be valued in pounds (its measure is not in the framework, has no proxy value, or
    its figures do not read) counts nothing here, and the reasons say so: evaluators still score
    it as an answer."""
    commitments: list[social_value.Commitment] = []
    left_out: list[Message] = []
    for given in content.commitments:
        measure = measures.get(given.measure_id)
        if measure is None:
            left_out.append(
                message(
                    gettext_noop(
                        "A commitment is against a measure that is not in this tender's "
                        "framework, so it is not valued in pounds."
                    )
                )
            )
            continue
        if measure.proxy_value is None:
            left_out.append(
                message(
                    gettext_noop(
                        "%(measure)s has no proxy value, so it is not valued in pounds: judge it "
                        "from the commitment itself."
                    ),
                    measure=measure.name,
                )
            )
            continue
        try:
            commitments.append(
                social_value.Commitment(
                    measure=measure,
                    quantity_by_year=given.quantity_by_year,
                    beyond_core_service=given.beyond_core_service,
                    attribution=given.attribution,
                    deadweight=given.deadweight,
                    double_counting_group=given.double_counting_group or None,
                    evidence_plan=given.evidence_plan,
                )
            )
        except social_value.SocialValueInputError as error:
            left_out.append(error.why)
    price = bid_price(opportunity, content)
    contract_value = price if price and price > 0 else opportunity.value
    if not contract_value or contract_value <= 0:
        contract_value = Decimal(1)
    valued = social_value.value(commitments, contract_value)
    return replace(valued, reasons=valued.reasons + tuple(left_out))


def _tree_criterion(criterion: Criterion, children: dict[int | None, list[Criterion]]):
    return scoring.Criterion(
        id=str(criterion.pk),
        name=criterion.title,
        weight=criterion.weight,
        children=tuple(_tree_criterion(child, children) for child in children[criterion.pk]),
        pass_fail=criterion.pass_fail,
    )


def _tree(
    opportunity: Opportunity, criteria: Sequence[Criterion], inherent_scores: Iterable[Decimal]
) -> scoring.CriteriaTree:
    children: dict[int | None, list[Criterion]] = defaultdict(list)
    for criterion in criteria:
        children[criterion.parent_id].append(criterion)
    quality = tuple(
        _tree_criterion(c, children) for c in children[None] if c.part == Criterion.Part.QUALITY
    )
    social = tuple(
        _tree_criterion(c, children)
        for c in children[None]
        if c.part == Criterion.Part.SOCIAL_VALUE
    )
    the_scale = scale(opportunity)
    if opportunity.include_inherent_social_value:
        share = opportunity.inherent_social_value_share
        inherent = scoring.Criterion(INHERENT_ID, _("Inherent social value"), share)
        gates = tuple(c for c in social if c.pass_fail)
        weighted = tuple(c for c in social if not c.pass_fail)
        if weighted and share < 100:
            group = scoring.Criterion(
                _COMMITMENTS_ID, _("Social value criteria"), 100 - share, weighted
            )
            social = (group, inherent, *gates)
        else:
            social = (replace_weight(inherent, Decimal(100)), *gates)
        # The inherent score is out of the scale's top score but need not be one of its points:
        # each score is added to the scale so scoring accepts it. Evaluators' scores are checked
        # against the opportunity's own scale (services_evaluation.py), never this one.
        known = {point for point, _words in the_scale.points}
        extra = tuple(
            (score, message(gettext_noop("inherent social value, from verified facts")))
            for score in sorted(set(inherent_scores))
            if score not in known
        )
        the_scale = scoring.Scale(the_scale.points + extra)
    return scoring.CriteriaTree(quality, social, the_scale)


def replace_weight(criterion: scoring.Criterion, weight: Decimal) -> scoring.Criterion:
    return scoring.Criterion(
        criterion.id, criterion.name, weight, criterion.children, criterion.pass_fail
    )


def _formula(opportunity: Opportunity) -> tuple[scoring.PriceFormula, dict[str, Decimal]]:
    kind = opportunity.price_formula
    if kind == Opportunity.PriceFormula.LINEAR:
        params = {}
        if opportunity.price_floor is not None:
            params["floor"] = opportunity.price_floor
        if opportunity.price_ceiling is not None:
            params["ceiling"] = opportunity.price_ceiling
        return scoring.PriceFormula.LINEAR, params
    if kind == Opportunity.PriceFormula.AGAINST_BUDGET:
        budget = opportunity.budget if opportunity.budget is not None else opportunity.value
        return scoring.PriceFormula.AGAINST_BUDGET, {"budget": budget}
    return scoring.PriceFormula.PROPORTIONAL_TO_LOWEST, {}


# --- The whole result -----------------------------------------------------------------------------


def evaluate_opportunity(opportunity: Opportunity, *, actor, why: str) -> OpportunityResult:
    """Open the submitted bids (each opening recorded, as ``actor`` for ``why``) and work out the
    result from the agreed scores. ``missing`` says in plain words what stops it being final."""
    missing: list[str] = []
    if not opportunity.deadline_passed():
        missing.append(_("The bids are sealed until the deadline passes."))
        return OpportunityResult(None, {}, {}, {}, {}, [], missing, {})

    bids = {
        str(bid.pk): bid
        for bid in Bid.objects.filter(opportunity=opportunity, status=Bid.Status.SUBMITTED)
        .select_related("organisation", "opportunity")
        .order_by("pk")
    }
    if not bids:
        missing.append(_("No bids were submitted."))
    contents: dict[str, BidContent] = {}
    opened = vault.open_bids(bids.values(), actor=actor, why=why)
    for key, bid in bids.items():
        found = opened.get(bid.pk, (b"", BidContent()))  # nothing sealed: an empty bid
        if isinstance(found, tuple):
            contents[key] = found[1]
        else:
            missing.append(
                _("The bid from %(bidder)s could not be read.") % {"bidder": bid.organisation.name}
            )

    prices: dict[str, Decimal] = {}
    for key, content in contents.items():
        price = bid_price(opportunity, content)
        if price is None or price <= 0:
            missing.append(
                _("The bid from %(bidder)s gives no price.")
                % {"bidder": bids[key].organisation.name}
            )
        else:
            prices[key] = price
    flags = low_bids.flags(prices, cost_model(opportunity)) if prices else []

    reviews = {
        str(review.bid_id): review
        for review in LowBidReview.objects.filter(bid__in=list(bids.values()))
    }
    excluded: dict[str, str] = {}
    for key in sorted({flag.bid_id for flag in flags}, key=int):
        review = reviews.get(key)
        name = bids[key].organisation.name
        if review is None or review.decision == LowBidReview.Decision.PENDING:
            missing.append(
                _("The low-bid review of %(bidder)s's bid waits for a decision.") % {"bidder": name}
            )
    for key, review in reviews.items():
        if review.decision == LowBidReview.Decision.REJECTED:
            excluded[key] = _("Rejected as abnormally low: %(reason)s") % {"reason": review.reason}

    evaluators = list(
        Evaluator.objects.filter(opportunity=opportunity).select_related("user").order_by("pk")
    )
    if not evaluators:
        missing.append(_("Nobody is on the evaluation panel."))
    for seat in evaluators:
        name = seat.user.get_full_name() or seat.user.email
        if seat.conflicts_declared_at is None:
            missing.append(_("%(name)s has not declared their conflicts.") % {"name": name})
        elif seat.scores_submitted_at is None:
            missing.append(_("%(name)s has not finished scoring.") % {"name": name})

    criteria = list(Criterion.objects.filter(opportunity=opportunity).order_by("position", "pk"))
    scoreable = scoreable_criteria(criteria)
    moderated: dict[tuple[str, str], ModeratedScore] = {
        (str(row.bid_id), str(row.criterion_id)): row
        for row in ModeratedScore.objects.filter(bid__opportunity=opportunity)
    }
    standing = [key for key in bids if key not in excluded and key in prices]
    for key in standing:
        waiting = [c for c in scoreable if (key, str(c.pk)) not in moderated]
        if waiting:
            missing.append(
                _("%(bidder)s's bid has no agreed score yet for: %(criteria)s.")
                % {
                    "bidder": bids[key].organisation.name,
                    "criteria": ", ".join(c.title for c in waiting),
                }
            )

    framework = measures(opportunity)
    valuations = {
        key: valuation(opportunity, content, framework) for key, content in contents.items()
    }
    the_scale = scale(opportunity)
    inherent: dict[str, InherentResult] = {}
    if opportunity.include_inherent_social_value:
        checks = social_facts_in_force_for(bid.organisation_id for bid in bids.values())
        place = opportunity.plan.place if opportunity.plan_id else None
        for key, bid in bids.items():
            facts, source = _inherent(bid.organisation, place, checks.get(bid.organisation_id))
            points, reasons = social_value.inherent_score(facts, the_scale.top)
            inherent[key] = InherentResult(
                facts,
                points,
                the_scale.top,
                opportunity.inherent_social_value_share,
                tuple(str(reason) for reason in (source, *reasons)),
            )

    evaluation = None
    ready = standing and all((key, str(c.pk)) in moderated for key in standing for c in scoreable)
    if ready:
        tree = _tree(opportunity, criteria, (inherent[key].score for key in inherent))
        scored = []
        for key in standing:
            scores = {
                criterion_id: row.score
                for (bid_key, criterion_id), row in moderated.items()
                if bid_key == key
            }
            passes = {
                criterion_id: bool(row.passed)
                for (bid_key, criterion_id), row in moderated.items()
                if bid_key == key
            }
            if key in inherent:
                scores[INHERENT_ID] = inherent[key].score
            scored.append(
                scoring.Bid(key, bids[key].organisation.name, prices[key], scores, passes)
            )
        formula, params = _formula(opportunity)
        try:
            evaluation = scoring.evaluate(
                tree,
                scored,
                price_weight=opportunity.price_weight,
                quality_weight=opportunity.quality_weight,
                social_value_weight=opportunity.social_value_weight,
                formula=formula,
                formula_params=params,
            )
        except scoring.ScoringError as error:
            missing.append(str(error.message))
    return OpportunityResult(
        evaluation=evaluation,
        bids=bids,
        contents=contents,
        social_value=valuations,
        inherent=inherent,
        low_bid_flags=flags,
        missing=missing,
        excluded=excluded,
    )


def say(text: Message) -> str:
    """A pure module's message in the reader's language."""
    return text.render(_, ngettext)


def shown(result: OpportunityResult) -> dict:
    """What the results page and the API show, in the reader's language."""
    evaluation = result.evaluation
    names = {key: bid.organisation.name for key, bid in result.bids.items()}
    context: dict = {
        "missing": result.missing,
        "final": result.final,
        "excluded": [(names[key], why) for key, why in result.excluded.items()],
        "flags": [
            {"bidder": names.get(flag.bid_id, ""), "reason": say(flag.reason)}
            for flag in result.low_bid_flags
        ],
        "social_value": [
            {
                "bidder": names[key],
                "total": valuation.total,
                "per_pound": valuation.per_pound,
                "reasons": [say(reason) for reason in valuation.reasons],
                "flags": [say(flag.why) for flag in valuation.flags],
            }
            for key, valuation in result.social_value.items()
        ],
        "inherent": [
            {
                "bidder": names[key],
                "score": item.score,
                "out_of": item.out_of,
                "share": item.share,
                "reasons": item.reasons,
            }
            for key, item in result.inherent.items()
        ],
        "evaluation": None,
    }
    if evaluation is not None:
        context["evaluation"] = {
            "summary": say(evaluation.summary),
            "explanation": say(evaluation.explanation),
            "winner": evaluation.winner,
            "results": [
                {
                    "bid_id": r.bid_id,
                    "name": r.name,
                    "price": r.price,
                    "quality": r.quality_points,
                    "social_value": r.social_value_points,
                    "price_points": r.price_points,
                    "total": r.total,
                    "rank": r.rank,
                    "failed": list(r.failed),
                    "lines": [say(line) for line in r.lines],
                }
                for r in evaluation.results
            ],
            "sensitivity": [
                {"message": say(shift.message), "changes_winner": shift.changes_winner}
                for shift in scoring.sensitivity(evaluation)
            ],
            "rank_reversals": [say(r.message) for r in scoring.rank_reversal_warnings(evaluation)],
        }
    return context
