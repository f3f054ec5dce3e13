"""Reads for evaluation: the panel and who may join it, each evaluator's own declarations and
scores, the side-by-side scores for moderation, and the low-bid reviews. Nothing here opens a bid:
that is the vault's (vault.open_bid), called by the views and services that show content."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from commonweal.accounts.models import User
from commonweal.commissioning import permissions as plan_permissions
from commonweal.competitions import permissions, results
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
from commonweal.organisations.place_staff import live_verifications

# The largest id a database row can have: anything bigger is simply not there.
BIGGEST_ID = 2**63 - 1


def fits(pk: int) -> bool:
    return 0 < pk <= BIGGEST_ID


def opportunity_get(pk: int) -> Opportunity | None:
    if not fits(pk):
        return None
    return Opportunity.objects.select_related("plan", "plan__place").filter(pk=pk).first()


def submitted_bids(opportunity: Opportunity) -> QuerySet[Bid]:
    return (
        Bid.objects.filter(opportunity=opportunity, status=Bid.Status.SUBMITTED)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def submitted_bid(opportunity: Opportunity, bid_pk: int) -> Bid | None:
    if not fits(bid_pk):
        return None
    return (
        submitted_bids(opportunity)
        .select_related("opportunity", "opportunity__plan")
        .filter(pk=bid_pk)
        .first()
    )


def criterion_get(opportunity: Opportunity, pk: int) -> Criterion | None:
    if not fits(pk):
        return None
    return Criterion.objects.filter(opportunity=opportunity, pk=pk).first()


def panel(opportunity: Opportunity) -> list[Evaluator]:
    """The panel, with how far each has got (how many scores, never what they are)."""
    return list(
        Evaluator.objects.filter(opportunity=opportunity)
        .select_related("user")
        .annotate(score_count=Count("scores"))
        .order_by("kind", "user__full_name", "pk")
    )


def eligible_officers(opportunity: Opportunity) -> QuerySet[User]:
    """People with an evaluator's, commissioner's or procurement officer's role at one of the
    plan's agencies (a verified public body), not yet on the panel."""
    agencies = plan_permissions.agency_ids(opportunity.plan)
    verified = live_verifications().filter(organisation_id__in=agencies).values("organisation_id")
    return (
        User.objects.filter(
            role_assignments__role__in=permissions.EVALUATOR_ROLES,
            role_assignments__organisation_id__in=verified,
            is_active=True,
        )
        .exclude(evaluations__opportunity=opportunity)
        .distinct()
        .order_by("full_name", "pk")
    )


def eligible_citizens(opportunity: Opportunity) -> QuerySet[User]:
    """The plan's citizen commissioners not yet on the panel."""
    return (
        opportunity.plan.citizen_commissioners.filter(is_active=True)
        .exclude(evaluations__opportunity=opportunity)
        .order_by("full_name", "pk")
    )


def scoring_started(opportunity: Opportunity) -> bool:
    return Score.objects.filter(bid__opportunity=opportunity).exists()


def declarations(evaluator: Evaluator) -> dict[int, Conflict]:
    """The evaluator's declarations, by the bidder's organisation id."""
    return {c.organisation_id: c for c in Conflict.objects.filter(evaluator=evaluator)}


def conflicted_organisation_ids(evaluator: Evaluator) -> set[int]:
    return set(
        Conflict.objects.filter(evaluator=evaluator, has_conflict=True).values_list(
            "organisation_id", flat=True
        )
    )


def bids_to_score(evaluator: Evaluator) -> list[Bid]:
    """The submitted bids the evaluator may see and score: none before they have declared, and
    never a bidder they are conflicted with."""
    if evaluator.conflicts_declared_at is None:
        return []
    conflicted = conflicted_organisation_ids(evaluator)
    return [
        bid
        for bid in submitted_bids(evaluator.opportunity)
        if bid.organisation_id not in conflicted
    ]


