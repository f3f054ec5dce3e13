"""Writes for evaluation: the panel, each evaluator's conflict declarations and independent scores,
moderation, and the abnormally low bid reviews. Each write is audited with who, when and why.

The views check who may ask (permissions.py); these functions check what may happen: nothing
before the deadline, no scoring before every declaration is in, no score for a conflicted
bidder, no score off the scale, no moderation before every evaluator has finished.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.commissioning.permissions import PROVIDER_ROLES
from commonweal.competitions import low_bids, notices, permissions, results, vault
from commonweal.competitions import selectors_evaluation as selectors
from commonweal.competitions.content import ContentError
from commonweal.competitions.models import (
    Bid,
    Conflict,
    Criterion,
    Evaluator,
    LowBidReview,
    ModeratedScore,
    Opportunity,
    Score,
)
from commonweal.core.audit import audit_context
from commonweal.notifications import services as notifications


def _after_deadline(opportunity: Opportunity) -> None:
    if not opportunity.deadline_passed():
        raise ValidationError(_("Bids are still open: this waits until the deadline has passed."))


def _start_evaluating(opportunity: Opportunity) -> None:
    """The first step of evaluation after the deadline marks the opportunity as being evaluated
    (inside the caller's audit context)."""
    if opportunity.status == Opportunity.Status.OPEN:
        opportunity.status = Opportunity.Status.EVALUATING
        opportunity.save(update_fields=["status", "updated_at"])


def _reason(text: str, field: str = "reason") -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: _("Say why.")})
    return text


# --- The panel ------------------------------------------------------------------------------------


@transaction.atomic
def evaluator_add(*, actor: User, opportunity: Opportunity, user: User, kind: str) -> Evaluator:
    """Give a person a seat: an officer at one of the plan's agencies, or one of the plan's citizen
    commissioners. Refused once moderation has begun."""
    if kind == Evaluator.Kind.OFFICER:
        allowed = permissions.may_hold_officer_seat(user, opportunity)
    elif kind == Evaluator.Kind.CITIZEN:
        allowed = permissions.may_hold_citizen_seat(user, opportunity)
    else:
        allowed = False
    if not allowed:
        raise ValidationError({"user": _("This person cannot hold that seat on the panel.")})
    if ModeratedScore.objects.filter(bid__opportunity=opportunity).exists():
        raise ValidationError(_("Moderation has begun: the panel can no longer change."))
    if Evaluator.objects.filter(opportunity=opportunity, user=user).exists():
        raise ValidationError({"user": _("This person is already on the panel.")})
    with audit_context(actor=actor, reason=_("Added to the evaluation panel")):
        return Evaluator.objects.create(
            opportunity=opportunity, user=user, kind=kind, added_by=actor
        )


@transaction.atomic
def evaluator_remove(*, actor: User, evaluator: Evaluator) -> None:
    """Take a seat away, only before anybody has scored."""
    if selectors.scoring_started(evaluator.opportunity):
        raise ValidationError(_("Scoring has started: nobody can be taken off the panel now."))
    with audit_context(actor=actor, reason=_("Removed from the evaluation panel")):
        evaluator.conflicts.all().delete()
        evaluator.delete()


# --- Conflicts ------------------------------------------------------------------------------------


