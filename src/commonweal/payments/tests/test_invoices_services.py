"""Invoices from received to paid: the late payment figures against examples worked by hand from
the Late Payment of Commercial Debts (Interest) Act 1998, every refusal, corrections keeping the
first invoice, and who may do each step."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from commonweal.accounts.roles import Role
from commonweal.agreements.models import Agreement, Member
from commonweal.core.models import AuditEntry
from commonweal.organisations.models import Organisation
from commonweal.payments import selectors_invoices, services_invoices
from commonweal.payments.models import Invoice, ProviderKind, ScheduledPayment
from commonweal.payments.schedules import Milestone
from commonweal.payments.tests.fixtures_invoices import *  # noqa: F403
from commonweal.payments.tests.fixtures_invoices import make_agreement
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

day = datetime.date


def pay(invoice, actor, paid_on, amount):
    return services_invoices.invoice_pay(
        actor=actor, invoice=invoice, paid_on=paid_on, amount=D(amount)
    )


# --- Receiving --------------------------------------------------------------------------------------


def test_an_invoice_is_due_its_terms_after_it_is_received(make_invoice, council, provider):
    invoice = make_invoice(received_on=day(2025, 1, 1))
    assert invoice.due_on == day(2025, 1, 31)
    assert invoice.status == Invoice.Status.RECEIVED
    assert invoice.commissioner == council and invoice.provider == provider
    assert invoice.provider_kind == ProviderKind.VCSE
    assert AuditEntry.objects.filter(
        model="payments.invoice", reason="Received an invoice"
    ).exists()


@pytest.mark.parametrize(
    ("facts", "kind"),
    [
        ({"is_sme": True, "size_band": "medium"}, ProviderKind.SME),
        ({"size_band": "large"}, ProviderKind.LARGE),
        ({"size_band": ""}, ProviderKind.UNKNOWN),
    ],
)
def test_the_kind_of_provider_is_copied_when_received(make_invoice, agreement, facts, kind):
    # The flags are worked out from the organisation's facts when it is saved: set them as found.
    Organisation.objects.filter(pk=agreement.provider_id).update(
        **{"is_vcse": False, "is_sme": False, **facts}
    )
    assert make_invoice(on=Agreement.objects.get(pk=agreement.pk)).provider_kind == kind


@pytest.mark.parametrize(
    ("received_on", "message"),
    [
        (day(2024, 12, 31), "The agreement starts on 1 January 2025"),
        (day(2025, 10, 1), "invoices are taken until 30 September 2025"),
    ],
)
def test_an_invoice_outside_the_agreement_is_refused(make_invoice, agreement, received_on, message):
    agreement.ends_on = day(2025, 6, 30)
    agreement.save()
    with pytest.raises(ValidationError) as error:
        make_invoice(received_on=received_on)
    assert message in str(error.value.message_dict["received_on"])
    assert not Invoice.objects.exists()


def test_the_last_day_three_months_after_the_end_is_taken(make_invoice, agreement):
    agreement.ends_on = day(2025, 6, 30)
    agreement.save()
    assert make_invoice(received_on=day(2025, 9, 30)).due_on == day(2025, 10, 30)


def test_an_invoice_from_the_future_is_refused(make_invoice):
    with pytest.raises(ValidationError) as error:
        make_invoice(received_on=datetime.date.today() + datetime.timedelta(days=2))
    assert "received_on" in error.value.message_dict


def test_a_second_live_invoice_with_the_same_number_is_refused(make_invoice):
    make_invoice(number="A-1")
    with pytest.raises(ValidationError) as error:
        make_invoice(number="A-1")
    assert "already an invoice numbered A-1" in str(error.value.message_dict["number"])


@pytest.mark.parametrize(
    ("more", "field"),
    [
        ({"amount": "0"}, "amount"),
        ({"number": " "}, "number"),
        ({"description": "  "}, "description"),
    ],
)
def test_an_invoice_with_something_missing_is_refused(make_invoice, more, field):
    with pytest.raises(ValidationError) as error:
        make_invoice(**more)
    assert field in error.value.message_dict


def test_a_draft_agreement_takes_no_invoices(make_invoice, agreement):
    agreement.status = Agreement.Status.DRAFT
    agreement.save()
    with pytest.raises(ValidationError, match="still being set up"):
        make_invoice()


def test_a_scheduled_payment_of_another_agreement_is_refused(
    make_invoice, riverside, council, provider
):
    other = make_agreement(riverside, council, provider, title="Another")
    payment = ScheduledPayment.objects.create(
        agreement=other, kind="instalment", title="Month 1", due_on=day(2025, 2, 1), amount=1
    )
    with pytest.raises(ValidationError) as error:
        make_invoice(scheduled=payment)
    assert "scheduled" in error.value.message_dict


@pytest.mark.parametrize(
    "who", ["staff", "finance_officer", "resident", "stranger", "self_made", "back_office"]
)
def test_only_the_providers_people_send_invoices(make_invoice, request, who):
    with pytest.raises(ValidationError, match="Only the provider's people"):
        make_invoice(actor=request.getfixturevalue(who))


def test_in_an_alliance_the_member_sending_is_the_provider(riverside, council, provider):
    alliance = make_agreement(riverside, council, None, kind=Agreement.Kind.ALLIANCE)
    second = OrganisationFactory(name="Second Step")
    Organisation.objects.filter(pk=second.pk).update(is_vcse=False, is_sme=True)
    for organisation, role in (
        (council, "commissioner"),
        (provider, "provider"),
        (second, "provider"),
    ):
        Member.objects.create(agreement=alliance, organisation=organisation, role=role)
    person = UserFactory()
    RoleFactory(user=person, organisation=second, role=Role.PROVIDER_MEMBER)
    invoice = services_invoices.invoice_receive(
        actor=person,
        agreement=alliance,
        number="S-1",
        description="Outreach",
        amount=D("500"),
        received_on=day(2025, 2, 1),
    )
    assert invoice.provider == second and invoice.provider_kind == ProviderKind.SME
    with pytest.raises(ValidationError) as error:
        services_invoices.invoice_receive(
            actor=person,
            agreement=alliance,
            number="S-2",
            description="Outreach",
            amount=D("500"),
            received_on=day(2025, 2, 1),
            provider=provider,
        )
    assert "provider" in error.value.message_dict


def test_in_a_subcontract_the_strategic_partner_pays(riverside, council, provider, provider_person):
    partner = OrganisationFactory(name="Strategic Partner Ltd")
    partner_person = UserFactory()
    RoleFactory(user=partner_person, organisation=partner, role=Role.ADMINISTRATOR)
    parent = make_agreement(
        riverside, council, partner, kind=Agreement.Kind.STRATEGIC_PARTNERSHIP, title="Partnership"
    )
    sub = make_agreement(
        riverside, partner, provider, kind=Agreement.Kind.SUBCONTRACT, parent=parent, title="Sub"
    )
    invoice = services_invoices.invoice_receive(
        actor=provider_person,
        agreement=sub,
        number="SUB-1",
        description="January",
        amount=D("1000"),
        received_on=day(2025, 1, 1),
    )
    assert invoice.commissioner == partner
    paid = pay(invoice, partner_person, day(2025, 1, 20), "1000").invoice
    assert paid.status == Invoice.Status.PAID and paid.paid_late is False


# --- Paying, and what late payment adds ---------------------------------------------------------------


def test_twelve_thousand_pounds_paid_forty_five_days_late(make_invoice, staff):
    # Due 31 January 2025, paid 17 March 2025: 28 days of February and 17 of March, 45 days late.
    # Interest starts on 1 February 2025, so the reference rate is Bank Rate on 31 December 2024:
    # 4.75% (cut from 5% on 7 November 2024); plus 8% is 12.75% a year.
    # 12,000 x 12.75% x 45 / 365 = 1,530 x 45 / 365 = 188.630..., £188.63. The debt is £10,000 or
    # more: £100 compensation. Most that may be paid: 12,000 + 188.63 + 100 = £12,288.63.
    invoice = make_invoice(amount="12000", received_on=day(2025, 1, 1))
    charges = selectors_invoices.late_charges(invoice.amount, invoice.due_on, day(2025, 3, 17))
    assert (charges.days_late, charges.rate, charges.interest, charges.compensation) == (
        45,
        D("12.75"),
        D("188.63"),
        D("100"),
    )
    with pytest.raises(ValidationError) as error:
        pay(invoice, staff, day(2025, 3, 17), "12288.64")
    assert "£12,288.63" in str(error.value.message_dict["amount"])
    paid = pay(invoice, staff, day(2025, 3, 17), "12288.63").invoice
    paid.refresh_from_db()
    assert paid.status == Invoice.Status.PAID
    assert paid.days_to_pay == 75  # 1 January to 17 March
    assert paid.paid_late is True
    assert (paid.interest, paid.compensation) == (D("188.63"), D("100.00"))
    assert paid.paid_amount == D("12288.63")


def test_five_thousand_pounds_thirty_days_late(make_invoice, finance_officer):
    # Due 31 January 2025, paid 2 March 2025: 30 days late at 12.75%:
    # 5,000 x 12.75% x 30 / 365 = 19,125 / 365 = 52.397..., £52.40; under £10,000: £70.
    invoice = make_invoice(amount="5000")
    made = pay(invoice, finance_officer, day(2025, 3, 2), "5000")
    assert made.charges.interest == D("52.40") and made.charges.compensation == D("70")
    assert made.most == D("5122.40")
    assert made.invoice.paid_late is True and made.invoice.days_to_pay == 60


def test_a_debt_due_in_july_uses_bank_rate_on_30_june(make_invoice, staff):
    # Received 15 June 2025, due 15 July 2025, paid 14 August 2025: 30 days late. Interest starts
    # 16 July: Bank Rate on 30 June 2025 was 4.25% (cut on 8 May), 12.25% a year.
    # 800 x 12.25% x 30 / 365 = 2,940 / 365 = 8.054..., £8.05; under £1,000: £40.
    invoice = make_invoice(amount="800", received_on=day(2025, 6, 15))
    made = pay(invoice, staff, day(2025, 8, 14), "848.05")
    assert (made.charges.rate, made.charges.interest, made.charges.compensation) == (
        D("12.25"),
        D("8.05"),
        D("40"),
    )


@pytest.mark.parametrize(
    ("amount", "due_on", "paid_on"),
    [
        ("12000", day(2025, 1, 31), day(2025, 3, 17)),
        ("800", day(2025, 7, 15), day(2025, 8, 14)),
        ("0.01", day(2024, 12, 31), day(2025, 1, 1)),
        ("999999.99", day(2025, 6, 30), day(2026, 6, 30)),
    ],
)
def test_a_list_reading_each_rate_once_works_out_the_same(amount, due_on, paid_on):
    rates: dict = {}
    once = selectors_invoices.late_charges(D(amount), due_on, paid_on)
    listed = selectors_invoices.late_charges(D(amount), due_on, paid_on, rates=rates)
    assert listed == once and len(rates) == 1


@pytest.mark.parametrize(
    ("amount", "compensation"),
    [("999.99", "40"), ("1000", "70"), ("9999.99", "70"), ("10000", "100")],
)
def test_the_fixed_compensation_by_the_size_of_the_debt(make_invoice, staff, amount, compensation):
    invoice = make_invoice(amount=amount)
    assert pay(invoice, staff, day(2025, 2, 1), amount).charges.compensation == D(compensation)


def test_paid_on_the_day_it_is_due_is_on_time(make_invoice, staff):
    made = pay(make_invoice(), staff, day(2025, 1, 31), "12000")
    assert made.invoice.paid_late is False and made.invoice.days_to_pay == 30
    assert made.invoice.interest == D("0") and made.most == D("12000")
    with pytest.raises(ValidationError):
        pay(made.invoice, staff, day(2025, 1, 31), "12000")  # paid already


def test_a_payment_below_the_invoice_or_before_it_was_received_is_refused(make_invoice, staff):
    invoice = make_invoice()
    with pytest.raises(ValidationError) as error:
        pay(invoice, staff, day(2025, 1, 20), "11999.99")
    assert "less than the invoice" in str(error.value.message_dict["amount"])
    with pytest.raises(ValidationError) as error:
        pay(invoice, staff, day(2024, 12, 31), "12000")
    assert "paid_on" in error.value.message_dict


@pytest.mark.parametrize(
    "who", ["provider_person", "resident", "stranger", "self_made", "other_staff"]
)
def test_only_the_payers_side_pays(make_invoice, request, who):
    with pytest.raises(ValidationError, match="Only those who pay"):
        pay(make_invoice(), request.getfixturevalue(who), day(2025, 1, 20), "12000")


# --- Disputes and approval ---------------------------------------------------------------------------


def test_a_dispute_does_not_stop_interest_running_from_the_due_day(make_invoice, staff):
    invoice = make_invoice()
    disputed = services_invoices.invoice_dispute(
        actor=staff, invoice=invoice, disputed_on=day(2025, 1, 10), reason="Two visits missing."
    )
    assert disputed.status == Invoice.Status.DISPUTED and disputed.disputed_on == day(2025, 1, 10)
    with pytest.raises(ValidationError, match="resolve the dispute first"):
        pay(disputed, staff, day(2025, 3, 17), "12000")
    with pytest.raises(ValidationError, match="resolve the dispute first"):
        services_invoices.invoice_approve(
            actor=staff, invoice=disputed, approved_on=day(2025, 3, 1)
        )
    resolved = services_invoices.invoice_resolve(actor=staff, invoice=disputed)
    assert resolved.status == Invoice.Status.RECEIVED
    assert resolved.dispute_reason == "Two visits missing."  # the dispute stays on the record
    approved = services_invoices.invoice_approve(
        actor=staff, invoice=resolved, approved_on=day(2025, 3, 10)
    )
    assert approved.status == Invoice.Status.APPROVED
    made = pay(approved, staff, day(2025, 3, 17), "12288.63")
    assert made.invoice.interest == D("188.63")  # from 31 January, as without the dispute


def test_a_dispute_needs_a_reason_and_a_day_after_it_was_received(make_invoice, staff):
    invoice = make_invoice()
    with pytest.raises(ValidationError) as error:
        services_invoices.invoice_dispute(
            actor=staff, invoice=invoice, disputed_on=day(2025, 1, 10), reason=" "
        )
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services_invoices.invoice_dispute(
            actor=staff, invoice=invoice, disputed_on=day(2024, 12, 1), reason="Wrong"
        )
    assert "disputed_on" in error.value.message_dict


@pytest.mark.parametrize("who", ["provider_person", "stranger", "other_staff"])
def test_only_the_payers_side_disputes_approves_or_resolves(make_invoice, request, who, staff):
    invoice = make_invoice()
    person = request.getfixturevalue(who)
    with pytest.raises(ValidationError):
        services_invoices.invoice_dispute(
            actor=person, invoice=invoice, disputed_on=day(2025, 1, 5), reason="No."
        )
    with pytest.raises(ValidationError):
        services_invoices.invoice_approve(
            actor=person, invoice=invoice, approved_on=day(2025, 1, 5)
        )
    services_invoices.invoice_dispute(
        actor=staff, invoice=invoice, disputed_on=day(2025, 1, 5), reason="No."
    )
    with pytest.raises(ValidationError):
        services_invoices.invoice_resolve(actor=person, invoice=invoice)


# --- Waivers --------------------------------------------------------------------------------------------


def test_the_provider_waives_late_payment_with_a_reason(make_invoice, provider_person, staff):
    invoice = make_invoice()
    with pytest.raises(ValidationError) as error:
        services_invoices.late_payment_waive(actor=provider_person, invoice=invoice, reason=" ")
    assert "reason" in error.value.message_dict
    waived = services_invoices.late_payment_waive(
        actor=provider_person, invoice=invoice, reason="We agreed a payment plan."
    )
    assert waived.late_payment_waived and waived.waiver_reason == "We agreed a payment plan."
    with pytest.raises(ValidationError) as error:
        pay(waived, staff, day(2025, 3, 17), "12000.01")
    assert "£12,000.00" in str(error.value.message_dict["amount"])
    made = pay(waived, staff, day(2025, 3, 17), "12000")
    # The figures are kept, so the record shows what was given up; what is owed leaves them out.
    assert made.invoice.interest == D("188.63") and made.invoice.paid_late is True
    with pytest.raises(ValidationError, match="already waived"):
        services_invoices.late_payment_waive(
            actor=provider_person, invoice=made.invoice, reason="x"
        )


@pytest.mark.parametrize("who", ["staff", "finance_officer", "back_office", "stranger"])
def test_the_payer_cannot_waive_what_it_owes(make_invoice, request, who):
    with pytest.raises(ValidationError, match="theirs to claim"):
        services_invoices.late_payment_waive(
            actor=request.getfixturevalue(who), invoice=make_invoice(), reason="Cheaper for us."
        )


# --- Corrections ------------------------------------------------------------------------------------------


def test_a_corrected_invoice_keeps_the_first(make_invoice, provider_person, staff):
    first = make_invoice(number="A-1", amount="12000")
    services_invoices.invoice_dispute(
        actor=staff, invoice=first, disputed_on=day(2025, 1, 5), reason="Ten hours too many."
    )
    second = services_invoices.invoice_correct(
        actor=provider_person,
        invoice=first,
        number="A-1",
        description="Support in January, corrected",
        amount=D("11500"),
        received_on=day(2025, 1, 8),
    )
    first.refresh_from_db()
    assert first.status == Invoice.Status.CORRECTED and first.amount == D("12000")
    assert first.dispute_reason == "Ten hours too many."
    assert second.corrects == first and second.number == "A-1"
    assert second.due_on == day(2025, 2, 7)  # 30 days from the day the correction was sent
    assert selectors_invoices.history(second) == [second, first]
    third = services_invoices.invoice_correct(
        actor=provider_person,
        invoice=second,
        number="A-1b",
        description="Again",
        amount=D("11400"),
        received_on=day(2025, 1, 9),
    )
    assert [invoice.pk for invoice in selectors_invoices.history(third)] == [
        third.pk,
        second.pk,
        first.pk,
    ]
    with pytest.raises(ValidationError, match="not yet paid"):
        services_invoices.invoice_correct(
            actor=provider_person,
            invoice=first,
            number="A-9",
            description="x",
            amount=D("1"),
            received_on=day(2025, 1, 9),
        )


def test_a_correction_that_changes_nothing_is_refused(make_invoice, provider_person):
    first = make_invoice(number="A-1")
    with pytest.raises(ValidationError, match="Nothing was changed"):
        services_invoices.invoice_correct(
            actor=provider_person,
            invoice=first,
            number="A-1",
            description=first.description,
            amount=first.amount,
            received_on=day(2025, 1, 2),
        )
    first.refresh_from_db()
    assert first.status == Invoice.Status.RECEIVED and Invoice.objects.count() == 1


def test_a_correction_cannot_take_another_live_invoices_number(make_invoice, provider_person):
    make_invoice(number="A-1")
    second = make_invoice(number="A-2")
    with pytest.raises(ValidationError) as error:
        services_invoices.invoice_correct(
            actor=provider_person,
            invoice=second,
            number="A-1",
            description="x",
            amount=D("1"),
            received_on=day(2025, 1, 2),
        )
    assert "number" in error.value.message_dict


def test_a_paid_invoice_cannot_be_corrected_and_the_payer_cannot_correct(
    make_invoice, provider_person, staff
):
    invoice = make_invoice()
    with pytest.raises(ValidationError, match="Only the provider's people"):
        services_invoices.invoice_correct(
            actor=staff,
            invoice=invoice,
            number="X",
            description="x",
            amount=D("1"),
            received_on=day(2025, 1, 2),
        )
    pay(invoice, staff, day(2025, 1, 20), "12000")
    with pytest.raises(ValidationError, match="not yet paid"):
        services_invoices.invoice_correct(
            actor=provider_person,
            invoice=invoice,
            number="X",
            description="x",
            amount=D("1"),
            received_on=day(2025, 1, 21),
        )


# --- Schedules --------------------------------------------------------------------------------------------


def test_the_schedule_is_worked_out_from_the_agreement(agreement, staff, make_invoice):
    made = services_invoices.schedule_create(actor=staff, agreement=agreement)
    assert len(made) == 36  # monthly over three years
    assert sum(payment.amount for payment in made) == D("120000")
    assert made[0].due_on == day(2025, 3, 2)
    # Unclaimed, it may be worked out again; claimed, it stays.
    again = services_invoices.schedule_create(actor=staff, agreement=agreement)
    assert ScheduledPayment.objects.count() == 36
    make_invoice(scheduled=again[0])
    with pytest.raises(ValidationError, match="cannot be replaced"):
        services_invoices.schedule_create(actor=staff, agreement=agreement)


def test_a_milestone_schedule_needs_its_milestones(agreement, staff):
    agreement.payment_profile = Agreement.PaymentProfile.MILESTONE
    agreement.save()
    with pytest.raises(ValidationError) as error:
        services_invoices.schedule_create(actor=staff, agreement=agreement)
    assert "milestones" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services_invoices.schedule_create(
            actor=staff,
            agreement=agreement,
            milestones=[Milestone("After the end", day(2028, 1, 1), D("100"))],
        )
    assert "falls outside the agreement" in str(error.value.message_dict["milestones"])
    made = services_invoices.schedule_create(
        actor=staff,
        agreement=agreement,
        milestones=[
            Milestone("Open", day(2025, 6, 1), D("60")),
            Milestone("End", day(2027, 12, 1), D("40")),
        ],
    )
    assert [(p.due_on, p.amount) for p in made] == [
        (day(2025, 7, 1), D("72000.00")),
        (day(2027, 12, 31), D("48000.00")),
    ]


@pytest.mark.parametrize("who", ["provider_person", "finance_officer", "stranger", "other_staff"])
def test_only_those_who_run_it_set_the_schedule(agreement, request, who):
    with pytest.raises(ValidationError):
        services_invoices.schedule_create(actor=request.getfixturevalue(who), agreement=agreement)
    assert not ScheduledPayment.objects.exists()
