"""Writes about invoices: an agreement's schedule of payments, and each invoice or claim from
received to paid (disputed, resolved, corrected, approved), with what late payment adds and its
waiver. Each inside one transaction and the audit context.

Decisions (say them to users as they are):
- An invoice may be received from the agreement's first day to three months after its last (the
  last month's work is invoiced after the end), never before it starts nor in the future.
- It is due ``payment_terms_days`` after it is received (30 at most for public contracts, and the
  same down the chain: a subcontract has its own terms, set when it is entered).
- A dispute is noted with the day it was notified; it does not stop the clock: under the Late
  Payment of Commercial Debts (Interest) Act 1998 interest on a valid invoice runs from the day
  after it fell due, so interest here runs from ``due_on`` on the invoice's amount to the day paid.
  If the invoice was not valid, the provider corrects it: the corrected one is a new invoice,
  received (and due) from the day it is sent, and the first is kept, marked as replaced.
- A payment is refused above what is due (the amount, with interest and compensation unless the
  provider waived them) and below the invoice's amount (record it when the invoice is paid).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.agreements import permissions as agreement_permissions
from commonweal.agreements.models import Agreement
from commonweal.core.audit import audit_context
from commonweal.organisations.models import Organisation
from commonweal.payments import permissions_invoices as permissions
from commonweal.payments import schedules, selectors_invoices
from commonweal.payments.models import Invoice, ProviderKind, ScheduledPayment

LATE_INVOICES_MONTHS = 3
CORRECTABLE = (Invoice.Status.RECEIVED, Invoice.Status.DISPUTED, Invoice.Status.APPROVED)
PAYABLE = (Invoice.Status.RECEIVED, Invoice.Status.APPROVED)


def _day(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def provider_kind(organisation: Organisation) -> str:
    """What the provider is for the payments report: VCSE, SME, large (its size is known and it is
    neither) or not known."""
    if organisation.is_vcse:
        return ProviderKind.VCSE
    if organisation.is_sme:
        return ProviderKind.SME
    if organisation.size_band:
        return ProviderKind.LARGE
    return ProviderKind.UNKNOWN


# --- The schedule ---------------------------------------------------------------------------------


def schedule_create(
    *, actor: User, agreement: Agreement, milestones: list[schedules.Milestone] | None = None
) -> list[ScheduledPayment]:
    """Work out the agreement's schedule of payments from its value, dates and payment profile,
    replacing one that no invoice claims yet."""
    if not agreement_permissions.can_manage(actor, agreement):
        raise ValidationError(_("Only those who run this agreement may set its schedule."))
    if agreement.payment_profile == Agreement.PaymentProfile.MILESTONE and not milestones:
        raise ValidationError(
            {"milestones": _("Enter the milestones: one a line, with the day and the percentage.")}
        )
    try:
        made = schedules.schedule(
            value=agreement.value,
            starts_on=agreement.starts_on,
            ends_on=agreement.ends_on,
            profile=agreement.payment_profile,
            terms_days=agreement.payment_terms_days,
            milestones=milestones,
        )
    except schedules.ScheduleError as error:
        raise ValidationError({"milestones": str(error)}) from None
    with transaction.atomic(), audit_context(actor=actor, reason=_("Set the schedule of payments")):
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        existing = ScheduledPayment.objects.filter(agreement=locked)
        if Invoice.objects.filter(scheduled__in=existing).exists():
            raise ValidationError(
                _("Invoices already claim payments on this schedule, so it cannot be replaced.")
            )
        for old in existing:
            old.delete()
        return [
            ScheduledPayment.objects.create(
                agreement=locked,
                kind=payment.kind,
                title=payment.title[:200],
                due_on=payment.due_on,
                amount=payment.amount,
            )
            for payment in made
        ]


# --- Receiving --------------------------------------------------------------------------------------


def _provider_for(actor: User, agreement: Agreement, provider: Organisation | None) -> Organisation:
    """Who sends it: the agreement's provider, or, in an alliance, the providing member sending."""
    sides = agreement_permissions.provider_ids(agreement)
    own = agreement_permissions.speaks_for_ids(actor) & sides
    if provider is None:
        if agreement.kind != Agreement.Kind.ALLIANCE and agreement.provider is not None:
            return agreement.provider
        if len(own) == 1:
            return Organisation.objects.get(pk=next(iter(own)))
        raise ValidationError({"provider": _("Choose the member of the alliance sending it.")})
    if provider.pk not in own:
        raise ValidationError(
            {"provider": _("Choose an organisation on the providing side that you speak for.")}
        )
    return provider


