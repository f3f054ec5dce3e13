"""A provider's cash flow, as the API shows it (api_cash_flow.py)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

MONEY = {"max_digits": 16, "decimal_places": 2}


class OwedSerializer(serializers.Serializer):
    invoice = serializers.IntegerField(source="invoice.pk", help_text=_("The invoice's number."))
    agreement = serializers.IntegerField(
        source="invoice.agreement_id", help_text=_("The agreement's number.")
    )
    payer = serializers.CharField(source="invoice.commissioner.name")
    number = serializers.CharField(source="invoice.number")
    amount = serializers.DecimalField(source="invoice.amount", **MONEY)
    due_on = serializers.DateField(source="invoice.due_on")
    status = serializers.CharField(source="invoice.status")
    days_late = serializers.IntegerField(source="charges.days_late")
    interest = serializers.DecimalField(source="charges.interest", **MONEY)
    compensation = serializers.DecimalField(source="charges.compensation", **MONEY)


class WaitingSerializer(serializers.Serializer):
    profile = serializers.CharField(help_text=_("advance, monthly_arrears or quarterly_arrears."))
    average_days = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text=_("How long each pound waits, on average.")
    )
    cost = serializers.DecimalField(
        help_text=_("What the waiting costs at the rate, in pounds (less than nothing: ahead)."),
        **MONEY,
    )


class ComparisonSerializer(serializers.Serializer):
    agreement = serializers.SerializerMethodField()
    current = serializers.SerializerMethodField()
    others = serializers.SerializerMethodField()

    def get_agreement(self, row) -> int:
        return row[0].pk

    def get_current(self, row) -> dict:
        return WaitingSerializer(row[1].current).data

    def get_others(self, row) -> list[dict]:
        return [
            {**WaitingSerializer(waiting).data, "saves": f"{saves:.2f}"}
            for waiting, saves in row[1].others
        ]


class CashFlowSerializer(serializers.Serializer):
    today = serializers.DateField()
    owed_total = serializers.DecimalField(**MONEY)
    late_total = serializers.DecimalField(**MONEY)
    charges_total = serializers.DecimalField(
        help_text=_("Interest and compensation on the late ones, to today."), **MONEY
    )
    rate = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        allow_null=True,
        help_text=_("The statutory late payment rate the comparisons use, percent a year."),
    )
    owed = OwedSerializer(many=True)
    comparisons = ComparisonSerializer(many=True)
