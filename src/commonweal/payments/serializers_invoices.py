"""What the API sends and accepts about invoices and an agreement's schedule of payments."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.payments.models import Invoice, ScheduledPayment

MONEY = {
    "max_digits": 14,
    "decimal_places": 2,
    "min_value": Decimal("0.01"),
    "max_value": Decimal("999999999999.99"),
}


class InvoiceSerializer(serializers.ModelSerializer):
    provider = serializers.CharField(source="provider.name", help_text=_("Who sent it."))
    agreement = serializers.IntegerField(
        source="agreement_id", help_text=_("The agreement's number.")
    )
    corrects = serializers.IntegerField(
        source="corrects_id",
        allow_null=True,
        help_text=_("The number of the invoice it corrects, kept as it was (null: none)."),
    )
    scheduled = serializers.IntegerField(
        source="scheduled_id",
        allow_null=True,
        help_text=_("The scheduled payment it claims (null: none)."),
    )
    status = serializers.CharField(
        help_text=_(
            "received, disputed, approved, paid, or corrected (replaced by a corrected invoice)."
        )
    )
    days_to_pay = serializers.IntegerField(
        allow_null=True, help_text=_("Days from received to paid, once paid.")
    )
    paid_late = serializers.BooleanField(
        allow_null=True, help_text=_("Whether it was paid after its due day, once paid.")
    )

    class Meta:
        model = Invoice
        fields = [
            "id",
            "agreement",
            "number",
            "description",
            "provider",
            "provider_kind",
            "amount",
            "received_on",
            "due_on",
            "status",
            "disputed_on",
            "dispute_reason",
            "approved_on",
            "paid_on",
            "paid_amount",
            "days_to_pay",
            "paid_late",
            "interest",
            "compensation",
            "late_payment_waived",
            "waiver_reason",
            "corrects",
            "scheduled",
        ]
        read_only_fields = fields


class InvoiceReceiveSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=60, help_text=_("The invoice number."))
    description = serializers.CharField(max_length=300, help_text=_("What it is for."))
    amount = serializers.DecimalField(help_text=_("The amount, in pounds."), **MONEY)
    received_on = serializers.DateField(
        help_text=_(
            "The day it was sent. From the agreement's first day to three months after its last; "
            "not in the future. It is due the agreement's payment terms after."
        )
    )
    scheduled = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("The scheduled payment it claims, if any."),
    )
    provider = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_(
            "In an alliance: the number of the providing member sending it (left out: the one you "
            "speak for, when there is only one)."
        ),
    )


class InvoiceCorrectSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=60, help_text=_("The corrected invoice's number."))
    description = serializers.CharField(max_length=300, help_text=_("What it is for."))
    amount = serializers.DecimalField(help_text=_("The corrected amount, in pounds."), **MONEY)
    received_on = serializers.DateField(
        required=False,
        help_text=_("The day the corrected invoice was sent (left out: today). It is due from it."),
    )


class DisputeSerializer(serializers.Serializer):
    disputed_on = serializers.DateField(help_text=_("The day the provider was told."))
    reason = serializers.CharField(max_length=5000, help_text=_("What is disputed."))


class ApproveSerializer(serializers.Serializer):
    approved_on = serializers.DateField(help_text=_("The day it was approved."))


class PaySerializer(serializers.Serializer):
    paid_on = serializers.DateField(help_text=_("The day it was paid."))
    amount = serializers.DecimalField(
        help_text=_(
            "The amount paid, in pounds: at least the invoice's amount, at most that with the late "
            "payment interest and compensation (unless waived)."
        ),
        **MONEY,
    )


class WaiveSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=5000, help_text=_("Why the provider waives the late payment charges.")
    )


class ScheduledPaymentSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(
        help_text=_(
            "advance (paid at the start of its period), instalment (in arrears) or milestone."
        )
    )

    class Meta:
        model = ScheduledPayment
        fields = ["id", "kind", "title", "due_on", "amount"]
        read_only_fields = fields


class MilestoneSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    reached_on = serializers.DateField(help_text=_("The day it is due to be reached."))
    weight = serializers.DecimalField(
        max_digits=7,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=_("Its share of the value, against the others' (a percentage, for example)."),
    )


class ScheduleCreateSerializer(serializers.Serializer):
    milestones = MilestoneSerializer(
        many=True,
        required=False,
        max_length=200,
        help_text=_("For an agreement paid by milestone: each milestone."),
    )