def _check_received_on(agreement: Agreement, received_on: datetime.date) -> None:
    if received_on > timezone.localdate():
        raise ValidationError(
            {"received_on": _("The day it was received cannot be in the future.")}
        )
    if received_on < agreement.starts_on:
        raise ValidationError(
            {
                "received_on": _(
                    "The agreement starts on %(day)s: an invoice cannot come before it starts."
                )
                % {"day": _day(agreement.starts_on)}
            }
        )
    latest = schedules.add_months(agreement.ends_on, LATE_INVOICES_MONTHS)
    if received_on > latest:
        raise ValidationError(
            {
                "received_on": _(
                    "The agreement ended on %(ended)s: invoices are taken until %(latest)s, three "
                    "months after."
                )
                % {"ended": _day(agreement.ends_on), "latest": _day(latest)}
            }
        )


def _number_taken(agreement: Agreement, number: str, *, but: Invoice | None = None) -> bool:
    rows = Invoice.objects.filter(agreement=agreement, number=number).exclude(
        status=Invoice.Status.CORRECTED
    )
    if but is not None:
        rows = rows.exclude(pk=but.pk)
    return rows.exists()


def _number_error(number: str) -> ValidationError:
    return ValidationError(
        {
            "number": _(
                "There is already an invoice numbered %(number)s on this agreement. Give it its "
                "own number, or correct the first."
            )
            % {"number": number}
        }
    )


def invoice_receive(
    *,
    actor: User,
    agreement: Agreement,
    number: str,
    description: str,
    amount: Decimal,
    received_on: datetime.date,
    scheduled: ScheduledPayment | None = None,
    provider: Organisation | None = None,
) -> Invoice:
    """Record an invoice or claim the provider sent: due its payment terms after it is received."""
    if not permissions.can_send(actor, agreement):
        raise ValidationError(
            _("Only the provider's people may send an invoice on this agreement.")
        )
    if agreement.status == Agreement.Status.DRAFT:
        raise ValidationError(_("The agreement is still being set up: it takes no invoices yet."))
    number, description = number.strip(), description.strip()
    if not number:
        raise ValidationError({"number": _("Enter the invoice number.")})
    if not description:
        raise ValidationError({"description": _("Say what the invoice is for.")})
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than nothing.")})
    if scheduled is not None and scheduled.agreement_id != agreement.pk:
        raise ValidationError({"scheduled": _("Choose a payment on this agreement's schedule.")})
    _check_received_on(agreement, received_on)
    sender = _provider_for(actor, agreement, provider)
    reason = _("Received an invoice")
    with transaction.atomic(), audit_context(actor=actor, reason=reason):
        Agreement.objects.select_for_update().filter(pk=agreement.pk).first()
        if _number_taken(agreement, number):
            raise _number_error(number)
        return Invoice.objects.create(
            agreement=agreement,
            commissioner_id=agreement.commissioner_id,
            provider=sender,
            provider_kind=provider_kind(sender),
            scheduled=scheduled,
            number=number,
            description=description,
            amount=amount,
            received_on=received_on,
            due_on=received_on + datetime.timedelta(days=agreement.payment_terms_days),
            created_by=actor,
        )


# --- The payer's steps ------------------------------------------------------------------------------


def _payer(actor: User, invoice: Invoice, what: str) -> None:
    if not permissions.can_pay(actor, invoice.agreement):
        raise ValidationError(
            _("Only those who pay for this agreement may %(what)s an invoice.") % {"what": what}
        )


