"""What the API sends and accepts about payment performance: a payer's compliance report and a
place's public record."""

import datetime

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.core.api.fields import codes_help
from commonweal.payments.models import ProviderKind

EARLIEST, LATEST = datetime.date(1990, 1, 1), datetime.date(2200, 12, 31)


class PeriodFilterSerializer(serializers.Serializer):
    period = serializers.DateField(
        required=False,
        help_text=_(
            "Any day in the reporting period wanted (YYYY-MM-DD), from 1990 to 2200. Left out: "
            "the period today falls in."
        ),
    )

    def validate_period(self, value):
        if not EARLIEST <= value <= LATEST:
            raise serializers.ValidationError(_("Enter a day from 1990 to 2200."))
        return value


class PeriodSerializer(serializers.Serializer):
    starts = serializers.DateField(help_text=_("Its first day."))
    ends = serializers.DateField(help_text=_("Its last day."))
    statutory = serializers.BooleanField(
        help_text=_("Whether the Procurement Act 2023 asked for a notice for it.")
    )
    publish_by = serializers.DateField(help_text=_("The last day to publish its notice."))


class FiguresSerializer(serializers.Serializer):
    payments = serializers.IntegerField(source="paid", help_text=_("Payments made."))
    within_first_band = serializers.IntegerField(
        source="within", help_text=_("Made within day 1 to 30 (day 1: the day after receipt).")
    )
    within_second_band = serializers.IntegerField(
        source="middle", help_text=_("Made within day 31 to 60.")
    )
    later = serializers.IntegerField(help_text=_("Made on day 61 or later."))
    share_within_first_band = serializers.DecimalField(
        source="share_within",
        max_digits=4,
        decimal_places=1,
        allow_null=True,
        help_text=_("Percent made within day 1 to 30, to one decimal place; null when none."),
    )
    share_within_second_band = serializers.DecimalField(
        source="share_middle", max_digits=4, decimal_places=1, allow_null=True
    )
    share_later = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    average_days = serializers.DecimalField(
        max_digits=8,
        decimal_places=1,
        allow_null=True,
        help_text=_("The average days taken to pay, to one decimal place; null when none."),
    )
    paid_after_due = serializers.IntegerField(
        source="late", help_text=_("Paid after the day the agreement's own terms set.")
    )
    amount = serializers.DecimalField(max_digits=16, decimal_places=2, help_text=_("Pounds paid."))


class KindSerializer(serializers.Serializer):
    kind = serializers.CharField(
        help_text=codes_help(_("The kind of provider."), ProviderKind.choices)
    )
    label = serializers.CharField()
    figures = FiguresSerializer()


class QuarterSerializer(serializers.Serializer):
    starts = serializers.DateField(source="quarter.starts")
    ends = serializers.DateField(source="quarter.ends")
    publish_by = serializers.DateField(source="quarter.publish_by")
    payments = serializers.IntegerField(help_text=_("Payments over the threshold."))
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)


class ReportSerializer(serializers.Serializer):
    commissioner = serializers.CharField(source="commissioner.slug")
    commissioner_name = serializers.CharField(source="commissioner.name")
    period = PeriodSerializer()
    jurisdiction = serializers.CharField()
    total = FiguresSerializer()
    by_provider_kind = KindSerializer(source="by_kind", many=True)
    fell_due = serializers.IntegerField(help_text=_("Invoices that fell due in the period."))
    unpaid_in_period = serializers.IntegerField(
        help_text=_("Of those, how many were not paid within the period.")
    )
    share_unpaid = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    publication_threshold = serializers.DecimalField(
        source="threshold",
        max_digits=14,
        decimal_places=2,
        help_text=_("Payments of more than this are published each quarter (section 70)."),
    )
    quarters = QuarterSerializer(many=True)


class AgreementFiguresSerializer(serializers.Serializer):
    agreement = serializers.IntegerField(source="agreement_id")
    title = serializers.CharField(source="agreement__title")
    reference = serializers.CharField(source="agreement__reference")
    value = serializers.DecimalField(source="agreement__value", max_digits=14, decimal_places=2)
    provider = serializers.CharField(
        source="agreement__provider__name",
        allow_null=True,
        help_text=_("Null for an alliance, which has members instead."),
    )
    figures = FiguresSerializer()


class LargePaymentSerializer(serializers.Serializer):
    paid_on = serializers.DateField()
    amount = serializers.DecimalField(source="paid_amount", max_digits=14, decimal_places=2)
    agreement = serializers.IntegerField(source="agreement_id")
    agreement_title = serializers.CharField(source="agreement__title")
    provider = serializers.CharField(source="provider__name")
    provider_kind = serializers.CharField(
        help_text=codes_help(_("The kind of provider."), ProviderKind.choices)
    )


class PayerSerializer(serializers.Serializer):
    commissioner = serializers.CharField(source="slug")
    name = serializers.CharField()
    figures = FiguresSerializer()


class PlaceRecordSerializer(serializers.Serializer):
    place = serializers.CharField(source="place.slug")
    period = PeriodSerializer()
    payers = PayerSerializer(many=True, help_text=_("How promptly each buyer paid in the period."))


class PlaceAgreementSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="agreement.pk")
    title = serializers.CharField(source="agreement.title")
    kind = serializers.CharField(source="agreement.kind")
    status = serializers.CharField(source="agreement.status")
    place = serializers.CharField(source="agreement.place.slug")
    commissioner = serializers.CharField(source="agreement.commissioner.name")
    provider = serializers.CharField(
        source="agreement.provider.name", allow_null=True, default=None
    )
    starts_on = serializers.DateField(source="agreement.starts_on")
    ends_on = serializers.DateField(source="agreement.ends_on")
    value = serializers.DecimalField(source="agreement.value", max_digits=14, decimal_places=2)
    figures = FiguresSerializer(
        help_text=_("How promptly it has been paid, over all its payments.")
    )
