"""A tender ready to award, and a grant round ready for decisions (each test file makes its own
fixtures from these), made directly: submitted bids
(a Bid row, content sealed by the vault, submitted with its receipt), the panel declared and done,
and the agreed (moderated) score for every bid on every scored criterion."""

import datetime
from decimal import Decimal

from django.utils import timezone

from commonweal.competitions import vault
from commonweal.competitions.content import BidContent, GrantBudget, Member
from commonweal.competitions.models import Bid, Criterion, Evaluator, ModeratedScore, Opportunity
from commonweal.competitions.tests.conftest import make_opportunity


def submit(opportunity, organisation, *, price=None, requested=None, members=()):
    bid = Bid.objects.create(opportunity=opportunity, organisation=organisation)
    content = BidContent(
        answers={},
        price=Decimal(price) if price is not None else None,
        grant=GrantBudget(requested=Decimal(requested)) if requested is not None else None,
        members=tuple(members),
    )
    sealed, salt = vault.seal_content(bid, content)
    bid.sealed = sealed
    bid.version = 1
    bid.submitted_at = timezone.now()
    bid.receipt = vault.receipt(bid, salt=salt, content=content, submitted_at=bid.submitted_at)
    bid.status = Bid.Status.SUBMITTED
    bid.save()
    return bid


def agree_all(opportunity, bid, score, *, by, reason="Agreed at moderation."):
    for criterion in Criterion.objects.filter(opportunity=opportunity):
        if criterion.children.exists():
            continue
        ModeratedScore.objects.create(
            bid=bid,
            criterion=criterion,
            score=Decimal(score),
            passed=True if criterion.pass_fail else None,
            reason=f"{reason} ({criterion.title}, bid {bid.organisation.name})",
            moderated_by=by,
        )


def panel_done(opportunity):
    now = timezone.now()
    Evaluator.objects.filter(opportunity=opportunity).update(
        conflicts_declared_at=now, scores_submitted_at=now
    )


def make_ready(opportunity, bidders, staff, closed):
    """The opportunity with an evaluator's seat (the ``evaluator`` fixture) and three bids at £1,000,000 (scored 4, the winner), £1,050,000 (3) and £1,100,000 (2): none is
    abnormally low; the first bids as a consortium with the second's help as a member."""
    prices = ("1000000", "1050000", "1100000")
    members = [Member(name=bidders[1].name, role="member", organisation_id=bidders[1].pk)]
    bids = [
        submit(opportunity, bidders[0], price=prices[0], members=members),
        submit(opportunity, bidders[1], price=prices[1]),
        submit(opportunity, bidders[2], price=prices[2]),
    ]
    closed(opportunity)
    Opportunity.objects.filter(pk=opportunity.pk).update(status=Opportunity.Status.EVALUATING)
    opportunity.refresh_from_db()
    for bid, score in zip(bids, ("4", "3", "2"), strict=True):
        agree_all(opportunity, bid, score, by=staff)
    panel_done(opportunity)
    return opportunity, bids


def make_grant_round(plan, staff, bidders, closed):
    round_ = make_opportunity(
        plan,
        created_by=staff,
        kind=Opportunity.Kind.GRANT_ROUND,
        title="Community recovery grants",
        value=Decimal("50000"),
    )
    bids = [
        submit(round_, bidders[0], requested="10000"),
        submit(round_, bidders[1], requested="20000"),
    ]
    closed(round_)
    return round_, bids


def the_past(days: int = 1) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)
