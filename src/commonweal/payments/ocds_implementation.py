"""An agreement's delivery as OCDS: the payments made (``implementation.transactions``) and its
payment milestones (``implementation.milestones``), as an `implementation` release.

- An agreement from a competition's award continues its plan's contracting process: the plan's
  ocid, and the contract id and award id the award's releases used (competitions/ocds_award.py).
  The release carries only the contract's implementation and the parties it names: the rest of
  the process is in its earlier releases, and the record compiles them.
- Any other agreement (from a grant decision, entered directly or imported) is a process of its
  own, "<prefix>-agreement-<pk>": its first release carries the award, the contract and its
  implementation (tags award, contract, implementation), as the schema needs an award for a
  contract; later ones update them.

What is published of a payment: its amount, the day it was paid, who paid and who was paid. Not
the invoice's number, its description, a dispute or its reason: an invoice is seen by both sides
only (agreements/permissions.py). Only a paid invoice is a transaction: one received, approved or
disputed is not money spent.
"""

import datetime
from decimal import Decimal

from django.db.models import Prefetch

from commonweal.agreements.models import Agreement
from commonweal.commissioning.ocds import party_id
from commonweal.competitions import ocds, ocds_award
from commonweal.opendata.services import ocds_date, ocid_for, release_id_for
from commonweal.organisations.models import Organisation
from commonweal.payments.models import Invoice, ScheduledPayment

OCID_KIND = "agreement"
PAYER = "payer"
PAYEE = "payee"
# The agreement's status as an OCDS contract status (contractStatus codelist, closed).
CONTRACT_STATUS = {
    Agreement.Status.LIVE: "active",
    Agreement.Status.ENDED: "terminated",
    Agreement.Status.REPLACED: "terminated",
}


def agreement_ocid(agreement: Agreement) -> str:
    """The ocid of the agreement's process: its plan's when it came from an award, else its own."""
    if agreement.award is not None:
        return ocds_award.opportunity_ocid(agreement.award.opportunity)
    return ocid_for(OCID_KIND, agreement.pk)


def contract_and_award_ids(agreement: Agreement) -> tuple[str, str]:
    """The contract's id and its award's id, as the process's other releases name them."""
    if agreement.award is not None:
        opportunity = agreement.award.opportunity
        return ocds_award.contract_id(opportunity), ocds_award.award_id(opportunity)
    ocid = agreement_ocid(agreement)
    return f"{ocid}-contract", f"{ocid}-award"


