"""Submitted bids for the evaluation tests, made directly (bidding has its own pages): a Bid row,
its content sealed by the vault, status submitted, the time and the receipt."""

from decimal import Decimal

from django.utils import timezone

from commonweal.competitions import vault
from commonweal.competitions.content import BidContent, GrantBudget
from commonweal.competitions.models import Bid, Criterion, Evaluator, ModeratedScore


def submit_bid(opportunity, organisation, *, price=None, requested=None, answers=None, **more):
    """A submitted bid with ``price`` (or a grant's ``requested``), sealed before the deadline."""
    bid = Bid.objects.create(opportunity=opportunity, organisation=organisation)
    content = BidContent(
        answers=answers or {},
        price=Decimal(price) if price is not None else None,
        grant=GrantBudget(requested=Decimal(requested)) if requested is not None else None,
        **more,
    )
    sealed, salt = vault.seal_content(bid, content)
    bid.sealed = sealed
    bid.version = 1
    bid.submitted_at = timezone.now()
    bid.receipt = vault.receipt(bid, salt=salt, content=content, submitted_at=bid.submitted_at)
    bid.status = Bid.Status.SUBMITTED
    bid.save()
    return bid


def criteria(opportunity) -> dict[str, Criterion]:
    """The conftest opportunity's criteria by a short name."""
    rows = {c.title: c for c in Criterion.objects.filter(opportunity=opportunity)}
    return {
        "home": rows["How you will help people keep a home"],
        "listening": rows["Listening to the people you support"],
        "safeguarding": rows["Safeguarding policy in place"],
        "jobs": rows["Local jobs and training"],
    }


def agree(bid, criterion, score, *, by, passed=None, reason="Agreed at moderation."):
    return ModeratedScore.objects.create(
        bid=bid,
        criterion=criterion,
        score=Decimal(score),
        passed=passed,
        reason=reason,
        moderated_by=by,
    )


def panel_done(opportunity):
    """Every evaluator has declared and finished scoring."""
    now = timezone.now()
    Evaluator.objects.filter(opportunity=opportunity).update(
        conflicts_declared_at=now, scores_submitted_at=now
    )
