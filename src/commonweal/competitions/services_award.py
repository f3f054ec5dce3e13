"""Writes about awards: a tender's award with its assessment summaries and standstill, the
contract's details after the standstill, and a grant round's decisions. Audited; each OCDS release
is checked against the schema before it is published."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.commissioning.services_pipeline import release_waiting_because
from commonweal.competitions import (
    ocds_award,
    permissions,
    results,
    scoring,
    selectors_award,
    vault,
)
from commonweal.competitions.content import BidContent
from commonweal.competitions.models import (
    AssessmentSummary,
    Award,
    Bid,
    Criterion,
    Evaluator,
    GrantDecision,
    LowBidReview,
    ModeratedScore,
    Opportunity,
)
from commonweal.core.audit import audit_context
from commonweal.opendata.models import Release
from commonweal.opendata.services import ReleaseInvalid, SchemaUnavailable, release_publish
from commonweal.organisations.models import Organisation

AWARDABLE = (Opportunity.Status.OPEN, Opportunity.Status.EVALUATING)


@dataclass(frozen=True)
class AwardMade:
    award: Award
    release: Release | None  # None: the OCDS schema is not installed, the open data waits
    not_the_winner: bool  # another bid than the most advantageous tender was chosen


def _day(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def award_blockers(opportunity: Opportunity) -> list[str]:
    """What stops a tender being awarded before its result is worked out, each saying what to do."""
    if opportunity.is_grant:
        return [
            _("A grant round is not awarded as a whole: record a decision on each application.")
        ]
    if opportunity.status not in AWARDABLE or hasattr(opportunity, "award"):
        return [_("This tender is already awarded or cannot be awarded in its state.")]
    if not opportunity.deadline_passed():
        return [_("The bids are sealed until the deadline. Award it after the bids close.")]
    blockers = [
        _(
            "%(name)s has not declared their conflicts of interest. Ask them to declare before "
            "you award."
        )
        % {"name": seat.user.get_full_name() or seat.user.email}
        for seat in Evaluator.objects.filter(
            opportunity=opportunity, conflicts_declared_at__isnull=True
        ).select_related("user")
    ]
    blockers += [
        _(
            "The bid from %(bidder)s is flagged as abnormally low and waits for a decision. "
            "Accept or reject it, with your reasons, before you award."
        )
        % {"bidder": review.bid.organisation.name}
        for review in LowBidReview.objects.filter(
            bid__opportunity=opportunity,
            bid__status=Bid.Status.SUBMITTED,
            decision=LowBidReview.Decision.PENDING,
        ).select_related("bid__organisation")
    ]
    return blockers


def _points(result: scoring.BidResult | None) -> dict:
    if result is None:
        return {}
    return {
        "quality": str(result.quality_points),
        "social_value": str(result.social_value_points),
        "price": str(result.price_points),
        "total": str(result.total),
    }


def _scores(
    rows: dict[tuple[int, int], ModeratedScore], criteria: list[Criterion], bid_pk: int
) -> dict:
    found = {}
    for criterion in criteria:
        row = rows.get((bid_pk, criterion.pk))
        if row is not None:
            found[str(criterion.pk)] = {
                "score": str(row.score),
                "passed": row.passed,
                "reason": row.reason,
            }
    return found


def _summaries(
    opportunity: Opportunity, outcome: results.OpportunityResult, winner_key: str
) -> list[AssessmentSummary]:
    """Each bidder's points per part and per criterion with the agreed reasons, beside the
    winner's, and their rank."""
    evaluation = outcome.evaluation
    assert evaluation is not None
    by_id = {result.bid_id: result for result in evaluation.results}
    criteria = results.scoreable_criteria(
        list(Criterion.objects.filter(opportunity=opportunity).order_by("part", "position", "pk"))
    )
    rows = {
        (row.bid_id, row.criterion_id): row
        for row in ModeratedScore.objects.filter(bid__opportunity=opportunity)
    }
    winner_pk = int(winner_key)
    shown = [
        {
            "id": str(c.pk),
            "title": c.title,
            "part": c.part,
            "weight": str(c.weight),
            "pass_fail": c.pass_fail,
        }
        for c in criteria
    ]
    made = []
    for key, bid in outcome.bids.items():
        result = by_id.get(key)
        made.append(
            AssessmentSummary(
                bid=bid,
                summary={
                    "bidders": len(outcome.bids),
                    "rank": result.rank if result else None,
                    "won": key == winner_key,
                    "winner": outcome.bids[winner_key].organisation.name,
                    "excluded": outcome.excluded.get(key, ""),
                    "failed": list(result.failed) if result else [],
                    "weights": {
                        "quality": str(opportunity.quality_weight),
                        "social_value": str(opportunity.social_value_weight),
                        "price": str(opportunity.price_weight),
                    },
                    "yours": _points(result),
                    "winners": _points(by_id.get(winner_key)),
                    "criteria": shown,
                    "your_scores": _scores(rows, criteria, bid.pk),
                    "winner_scores": _scores(rows, criteria, winner_pk),
                },
            )
        )
    return made


