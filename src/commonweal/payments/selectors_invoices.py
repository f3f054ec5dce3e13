"""Reads about invoices: an agreement's invoices and totals, one invoice with its history, the late
payment charges on a debt, and a provider's cash flow."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum

from commonweal.agreements.models import Agreement
from commonweal.core.policy.dated import NoRuleInForce
from commonweal.core.policy.late_payment import (
    fixed_compensation,
    reference_rate,
    statutory_interest,
)
from commonweal.organisations.models import Organisation
from commonweal.payments import cash_flow
from commonweal.payments.models import Invoice, ScheduledPayment

ZERO = Decimal("0.00")
PENNY = Decimal("0.01")
OPEN = (Invoice.Status.RECEIVED, Invoice.Status.DISPUTED, Invoice.Status.APPROVED)
LIVE = (*OPEN, Invoice.Status.PAID)


@dataclass(frozen=True)
class LateCharges:
    """What late payment adds to a debt: interest on the invoice's amount from the day after it
    fell due to the day it is paid (a dispute does not stop it), and the fixed compensation."""

    days_late: int
    rate: Decimal | None  # statutory interest, percent a year (None: not late)
    interest: Decimal
    compensation: Decimal

    @property
    def total(self) -> Decimal:
        return self.interest + self.compensation


def late_charges(
    amount: Decimal, due_on: date, on: date, *, rates: dict[date, Decimal] | None = None
) -> LateCharges:
    """The late payment charges on ``amount``, due on ``due_on``, paid (or still unpaid) on ``on``.

    ``rates``: the statutory rate already read for each period's start (a list of many invoices
    reads Bank Rate once for each half-year, not once for each invoice); the interest is then the
    same simple daily sum core.policy's ``statutory_interest`` works out."""
    days = (on - due_on).days
    if days <= 0:
        return LateCharges(0, None, ZERO, ZERO)
    starts = due_on + timedelta(days=1)
    try:
        if rates is None:
            rate = reference_rate(starts).statutory_interest_rate
            interest = statutory_interest(amount, due_on, on)
        else:
            period = date(starts.year, 1 if starts.month <= 6 else 7, 1)
            if period not in rates:
                rates[period] = reference_rate(starts).statutory_interest_rate
            rate = rates[period]
            interest = (amount * rate / 100 * days / 365).quantize(PENNY, ROUND_HALF_UP)
        return LateCharges(days, rate, interest, fixed_compensation(amount, due_on))
    except NoRuleInForce:
        return LateCharges(days, None, ZERO, ZERO)


def agreement_get(pk: int) -> Agreement | None:
    return (
        Agreement.objects.select_related("commissioner", "provider", "place").filter(pk=pk).first()
    )


def invoice_get(pk: int) -> Invoice | None:
    return (
        Invoice.objects.select_related(
            "agreement__commissioner",
            "agreement__provider",
            "agreement__place",
            "provider",
            "scheduled",
            "corrects",
        )
        .filter(pk=pk)
        .first()
    )


def agreement_invoices(agreement: Agreement) -> QuerySet[Invoice]:
    return (
        Invoice.objects.filter(agreement=agreement)
        .select_related("provider", "corrects")
        .order_by("-received_on", "-id")
    )


@dataclass(frozen=True)
class Totals:
    invoiced: Decimal  # live invoices (not those replaced by a correction)
    paid: Decimal
    owed: Decimal  # received, disputed or approved, not yet paid
    late: Decimal  # owed and past its due day
    late_count: int


def agreement_totals(agreement: Agreement, today: date) -> Totals:
    """One query: what the agreement's live invoices add up to."""
    found = Invoice.objects.filter(agreement=agreement).aggregate(
        invoiced=Sum("amount", filter=Q(status__in=LIVE)),
        paid=Sum("paid_amount", filter=Q(status=Invoice.Status.PAID)),
        owed=Sum("amount", filter=Q(status__in=OPEN)),
        late=Sum("amount", filter=Q(status__in=OPEN, due_on__lt=today)),
        late_count=Count("id", filter=Q(status__in=OPEN, due_on__lt=today)),
    )
    return Totals(
        invoiced=found["invoiced"] or ZERO,
        paid=found["paid"] or ZERO,
        owed=found["owed"] or ZERO,
        late=found["late"] or ZERO,
        late_count=found["late_count"],
    )


