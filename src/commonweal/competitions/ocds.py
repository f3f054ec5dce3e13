"""Tenders and grant rounds as OCDS releases. A competition continues its plan's contracting
process: it has the plan's ocid, so its `tender` release joins the plan's `planning` release in one
OCDS record (opendata.services.release_publish checks each release against the schema).

The pieces are kept apart so the award and contract releases can be built from them too:

- ``opportunity_ocid(opportunity)``: the ocid of its process (its plan's).
- ``parties_and_buyer(plan)``: the ``parties`` list (the lead as buyer and procuring entity, each
  agency paying in as a funder) and the ``buyer`` reference.
- ``tender_block(opportunity, when=...)``: the ``tender`` object as the opportunity now stands.
- ``release(opportunity, tags=..., when=..., **sections)``: a whole release around those, with any
  other sections (``awards``, ``contracts``) given.
- ``tender_release(opportunity, when=...)``: the `tender` release itself.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.urls import reverse

from commonweal.commissioning import ocds as plan_ocds
from commonweal.commissioning.models import Plan
from commonweal.commissioning.selectors import contributions, totals_by_agency
from commonweal.competitions.models import Criterion, Opportunity
from commonweal.competitions.selectors_opportunities import percent
from commonweal.opendata.services import ocds_date, release_id_for

__all__ = [
    "award_criteria_details",
    "document_url",
    "money",
    "ocds_date",
    "opportunity_ocid",
    "parties_and_buyer",
    "party",
    "release",
    "tender_block",
    "tender_release",
]
from commonweal.organisations import identifiers
from commonweal.organisations.models import Organisation

# The OCDS tender status each stage of an opportunity is published as.
TENDER_STATUS = {
    Opportunity.Status.DRAFT: "planned",
    Opportunity.Status.OPEN: "active",
    Opportunity.Status.EVALUATING: "active",
    Opportunity.Status.STANDSTILL: "active",
    Opportunity.Status.AWARDED: "complete",
    Opportunity.Status.CANCELLED: "cancelled",
}

PRICE_FORMULA_WORDS = {
    Opportunity.PriceFormula.PROPORTIONAL: "proportional to the lowest price",
    Opportunity.PriceFormula.LINEAR: "linear between a floor and a ceiling",
    Opportunity.PriceFormula.AGAINST_BUDGET: "against the budget",
}


def opportunity_ocid(opportunity: Opportunity) -> str:
    """The ocid of the opportunity's contracting process: its plan's, so the releases join up."""
    return plan_ocds.plan_ocid(opportunity.plan)


def money(amount: Decimal) -> dict:
    return {"amount": amount, "currency": "GBP"}


def party(organisation: Organisation, roles: list[str]) -> dict:
    """An organisation as an OCDS party, with its registered identifier when it has a known one."""
    found: dict = {
        "id": plan_ocds.party_id(organisation),
        "name": organisation.name,
        "roles": roles,
    }
    if organisation.org_id:
        try:
            scheme, local = identifiers.parse(organisation.org_id)
        except identifiers.InvalidIdentifier:
            pass  # published as the party's id only
        else:
            found["identifier"] = {"scheme": scheme, "id": local, "legalName": organisation.name}
    return found


def parties_and_buyer(plan: Plan) -> tuple[list[dict], dict]:
    """The plan's lead (buyer and procuring entity) and the agencies paying in (funders)."""
    parties = [party(plan.lead, ["buyer", "procuringEntity"])]
    for organisation, _amount in totals_by_agency(contributions(plan)):
        if organisation.pk == plan.lead_id:
            parties[0]["roles"].append("funder")
        else:
            parties.append(party(organisation, ["funder"]))
    return parties, {"id": plan_ocds.party_id(plan.lead), "name": plan.lead.name}


