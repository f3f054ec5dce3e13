"""The invoice pages: who may and may not see and use each, refusals shown with the reason, an
unchanged correction changing nothing, the cash-flow view, and query budgets."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from commonweal.core.models import AuditEntry
from commonweal.payments import services_invoices
from commonweal.payments.models import Invoice, ScheduledPayment
from commonweal.payments.tests.fixtures_invoices import *  # noqa: F403
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db

day = datetime.date
BOTH_SIDES = ["provider_person", "staff", "finance_officer", "back_office"]
NEITHER = ["resident", "stranger", "self_made", "other_staff"]


def url(name, *args):
    return reverse(f"payments:{name}", args=args)


@pytest.fixture
def invoice(make_invoice):
    return make_invoice(number="INV-1", amount="12000", received_on=day(2025, 1, 1))


def invoice_pages(invoice):
    return [
        url("agreement-invoices", invoice.agreement_id),
        url("invoice", invoice.pk),
        url("schedule", invoice.agreement_id),
    ]


# --- Who sees ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", BOTH_SIDES)
def test_both_sides_see_the_invoices(invoice, sign_in, request, who):
    client = sign_in(request.getfixturevalue(who))
    for address in invoice_pages(invoice):
        page = client.get(address)
        assert page.status_code == 200, address
    text = client.get(url("invoice", invoice.pk)).content.decode()
    assert "INV-1" in text and "£12,000.00" in text


@pytest.mark.parametrize("who", NEITHER)
def test_nobody_else_sees_them(invoice, sign_in, request, who):
    client = sign_in(request.getfixturevalue(who))
    for address in invoice_pages(invoice):
        assert client.get(address).status_code == 403, address


def test_anonymous_people_are_asked_to_sign_in(invoice, client):
    for address in [*invoice_pages(invoice), url("invoice-new", invoice.agreement_id)]:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith("/account/sign-in/"), address


def test_a_missing_or_too_big_number_is_not_found(sign_in, staff):
    client = sign_in(staff)
    assert client.get(url("invoice", 99999)).status_code == 404
    assert client.get(url("agreement-invoices", 2**63)).status_code == 404


def test_the_list_shows_what_is_owed_and_late(make_invoice, sign_in, staff):
    make_invoice(amount="1000", received_on=day(2025, 1, 1))
    make_invoice(amount="250.50", received_on=day(2025, 2, 1))
    text = sign_in(staff).get(url("agreement-invoices", Invoice.objects.first().agreement_id))
    text = text.content.decode()
    assert "£1,250.50" in text  # owed, and all of it late by now
    assert "2 invoices" in text


# --- Sending -------------------------------------------------------------------------------------------


def test_the_provider_sends_an_invoice(agreement, sign_in, provider_person):
    client = sign_in(provider_person)
    assert client.get(url("invoice-new", agreement.pk)).status_code == 200
    response = client.post(
        url("invoice-new", agreement.pk),
        {
            "number": "H-100",
            "description": "Support in February",
            "amount": "4200",
            "received_on": "2025-03-01",
        },
    )
    invoice = Invoice.objects.get()
    assert response.status_code == 302 and response["Location"] == url("invoice", invoice.pk)
    assert invoice.due_on == day(2025, 3, 31) and invoice.created_by == provider_person


def test_an_invoice_before_the_start_is_refused_with_the_reason(
    agreement, sign_in, provider_person
):
    response = sign_in(provider_person).post(
        url("invoice-new", agreement.pk),
        {"number": "H-1", "description": "Early", "amount": "10", "received_on": "2024-12-01"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert "an invoice cannot come before it starts" in text
    assert not Invoice.objects.exists()


def test_an_empty_form_shows_every_error(agreement, sign_in, provider_person):
    response = sign_in(provider_person).post(url("invoice-new", agreement.pk), {})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter the invoice number." in text and "Enter the day the invoice was sent." in text


@pytest.mark.parametrize("who", ["staff", "finance_officer", "back_office", *NEITHER])
def test_only_the_provider_sends(agreement, sign_in, request, who):
    client = sign_in(request.getfixturevalue(who))
    assert client.get(url("invoice-new", agreement.pk)).status_code == 403
    response = client.post(
        url("invoice-new", agreement.pk),
        {"number": "X", "description": "x", "amount": "1", "received_on": "2025-03-01"},
    )
    assert response.status_code == 403 and not Invoice.objects.exists()


# --- The payer's steps ------------------------------------------------------------------------------


def test_the_payer_disputes_resolves_approves_and_pays(invoice, sign_in, finance_officer):
    client = sign_in(finance_officer)
    for name in ("invoice-dispute", "invoice-approve", "invoice-pay"):
        assert client.get(url(name, invoice.pk)).status_code == 200
    response = client.post(
        url("invoice-dispute", invoice.pk), {"disputed_on": "2025-01-05", "reason": "Two missing."}
    )
    assert response.status_code == 302
    text = client.get(url("invoice", invoice.pk)).content.decode()
    assert "Two missing." in text and "The dispute is resolved" in text
    assert client.post(url("invoice-resolve", invoice.pk)).status_code == 302
    assert (
        client.post(url("invoice-approve", invoice.pk), {"approved_on": "2025-03-01"}).status_code
        == 302
    )
    # Paid 17 March 2025, 45 days late: £188.63 interest and £100 compensation may be added.
    too_much = client.post(
        url("invoice-pay", invoice.pk), {"paid_on": "2025-03-17", "amount": "12288.64"}
    )
    assert too_much.status_code == 400
    assert "That is more than is due: £12,288.63" in too_much.content.decode()
    paid = client.post(
        url("invoice-pay", invoice.pk), {"paid_on": "2025-03-17", "amount": "12288.63"}
    )
    assert paid.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID and invoice.interest == D("188.63")
    text = client.get(url("invoice", invoice.pk)).content.decode()
    assert "Paid 45 days late." in text and "£188.63" in text and "£100.00" in text


@pytest.mark.parametrize("who", ["provider_person", *NEITHER])
def test_nobody_but_the_payer_disputes_approves_or_pays(invoice, sign_in, request, who):
    client = sign_in(request.getfixturevalue(who))
    for name, data in [
        ("invoice-dispute", {"disputed_on": "2025-01-05", "reason": "No."}),
        ("invoice-approve", {"approved_on": "2025-01-05"}),
        ("invoice-pay", {"paid_on": "2025-01-05", "amount": "12000"}),
        ("invoice-resolve", {}),
    ]:
        assert client.post(url(name, invoice.pk), data).status_code == 403, name
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.RECEIVED


# --- The provider's steps -----------------------------------------------------------------------------


def test_a_correction_sent_unchanged_changes_nothing(invoice, sign_in, provider_person):
    client = sign_in(provider_person)
    page = client.get(url("invoice-correct", invoice.pk))
    assert page.status_code == 200
    audited = AuditEntry.objects.count()
    response = client.post(
        url("invoice-correct", invoice.pk),
        {
            "number": invoice.number,
            "description": invoice.description,
            "amount": "12000.00",
            "received_on": "2025-01-01",
        },
    )
    # Back to the invoice, told nothing changed: never an error for what the page itself showed.
    assert response.status_code == 302
    assert response.url == url("invoice", invoice.pk)
    shown = client.get(response.url).content.decode()
    assert "Nothing was changed, so the invoice stands as it was." in shown
    assert Invoice.objects.count() == 1 and AuditEntry.objects.count() == audited
    # Sent as the page shows it, with no day, it is the same.
    response = client.post(
        url("invoice-correct", invoice.pk),
        {"number": invoice.number, "description": invoice.description, "amount": "12000"},
    )
    assert response.status_code == 302
    assert Invoice.objects.count() == 1 and AuditEntry.objects.count() == audited


def test_a_corrected_invoice_shows_the_history_of_the_first(invoice, sign_in, provider_person):
    client = sign_in(provider_person)
    response = client.post(
        url("invoice-correct", invoice.pk),
        {
            "number": "INV-1",
            "description": "Corrected",
            "amount": "11000",
            "received_on": "2025-01-03",
        },
    )
    second = Invoice.objects.get(corrects=invoice)
    assert response["Location"] == url("invoice", second.pk)
    text = client.get(url("invoice", second.pk)).content.decode()
    assert "The invoices it corrects" in text and "£12,000.00" in text
    first = client.get(url("invoice", invoice.pk)).content.decode()
    assert "Replaced by a corrected invoice" in first


def test_the_provider_waives_with_a_reason(invoice, sign_in, provider_person):
    client = sign_in(provider_person)
    empty = client.post(url("invoice-waive", invoice.pk), {"reason": ""})
    assert empty.status_code == 400 and "Say why" in empty.content.decode()
    assert (
        client.post(url("invoice-waive", invoice.pk), {"reason": "A payment plan."}).status_code
        == 302
    )
    invoice.refresh_from_db()
    assert invoice.late_payment_waived


@pytest.mark.parametrize("who", ["staff", "finance_officer", "back_office", *NEITHER])
def test_nobody_but_the_provider_corrects_or_waives(invoice, sign_in, request, who):
    client = sign_in(request.getfixturevalue(who))
    assert client.get(url("invoice-correct", invoice.pk)).status_code == 403
    assert client.post(url("invoice-waive", invoice.pk), {"reason": "Cheaper."}).status_code == 403
    invoice.refresh_from_db()
    assert not invoice.late_payment_waived


# --- The schedule -------------------------------------------------------------------------------------


def test_those_who_run_it_work_out_the_schedule(agreement, sign_in, staff, provider_person):
    response = sign_in(staff).post(url("schedule", agreement.pk), {})
    assert response.status_code == 302 and ScheduledPayment.objects.count() == 36
    text = sign_in(provider_person).get(url("schedule", agreement.pk)).content.decode()
    assert "£120,000.00" in text and "Work out the schedule" not in text
    assert sign_in(provider_person).post(url("schedule", agreement.pk), {}).status_code == 403


# --- Cash flow ----------------------------------------------------------------------------------------


def test_the_provider_sees_its_cash_flow(invoice, sign_in, provider_person, provider):
    page = sign_in(provider_person).get(url("cash-flow", provider.slug), {"rate": "12"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "INV-1" in text and "days late" in text
    assert "Monthly, in arrears (now)" in text and "In advance" in text


def test_a_bad_rate_is_refused_with_the_reason(sign_in, provider_person, provider):
    page = sign_in(provider_person).get(url("cash-flow", provider.slug), {"rate": "lots"})
    assert page.status_code == 400 and "There is a problem" in page.content.decode()


@pytest.mark.parametrize("who", ["staff", "finance_officer", *NEITHER])
def test_nobody_else_sees_a_providers_cash_flow(provider, sign_in, request, who):
    assert (
        sign_in(request.getfixturevalue(who)).get(url("cash-flow", provider.slug)).status_code
        == 403
    )


def test_the_back_office_sees_a_providers_cash_flow(provider, sign_in, back_office):
    assert sign_in(back_office).get(url("cash-flow", provider.slug)).status_code == 200


# --- Query budgets ------------------------------------------------------------------------------------


def test_the_invoice_list_asks_no_more_for_more_invoices(agreement, make_invoice, sign_in, staff):
    client = sign_in(staff)
    for _ in range(3):
        make_invoice()
    few, _page = queries_for(client, url("agreement-invoices", agreement.pk))
    for _ in range(27):
        make_invoice()
    many, _page = queries_for(client, url("agreement-invoices", agreement.pk))
    no_growth(few, many, ceiling=25, what="the invoice list")


def test_the_cash_flow_asks_no_more_for_more_invoices(
    make_invoice, sign_in, provider_person, provider
):
    client = sign_in(provider_person)
    for _ in range(3):
        make_invoice()
    few, _page = queries_for(client, url("cash-flow", provider.slug))
    for _ in range(27):
        make_invoice()
    many, _page = queries_for(client, url("cash-flow", provider.slug))
    no_growth(few, many, ceiling=25, what="the cash flow")


def test_the_schedule_asks_no_more_for_more_payments(agreement, sign_in, staff):
    client = sign_in(staff)
    agreement.ends_on = day(2025, 3, 31)
    agreement.save()
    services_invoices.schedule_create(actor=staff, agreement=agreement)
    few, _page = queries_for(client, url("schedule", agreement.pk))
    agreement.ends_on = day(2027, 6, 30)
    agreement.save()
    services_invoices.schedule_create(actor=staff, agreement=agreement)
    many, _page = queries_for(client, url("schedule", agreement.pk))
    no_growth(few, many, ceiling=25, what="the schedule")


def test_in_an_alliance_the_member_sending_is_chosen(riverside, council, provider, sign_in):
    from commonweal.accounts.roles import Role
    from commonweal.agreements.models import Agreement, Member
    from commonweal.payments.tests.fixtures_invoices import make_agreement
    from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory

    alliance = make_agreement(riverside, council, None, kind=Agreement.Kind.ALLIANCE)
    second = OrganisationFactory(name="Second Step")
    for organisation, role in (
        (council, "commissioner"),
        (provider, "provider"),
        (second, "provider"),
    ):
        Member.objects.create(agreement=alliance, organisation=organisation, role=role)
    person = UserFactory()
    for organisation in (provider, second):
        RoleFactory(user=person, organisation=organisation, role=Role.PROVIDER_MEMBER)
    client = sign_in(person)
    page = client.get(url("invoice-new", alliance.pk)).content.decode()
    assert "Second Step" in page and "Harbour Housing" in page
    data = {"number": "A-1", "description": "Outreach", "amount": "90", "received_on": "2025-02-01"}
    missing = client.post(url("invoice-new", alliance.pk), data)
    assert missing.status_code == 400
    assert "Choose the member of the alliance sending it." in missing.content.decode()
    sent = client.post(url("invoice-new", alliance.pk), {**data, "provider": str(second.pk)})
    assert sent.status_code == 302 and Invoice.objects.get().provider == second