def _suppliers(award: Award, *, actor: User, why: str) -> list[dict]:
    _salt, content = vault.open_bid(award.bid, actor=actor, why=why)
    ids = [member.organisation_id for member in content.members if member.organisation_id]
    registered = Organisation.objects.filter(pk__in=ids) if ids else []
    return ocds_award.supplier_parties(award, content, registered)


def open_data_waiting() -> str:
    """Why an award's or contract's open data cannot be published here now ("" when it can)."""
    return release_waiting_because()


def _publish(data: dict, *, actor: User, what: str) -> Release | None:
    try:
        return release_publish(data=data, actor=actor)
    except ReleaseInvalid as invalid:
        raise ValidationError(
            [
                _("The open data for this %(what)s breaks the OCDS standard, so nothing was done:")
                % {"what": what}
            ]
            + [str(problem) for problem in invalid.problems]
        ) from invalid
    except SchemaUnavailable:
        return None


def award_decide(
    *,
    actor: User,
    opportunity: Opportunity,
    bid: Bid | None = None,
    value: Decimal | None = None,
    reason: str,
    why_not_the_winner: str = "",
) -> AwardMade:
    """Award a tender: to the most advantageous tender unless ``bid`` names another (which needs
    ``why_not_the_winner``). Writes every bidder's assessment summary, starts the standstill and
    publishes the OCDS award release."""
    if not permissions.can_manage(actor, opportunity):
        raise ValidationError(_("Only those who run this tender may award it."))
    blockers = award_blockers(opportunity)
    if blockers:
        raise ValidationError(blockers)
    reason = (reason or "").replace("\r\n", "\n").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this bid wins.")})
    # Opening the bids is recorded whatever comes of the award, so it happens outside it.
    outcome = results.evaluate_opportunity(
        opportunity, actor=actor, why=_("Working out the result to award the tender")
    )
    if outcome.missing or outcome.evaluation is None:
        raise ValidationError(
            [_("The result is not final yet, so the tender cannot be awarded:")] + outcome.missing
        )
    evaluation = outcome.evaluation
    ranked = {r.bid_id for r in evaluation.results if r.rank is not None}
    key = str(bid.pk) if bid is not None else (evaluation.winner or "")
    if not key:
        raise ValidationError(
            {"bid": _("Two or more bids tie as the most advantageous tender. Choose one.")}
        )
    if key not in outcome.bids or key not in ranked:
        raise ValidationError(
            {"bid": _("Choose a submitted bid that passed every pass or fail criterion.")}
        )
    not_the_winner = key not in evaluation.winners
    why_other = (why_not_the_winner or "").strip()
    if not_the_winner and not why_other:
        raise ValidationError(
            {
                "why_not_the_winner": _(
                    "This bid is not the most advantageous tender. Say why you award it anyway."
                )
            }
        )
    winner = outcome.bids[key]
    price = results.bid_price(opportunity, outcome.contents[key])
    value = value if value is not None else price
    if value is None or value <= 0:
        raise ValidationError({"value": _("Enter the contract's value, in pounds.")})
    today = timezone.localdate()
    try:
        ends = selectors_award.standstill_ends(opportunity, today)
    except selectors_award.NoStandstillRule as error:
        raise ValidationError(str(error)) from None
    if not_the_winner:
        reason = f"{reason}\n\n" + _("Why not the most advantageous tender: %(why)s") % {
            "why": why_other
        }
    with transaction.atomic(), audit_context(actor=actor, reason=_("Awarded the tender")):
        locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        if locked.status not in AWARDABLE or Award.objects.filter(opportunity=locked).exists():
            raise ValidationError(_("This tender is already awarded."))
        award = Award.objects.create(
            opportunity=locked,
            bid=winner,
            value=value,
            reason=reason,
            decided_by=actor,
            decided_at=timezone.now(),
            standstill_ends_on=ends,
        )
        AssessmentSummary.objects.bulk_create(_summaries(locked, outcome, key))
        locked.status = Opportunity.Status.STANDSTILL
        locked.standstill_ends_on = ends
        locked.save(update_fields=["status", "standstill_ends_on", "updated_at"])
        suppliers = ocds_award.supplier_parties(
            award, outcome.contents[key], _member_organisations(outcome.contents[key])
        )
        release = _publish(
            ocds_award.award_release(award, suppliers, when=award.decided_at),
            actor=actor,
            what=_("award"),
        )
    opportunity.refresh_from_db()
    return AwardMade(award, release, not_the_winner)


def _member_organisations(content: BidContent) -> list[Organisation]:
    ids = [member.organisation_id for member in content.members if member.organisation_id]
    return list(Organisation.objects.filter(pk__in=ids)) if ids else []