def _day(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def award_criteria_details(opportunity: Opportunity) -> str:
    """The evaluation model in words: the three weights, the price formula, and the criteria."""
    lines = [
        f"Quality {percent(opportunity.quality_weight)}%, social value "
        f"{percent(opportunity.social_value_weight)}%, price {percent(opportunity.price_weight)}%.",
        f"Price is scored {PRICE_FORMULA_WORDS[opportunity.price_formula]}.",
    ]
    if opportunity.price_formula == Opportunity.PriceFormula.LINEAR and (
        opportunity.price_floor is not None and opportunity.price_ceiling is not None
    ):
        lines.append(
            f"Full marks at or below £{opportunity.price_floor:,.2f}; none at or above "
            f"£{opportunity.price_ceiling:,.2f}."
        )
    if opportunity.include_inherent_social_value:
        lines.append(
            f"Inherent social value is {percent(opportunity.inherent_social_value_share)}% of the "
            "social value part."
        )
    for criterion in _criteria(opportunity):
        if criterion.pass_fail:
            lines.append(f"{criterion.title}: pass or fail.")
        else:
            where = criterion.parent.title if criterion.parent else criterion.get_part_display()
            lines.append(f"{criterion.title}: {percent(criterion.weight)}% of {where}.")
    return " ".join(lines)


def _criteria(opportunity: Opportunity) -> list[Criterion]:
    return list(opportunity.criteria.select_related("parent").order_by("part", "position", "id"))


def _award_criteria(opportunity: Opportunity) -> str:
    if opportunity.price_weight == 100:
        return "priceOnly"
    if opportunity.price_weight == 0:
        return "qualityOnly"
    return "ratedCriteria"


def tender_block(opportunity: Opportunity, *, when: datetime.datetime) -> dict:
    """The opportunity as an OCDS ``tender``: what it is, its value, periods, method, lots,
    award criteria and public documents."""
    plan = opportunity.plan
    ocid = opportunity_ocid(opportunity)
    start = opportunity.published_at or when
    tender: dict = {
        "id": f"{ocid}-tender",
        "title": opportunity.title,
        "description": opportunity.description,
        "status": TENDER_STATUS[Opportunity.Status(opportunity.status)],
        "mainProcurementCategory": "services",
        "value": money(opportunity.value),
        "tenderPeriod": {
            "startDate": ocds_date(start),
            "endDate": ocds_date(opportunity.closes_at),
        },
        "enquiryPeriod": {
            "startDate": ocds_date(start),
            "endDate": ocds_date(opportunity.questions_close_at),
        },
        "submissionMethod": ["electronicSubmission"],
        "awardCriteria": _award_criteria(opportunity),
        "awardCriteriaDetails": award_criteria_details(opportunity),
        "hasEnquiries": opportunity.questions.filter(published_at__isnull=False).exists(),
    }
    if opportunity.is_grant:
        tender["procurementMethodDetails"] = "Grant round"
    elif plan.route in plan_ocds.PROCUREMENT_METHODS:
        tender["procurementMethod"] = plan_ocds.PROCUREMENT_METHODS[plan.route]
    if plan.route_reason:
        tender["procurementMethodRationale"] = plan.route_reason
    if opportunity.conditions:
        tender["eligibilityCriteria"] = opportunity.conditions
    if opportunity.award_expected_on:
        tender["awardPeriod"] = {"endDate": _day(opportunity.award_expected_on)}
    if opportunity.service_starts_on:
        period: dict = {"startDate": _day(opportunity.service_starts_on)}
        if opportunity.contract_months:
            period["durationInDays"] = (
                plan_ocds._add_months(opportunity.service_starts_on, opportunity.contract_months)
                - opportunity.service_starts_on
            ).days
        tender["contractPeriod"] = period
    if opportunity.lot_id:
        lot = opportunity.lot
        tender["lots"] = [
            {
                "id": f"lot-{lot.pk}",
                "title": lot.title,
                "description": lot.description,
                "value": money(opportunity.value),
                "status": tender["status"],
            }
        ]
    documents = [
        {
            "id": f"document-{document.pk}",
            "documentType": "biddingDocuments",
            "title": document.title,
            "url": document_url(opportunity, document),
            "datePublished": ocds_date(max(document.added_at, start)),
            **({"format": document.content_type} if document.content_type else {}),
            **({"relatedLots": [f"lot-{opportunity.lot_id}"]} if opportunity.lot_id else {}),
        }
        for document in opportunity.documents.all()
    ]
    if documents:
        tender["documents"] = documents
    return tender


def document_url(opportunity: Opportunity, document) -> str:
    """Where anyone can download a public document of the opportunity."""
    return settings.SITE_URL + reverse(
        "competitions:document-download", kwargs={"pk": opportunity.pk, "document_pk": document.pk}
    )


def release(
    opportunity: Opportunity, *, tags: list[str], when: datetime.datetime, **sections
) -> dict:
    """A release of the opportunity's process: its parties, buyer and tender as they stand, plus
    ``sections`` (``awards=[...]``, ``contracts=[...]``) given by whoever builds it."""
    ocid = opportunity_ocid(opportunity)
    parties, buyer = parties_and_buyer(opportunity.plan)
    return {
        "ocid": ocid,
        "id": release_id_for(ocid),
        "date": ocds_date(when),
        "tag": tags,
        "initiationType": "tender",
        "language": "en",
        "parties": parties,
        "buyer": buyer,
        "tender": tender_block(opportunity, when=when),
        **sections,
    }


def tender_release(opportunity: Opportunity, *, when: datetime.datetime) -> dict:
    """The opportunity as it stands: opened (tag ``tender``), later stages (``tenderUpdate``), or
    cancelled (``tenderCancellation``)."""
    if opportunity.status == Opportunity.Status.CANCELLED:
        tag = "tenderCancellation"
    elif opportunity.status in (Opportunity.Status.DRAFT, Opportunity.Status.OPEN):
        tag = "tender"
    else:
        tag = "tenderUpdate"
    return release(opportunity, tags=[tag], when=when)
