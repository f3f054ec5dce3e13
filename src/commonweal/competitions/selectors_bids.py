"""Reads about bids that never open one: whose bid a person may work on, how many were submitted.

Before the deadline those who run an opportunity learn only how many bids were submitted, never
whose; a bid's content is read only through vault.py.
"""

from __future__ import annotations

from django.db.models import QuerySet

from commonweal.competitions import permissions
from commonweal.competitions.models import Bid, BidDocument, Opportunity
from commonweal.organisations.models import Organisation


def submitted_count(opportunity: Opportunity) -> int:
    """How many bids are submitted now (not who submitted them)."""
    return Bid.objects.filter(opportunity=opportunity, status=Bid.Status.SUBMITTED).count()


def submitted_bids(opportunity: Opportunity) -> QuerySet[Bid]:
    """The submitted bids with their bidders, for those who may see them after the deadline (the
    caller checks permissions.can_see_bids and opens each through vault.open_bid)."""
    return (
        Bid.objects.filter(opportunity=opportunity, status=Bid.Status.SUBMITTED)
        .select_related("organisation", "opportunity")
        .order_by("submitted_at", "id")
    )


def own_bids(user, opportunity: Opportunity) -> dict[int, Bid]:
    """The person's organisations' bids for the opportunity, by organisation id."""
    organisations = [org.pk for org in permissions.bidder_organisations(user)]
    if not organisations:
        return {}
    bids = Bid.objects.filter(opportunity=opportunity, organisation_id__in=organisations)
    return {bid.organisation_id: bid for bid in bids.select_related("organisation")}


def own_bid(user, opportunity: Opportunity, organisation_id: int | None) -> Bid | None:
    """The bid of one of the person's organisations: the one named, or the only one there is."""
    bids = own_bids(user, opportunity)
    if organisation_id is not None:
        return bids.get(organisation_id)
    if len(bids) == 1:
        return next(iter(bids.values()))
    return None


def bidder_choice(user, organisation_id: int | None) -> Organisation | None:
    """The organisation the person speaks for: the one named, or the only one they have."""
    organisations = permissions.bidder_organisations(user)
    if organisation_id is not None:
        return next((org for org in organisations if org.pk == organisation_id), None)
    return organisations[0] if len(organisations) == 1 else None


def bid_documents(bid: Bid) -> list[BidDocument]:
    return list(bid.documents.select_related("bid__opportunity").order_by("added_at", "id"))
