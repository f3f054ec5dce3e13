"""What the API sends and accepts about awards and grant decisions."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.competitions.models import Award, GrantDecision

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0.01")}


class AwardSerializer(serializers.ModelSerializer):
    supplier = serializers.CharField(
        source="bid.organisation.name", help_text=_("The winning bidder.")
    )
    value = serializers.DecimalField(help_text=_("The contract's value, in pounds."), **MONEY)
    standstill_ends_on = serializers.DateField(
        help_text=_(
            "The standstill's last day (working days: Monday to Friday; bank holidays are not yet "
            "held, so one inside it counts as a working day). The contract is entered into after."
        )
    )
    status = serializers.CharField(
        source="opportunity.status",
        help_text=_("standstill, then awarded once the contract is in."),
    )

    class Meta:
        model = Award
        fields = [
            "supplier",
            "value",
            "reason",
            "decided_at",
            "standstill_ends_on",
            "status",
            "contract_signed_on",
            "contract_starts_on",
            "contract_ends_on",
        ]
        read_only_fields = fields


class AwardDecideSerializer(serializers.Serializer):
    bid = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("The winning bid's number. Left out: the most advantageous tender."),
    )
    value = serializers.DecimalField(
        required=False,
        help_text=_("The contract's value, in pounds. Left out: the winning bid's price."),
        max_value=Decimal("999999999999.99"),
        **MONEY,
    )
    reason = serializers.CharField(max_length=5000, help_text=_("Why this bid wins."))
    why_not_the_winner = serializers.CharField(
        max_length=5000,
        required=False,
        default="",
        allow_blank=True,
        help_text=_("Needed when the bid is not the most advantageous tender."),
    )


class GrantDecisionSerializer(serializers.ModelSerializer):
    applicant = serializers.CharField(source="bid.organisation.name", help_text=_("Who applied."))
    application = serializers.IntegerField(
        source="bid_id", help_text=_("The application's number.")
    )

    class Meta:
        model = GrantDecision
        fields = [
            "application",
            "applicant",
            "awarded",
            "amount",
            "reason",
            "planned_start",
            "planned_end",
            "decided_at",
        ]
        read_only_fields = fields


class GrantDecideSerializer(serializers.Serializer):
    application = serializers.IntegerField(min_value=1, help_text=_("The application's number."))
    awarded = serializers.BooleanField(help_text=_("Whether it is funded."))
    amount = serializers.DecimalField(
        required=False,
        allow_null=True,
        max_value=Decimal("999999999999.99"),
        help_text=_("The amount awarded, in pounds (needed when funded)."),
        **MONEY,
    )
    reason = serializers.CharField(max_length=5000, help_text=_("Why: the applicant reads it."))
    planned_start = serializers.DateField(required=False, allow_null=True)
    planned_end = serializers.DateField(required=False, allow_null=True)