def _day(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _reference(organisation: Organisation) -> dict:
    return {"id": party_id(organisation), "name": organisation.name}


def paid_invoices(agreement: Agreement) -> list[Invoice]:
    """The agreement's paid invoices, oldest payment first."""
    return list(
        Invoice.objects.filter(agreement=agreement, status=Invoice.Status.PAID)
        .select_related("commissioner", "provider")
        .order_by("paid_on", "pk")
    )


def transaction(invoice: Invoice) -> dict:
    """A paid invoice as an OCDS transaction: how much, when, from whom, to whom."""
    assert invoice.paid_on is not None and invoice.paid_amount is not None  # a paid invoice
    return {
        "id": f"payment-{invoice.pk}",
        "date": _day(invoice.paid_on),
        "value": ocds.money(invoice.paid_amount),
        "payer": _reference(invoice.commissioner),
        "payee": _reference(invoice.provider),
    }


def milestones(agreement: Agreement) -> list[dict]:
    """The agreement's payment milestones: met once paid claims for it reach its amount (partly
    met before that), else scheduled."""
    paid = Prefetch(
        "invoices",
        queryset=Invoice.objects.filter(status=Invoice.Status.PAID).order_by("paid_on", "pk"),
        to_attr="paid",
    )
    rows = ScheduledPayment.objects.filter(
        agreement=agreement, kind=ScheduledPayment.Kind.MILESTONE
    ).prefetch_related(paid)
    found = []
    for milestone in rows:
        block: dict = {
            "id": f"milestone-{milestone.pk}",
            "title": milestone.title,
            "type": "financing",  # a payment the agreement plans (milestoneType codelist)
            "dueDate": _day(milestone.due_on),
            "status": "scheduled",
        }
        claims: list[Invoice] = milestone.paid  # type: ignore[attr-defined]
        received = sum((claim.paid_amount or Decimal(0) for claim in claims), Decimal(0))
        last_paid = claims[-1].paid_on if claims else None
        if last_paid is not None:
            block["status"] = "met" if received >= milestone.amount else "partiallyMet"
            block["dateModified"] = _day(last_paid)
            if block["status"] == "met":
                block["dateMet"] = _day(last_paid)
        found.append(block)
    return found


def implementation(agreement: Agreement, invoices: list[Invoice]) -> dict:
    block: dict = {"transactions": [transaction(invoice) for invoice in invoices]}
    planned = milestones(agreement)
    if planned:
        block["milestones"] = planned
    return block


def _payment_parties(invoices: list[Invoice]) -> dict[str, tuple[Organisation, set[str]]]:
    """Everyone who paid or was paid, by party id, with the role or roles they had."""
    found: dict[str, tuple[Organisation, set[str]]] = {}
    for invoice in invoices:
        for organisation, role in ((invoice.commissioner, PAYER), (invoice.provider, PAYEE)):
            key = _reference(organisation)["id"]
            found.setdefault(key, (organisation, set()))[1].add(role)
    return found


def _with_roles(party: dict, more: set[str]) -> dict:
    party["roles"] = [*party["roles"], *sorted(more - set(party["roles"]))]
    return party


def award_implementation_release(
    agreement: Agreement,
    invoices: list[Invoice],
    *,
    known_parties: list[dict],
    first: bool,
    when: datetime.datetime,
) -> dict:
    """The implementation release of an agreement from an award, in its plan's process.
    ``known_parties``: the process's parties as compiled so far (a party's roles are replaced
    whole when releases are merged, so each party named here keeps the roles it had)."""
    ocid = agreement_ocid(agreement)
    contract_id, award_id = contract_and_award_ids(agreement)
    known = {party["id"]: party for party in known_parties}
    parties = []
    for key, (organisation, roles) in _payment_parties(invoices).items():
        party = dict(known[key]) if key in known else ocds.party(organisation, [])
        parties.append(_with_roles(party, roles))
    release: dict = {
        "ocid": ocid,
        "id": release_id_for(ocid),
        "date": ocds_date(when),
        "tag": ["implementation"] if first else ["implementationUpdate"],
        "initiationType": "tender",
        "language": "en",
        "contracts": [
            {
                "id": contract_id,
                "awardID": award_id,
                "implementation": implementation(agreement, invoices),
            }
        ],
    }
    if parties:
        release["parties"] = parties
    return release


def agreement_release(
    agreement: Agreement, invoices: list[Invoice], *, first: bool, when: datetime.datetime
) -> dict:
    """An agreement with no award here as a process of its own: the commissioner (buyer), the
    provider (supplier), the award, the contract and its implementation."""
    ocid = agreement_ocid(agreement)
    contract_id, award_id = contract_and_award_ids(agreement)
    parties: dict[str, dict] = {}

    def add(organisation: Organisation, roles: set[str]) -> None:
        key = _reference(organisation)["id"]
        if key in parties:
            _with_roles(parties[key], roles)
        else:
            parties[key] = ocds.party(organisation, sorted(roles))

    add(agreement.commissioner, {"buyer"})
    suppliers = []
    if agreement.provider is not None:
        add(agreement.provider, {"supplier"})
        suppliers.append(_reference(agreement.provider))
    for organisation, roles in _payment_parties(invoices).values():
        add(organisation, roles)
    period = {"startDate": _day(agreement.starts_on), "endDate": _day(agreement.ends_on)}
    award: dict = {
        "id": award_id,
        "title": agreement.title,
        "status": "active",
        "value": ocds.money(agreement.value),
        "contractPeriod": period,
    }
    if suppliers:
        award["suppliers"] = suppliers
    contract: dict = {
        "id": contract_id,
        "awardID": award_id,
        "title": agreement.title,
        "status": CONTRACT_STATUS[Agreement.Status(agreement.status)],
        "period": period,
        "value": ocds.money(agreement.value),
        "implementation": implementation(agreement, invoices),
    }
    if agreement.summary:
        award["description"] = contract["description"] = agreement.summary
    if contract["status"] == "active" and agreement.starts_on > when.date():
        contract["status"] = "pending"
    return {
        "ocid": ocid,
        "id": release_id_for(ocid),
        "date": ocds_date(when),
        "tag": ["award", "contract", "implementation"]
        if first
        else ["awardUpdate", "contractUpdate", "implementationUpdate"],
        "initiationType": "tender",
        "language": "en",
        "parties": list(parties.values()),
        "buyer": _reference(agreement.commissioner),
        "awards": [award],
        "contracts": [contract],
    }
