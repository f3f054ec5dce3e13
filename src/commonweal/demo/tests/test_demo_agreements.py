"""The demo's agreements: money can be followed through each one (the issue's "done when")."""

from decimal import Decimal

import pytest
from django.urls import reverse

from commonweal.accounts.models import User
from commonweal.agreements.models import Agreement
from commonweal.demo import data
from commonweal.organisations.models import Organisation
from commonweal.payments.models import Invoice

pytestmark = pytest.mark.django_db


def _agreement(reference: str) -> Agreement:
    return Agreement.objects.get(reference=reference)


def test_the_25_contracts_came_in_through_the_import_and_the_alliance_replaces_them(demo_place):
    contracts = Agreement.objects.filter(reference__startswith="RBC-HRA-", kind="contract")
    assert contracts.count() == 25
    assert set(contracts.values_list("source", flat=True)) == {Agreement.Source.IMPORT}
    alliance = _agreement("RBC-HRA-ALLIANCE")
    assert set(contracts.values_list("replaced_by", flat=True)) == {alliance.pk}
    # Ten years, eight providers and the council, deciding unanimously.
    assert alliance.ends_on.year - alliance.starts_on.year == 10
    assert alliance.members.count() == 9
    assert sum(member.share for member in alliance.members.all()) == Decimal("100")
    assert alliance.decision_rule == Agreement.DecisionRule.UNANIMITY
    assert alliance.decisions.count() == 2
    assert alliance.risks.count() == 3
    assert alliance.kpis.count() >= 3  # worth more than £5 million


def test_a_year_of_invoices_with_some_paid_late_and_the_law_s_charges_added(demo_place):
    invoices = Invoice.objects.filter(agreement__reference__startswith="RBC-HRA-")
    # Twelve months of 25 contracts: this month's may not have come in yet.
    assert 275 <= invoices.count() <= 300
    late = invoices.filter(paid_late=True)
    assert late.count() == 10  # data_agreements.PAID_LATE
    # Waived by the provider, with its reason: nothing added to what was paid.
    waived = late.get(late_payment_waived=True)
    assert waived.waiver_reason
    assert waived.paid_amount == waived.amount
    charged = late.exclude(pk=waived.pk)
    # Every monthly invoice is over £1,000 and under £10,000, or £10,000 and more: £70 or £100 each.
    assert all(invoice.compensation in (Decimal("70"), Decimal("100")) for invoice in charged)
    assert all(invoice.interest > 0 for invoice in charged)
    assert all(
        invoice.paid_amount == invoice.amount + invoice.interest + invoice.compensation
        for invoice in charged
    )
    assert all(invoice.days_to_pay > 30 for invoice in late)
    # Two were disputed, then settled and paid.
    assert invoices.exclude(disputed_on=None).count() == 2


def test_the_grant_with_transferred_buildings_and_the_partnership_with_subcontracts(demo_place):
    grant = _agreement("RBC-GRANT-WW-01")
    assert grant.kind == Agreement.Kind.GRANT
    assert grant.assets.filter(kind="property").count() == 3
    assert grant.invoices.filter(status=Invoice.Status.PAID).exists()
    partnership = _agreement("RBC-SP-RVA-01")
    subcontracts = partnership.subcontracts.all()
    assert subcontracts.count() == 2
    partner = Organisation.objects.get(slug="riverside-voluntary-action")
    # The partner pays its subcontractors, on the same 30-day terms.
    assert {sub.commissioner_id for sub in subcontracts} == {partner.pk}
    assert {sub.payment_terms_days for sub in subcontracts} == {30}
    assert Invoice.objects.filter(agreement__in=subcontracts, commissioner=partner).exists()


def test_the_spring_round_s_funded_grants_became_grant_agreements(demo_place):
    grants = Agreement.objects.filter(source=Agreement.Source.GRANT_DECISION)
    assert grants.count() == 3  # three of the four applications were funded
    for grant in grants:
        # Half at the start, half after six months: the round's conditions.
        halves = list(grant.scheduled_payments.values_list("amount", flat=True))
        assert halves == [grant.value / 2, grant.value / 2]


def test_a_new_user_can_follow_the_money_through_each_agreement(demo_place, sign_in):
    """The commissioner opens each agreement and its invoices; the provider opens its cash flow."""
    commissioner = User.objects.get(email=data.email("commissioner"))
    client = sign_in(commissioner)
    for reference in ("RBC-HRA-01", "RBC-HRA-ALLIANCE", "RBC-GRANT-WW-01", "RBC-SP-RVA-01"):
        agreement = _agreement(reference)
        assert client.get(agreement.get_absolute_url()).status_code == 200
        invoices = client.get(reverse("payments:agreement-invoices", kwargs={"pk": agreement.pk}))
        assert invoices.status_code == 200
    shelter = _agreement("RBC-HRA-01")
    page = client.get(reverse("payments:agreement-invoices", kwargs={"pk": shelter.pk}))
    first_paid = shelter.invoices.filter(status=Invoice.Status.PAID).order_by("received_on")[0]
    assert first_paid.number in page.content.decode()
