"""The invoice endpoints: who may and may not read and do each step, 400s naming the field, and
the worked late payment example through the API."""

import datetime

import pytest

from commonweal.payments.models import Invoice, ScheduledPayment
from commonweal.payments.tests.fixtures_invoices import *  # noqa: F403

pytestmark = pytest.mark.django_db

BOTH_SIDES = ["provider_person", "staff", "finance_officer", "back_office"]
NEITHER = ["resident", "stranger", "self_made", "other_staff"]


@pytest.fixture
def invoice(make_invoice):
    return make_invoice(number="INV-1", amount="12000", received_on=datetime.date(2025, 1, 1))


def test_anonymous_people_must_sign_in(api, invoice):
    assert api.get(f"/api/agreements/{invoice.agreement_id}/invoices/").status_code == 401
    assert api.get(f"/api/invoices/{invoice.pk}/").status_code == 401
    assert api.get(f"/api/agreements/{invoice.agreement_id}/schedule/").status_code == 401
    assert api.post(f"/api/invoices/{invoice.pk}/pay/", {}).status_code == 401


@pytest.mark.parametrize("who", BOTH_SIDES)
def test_both_sides_read_the_invoices(api, token_for, invoice, request, who):
    token = token_for(request.getfixturevalue(who))
    listed = api.get(f"/api/agreements/{invoice.agreement_id}/invoices/", token=token)
    assert listed.status_code == 200
    assert [row["number"] for row in listed.json()["results"]] == ["INV-1"]
    one = api.get(f"/api/invoices/{invoice.pk}/", token=token).json()
    assert one["amount"] == "12000.00" and one["due_on"] == "2025-01-31"
    assert one["status"] == "received" and one["provider_kind"] == "vcse"


@pytest.mark.parametrize("who", NEITHER)
def test_nobody_else_reads_them(api, token_for, invoice, request, who):
    token = token_for(request.getfixturevalue(who))
    assert (
        api.get(f"/api/agreements/{invoice.agreement_id}/invoices/", token=token).status_code == 403
    )
    assert api.get(f"/api/invoices/{invoice.pk}/", token=token).status_code == 403
    assert (
        api.get(f"/api/agreements/{invoice.agreement_id}/schedule/", token=token).status_code == 403
    )


def test_no_such_invoice_is_a_404(api, token_for, staff):
    assert api.get("/api/invoices/99999/", token=token_for(staff)).status_code == 404


def test_the_provider_sends_and_a_refusal_names_the_field(
    api, token_for, agreement, provider_person
):
    token = token_for(provider_person)
    address = f"/api/agreements/{agreement.pk}/invoices/"
    made = api.post(
        address,
        {"number": "H-1", "description": "March", "amount": "4200", "received_on": "2025-04-01"},
        token=token,
    )
    assert made.status_code == 201 and made.json()["due_on"] == "2025-05-01"
    early = api.post(
        address,
        {"number": "H-2", "description": "Early", "amount": "1", "received_on": "2024-12-01"},
        token=token,
    )
    assert early.status_code == 400 and "received_on" in early.json()
    again = api.post(
        address,
        {"number": "H-1", "description": "Again", "amount": "1", "received_on": "2025-04-01"},
        token=token,
    )
    assert again.status_code == 400 and "number" in again.json()
    bad = api.post(address, {"number": "", "amount": "lots"}, token=token)
    assert bad.status_code == 400
    assert {"number", "amount", "description", "received_on"} <= set(bad.json())


@pytest.mark.parametrize("who", ["staff", "finance_officer", "back_office"])
def test_the_payers_side_does_not_send(api, token_for, agreement, request, who):
    response = api.post(
        f"/api/agreements/{agreement.pk}/invoices/",
        {"number": "X", "description": "x", "amount": "1", "received_on": "2025-04-01"},
        token=token_for(request.getfixturevalue(who)),
    )
    assert response.status_code == 403 and not Invoice.objects.exists()


def test_paid_forty_five_days_late_through_the_api(api, token_for, invoice, finance_officer):
    token = token_for(finance_officer)
    address = f"/api/invoices/{invoice.pk}/pay/"
    too_much = api.post(address, {"paid_on": "2025-03-17", "amount": "12288.64"}, token=token)
    assert too_much.status_code == 400 and "amount" in too_much.json()
    paid = api.post(address, {"paid_on": "2025-03-17", "amount": "12288.63"}, token=token).json()
    assert paid["status"] == "paid" and paid["days_to_pay"] == 75 and paid["paid_late"] is True
    assert paid["interest"] == "188.63" and paid["compensation"] == "100.00"


