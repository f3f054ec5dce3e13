"""What the API sends and accepts about agreements: the list's rows, one agreement with its KPIs,
break points, variations, assets and members, entering one, and a variation."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.agreements.models import (
    KPI,
    Agreement,
    AssetTransfer,
    BreakPoint,
    Member,
    Variation,
)
from commonweal.organisations.models import Organisation
from commonweal.places.serializers import PlaceSlugField

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0")}


def organisation_named(help_text, **kwargs) -> serializers.SlugRelatedField:
    """An organisation, by its short name (slug)."""
    return serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), help_text=help_text, **kwargs
    )


class AgreementFilterSerializer(serializers.Serializer):
    place = PlaceSlugField(
        required=False, help_text=_("A place's short name: its agreements and those inside it.")
    )
    kind = serializers.ChoiceField(choices=Agreement.Kind.choices, required=False)
    status = serializers.ChoiceField(choices=Agreement.Status.choices, required=False)
    provider = serializers.CharField(
        required=False, max_length=200, help_text=_("Part of a provider's or member's name.")
    )
    organisation = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_(
            "An organisation's short name: its agreements as provider, member or commissioner."
        ),
    )


class AgreementSerializer(serializers.ModelSerializer):
    place = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    commissioner = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    provider = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    value = serializers.DecimalField(read_only=True, **MONEY)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "kind",
            "status",
            "title",
            "place",
            "commissioner",
            "provider",
            "value",
            "starts_on",
            "ends_on",
        ]
        read_only_fields = fields


class AgreementKPISerializer(serializers.ModelSerializer):
    class Meta:
        model = KPI
        fields = ["id", "title", "target"]
        read_only_fields = fields


class AgreementBreakPointSerializer(serializers.ModelSerializer):
    class Meta:
        model = BreakPoint
        fields = ["id", "on", "notice_months", "note"]
        read_only_fields = fields


class AgreementAssetSerializer(serializers.ModelSerializer):
    value = serializers.DecimalField(read_only=True, **MONEY)

    class Meta:
        model = AssetTransfer
        fields = ["id", "kind", "description", "value", "conditions", "transferred_on"]
        read_only_fields = fields


class AgreementMemberSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    share = serializers.DecimalField(max_digits=5, decimal_places=2, read_only=True)

    class Meta:
        model = Member
        fields = ["organisation", "role", "share", "on_leadership_team"]
        read_only_fields = fields


class VariationSerializer(serializers.ModelSerializer):
    before = serializers.DictField(
        child=serializers.CharField(), read_only=True, help_text=_("What changed, as it was.")
    )
    after = serializers.DictField(
        child=serializers.CharField(), read_only=True, help_text=_("What changed, as it is now.")
    )

    class Meta:
        model = Variation
        fields = ["id", "kind", "reason", "before", "after", "decided_at"]
        read_only_fields = fields


class AgreementRateCardLineSerializer(serializers.Serializer):
    outcome = serializers.CharField(max_length=300)
    price = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"))


class AgreementDetailSerializer(AgreementSerializer):
    parent = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    plan = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    kpis = AgreementKPISerializer(many=True, read_only=True)
    break_points = AgreementBreakPointSerializer(many=True, read_only=True)
    variations = VariationSerializer(many=True, read_only=True)
    assets = AgreementAssetSerializer(many=True, read_only=True)
    members = AgreementMemberSerializer(many=True, read_only=True)
    rate_card = AgreementRateCardLineSerializer(many=True, read_only=True)
    match_funding = serializers.DecimalField(read_only=True, allow_null=True, **MONEY)
    in_kind_value = serializers.DecimalField(read_only=True, allow_null=True, **MONEY)
    pooled_budget = serializers.DecimalField(read_only=True, allow_null=True, **MONEY)

    class Meta(AgreementSerializer.Meta):
        fields = [
            *AgreementSerializer.Meta.fields,
            "summary",
            "reference",
            "source",
            "original_ends_on",
            "max_extension_months",
            "payment_terms_days",
            "payment_profile",
            "parent",
            "plan",
            "conditions",
            "match_funding",
            "in_kind",
            "in_kind_value",
            "principle",
            "decision_rule",
            "pooled_budget",
            "rate_card",
            "kpis",
            "break_points",
            "variations",
            "assets",
            "members",
        ]
        read_only_fields = fields


class KPIWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    target = serializers.CharField(max_length=200)


class AgreementCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Agreement.Kind.choices)
    place = PlaceSlugField(required=False, help_text=_("Not for a subcontract: its partnership's."))
    commissioner = organisation_named(
        _("The commissioner or funder's short name. Not for a subcontract: the partner pays."),
        required=False,
    )
    provider = organisation_named(
        _("The provider or grant holder's short name (an alliance may leave it out)."),
        required=False,
        allow_null=True,
    )
    parent = serializers.IntegerField(
        required=False, help_text=_("For a subcontract: the strategic partnership's number.")
    )
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    value = serializers.DecimalField(**MONEY)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    max_extension_months = serializers.IntegerField(min_value=0, max_value=600, default=0)
    payment_terms_days = serializers.IntegerField(min_value=1, max_value=120, default=30)
    payment_profile = serializers.ChoiceField(
        choices=Agreement.PaymentProfile.choices, default=Agreement.PaymentProfile.MONTHLY_ARREARS
    )
    conditions = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    match_funding = serializers.DecimalField(required=False, allow_null=True, **MONEY)
    in_kind = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    in_kind_value = serializers.DecimalField(required=False, allow_null=True, **MONEY)
    principle = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    decision_rule = serializers.ChoiceField(
        choices=Agreement.DecisionRule.choices, default=Agreement.DecisionRule.UNANIMITY
    )
    pooled_budget = serializers.DecimalField(required=False, allow_null=True, **MONEY)
    members = serializers.ListField(
        child=organisation_named(_("A provider member's short name.")),
        required=False,
        max_length=100,
        help_text=_("For an alliance: its provider members (the commissioner is one too)."),
    )
    rate_card = AgreementRateCardLineSerializer(many=True, required=False)
    kpis = KPIWriteSerializer(many=True, required=False)


class VariationWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Variation.Kind.choices)
    reason = serializers.CharField(max_length=5000)
    ends_on = serializers.DateField(required=False, help_text=_("For an extension."))
    value = serializers.DecimalField(required=False, help_text=_("For a change of value."), **MONEY)
    summary = serializers.CharField(
        max_length=5000, required=False, help_text=_("For a change of what is delivered.")
    )
    payment_terms_days = serializers.IntegerField(
        min_value=1, max_value=120, required=False, help_text=_("For a change of terms.")
    )
    payment_profile = serializers.ChoiceField(
        choices=Agreement.PaymentProfile.choices,
        required=False,
        help_text=_("For a change of terms."),
    )
    conditions = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, help_text=_("For a change of terms.")
    )