def _locked(invoice: Invoice) -> Invoice:
    return Invoice.objects.select_for_update().select_related("agreement").get(pk=invoice.pk)


def _check_day(field: str, day: datetime.date, invoice: Invoice, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(
            {field: _("The day %(what)s cannot be in the future.") % {"what": what}}
        )
    if day < invoice.received_on:
        raise ValidationError(
            {
                field: _("The day %(what)s cannot be before the invoice was received, on %(day)s.")
                % {"what": what, "day": _day(invoice.received_on)}
            }
        )


def invoice_dispute(
    *, actor: User, invoice: Invoice, disputed_on: datetime.date, reason: str
) -> Invoice:
    """The payer disputes the invoice, saying what is wrong and the day the provider was told."""
    _payer(actor, invoice, _("dispute"))
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say what is disputed, so the provider can put it right.")}
        )
    _check_day("disputed_on", disputed_on, invoice, _("the dispute was notified"))
    with transaction.atomic(), audit_context(actor=actor, reason=_("Disputed an invoice")):
        locked = _locked(invoice)
        if locked.status not in (Invoice.Status.RECEIVED, Invoice.Status.APPROVED):
            raise ValidationError(_("Only an invoice waiting to be paid can be disputed."))
        locked.status = Invoice.Status.DISPUTED
        locked.disputed_on = disputed_on
        locked.dispute_reason = reason
        locked.approved_on = None
        locked.save(update_fields=["status", "disputed_on", "dispute_reason", "approved_on"])
    return locked


def invoice_resolve(*, actor: User, invoice: Invoice) -> Invoice:
    """The payer settles a dispute: the invoice waits to be approved again. The dispute's day and
    reason stay on it."""
    _payer(actor, invoice, _("resolve a dispute on"))
    with transaction.atomic(), audit_context(actor=actor, reason=_("Resolved a disputed invoice")):
        locked = _locked(invoice)
        if locked.status != Invoice.Status.DISPUTED:
            raise ValidationError(_("This invoice is not disputed."))
        locked.status = Invoice.Status.RECEIVED
        locked.save(update_fields=["status"])
    return locked


def invoice_approve(*, actor: User, invoice: Invoice, approved_on: datetime.date) -> Invoice:
    """The payer approves the invoice for payment."""
    _payer(actor, invoice, _("approve"))
    _check_day("approved_on", approved_on, invoice, _("it was approved"))
    with transaction.atomic(), audit_context(actor=actor, reason=_("Approved an invoice")):
        locked = _locked(invoice)
        if locked.status == Invoice.Status.DISPUTED:
            raise ValidationError(_("This invoice is disputed: resolve the dispute first."))
        if locked.status != Invoice.Status.RECEIVED:
            raise ValidationError(_("Only a received invoice can be approved."))
        locked.status = Invoice.Status.APPROVED
        locked.approved_on = approved_on
        locked.save(update_fields=["status", "approved_on"])
    return locked


@dataclass(frozen=True)
class Payment:
    invoice: Invoice
    charges: selectors_invoices.LateCharges
    most: Decimal


def invoice_pay(
    *, actor: User, invoice: Invoice, paid_on: datetime.date, amount: Decimal
) -> Payment:
    """Record the payment: days to pay and whether it was late are stored for the payments report,
    with the interest and compensation late payment adds."""
    _payer(actor, invoice, _("pay"))
    _check_day("paid_on", paid_on, invoice, _("it was paid"))
    with transaction.atomic(), audit_context(actor=actor, reason=_("Paid an invoice")):
        locked = _locked(invoice)
        if locked.status == Invoice.Status.DISPUTED:
            raise ValidationError(_("This invoice is disputed: resolve the dispute first."))
        if locked.status not in PAYABLE:
            raise ValidationError(_("This invoice is already paid or was replaced."))
        most, charges = selectors_invoices.amount_due(locked, paid_on)
        if amount > most:
            raise ValidationError(
                {
                    "amount": _(
                        "That is more than is due: £%(most)s on %(day)s (£%(amount)s, with £%(late)s "
                        "for paying late)."
                    )
                    % {
                        "most": f"{most:,.2f}",
                        "day": _day(paid_on),
                        "amount": f"{locked.amount:,.2f}",
                        "late": f"{most - locked.amount:,.2f}",
                    }
                }
            )
        if amount < locked.amount:
            raise ValidationError(
                {
                    "amount": _(
                        "That is less than the invoice's £%(amount)s. Record the payment when the "
                        "whole invoice is paid."
                    )
                    % {"amount": f"{locked.amount:,.2f}"}
                }
            )
        locked.status = Invoice.Status.PAID
        locked.paid_on = paid_on
        locked.paid_amount = amount
        locked.days_to_pay = (paid_on - locked.received_on).days
        locked.paid_late = paid_on > locked.due_on
        locked.interest = charges.interest
        locked.compensation = charges.compensation
        locked.save(
            update_fields=[
                "status",
                "paid_on",
                "paid_amount",
                "days_to_pay",
                "paid_late",
                "interest",
                "compensation",
            ]
        )
    return Payment(locked, charges, most)