@transaction.atomic
def conflicts_declare(
    *, actor: User, evaluator: Evaluator, declarations: Mapping[int, tuple[bool, str]]
) -> list[Conflict]:
    """Record, for every bidder (organisation id), whether the evaluator has a conflict and what it
    is. Every bidder must be answered, with details for each conflict. Made once: a declaration
    stands (tell those who run it of anything new)."""
    opportunity = evaluator.opportunity
    _after_deadline(opportunity)
    if evaluator.conflicts_declared_at is not None:
        raise ValidationError(_("You have already declared your conflicts."))
    bidders = {
        bid.organisation_id: bid.organisation for bid in selectors.submitted_bids(opportunity)
    }
    errors: dict[str, list[str]] = {}
    for organisation_id, organisation in bidders.items():
        answer = declarations.get(organisation_id)
        if answer is None:
            errors.setdefault(f"bidder_{organisation_id}", []).append(
                _("Say whether you have a conflict with %(bidder)s.")
                % {"bidder": organisation.name}
            )
        elif answer[0] and not (answer[1] or "").strip():
            errors.setdefault(f"details_{organisation_id}", []).append(
                _("Say what your conflict with %(bidder)s is.") % {"bidder": organisation.name}
            )
    if errors:
        raise ValidationError(errors)
    with audit_context(actor=actor, reason=_("Declared conflicts of interest")):
        made = [
            Conflict.objects.create(
                evaluator=evaluator,
                organisation_id=organisation_id,
                has_conflict=declarations[organisation_id][0],
                details=(declarations[organisation_id][1] or "").strip()
                if declarations[organisation_id][0]
                else "",
            )
            for organisation_id in bidders
        ]
        evaluator.conflicts_declared_at = timezone.now()
        evaluator.save(update_fields=["conflicts_declared_at"])
        _start_evaluating(evaluator.opportunity)
    return made


# --- Scores ---------------------------------------------------------------------------------------


def check_on_scale(
    opportunity: Opportunity, score: Decimal | None, field: str = "score"
) -> Decimal:
    allowed = results.scale_values(opportunity)
    if score is None or score not in allowed:
        raise ValidationError(
            {
                field: _("Choose a score on the scale: %(scale)s.")
                % {"scale": ", ".join(str(point) for point in allowed)}
            }
        )
    return score


def _may_score(evaluator: Evaluator, bid: Bid, criterion: Criterion) -> None:
    opportunity = evaluator.opportunity
    _after_deadline(opportunity)
    if bid.opportunity_id != opportunity.pk or bid.status != Bid.Status.SUBMITTED:
        raise ValidationError(_("This is not a bid you are evaluating."))
    if evaluator.conflicts_declared_at is None:
        raise ValidationError(_("Declare your conflicts of interest before you score."))
    if bid.organisation_id in selectors.conflicted_organisation_ids(evaluator):
        raise ValidationError(
            _("You declared a conflict with this bidder, so you do not score it.")
        )
    if evaluator.scores_submitted_at is not None:
        raise ValidationError(_("You have marked your scoring as done."))
    if criterion.pk not in {c.pk for c in selectors.criteria_for(evaluator)}:
        raise ValidationError(_("You do not score this criterion."))


@transaction.atomic
def score_record(
    *,
    actor: User,
    evaluator: Evaluator,
    bid: Bid,
    criterion: Criterion,
    score: Decimal | None,
    passed: bool | None,
    reason: str,
) -> Score:
    """Record (or change) the evaluator's own score for a bid on a criterion, with why. A pass or
    fail criterion takes ``passed``; every other takes a score on the opportunity's scale."""
    _may_score(evaluator, bid, criterion)
    if criterion.pass_fail:
        if passed is None:
            raise ValidationError({"passed": _("Say whether the bid passes.")})
        score = Decimal(0)
    else:
        score = check_on_scale(evaluator.opportunity, score)
        passed = None
    reason = _reason(reason)
    existing = Score.objects.filter(evaluator=evaluator, bid=bid, criterion=criterion).first()
    if existing is not None:
        if (existing.score, existing.passed, existing.reason) == (score, passed, reason):
            return existing
        with audit_context(actor=actor, reason=_("Changed a score")):
            existing.score, existing.passed, existing.reason = score, passed, reason
            existing.save(update_fields=["score", "passed", "reason", "updated_at"])
        return existing
    with audit_context(actor=actor, reason=_("Scored a bid")):
        return Score.objects.create(
            evaluator=evaluator,
            bid=bid,
            criterion=criterion,
            score=score,
            passed=passed,
            reason=reason,
        )


