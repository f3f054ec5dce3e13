"""Grants' disbursements in the 360Giving package (competitions/threesixty.py), added from here
through its ``register`` hook: competitions sits below payments and never imports it.

- A grant's disbursements are its agreement's paid claims, each as a ``disbursementTransaction``
  (id, day paid, GBP, amount paid, the funder's and the recipient's organisation ids), and
  ``amountDisbursed`` is their sum, as the standard asks. A claim received, approved or disputed
  is not a disbursement; neither its number, its description nor a dispute is published.
- Grant agreements entered directly or imported here (no grant decision) are grants of their own,
  "<prefix>-agreement-<pk>", once in force: awardDate is the day the agreement starts (the day the
  grant was made is not recorded for them), planned dates its term.
"""

from collections import defaultdict
from decimal import Decimal

from commonweal.agreements.models import Agreement
from commonweal.competitions import threesixty
from commonweal.competitions.models import GrantDecision
from commonweal.payments.models import Invoice

PUBLISHED = (Agreement.Status.LIVE, Agreement.Status.ENDED, Agreement.Status.REPLACED)


def _paid_claims(agreement_ids: list[int]) -> dict[int, list[Invoice]]:
    """The paid claims of each agreement, oldest payment first, in one query."""
    found: dict[int, list[Invoice]] = defaultdict(list)
    if not agreement_ids:
        return found
    rows = (
        Invoice.objects.filter(agreement_id__in=agreement_ids, status=Invoice.Status.PAID)
        .select_related("commissioner", "provider")
        .order_by("paid_on", "pk")
    )
    for invoice in rows:
        found[invoice.agreement_id].append(invoice)
    return found


def disbursement(grant_id: str, invoice: Invoice) -> dict:
    """A paid claim as a 360Giving disbursement transaction."""
    assert invoice.paid_on is not None and invoice.paid_amount is not None  # a paid claim
    return {
        "id": f"{grant_id}-payment-{invoice.pk}",
        "transactionDate": invoice.paid_on.isoformat(),
        "currency": "GBP",
        "value": threesixty.amount(invoice.paid_amount),
        "provider": threesixty.organisation_id(invoice.commissioner),
        "recipient": threesixty.organisation_id(invoice.provider),
    }


def with_disbursements(grant: dict, claims: list[Invoice]) -> dict:
    """``grant`` with what has been paid of it (unchanged when nothing has)."""
    if claims:
        paid = sum((claim.paid_amount or Decimal(0) for claim in claims), Decimal(0))
        grant["amountDisbursed"] = threesixty.amount(paid)
        grant["disbursementTransaction"] = [disbursement(grant["id"], claim) for claim in claims]
    return grant


def add_to_decisions(decisions: list[GrantDecision], grants: list[dict]) -> None:
    """Each funded decision's grant gains its agreement's disbursements."""
    agreements = dict(
        Agreement.objects.filter(grant_decision__in=[d.pk for d in decisions]).values_list(
            "grant_decision_id", "pk"
        )
    )
    claims = _paid_claims(list(agreements.values()))
    for decision, grant in zip(decisions, grants, strict=True):
        agreement_id = agreements.get(decision.pk)
        if agreement_id is not None:
            with_disbursements(grant, claims.get(agreement_id, []))


def agreement_grant(agreement: Agreement, claims: list[Invoice]) -> dict:
    """A grant agreement entered here (not from a grant decision) as a 360Giving grant."""
    assert agreement.provider is not None  # only those with a grant holder are published
    grant = {
        "id": f"{threesixty.prefix()}-agreement-{agreement.pk}",
        "title": agreement.title[:140],
        "description": agreement.summary or agreement.title,
        "currency": "GBP",
        "amountAwarded": threesixty.amount(agreement.value),
        "awardDate": agreement.starts_on.isoformat(),
        "plannedDates": [
            {"startDate": agreement.starts_on.isoformat(), "endDate": agreement.ends_on.isoformat()}
        ],
        "recipientOrganization": [threesixty.organisation_data(agreement.provider)],
        "fundingOrganization": [threesixty.organisation_data(agreement.commissioner)],
        "beneficiaryLocation": [threesixty.location(agreement.place)],
    }
    return with_disbursements(grant, claims)


def agreement_grants() -> list[dict]:
    """Every grant agreement in force or ended that did not come from a grant decision here."""
    agreements = list(
        Agreement.objects.filter(
            kind=Agreement.Kind.GRANT,
            grant_decision__isnull=True,
            provider__isnull=False,
            status__in=PUBLISHED,
        )
        .select_related("provider", "commissioner", "place")
        .order_by("starts_on", "pk")
    )
    claims = _paid_claims([agreement.pk for agreement in agreements])
    return [agreement_grant(agreement, claims.get(agreement.pk, [])) for agreement in agreements]


EXTENSION = threesixty.GrantExtension(add_to=add_to_decisions, more=agreement_grants)