def test_dispute_resolve_approve(api, token_for, invoice, staff):
    token = token_for(staff)
    base = f"/api/invoices/{invoice.pk}"
    missing = api.post(f"{base}/dispute/", {"disputed_on": "2025-01-05"}, token=token)
    assert missing.status_code == 400 and "reason" in missing.json()
    disputed = api.post(
        f"{base}/dispute/", {"disputed_on": "2025-01-05", "reason": "Two missing."}, token=token
    )
    assert disputed.json()["status"] == "disputed"
    refused = api.post(f"{base}/approve/", {"approved_on": "2025-01-10"}, token=token)
    assert refused.status_code == 400
    assert api.post(f"{base}/resolve/", {}, token=token).json()["status"] == "received"
    approved = api.post(f"{base}/approve/", {"approved_on": "2025-01-10"}, token=token)
    assert approved.json()["status"] == "approved"


@pytest.mark.parametrize("who", ["provider_person", *NEITHER])
def test_nobody_but_the_payer_does_the_payers_steps(api, token_for, invoice, request, who):
    token = token_for(request.getfixturevalue(who))
    base = f"/api/invoices/{invoice.pk}"
    expected = 403
    for step, data in [
        ("dispute", {"disputed_on": "2025-01-05", "reason": "No."}),
        ("approve", {"approved_on": "2025-01-05"}),
        ("pay", {"paid_on": "2025-01-05", "amount": "12000"}),
        ("resolve", {}),
    ]:
        assert api.post(f"{base}/{step}/", data, token=token).status_code == expected, step
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.RECEIVED


def test_the_provider_corrects_and_waives(api, token_for, invoice, provider_person):
    token = token_for(provider_person)
    base = f"/api/invoices/{invoice.pk}"
    same = api.post(
        f"{base}/correct/",
        {"number": "INV-1", "description": invoice.description, "amount": "12000"},
        token=token,
    )
    assert same.status_code == 400
    corrected = api.post(
        f"{base}/correct/",
        {
            "number": "INV-1",
            "description": "Corrected",
            "amount": "11000",
            "received_on": "2025-01-05",
        },
        token=token,
    )
    assert corrected.status_code == 201 and corrected.json()["corrects"] == invoice.pk
    new = corrected.json()["id"]
    assert api.post(f"/api/invoices/{new}/waive/", {"reason": ""}, token=token).status_code == 400
    waived = api.post(f"/api/invoices/{new}/waive/", {"reason": "A plan."}, token=token).json()
    assert waived["late_payment_waived"] is True and waived["waiver_reason"] == "A plan."


@pytest.mark.parametrize("who", ["staff", "finance_officer", "back_office", *NEITHER])
def test_nobody_but_the_provider_corrects_or_waives(api, token_for, invoice, request, who):
    token = token_for(request.getfixturevalue(who))
    base = f"/api/invoices/{invoice.pk}"
    assert api.post(f"{base}/waive/", {"reason": "Cheaper."}, token=token).status_code == 403
    response = api.post(
        f"{base}/correct/", {"number": "Z", "description": "z", "amount": "1"}, token=token
    )
    assert response.status_code == 403 and Invoice.objects.count() == 1


def test_the_schedule(api, token_for, agreement, staff, provider_person):
    address = f"/api/agreements/{agreement.pk}/schedule/"
    assert api.post(address, {}, token=token_for(provider_person)).status_code == 403
    made = api.post(address, {}, token=token_for(staff))
    assert made.status_code == 201 and len(made.json()) == 36
    read = api.get(address, token=token_for(provider_person)).json()
    # 1 January 2025 to 31 December 2027 is 3 x 365 = 1,095 days; January's 31 of them:
    # 120,000 x 31 / 1,095 = 3,397.2602..., £3,397.26 (too small a remainder for a spare penny).
    assert read[0] == {
        "id": ScheduledPayment.objects.first().pk,
        "kind": "instalment",
        "title": "Month 1 in arrears (1 January 2025 to 31 January 2025)",
        "due_on": "2025-03-02",
        "amount": "3397.26",
    }