# --- The provider's steps -----------------------------------------------------------------------------


def invoice_correct(
    *,
    actor: User,
    invoice: Invoice,
    number: str,
    description: str,
    amount: Decimal,
    received_on: datetime.date | None = None,
) -> Invoice:
    """Replace an unpaid invoice with a corrected one. The first is kept, marked as replaced; the
    corrected one is received (and due) from the day it is sent."""
    if not permissions.can_send(actor, invoice.agreement):
        raise ValidationError(_("Only the provider's people may correct an invoice."))
    number, description = number.strip(), description.strip()
    if not number:
        raise ValidationError({"number": _("Enter the invoice number.")})
    if not description:
        raise ValidationError({"description": _("Say what the invoice is for.")})
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than nothing.")})
    if (number, description, amount) == (invoice.number, invoice.description, invoice.amount):
        raise ValidationError(
            _("Nothing was changed: change the amount, what it is for or the number to correct it.")
        )
    received_on = received_on or timezone.localdate()
    _check_received_on(invoice.agreement, received_on)
    if received_on < invoice.received_on:
        raise ValidationError(
            {"received_on": _("A corrected invoice cannot be received before the first.")}
        )
    with transaction.atomic(), audit_context(actor=actor, reason=_("Corrected an invoice")):
        first = _locked(invoice)
        if first.status not in CORRECTABLE:
            raise ValidationError(_("Only an invoice not yet paid can be corrected."))
        if _number_taken(first.agreement, number, but=first):
            raise _number_error(number)
        first.status = Invoice.Status.CORRECTED
        first.save(update_fields=["status"])
        try:
            return Invoice.objects.create(
                agreement=first.agreement,
                commissioner_id=first.commissioner_id,
                provider_id=first.provider_id,
                provider_kind=first.provider_kind,
                scheduled_id=first.scheduled_id,
                corrects=first,
                number=number,
                description=description,
                amount=amount,
                received_on=received_on,
                due_on=received_on + datetime.timedelta(days=first.agreement.payment_terms_days),
                created_by=actor,
            )
        except IntegrityError:  # corrected twice at once
            raise ValidationError(_("This invoice was corrected already.")) from None


def late_payment_waive(*, actor: User, invoice: Invoice, reason: str) -> Invoice:
    """The provider gives up the late payment interest and compensation, saying why."""
    if not permissions.can_send(actor, invoice.agreement):
        raise ValidationError(
            _(
                "Only the provider's people may waive late payment charges: they are theirs to claim."
            )
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the late payment charges are waived.")})
    with transaction.atomic(), audit_context(actor=actor, reason=_("Waived late payment charges")):
        locked = _locked(invoice)
        if locked.status == Invoice.Status.CORRECTED:
            raise ValidationError(_("This invoice was replaced by a corrected one."))
        if locked.late_payment_waived:
            raise ValidationError(_("The late payment charges on this invoice are already waived."))
        locked.late_payment_waived = True
        locked.waiver_reason = reason
        locked.save(update_fields=["late_payment_waived", "waiver_reason"])
    return locked