def history(invoice: Invoice) -> list[Invoice]:
    """The invoice and every one it corrects, the first last (one query for each step back)."""
    found = [invoice]
    seen = {invoice.pk}
    current = invoice
    while current.corrects_id and current.corrects_id not in seen:
        earlier = Invoice.objects.select_related("provider").filter(pk=current.corrects_id).first()
        if earlier is None:
            break
        found.append(earlier)
        seen.add(earlier.pk)
        current = earlier
    return found


def corrected_by(invoice: Invoice) -> Invoice | None:
    return Invoice.objects.filter(corrects=invoice).first()


def schedule_of(agreement: Agreement) -> QuerySet[ScheduledPayment]:
    return ScheduledPayment.objects.filter(agreement=agreement).annotate(
        invoiced=Count("invoices", filter=~Q(invoices__status=Invoice.Status.CORRECTED))
    )


def amount_due(invoice: Invoice, paid_on: date) -> tuple[Decimal, LateCharges]:
    """The most a payment on ``paid_on`` may be: the amount, and the late charges unless waived."""
    charges = late_charges(invoice.amount, invoice.due_on, paid_on)
    if invoice.late_payment_waived:
        return invoice.amount, charges
    return invoice.amount + charges.total, charges


# --- A provider's cash flow -----------------------------------------------------------------------


@dataclass(frozen=True)
class OwedRow:
    invoice: Invoice
    charges: LateCharges  # to today, for a late one (none when waived)


def provider_owed(organisation: Organisation, today: date) -> list[OwedRow]:
    """Every invoice the organisation has sent that is not yet paid, soonest due first, with the
    late charges on it to today."""
    rows = (
        Invoice.objects.filter(provider=organisation, status__in=OPEN)
        .select_related("agreement", "commissioner")
        .order_by("due_on", "id")
    )
    found = []
    rates: dict[date, Decimal] = {}
    for invoice in rows:
        charges = late_charges(invoice.amount, invoice.due_on, today, rates=rates)
        if invoice.late_payment_waived:
            charges = LateCharges(charges.days_late, charges.rate, ZERO, ZERO)
        found.append(OwedRow(invoice, charges))
    return found


def provider_agreements(organisation: Organisation) -> QuerySet[Agreement]:
    """The agreements the organisation provides under (as provider or alliance member), in force."""
    return (
        Agreement.objects.filter(
            Q(provider=organisation)
            | Q(members__organisation=organisation, members__role="provider")
        )
        .filter(status=Agreement.Status.LIVE)
        .select_related("commissioner")
        .distinct()
        .order_by("-starts_on", "-id")
    )


# A provider's cash-flow view compares this many of its agreements (the latest first).
AGREEMENTS_COMPARED = 20


def profile_comparisons(
    organisation: Organisation, rate: Decimal | None
) -> list[tuple[Agreement, cash_flow.Comparison]]:
    """For each of the provider's latest agreements, its money waiting under its own payment
    profile against paying in advance, monthly or quarterly, at ``rate`` percent a year (none
    without a rate). A milestone agreement is compared on its own schedule, once it has one."""
    if rate is None:
        return []
    found = []
    agreements = provider_agreements(organisation).prefetch_related("scheduled_payments")
    for agreement in agreements[:AGREEMENTS_COMPARED]:
        current = None
        if agreement.payment_profile == Agreement.PaymentProfile.MILESTONE:
            current = [(p.amount, p.due_on) for p in agreement.scheduled_payments.all()]
            if not current:
                continue
        found.append(
            (
                agreement,
                cash_flow.compare(
                    value=agreement.value,
                    starts_on=agreement.starts_on,
                    ends_on=agreement.ends_on,
                    terms_days=agreement.payment_terms_days,
                    profile=agreement.payment_profile,
                    rate=rate,
                    current=current,
                ),
            )
        )
    return found
