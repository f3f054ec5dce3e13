"""A provider's cash flow through the API: only its own people and the back office, and what a
late invoice has added to what it is owed, worked out by hand."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils import timezone

from commonweal.payments.tests.fixtures_invoices import *  # noqa: F403

pytestmark = pytest.mark.django_db


def address(provider) -> str:
    return f"/api/organisations/{provider.slug}/cash-flow/"


@pytest.fixture
def invoice(make_invoice):
    return make_invoice(number="INV-1", amount="12000", received_on=datetime.date(2025, 1, 1))


def test_the_provider_reads_what_it_is_owed_with_the_law_s_charges(
    api, token_for, invoice, provider, provider_person
):
    answer = api.get(address(provider), token=token_for(provider_person))
    assert answer.status_code == 200
    data = answer.json()
    # Received 1 January 2025 on 30-day terms: due 31 January, late from 1 February. Interest runs
    # at Bank Rate on 31 December 2024 (4.75%) plus 8%: 12.75% a year, simple, by the day. A debt
    # of £10,000 or more adds £100.
    days = (timezone.localdate() - datetime.date(2025, 1, 31)).days
    interest = (Decimal("12000") * Decimal("0.1275") * days / 365).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    [owed] = data["owed"]
    assert owed["number"] == "INV-1" and owed["due_on"] == "2025-01-31"
    assert owed["days_late"] == days
    assert Decimal(owed["interest"]) == interest
    assert owed["compensation"] == "100.00"
    assert data["owed_total"] == "12000.00" and data["late_total"] == "12000.00"
    assert Decimal(data["charges_total"]) == interest + 100
    # Its agreement, paid monthly in arrears, against the other ways of paying.
    [comparison] = data["comparisons"]
    assert comparison["agreement"] == invoice.agreement_id
    assert comparison["current"]["profile"] == "monthly_arrears"
    assert {other["profile"] for other in comparison["others"]} == {
        "advance",
        "quarterly_arrears",
    }


def test_the_back_office_reads_it(api, token_for, invoice, provider, back_office):
    assert api.get(address(provider), token=token_for(back_office)).status_code == 200


def test_anonymous_people_must_sign_in(api, provider):
    assert api.get(address(provider)).status_code == 401


@pytest.mark.parametrize(
    "who", ["staff", "finance_officer", "resident", "stranger", "self_made", "other_staff"]
)
def test_nobody_else_reads_a_provider_s_cash_flow(api, token_for, provider, request, who):
    """Not even the payer: what a provider is owed by others is its own business."""
    token = token_for(request.getfixturevalue(who))
    assert api.get(address(provider), token=token).status_code == 403


def test_no_such_provider_is_a_404(api, token_for, back_office):
    assert (
        api.get(
            "/api/organisations/nobody-at-all/cash-flow/", token=token_for(back_office)
        ).status_code
        == 404
    )
