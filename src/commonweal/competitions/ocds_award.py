"""A tender's award and its contract as OCDS `award` and `contract` releases, in the same contracting
process (ocid) as its plan's planning release and its tender release (built with ocds.py's common
pieces: the parties, the buyer and the tender as it stands).

The suppliers are the winning bidder and, for a consortium or alliance, its members registered
here or named in the opened bid (subcontractors are not suppliers). opendata.services.release_publish
checks each release against the schema before anything is published.
"""

import datetime
from collections.abc import Iterable

from commonweal.competitions import ocds
from commonweal.competitions.content import BidContent
from commonweal.competitions.models import Award, Opportunity
from commonweal.opendata.services import ocds_date
from commonweal.organisations.models import Organisation

MEMBER = "member"


def opportunity_ocid(opportunity: Opportunity) -> str:
    return ocds.opportunity_ocid(opportunity)


def award_id(opportunity: Opportunity) -> str:
    return f"{opportunity_ocid(opportunity)}-award-{opportunity.pk}"


def contract_id(opportunity: Opportunity) -> str:
    return f"{opportunity_ocid(opportunity)}-contract-{opportunity.pk}"


def _date(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def supplier_parties(
    award: Award, content: BidContent, registered: Iterable[Organisation] = ()
) -> list[dict]:
    """The winner and its consortium's members, as parties with the role "supplier".
    ``registered``: the members' organisations registered here, by their ids in the content."""
    by_id = {organisation.pk: organisation for organisation in registered}
    parties = [ocds.party(award.bid.organisation, ["supplier"])]
    seen = {parties[0]["id"]}
    for number, member in enumerate(content.members, start=1):
        if member.role != MEMBER:
            continue
        organisation = by_id.get(member.organisation_id or 0)
        if organisation is not None:
            party = ocds.party(organisation, ["supplier"])
        else:
            party = {
                "id": f"commonweal-bid-{award.bid_id}-member-{number}",
                "name": member.name,
                "roles": ["supplier"],
            }
        if party["id"] not in seen:
            seen.add(party["id"])
            parties.append(party)
    return parties


def _award_block(award: Award, suppliers: list[dict], *, status: str) -> dict:
    opportunity = award.opportunity
    block: dict = {
        "id": award_id(opportunity),
        "title": opportunity.title,
        "description": award.reason,
        "status": status,
        "date": ocds_date(award.decided_at),
        "value": ocds.money(award.value),
        "suppliers": [{"id": party["id"], "name": party["name"]} for party in suppliers],
    }
    if opportunity.lot_id:
        block["relatedLots"] = [f"lot-{opportunity.lot_id}"]
    return block


def _with_suppliers(release: dict, suppliers: list[dict]) -> dict:
    """The suppliers join the parties; one already there (a funder that also bids) gains the role."""
    parties = {party["id"]: party for party in release["parties"]}
    for supplier in suppliers:
        if supplier["id"] in parties:
            parties[supplier["id"]]["roles"].append("supplier")
        else:
            release["parties"].append(supplier)
    return release


def award_release(award: Award, suppliers: list[dict], *, when: datetime.datetime) -> dict:
    """The award, pending while the standstill runs."""
    release = ocds.release(
        award.opportunity,
        tags=["award"],
        when=when,
        awards=[_award_block(award, suppliers, status="pending")],
    )
    return _with_suppliers(release, suppliers)


def contract_release(award: Award, suppliers: list[dict], *, when: datetime.datetime) -> dict:
    """The signed contract, and the award now active."""
    opportunity = award.opportunity
    contract: dict = {
        "id": contract_id(opportunity),
        "awardID": award_id(opportunity),
        "title": opportunity.title,
        # Pending until the service starts, then active (the OCDS contract status codes).
        "status": "pending"
        if award.contract_starts_on and award.contract_starts_on > when.date()
        else "active",
        "value": ocds.money(award.value),
    }
    if award.contract_signed_on:
        contract["dateSigned"] = _date(award.contract_signed_on)
    period = {}
    if award.contract_starts_on:
        period["startDate"] = _date(award.contract_starts_on)
    if award.contract_ends_on:
        period["endDate"] = _date(award.contract_ends_on)
    if period:
        contract["period"] = period
    release = ocds.release(
        opportunity,
        tags=["awardUpdate", "contract"],
        when=when,
        awards=[_award_block(award, suppliers, status="active")],
        contracts=[contract],
    )
    return _with_suppliers(release, suppliers)