@transaction.atomic
def scores_submit(*, actor: User, evaluator: Evaluator) -> Evaluator:
    """Mark the evaluator's scoring done, once every bid they may see has every score they give."""
    _after_deadline(evaluator.opportunity)
    if evaluator.conflicts_declared_at is None:
        raise ValidationError(_("Declare your conflicts of interest first."))
    if evaluator.scores_submitted_at is not None:
        return evaluator
    left = selectors.scoring_left(evaluator)
    if left:
        raise ValidationError(
            _("You have %(count)s scores still to give before you can finish.") % {"count": left}
        )
    with audit_context(actor=actor, reason=_("Finished scoring")):
        evaluator.scores_submitted_at = timezone.now()
        evaluator.save(update_fields=["scores_submitted_at"])
    return evaluator


# --- Moderation -----------------------------------------------------------------------------------


@transaction.atomic
def moderate(
    *,
    actor: User,
    bid: Bid,
    criterion: Criterion,
    score: Decimal | None,
    passed: bool | None,
    reason: str,
) -> ModeratedScore:
    """Record the agreed score for a bid on a criterion, and why, once every evaluator is done."""
    opportunity = bid.opportunity
    _after_deadline(opportunity)
    if criterion.opportunity_id != opportunity.pk or bid.status != Bid.Status.SUBMITTED:
        raise ValidationError(_("This criterion or bid is not part of this opportunity."))
    if not selectors.panel_done(opportunity):
        raise ValidationError(
            _("Moderation opens once every evaluator has declared and finished scoring.")
        )
    if criterion.pass_fail:
        if passed is None:
            raise ValidationError({"passed": _("Say whether the bid passes.")})
        score = Decimal(0)
    else:
        score = check_on_scale(opportunity, score)
        passed = None
    reason = _reason(reason)
    existing = ModeratedScore.objects.filter(bid=bid, criterion=criterion).first()
    if existing is not None:
        if (existing.score, existing.passed, existing.reason) == (score, passed, reason):
            return existing
        with audit_context(actor=actor, reason=_("Changed an agreed score")):
            existing.score, existing.passed, existing.reason = score, passed, reason
            existing.moderated_by = actor
            existing.save()
        return existing
    with audit_context(actor=actor, reason=_("Agreed a score at moderation")):
        return ModeratedScore.objects.create(
            bid=bid,
            criterion=criterion,
            score=score,
            passed=passed,
            reason=reason,
            moderated_by=actor,
        )


# --- Abnormally low bids --------------------------------------------------------------------------


@transaction.atomic
def low_bids_check(*, actor: User, opportunity: Opportunity) -> list[LowBidReview]:
    """Open the submitted bids (each opening recorded), run the low-bid tests over their prices
    with the opportunity's cost model on the day the bids closed, and open a review for each
    flagged bid with the flags' reasons. A bid already under review keeps its review."""
    _after_deadline(opportunity)
    bids = {str(bid.pk): bid for bid in selectors.submitted_bids(opportunity)}
    prices: dict[str, Decimal] = {}
    for key, bid in bids.items():
        try:
            _salt, content = vault.open_bid(bid, actor=actor, why=_("Checking for low bids"))
        except ContentError:
            continue
        price = results.bid_price(opportunity, content)
        if price is not None and price > 0:
            prices[key] = price
    flags = low_bids.flags(prices, results.cost_model(opportunity)) if prices else []
    by_bid: dict[str, list[low_bids.LowBidFlag]] = {}
    for flag in flags:
        by_bid.setdefault(flag.bid_id, []).append(flag)
    existing = set(
        LowBidReview.objects.filter(bid__opportunity=opportunity).values_list("bid_id", flat=True)
    )
    made = []
    with audit_context(actor=actor, reason=_("Flagged abnormally low bids")):
        _start_evaluating(opportunity)
        for key, found in by_bid.items():
            if int(key) in existing:
                continue
            made.append(
                LowBidReview.objects.create(
                    bid=bids[key],
                    flags=[
                        {
                            "test": flag.test.value,
                            "price": str(flag.price),
                            "compared_with": str(flag.compared_with),
                            "gap_percent": str(flag.gap_percent),
                            "reason": str(flag.reason),
                            "ask": str(flag.ask),
                            "law": str(flag.law),
                        }
                        for flag in found
                    ],
                )
            )
    return made