def criteria_for(evaluator: Evaluator) -> list[Criterion]:
    """The criteria the evaluator scores: officers every scoreable criterion, citizen
    commissioners only those opened to citizens."""
    rows = list(
        Criterion.objects.filter(opportunity_id=evaluator.opportunity_id).order_by(
            "part", "position", "pk"
        )
    )
    scoreable = results.scoreable_criteria(rows)
    if evaluator.kind == Evaluator.Kind.CITIZEN:
        return [criterion for criterion in scoreable if criterion.open_to_citizens]
    return scoreable


def own_scores(evaluator: Evaluator, bid: Bid | None = None) -> dict[tuple[int, int], Score]:
    """The evaluator's own scores by (bid id, criterion id): nobody else's."""
    rows = Score.objects.filter(evaluator=evaluator)
    if bid is not None:
        rows = rows.filter(bid=bid)
    return {(score.bid_id, score.criterion_id): score for score in rows}


def scoring_left(evaluator: Evaluator) -> int:
    """How many scores the evaluator still has to give."""
    bids = bids_to_score(evaluator)
    criteria = criteria_for(evaluator)
    given = set(own_scores(evaluator))
    return sum(1 for bid in bids for criterion in criteria if (bid.pk, criterion.pk) not in given)


def panel_done(opportunity: Opportunity) -> bool:
    """Every evaluator has declared and marked their scoring done (there is at least one)."""
    seats = Evaluator.objects.filter(opportunity=opportunity)
    return (
        seats.exists()
        and not seats.filter(
            Q(conflicts_declared_at__isnull=True) | Q(scores_submitted_at__isnull=True)
        ).exists()
    )


@dataclass(frozen=True)
class ModerationCell:
    criterion: Criterion
    scores: list[Score]
    agreed: ModeratedScore | None


@dataclass(frozen=True)
class ModerationRow:
    bid: Bid
    cells: list[ModerationCell]


def moderation_grid(opportunity: Opportunity, bids: list[Bid]) -> list[ModerationRow]:
    """Every evaluator's score for each bid and criterion side by side, with the agreed score."""
    criteria = results.scoreable_criteria(
        list(Criterion.objects.filter(opportunity=opportunity).order_by("part", "position", "pk"))
    )
    scores: dict[tuple[int, int], list[Score]] = defaultdict(list)
    for score in (
        Score.objects.filter(bid__in=bids)
        .select_related("evaluator__user")
        .order_by("evaluator__kind", "evaluator__user__full_name", "pk")
    ):
        scores[(score.bid_id, score.criterion_id)].append(score)
    agreed = {
        (row.bid_id, row.criterion_id): row for row in ModeratedScore.objects.filter(bid__in=bids)
    }
    return [
        ModerationRow(
            bid,
            [
                ModerationCell(c, scores[(bid.pk, c.pk)], agreed.get((bid.pk, c.pk)))
                for c in criteria
            ],
        )
        for bid in bids
    ]


def scores_for(bid: Bid, criterion: Criterion) -> list[Score]:
    return list(
        Score.objects.filter(bid=bid, criterion=criterion)
        .select_related("evaluator__user")
        .order_by("evaluator__kind", "evaluator__user__full_name", "pk")
    )


def low_bid_reviews(opportunity: Opportunity) -> QuerySet[LowBidReview]:
    return (
        LowBidReview.objects.filter(bid__opportunity=opportunity)
        .select_related("bid__organisation", "decided_by")
        .order_by("bid__organisation__name", "pk")
    )


def low_bid_review_for_bid(bid: Bid) -> LowBidReview | None:
    """For the bidder's own bid page: the low-bid review, once the bidder has been asked to
    explain (None before, or when the bid was not flagged). Link to
    ``competitions:low-bid-explain`` (opportunity pk, bid pk) to answer it."""
    return LowBidReview.objects.filter(bid=bid, explanation_requested_at__isnull=False).first()


def low_bid_review_get(opportunity: Opportunity, bid_pk: int) -> LowBidReview | None:
    if not fits(bid_pk):
        return None
    return (
        LowBidReview.objects.filter(bid__opportunity=opportunity, bid_id=bid_pk)
        .select_related("bid__organisation", "bid__opportunity")
        .first()
    )
