"""Paying on time: an agreement's schedule of payments, invoices or claims from received to paid
(disputes and corrections kept), and what late payment adds.

The figures a payments compliance report needs are stored on the invoice when it is paid
(``days_to_pay``, ``paid_late``), so a report over a million invoices is one indexed aggregate.
``commissioner`` and ``provider_kind`` are copied from the agreement and the provider when the
invoice is received, for the same reason (and so the report says what the provider was then).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class ProviderKind(models.TextChoices):
    VCSE = "vcse", _("Voluntary, community or social enterprise")
    SME = "sme", _("Small or medium-sized business")
    LARGE = "large", _("Large organisation")
    UNKNOWN = "unknown", _("Not known")


class ScheduledPayment(models.Model):
    """A payment the agreement says is due: in advance, an instalment, or on a milestone."""

    class Kind(models.TextChoices):
        ADVANCE = "advance", _("In advance")
        INSTALMENT = "instalment", _("Instalment in arrears")
        MILESTONE = "milestone", _("Milestone")

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="scheduled_payments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("what it is for"), max_length=200)
    due_on = models.DateField(_("due"), db_index=True)
    amount = models.DecimalField(_("amount, in pounds"), **MONEY)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.title} due {self.due_on}"


class Invoice(models.Model):
    """An invoice or grant claim, from the day it was received to the day it was paid."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        DISPUTED = "disputed", _("Disputed")
        APPROVED = "approved", _("Approved")
        PAID = "paid", _("Paid")
        CORRECTED = "corrected", _("Replaced by a corrected invoice")

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.PROTECT, related_name="invoices"
    )
    commissioner = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="invoices_to_pay"
    )
    provider = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="invoices_sent"
    )
    provider_kind = models.CharField(
        _("kind of provider"), max_length=10, choices=ProviderKind.choices
    )
    scheduled = models.ForeignKey(
        ScheduledPayment,
        verbose_name=_("the scheduled payment it claims"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invoices",
    )
    corrects = models.OneToOneField(
        "self",
        verbose_name=_("the invoice it corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
    )
    number = models.CharField(_("invoice number"), max_length=60)
    description = models.CharField(_("what it is for"), max_length=300)
    amount = models.DecimalField(_("amount, in pounds"), **MONEY)
    received_on = models.DateField(_("received"))
    due_on = models.DateField(_("due"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    disputed_on = models.DateField(_("dispute notified"), null=True, blank=True)
    dispute_reason = models.TextField(_("what is disputed"), blank=True)
    approved_on = models.DateField(_("approved"), null=True, blank=True)
    paid_on = models.DateField(_("paid"), null=True, blank=True)
    paid_amount = models.DecimalField(_("amount paid, in pounds"), null=True, blank=True, **MONEY)
    days_to_pay = models.PositiveIntegerField(null=True, blank=True)
    paid_late = models.BooleanField(null=True)
    interest = models.DecimalField(
        _("late payment interest, in pounds"), default=Decimal("0"), **MONEY
    )
    compensation = models.DecimalField(
        _("late payment compensation, in pounds"), default=Decimal("0"), **MONEY
    )
    late_payment_waived = models.BooleanField(_("late payment waived"), default=False)
    waiver_reason = models.TextField(_("why it was waived"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            # The payments compliance report: paid invoices by payer and day paid.
            models.Index(fields=["commissioner", "paid_on"], name="invoice_paid_by_payer"),
            models.Index(fields=["paid_on"], name="invoice_paid_on"),
            models.Index(fields=["agreement", "-received_on"], name="invoice_agreement"),
            models.Index(fields=["provider", "status", "due_on"], name="invoice_provider_owed"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"],
                condition=~Q(status="corrected"),
                name="one_live_invoice_per_number",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("received_on")), name="invoice_due_after_received"
            ),
            models.CheckConstraint(
                condition=Q(status="paid", paid_on__isnull=False, paid_amount__isnull=False)
                | ~Q(status="paid"),
                name="paid_invoice_has_payment",
            ),
        ]

    def __str__(self) -> str:
        return f"Invoice {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("payments:invoice", kwargs={"pk": self.pk})
