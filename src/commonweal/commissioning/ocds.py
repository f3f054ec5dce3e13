"""A plan as an OCDS `planning` release: the pipeline entry, its pooled budget, its planned dates
and its market engagement, for the open data (opendata.services.release_publish checks it against
the schema before anything is published)."""

from datetime import datetime
from decimal import Decimal

from commonweal.commissioning.models import Plan
from commonweal.commissioning.selectors import contributions, totals_by_agency
from commonweal.opendata.services import ocds_date, ocid_for, release_id_for
from commonweal.organisations import identifiers
from commonweal.organisations.models import Organisation

OCID_KIND = "plan"

# The OCDS procurementMethod (open, selective, limited, direct) a chosen route leads to, where
# there is one: a grant or an alliance is shaped by the procedure chosen later, so none is said.
PROCUREMENT_METHODS = {
    "below_threshold": "open",
    "open": "open",
    "competitive_flexible": "selective",
    "light_touch": "selective",
    "reserved_mutual": "selective",
    "direct_award": "direct",
    "framework_call_off": "selective",
    "dynamic_market": "selective",
    "psr_direct_award_a": "direct",
    "psr_direct_award_b": "direct",
    "psr_direct_award_c": "direct",
    "psr_most_suitable_provider": "limited",
    "psr_competitive": "selective",
}


def plan_ocid(plan: Plan) -> str:
    return ocid_for(OCID_KIND, plan.pk)


def party_id(organisation: Organisation) -> str:
    """An organisation's identifier as published: its registered id (GB-CHC-1123456) when known."""
    return organisation.org_id or f"commonweal-organisation-{organisation.pk}"


def _party(organisation: Organisation, roles: list[str]) -> dict:
    party: dict = {"id": party_id(organisation), "name": organisation.name, "roles": roles}
    if organisation.org_id:
        try:
            scheme, local = identifiers.parse(organisation.org_id)
        except identifiers.InvalidIdentifier:
            pass  # an identifier the org-id lists do not know is published as the party's id only
        else:
            party["identifier"] = {"scheme": scheme, "id": local, "legalName": organisation.name}
    return party


def _date(day) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def planning_release(plan: Plan, *, when: datetime) -> dict:
    """The plan as it stands, as a new planning release of its process."""
    ocid = plan_ocid(plan)
    rows = contributions(plan)
    total = sum((row.amount for row in rows), start=Decimal("0"))
    agencies = totals_by_agency(rows)
    parties = [_party(plan.lead, ["buyer", "procuringEntity"])]
    for organisation, _amount in agencies:
        if organisation.pk == plan.lead_id:
            parties[0]["roles"].append("funder")
        else:
            parties.append(_party(organisation, ["funder"]))
    budget_words = "; ".join(
        f"{organisation.name} £{amount:,.2f}" for organisation, amount in agencies
    )
    milestones = [
        {
            "id": f"engagement-{event.pk}",
            "title": event.title,
            "type": "engagement",
            "description": event.notes,
            "dueDate": _date(event.held_on),
            "status": "met" if event.held_on <= when.date() else "scheduled",
            **({"dateMet": _date(event.held_on)} if event.held_on <= when.date() else {}),
        }
        for event in plan.engagement_events.filter(notes_published_at__isnull=False)
    ]
    tender: dict = {
        "id": f"{ocid}-tender",
        "title": plan.title,
        "description": plan.summary,
        "status": "planning",
        "mainProcurementCategory": "services",
        "value": {"amount": total, "currency": "GBP"},
    }
    if plan.procurement_starts_on:
        tender["tenderPeriod"] = {"startDate": _date(plan.procurement_starts_on)}
    if plan.service_starts_on:
        period: dict = {"startDate": _date(plan.service_starts_on)}
        if plan.duration_months:
            period["maxExtentDate"] = _date(
                _add_months(plan.service_starts_on, plan.duration_months)
            )
        tender["contractPeriod"] = period
    if plan.route in PROCUREMENT_METHODS:
        tender["procurementMethod"] = PROCUREMENT_METHODS[plan.route]
    if plan.route_reason:
        tender["procurementMethodRationale"] = plan.route_reason
    lots = list(plan.lots.all())
    if lots:
        tender["lots"] = [
            {
                "id": f"lot-{lot.pk}",
                "title": lot.title,
                "description": lot.description,
                "value": {"amount": lot.value, "currency": "GBP"},
                "status": "planning",
            }
            for lot in lots
        ]
    planning: dict = {
        "rationale": plan.summary,
        "budget": {
            "description": budget_words or "No money recorded yet.",
            "amount": {"amount": total, "currency": "GBP"},
        },
    }
    if milestones:
        planning["milestones"] = milestones
    return {
        "ocid": ocid,
        "id": release_id_for(ocid),
        "date": ocds_date(when),
        "tag": ["planning"],
        "initiationType": "tender",
        "language": "en",
        "parties": parties,
        "buyer": {"id": party_id(plan.lead), "name": plan.lead.name},
        "planning": planning,
        "tender": tender,
    }


def _add_months(day, months: int):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)
