"""Pages for invoices: an agreement's invoices with what is owed and late, one invoice with its
history and late payment charges, the steps of each side (send, correct, waive; dispute, resolve,
approve, pay), the schedule of payments, and a provider's cash flow. Thin: reads through
selectors_invoices, writes through services_invoices."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commonweal.agreements import permissions as agreement_permissions
from commonweal.agreements.models import Agreement
from commonweal.core.forms import ID_RANGE
from commonweal.core.policy.dated import NoRuleInForce
from commonweal.core.policy.late_payment import reference_rate
from commonweal.core.viewtools import add_service_errors, paginate, posted, require
from commonweal.organisations.models import Organisation
from commonweal.payments import permissions_invoices as permissions
from commonweal.payments import selectors_invoices, services_invoices
from commonweal.payments.forms_invoices import (
    ApproveForm,
    CorrectForm,
    DisputeForm,
    InvoiceForm,
    PayForm,
    RateForm,
    ScheduleForm,
    WaiveForm,
)
from commonweal.payments.models import Invoice

INVOICES_PER_PAGE = 25


def agreement_url(agreement: Agreement) -> str:
    """The agreement's own page, once the agreements app has one ("" until then)."""
    try:
        return agreement.get_absolute_url()
    except NoReverseMatch:
        return ""


def _agreement(user, pk: int) -> Agreement:
    agreement = selectors_invoices.agreement_get(pk) if pk in ID_RANGE else None
    if agreement is None:
        raise Http404
    require(permissions.can_see(user, agreement))
    return agreement


def _invoice(user, pk: int) -> Invoice:
    invoice = selectors_invoices.invoice_get(pk) if pk in ID_RANGE else None
    if invoice is None:
        raise Http404
    require(permissions.can_see(user, invoice.agreement))
    return invoice


@login_required
@require_GET
def agreement_invoices(request, pk: int):
    agreement = _agreement(request.user, pk)
    today = timezone.localdate()
    return render(
        request,
        "payments/invoices/list.html",
        {
            "agreement": agreement,
            "agreement_url": agreement_url(agreement),
            "today": today,
            "totals": selectors_invoices.agreement_totals(agreement, today),
            "page": paginate(
                request, selectors_invoices.agreement_invoices(agreement), INVOICES_PER_PAGE
            ),
            "can_send": permissions.can_send(request.user, agreement),
            "can_pay": permissions.can_pay(request.user, agreement),
        },
    )


def _actions(user, invoice: Invoice) -> dict:
    can_pay = permissions.can_pay(user, invoice.agreement)
    can_send = permissions.can_send(user, invoice.agreement)
    status = invoice.status
    return {
        "dispute": can_pay and status in (Invoice.Status.RECEIVED, Invoice.Status.APPROVED),
        "resolve": can_pay and status == Invoice.Status.DISPUTED,
        "approve": can_pay and status == Invoice.Status.RECEIVED,
        "pay": can_pay and status in services_invoices.PAYABLE,
        "correct": can_send and status in services_invoices.CORRECTABLE,
        "waive": can_send
        and status != Invoice.Status.CORRECTED
        and not invoice.late_payment_waived,
    }


@login_required
@require_GET
def invoice(request, pk: int):
    found = _invoice(request.user, pk)
    today = timezone.localdate()
    if found.status == Invoice.Status.PAID:
        charges = selectors_invoices.LateCharges(
            max(0, (found.paid_on - found.due_on).days),
            None,
            found.interest,
            found.compensation,
        )
    elif found.status == Invoice.Status.CORRECTED:
        charges = selectors_invoices.late_charges(found.amount, found.due_on, found.due_on)
    else:
        charges = selectors_invoices.late_charges(found.amount, found.due_on, today)
    owed_now = found.amount + (Decimal(0) if found.late_payment_waived else charges.total)
    return render(
        request,
        "payments/invoices/detail.html",
        {
            "invoice": found,
            "agreement": found.agreement,
            "agreement_url": agreement_url(found.agreement),
            "today": today,
            "charges": charges,
            "owed_now": owed_now,
            "history": selectors_invoices.history(found)[1:],
            "corrected_by": selectors_invoices.corrected_by(found)
            if found.status == Invoice.Status.CORRECTED
            else None,
            "actions": _actions(request.user, found),
        },
    )


def _scheduled_choices(agreement: Agreement) -> list[tuple[int, str]]:
    return [
        (payment.pk, f"{payment.title}: £{payment.amount:,.2f}")
        for payment in selectors_invoices.schedule_of(agreement)
    ]