@transaction.atomic
def low_bid_ask(*, actor: User, review: LowBidReview) -> LowBidReview:
    """Ask the bidder to explain its price (its people see the question on its bid page and answer
    on the explanation page)."""
    if review.decision != LowBidReview.Decision.PENDING:
        raise ValidationError(_("This review is already decided."))
    if review.explanation_requested_at is not None:
        return review
    with audit_context(actor=actor, reason=_("Asked a bidder to explain a low price")):
        review.explanation_requested_at = timezone.now()
        review.save(update_fields=["explanation_requested_at"])
    _tell_bidder(review, actor=actor)
    return review


def bidder_people(bid: Bid) -> list[int]:
    """The people who speak for the bidder (a provider role at its organisation)."""
    return list(
        bid.organisation.role_assignments.filter(role__in=PROVIDER_ROLES)
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )


def _tell_bidder(review: LowBidReview, *, actor: User) -> None:
    """Only the bidder's own people are told (not public: nobody else learns of it)."""
    bid = review.bid
    opportunity = bid.opportunity
    notifications.notify(
        topic=notices.TOPIC,
        kind=notices.KIND,
        record=opportunity,
        headline=_("Please explain your price for “%(title)s”") % {"title": opportunity.title},
        body=_(
            "Your price is much lower than expected. Tell us how you will deliver the whole "
            "service for it before a decision is made."
        ),
        url=reverse("competitions:low-bid-explain", args=[opportunity.pk, bid.pk]),
        to=bidder_people(bid),
        public=False,
        actor=actor,
    )


@transaction.atomic
def low_bid_explain(*, actor: User, review: LowBidReview, explanation: str) -> LowBidReview:
    """The bidder's explanation, given once asked and until the decision."""
    if review.explanation_requested_at is None:
        raise ValidationError(_("Nobody has asked for an explanation of this bid's price."))
    if review.decision != LowBidReview.Decision.PENDING:
        raise ValidationError(_("A decision has been made: the explanation can no longer change."))
    explanation = (explanation or "").strip()
    if not explanation:
        raise ValidationError({"explanation": _("Explain how you will deliver for this price.")})
    if explanation == review.explanation:
        return review
    with audit_context(actor=actor, reason=_("Explained a low price")):
        review.explanation = explanation
        review.explained_at = timezone.now()
        review.save(update_fields=["explanation", "explained_at"])
    return review


@transaction.atomic
def low_bid_decide(
    *, actor: User, review: LowBidReview, decision: str, reason: str
) -> LowBidReview:
    """Accept the price or reject the bid as abnormally low, with reasons. A bid may be rejected
    only after its bidder was asked to explain (the Procurement Act 2023, section 19)."""
    if decision not in (LowBidReview.Decision.ACCEPTED, LowBidReview.Decision.REJECTED):
        raise ValidationError({"decision": _("Choose to accept or reject the bid.")})
    reason = _reason(reason)
    if decision == LowBidReview.Decision.REJECTED and review.explanation_requested_at is None:
        raise ValidationError(
            {"decision": _("Ask the bidder to explain its price before you reject the bid.")}
        )
    if (review.decision, review.reason) == (decision, reason):
        return review
    with audit_context(actor=actor, reason=_("Decided on a low bid")):
        review.decision = decision
        review.reason = reason
        review.decided_by = actor
        review.decided_at = timezone.now()
        review.save(update_fields=["decision", "reason", "decided_by", "decided_at"])
    return review
