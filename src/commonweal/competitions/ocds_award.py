"""A tender's award and its contract as OCDS `award` and `contract` releases, in the same contracting
process (ocid) as its plan's planning release and its tender release.

The suppliers are the winning bidder and, for a consortium or alliance, its members registered
here or named in the opened bid (subcontractors are not suppliers). opendata.services.release_publish
checks each release against the schema before anything is published.
"""

import datetime
from collections.abc import Iterable

from commonweal.commissioning.ocds import party_id, plan_ocid
from commonweal.competitions.content import BidContent
from commonweal.competitions.models import Award, Opportunity
from commonweal.opendata.services import ocds_date, release_id_for
from commonweal.organisations import identifiers
from commonweal.organisations.models import Organisation

MEMBER = "member"


def opportunity_ocid(opportunity: Opportunity) -> str:
    """A tender is a stage of its plan's contracting process: the same ocid."""
    return plan_ocid(opportunity.plan)


def award_id(opportunity: Opportunity) -> str:
    return f"{opportunity_ocid(opportunity)}-award-{opportunity.pk}"


def contract_id(opportunity: Opportunity) -> str:
    return f"{opportunity_ocid(opportunity)}-contract-{opportunity.pk}"


def _date(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _organisation_party(organisation: Organisation, roles: list[str]) -> dict:
    party: dict = {"id": party_id(organisation), "name": organisation.name, "roles": roles}
    if organisation.org_id:
        try:
            scheme, local = identifiers.parse(organisation.org_id)
        except identifiers.InvalidIdentifier:
            pass  # published as the party's id only
        else:
            party["identifier"] = {"scheme": scheme, "id": local, "legalName": organisation.name}
    return party


def supplier_parties(
    award: Award, content: BidContent, registered: Iterable[Organisation] = ()
) -> list[dict]:
    """The winner and its consortium's members, as parties with the role "supplier".
    ``registered``: the members' organisations registered here, by their ids in the content."""
    by_id = {organisation.pk: organisation for organisation in registered}
    parties = [_organisation_party(award.bid.organisation, ["supplier"])]
    seen = {parties[0]["id"]}
    for number, member in enumerate(content.members, start=1):
        if member.role != MEMBER:
            continue
        organisation = by_id.get(member.organisation_id or 0)
        if organisation is not None:
            party = _organisation_party(organisation, ["supplier"])
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


def _buyer(opportunity: Opportunity) -> dict:
    return {"id": party_id(opportunity.plan.lead), "name": opportunity.plan.lead.name}


def _award_block(award: Award, suppliers: list[dict], *, status: str) -> dict:
    opportunity = award.opportunity
    block: dict = {
        "id": award_id(opportunity),
        "title": opportunity.title,
        "description": award.reason,
        "status": status,
        "date": ocds_date(award.decided_at),
        "value": {"amount": award.value, "currency": "GBP"},
        "suppliers": [{"id": party["id"], "name": party["name"]} for party in suppliers],
    }
    if opportunity.lot_id:
        block["relatedLots"] = [f"lot-{opportunity.lot_id}"]
    return block


def _release(opportunity: Opportunity, *, tag: str, when: datetime.datetime, parties: list) -> dict:
    ocid = opportunity_ocid(opportunity)
    return {
        "ocid": ocid,
        "id": release_id_for(ocid),
        "date": ocds_date(when),
        "tag": [tag],
        "initiationType": "tender",
        "language": "en",
        "parties": [_organisation_party(opportunity.plan.lead, ["buyer"]), *parties],
        "buyer": _buyer(opportunity),
    }


def award_release(award: Award, suppliers: list[dict], *, when: datetime.datetime) -> dict:
    """The award, pending while the standstill runs."""
    release = _release(award.opportunity, tag="award", when=when, parties=suppliers)
    release["awards"] = [_award_block(award, suppliers, status="pending")]
    return release


def contract_release(award: Award, suppliers: list[dict], *, when: datetime.datetime) -> dict:
    """The signed contract, and the award now active."""
    opportunity = award.opportunity
    release = _release(opportunity, tag="contract", when=when, parties=suppliers)
    release["tag"] = ["awardUpdate", "contract"]
    release["awards"] = [_award_block(award, suppliers, status="active")]
    contract: dict = {
        "id": contract_id(opportunity),
        "awardID": award_id(opportunity),
        "title": opportunity.title,
        # Pending until the service starts, then active (the OCDS contract status codes).
        "status": "pending"
        if award.contract_starts_on and award.contract_starts_on > when.date()
        else "active",
        "value": {"amount": award.value, "currency": "GBP"},
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
    release["contracts"] = [contract]
    return release