def _provider_choices(user, agreement: Agreement):
    if agreement.kind != Agreement.Kind.ALLIANCE:
        return None
    own = agreement_permissions.speaks_for_ids(user) & agreement_permissions.provider_ids(agreement)
    return [(org.pk, org.name) for org in Organisation.objects.filter(pk__in=own).order_by("name")]


@login_required
@require_http_methods(["GET", "POST"])
def invoice_new(request, pk: int):
    agreement = _agreement(request.user, pk)
    require(permissions.can_send(request.user, agreement))
    scheduled = _scheduled_choices(agreement)
    form = InvoiceForm(
        posted(request),
        scheduled_choices=scheduled,
        provider_choices=_provider_choices(request.user, agreement),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scheduled_payment = (
            agreement.scheduled_payments.filter(pk=data["scheduled"]).first()
            if data.get("scheduled")
            else None
        )
        provider = (
            Organisation.objects.filter(pk=data["provider"]).first()
            if data.get("provider")
            else None
        )
        try:
            made = services_invoices.invoice_receive(
                actor=request.user,
                agreement=agreement,
                number=data["number"],
                description=data["description"],
                amount=data["amount"],
                received_on=data["received_on"],
                scheduled=scheduled_payment,
                provider=provider,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Invoice %(number)s is sent. It is due by %(day)s.")
                % {"number": made.number, "day": date_format(made.due_on, "j F Y")},
            )
            return redirect("payments:invoice", pk=made.pk)
    return render(
        request,
        "payments/invoices/new.html",
        {"agreement": agreement, "agreement_url": agreement_url(agreement), "form": form},
        status=400 if form.errors else 200,
    )


def _step(
    request,
    pk: int,
    *,
    allowed,
    form_class,
    initial,
    run,
    heading,
    button,
    done,
    explain="",
    unchanged=None,
):
    """One step on an invoice: its form, the service, and back to the invoice. ``unchanged``
    (found, form) says when a form that shows the invoice came back as it was: nothing is done,
    and the person is told so, never shown an error."""
    found = _invoice(request.user, pk)
    require(allowed(request.user, found.agreement))
    form = form_class(posted(request), initial=initial(found))
    extra: dict = {}
    valid = request.method == "POST" and form.is_valid()
    if request.method == "POST" and unchanged and unchanged(found, form):
        messages.info(request, _("Nothing was changed, so the invoice stands as it was."))
        return redirect("payments:invoice", pk=found.pk)
    if valid:
        try:
            result = run(request.user, found, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            target = result if isinstance(result, Invoice) else result.invoice
            return redirect("payments:invoice", pk=target.pk)
    if form_class is PayForm:
        extra["due_today"] = selectors_invoices.amount_due(found, timezone.localdate())
    return render(
        request,
        "payments/invoices/step.html",
        {
            "invoice": found,
            "agreement": found.agreement,
            "agreement_url": agreement_url(found.agreement),
            "form": form,
            "heading": heading,
            "button": button,
            "explain": explain,
            **extra,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def invoice_dispute(request, pk: int):
    return _step(
        request,
        pk,
        allowed=permissions.can_pay,
        form_class=DisputeForm,
        initial=lambda _invoice: {},
        run=lambda user, found, data: services_invoices.invoice_dispute(
            actor=user, invoice=found, **data
        ),
        heading=_("Dispute the invoice"),
        button=_("Dispute it"),
        explain=_(
            "Say what is wrong and the day the provider was told. A dispute does not stop late payment interest on a valid invoice: if it is not valid, the provider sends a corrected one."
        ),
        done=_("The invoice is disputed. The provider can read what is disputed."),
    )


@login_required
@require_POST
def invoice_resolve(request, pk: int):
    found = _invoice(request.user, pk)
    require(permissions.can_pay(request.user, found.agreement))
    try:
        services_invoices.invoice_resolve(actor=request.user, invoice=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The dispute is resolved. The invoice waits for approval."))
    return redirect("payments:invoice", pk=found.pk)


@login_required
@require_http_methods(["GET", "POST"])
def invoice_approve(request, pk: int):
    return _step(
        request,
        pk,
        allowed=permissions.can_pay,
        form_class=ApproveForm,
        initial=lambda _invoice: {},
        run=lambda user, found, data: services_invoices.invoice_approve(
            actor=user, invoice=found, **data
        ),
        heading=_("Approve the invoice for payment"),
        button=_("Approve it"),
        explain="",
        done=_("The invoice is approved for payment."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def invoice_pay(request, pk: int):
    return _step(
        request,
        pk,
        allowed=permissions.can_pay,
        form_class=PayForm,
        initial=lambda _invoice: {},
        run=lambda user, found, data: services_invoices.invoice_pay(
            actor=user, invoice=found, **data
        ),
        heading=_("Record the payment"),
        button=_("Record the payment"),
        explain=_("Days to pay and whether it was late are kept for the payments report."),
        done=_("The payment is recorded."),
    )


def _correction_unchanged(found: Invoice, form) -> bool:
    """The number, what it is for and the amount came back as the invoice has them."""
    data = getattr(form, "cleaned_data", {})
    return (
        data.get("number") == found.number
        and data.get("description") == found.description
        and data.get("amount") == found.amount
    )


@login_required
@require_http_methods(["GET", "POST"])
def invoice_correct(request, pk: int):
    return _step(
        request,
        pk,
        allowed=permissions.can_send,
        form_class=CorrectForm,
        initial=lambda found: {
            "number": found.number,
            "description": found.description,
            "amount": found.amount,
        },
        run=lambda user, found, data: services_invoices.invoice_correct(
            actor=user, invoice=found, **data
        ),
        unchanged=_correction_unchanged,
        heading=_("Send a corrected invoice"),
        button=_("Send the corrected invoice"),
        explain=_(
            "The first invoice is kept, marked as replaced by this one. The corrected invoice is due its payment terms from the day it is sent."
        ),
        done=_("The corrected invoice is sent. The first is kept, marked as replaced."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def late_payment_waive(request, pk: int):
    return _step(
        request,
        pk,
        allowed=permissions.can_send,
        form_class=WaiveForm,
        initial=lambda _invoice: {},
        run=lambda user, found, data: services_invoices.late_payment_waive(
            actor=user, invoice=found, **data
        ),
        heading=_("Waive the late payment charges"),
        button=_("Waive them"),
        explain=_(
            "Late payment interest and compensation are yours to claim. Waived, they are not added to what is owed; your reason is kept with the invoice."
        ),
        done=_("The late payment charges on this invoice are waived."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request, pk: int):
    agreement = _agreement(request.user, pk)
    can_manage = agreement_permissions.can_manage(request.user, agreement)
    form = ScheduleForm(posted(request)) if can_manage else None
    if request.method == "POST":
        require(can_manage)
        assert form is not None
        if form.is_valid():
            try:
                made = services_invoices.schedule_create(
                    actor=request.user,
                    agreement=agreement,
                    milestones=form.cleaned_data["milestones"] or None,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The schedule has %(count)s payments.") % {"count": len(made)}
                )
                return redirect("payments:schedule", pk=agreement.pk)
    rows = list(selectors_invoices.schedule_of(agreement))
    return render(
        request,
        "payments/invoices/schedule.html",
        {
            "agreement": agreement,
            "agreement_url": agreement_url(agreement),
            "rows": rows,
            "total": sum((row.amount for row in rows), Decimal(0)),
            "form": form,
            "milestones": agreement.payment_profile == Agreement.PaymentProfile.MILESTONE,
        },
        status=400 if form is not None and form.errors else 200,
    )


def _default_rate(today) -> Decimal | None:
    try:
        return reference_rate(today).statutory_interest_rate
    except NoRuleInForce:
        return None


@login_required
@require_GET
def provider_cash_flow(request, slug: str):
    """The provider's own view: what it is owed, when, what is late (with the charges to today),
    and what its agreements' payment profiles cost it in money waiting."""
    organisation = get_object_or_404(Organisation, slug=slug)
    require(
        request.user.is_staff
        or organisation.pk in agreement_permissions.speaks_for_ids(request.user)
    )
    today = timezone.localdate()
    form = RateForm(request.GET or None)
    rate = form.cleaned_data.get("rate") if form.is_valid() else None
    default_rate = _default_rate(today)
    rate = rate if rate is not None else default_rate
    owed = selectors_invoices.provider_owed(organisation, today)
    comparisons = selectors_invoices.profile_comparisons(organisation, rate)
    late = [row for row in owed if row.charges.days_late > 0]
    return render(
        request,
        "payments/invoices/cash_flow.html",
        {
            "organisation": organisation,
            "today": today,
            "owed": owed,
            "owed_total": sum((row.invoice.amount for row in owed), Decimal(0)),
            "late_total": sum((row.invoice.amount for row in late), Decimal(0)),
            "charges_total": sum((row.charges.total for row in late), Decimal(0)),
            "comparisons": comparisons,
            "rate": rate,
            "default_rate": default_rate,
            "form": form,
            "profiles": dict(Agreement.PaymentProfile.choices),
        },
        status=400 if form.errors else 200,
    )