def contract_details_record(
    *,
    actor: User,
    award: Award,
    signed_on: datetime.date,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> Release | None:
    """Record the signed contract once the standstill has ended: the tender is then awarded and
    the OCDS contract release published. Unchanged details change nothing."""
    opportunity = award.opportunity
    if not permissions.can_manage(actor, opportunity):
        raise ValidationError(_("Only those who run this tender may record its contract."))
    today = timezone.localdate()
    ends = award.standstill_ends_on
    if ends is not None and today <= ends:
        raise ValidationError(
            _(
                "The standstill runs until the end of %(ends)s. Record the contract's details "
                "from %(next)s."
            )
            % {"ends": _day(ends), "next": _day(ends + datetime.timedelta(days=1))}
        )
    errors = {}
    if ends is not None and signed_on <= ends:
        errors["signed_on"] = _("The contract cannot be signed before the standstill ends.")
    if signed_on > today:
        errors["signed_on"] = _("Record the contract once it is signed: the date is in the future.")
    if ends_on < starts_on:
        errors["ends_on"] = _("The contract must end after it starts.")
    if errors:
        raise ValidationError(errors)
    new = {
        "contract_signed_on": signed_on,
        "contract_starts_on": starts_on,
        "contract_ends_on": ends_on,
    }
    if all(getattr(award, name) == value for name, value in new.items()):
        return None
    suppliers = _suppliers(award, actor=actor, why=_("Publishing the contract's open data"))
    with transaction.atomic(), audit_context(actor=actor, reason=_("Recorded the contract")):
        for name, value in new.items():
            setattr(award, name, value)
        award.save(update_fields=list(new))
        if opportunity.status != Opportunity.Status.AWARDED:
            opportunity.status = Opportunity.Status.AWARDED
            opportunity.awarded_at = timezone.now()
            opportunity.save(update_fields=["status", "awarded_at", "updated_at"])
        return _publish(
            ocds_award.contract_release(award, suppliers, when=timezone.now()),
            actor=actor,
            what=_("contract"),
        )


# --- Grant rounds -------------------------------------------------------------------------------


def _grant_round_open_for_decisions(opportunity: Opportunity) -> None:
    if not opportunity.is_grant:
        raise ValidationError(_("Only a grant round has decisions on each application."))
    if not opportunity.deadline_passed():
        raise ValidationError(_("Decide on applications after the round closes."))
    if opportunity.status not in AWARDABLE:
        raise ValidationError(_("The decisions on this round are published and cannot change."))


@transaction.atomic
def grant_decide(
    *,
    actor: User,
    bid: Bid,
    awarded: bool,
    amount: Decimal | None,
    reason: str,
    planned_start: datetime.date | None = None,
    planned_end: datetime.date | None = None,
) -> GrantDecision:
    """Record (or change, until published) the decision on one application. Unchanged, nothing
    is written."""
    opportunity = bid.opportunity
    if not permissions.can_manage(actor, opportunity):
        raise ValidationError(_("Only those who run this grant round may decide on applications."))
    _grant_round_open_for_decisions(opportunity)
    if bid.status != Bid.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be decided on."))
    reason = (reason or "").replace("\r\n", "\n").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Say why: the applicant reads it.")
    if awarded and (amount is None or amount <= 0):
        errors["amount"] = _("Enter the amount awarded, in pounds.")
    if planned_start and planned_end and planned_end < planned_start:
        errors["planned_end"] = _("The planned end must be after the planned start.")
    if errors:
        raise ValidationError(errors)
    new = {
        "awarded": awarded,
        "amount": amount if awarded else None,
        "reason": reason,
        "planned_start": planned_start,
        "planned_end": planned_end,
    }
    decision = GrantDecision.objects.filter(bid=bid).first()
    if decision is not None and all(getattr(decision, k) == v for k, v in new.items()):
        return decision
    with audit_context(actor=actor, reason=_("Decided on a grant application")):
        if decision is None:
            return GrantDecision.objects.create(bid=bid, decided_by=actor, **new)
        for name, value in new.items():
            setattr(decision, name, value)
        decision.decided_by = actor
        decision.decided_at = timezone.now()
        decision.save()
        return decision


@transaction.atomic
def grant_round_award(*, actor: User, opportunity: Opportunity) -> Opportunity:
    """Publish the round's decisions (no standstill for grants): every application needs one."""
    if not permissions.can_manage(actor, opportunity):
        raise ValidationError(_("Only those who run this grant round may publish its decisions."))
    _grant_round_open_for_decisions(opportunity)
    waiting = list(
        opportunity.bids.filter(status=Bid.Status.SUBMITTED, grant_decision__isnull=True)
        .select_related("organisation")
        .values_list("organisation__name", flat=True)
    )
    if not opportunity.bids.filter(status=Bid.Status.SUBMITTED).exists():
        raise ValidationError(_("There are no applications to decide on."))
    if waiting:
        raise ValidationError(
            _("Decide on every application first. Still waiting: %(names)s.")
            % {"names": ", ".join(waiting)}
        )
    with audit_context(actor=actor, reason=_("Published the grant round's decisions")):
        opportunity.status = Opportunity.Status.AWARDED
        opportunity.awarded_at = timezone.now()
        opportunity.save(update_fields=["status", "awarded_at", "updated_at"])
    return opportunity
