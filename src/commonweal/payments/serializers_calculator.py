"""What the late-payment calculator's endpoint reads (the query) and sends (the answer, the same
object as `commonweal late-payment --json`)."""

from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.payments.late_payment import LatePaymentError, late_payment, not_late_yet

# The most an amount may be: 12 figures of pounds and 2 of pence.
AMOUNT_DIGITS = 14
_AMOUNT_WORDS = _(
    "Enter the amount in pounds, with at most 2 numbers after the point, like 12000.50"
)


class LatePaymentQuerySerializer(serializers.Serializer):
    amount = serializers.DecimalField(
        max_digits=AMOUNT_DIGITS,
        decimal_places=2,
        help_text=_("How much the invoice was for, in pounds (more than 0), like 12000.50."),
        error_messages={
            "required": _("Say how much the invoice was for."),
            **dict.fromkeys(
                (
                    "invalid",
                    "max_digits",
                    "max_decimal_places",
                    "max_whole_digits",
                    "max_string_length",
                ),
                _AMOUNT_WORDS,
            ),
        },
    )
    due = serializers.DateField(
        help_text=_("The last day for paying the invoice on time (YYYY-MM-DD)."),
        error_messages={
            "required": _("Say when payment was due."),
            "invalid": _("Write the day payment was due as YYYY-MM-DD, like 2025-01-31."),
        },
    )
    paid = serializers.DateField(
        required=False,
        help_text=_("The day it was paid (YYYY-MM-DD). Left out: today, for what is owed now."),
        error_messages={
            "invalid": _("Write the day it was paid as YYYY-MM-DD, like 2025-03-17."),
        },
    )

    def validate(self, attrs):
        paid = attrs.get("paid")
        try:
            attrs["result"] = late_payment(
                attrs["amount"], attrs["due"], paid or timezone.localdate()
            )
        except LatePaymentError as error:
            field, words = error.field, error.message
            if paid is None and field == "paid":  # today was asked about, not a day given
                field, words = "due", not_late_yet(attrs["due"])
            raise serializers.ValidationError({field: [words.render(gettext, ngettext)]}) from None
        return attrs


class RuleSourceSerializer(serializers.Serializer):
    rule = serializers.CharField(help_text=_("The rule, in words."))
    source = serializers.CharField(help_text=_("The law or page its figure comes from."))


class LatePaymentSerializer(serializers.Serializer):
    amount = serializers.CharField(help_text=_('The invoice, in pounds, like "12000.00".'))
    due = serializers.DateField(help_text=_("When payment was due."))
    paid = serializers.DateField(help_text=_("When it was paid (today, if it was not given)."))
    days_late = serializers.IntegerField(
        help_text=_("Days from the day after payment was due to the day it was paid, both counted.")
    )
    reference_rate = serializers.CharField(
        help_text=_('Bank Rate on reference_rate_date, percent a year, like "4.75".')
    )
    reference_rate_date = serializers.DateField(
        help_text=_(
            "The 31 December or 30 June before interest started to run: the day the reference "
            "rate is fixed on, for the whole debt."
        )
    )
    statutory_rate = serializers.CharField(
        help_text=_('The interest a year: the reference rate plus 8, in percent, like "12.75".')
    )
    interest = serializers.CharField(
        help_text=_(
            "Simple interest: amount × statutory_rate% × days_late ÷ 365, to the penny, in pounds."
        )
    )
    compensation = serializers.CharField(
        help_text=_("The fixed sum for the size of the debt (£40, £70 or £100), in pounds.")
    )
    total = serializers.CharField(
        help_text=_("What is owed: amount, interest and compensation, in pounds.")
    )
    sources = RuleSourceSerializer(many=True, help_text=_("The rules used and their sources."))
