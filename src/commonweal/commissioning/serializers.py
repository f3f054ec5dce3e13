"""What the API sends about commissioning plans: published plans to everyone, drafts to those who
run them (and their citizen commissioners)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.commissioning.models import Contribution, CurrentContract, Plan
from commonweal.core.api.fields import ChoiceLabelField, PageAddressField, codes_help
from commonweal.organisations.serializers import organisation_slug
from commonweal.places.serializers import PlaceSlugField


class PlanSerializer(serializers.ModelSerializer):
    place = PlaceSlugField(read_only=True, help_text=_("The short name of the place it is for."))
    lead = organisation_slug(_("The short name of the public body leading it."))
    status = serializers.CharField(
        read_only=True, help_text=codes_help(_("Its stage, as a code:"), Plan.Status.choices)
    )
    status_label = ChoiceLabelField(
        Plan.Status.choices, source="status", help_text=_("Its stage, in words.")
    )
    web_address = PageAddressField("commissioning:plan", help_text=_("Its page on this site."))

    class Meta:
        model = Plan
        fields = [
            "id",
            "title",
            "summary",
            "place",
            "lead",
            "status",
            "status_label",
            "service_starts_on",
            "duration_months",
            "procurement_starts_on",
            "route",
            "published_at",
            "web_address",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": _("Its number, as used in web addresses and in this API.")},
            "route": {"help_text": _("The route to market chosen, as a code; empty until chosen.")},
            "published_at": {
                "help_text": _("When it was published to the pipeline; null for a draft.")
            },
        }


class ContributionSerializer(serializers.ModelSerializer):
    organisation = organisation_slug(_("The short name of the public body paying in."))

    class Meta:
        model = Contribution
        fields = ["organisation", "financial_year", "amount", "conditions"]
        read_only_fields = fields
        extra_kwargs = {
            "financial_year": {"help_text": _("The year the financial year starts in.")},
            "amount": {"help_text": _("Pounds.")},
        }


class CurrentContractSerializer(serializers.ModelSerializer):
    provider = organisation_slug(_("The short name of the provider paid now."))

    class Meta:
        model = CurrentContract
        fields = ["provider", "description", "annual_value", "ends_on"]
        read_only_fields = fields
        extra_kwargs = {"annual_value": {"help_text": _("Pounds a year.")}}


class PlanDetailSerializer(PlanSerializer):
    route_reason = serializers.CharField(read_only=True, help_text=_("Why the route was chosen."))
    social_value_considered = serializers.CharField(read_only=True)
    consulted = serializers.CharField(read_only=True)
    contributions = ContributionSerializer(many=True, read_only=True)
    current_contracts = CurrentContractSerializer(many=True, read_only=True)
    needs = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text=_("The numbers of the needs it meets.")
    )
    outcomes = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code", help_text=_("The codes of its outcomes.")
    )

    class Meta(PlanSerializer.Meta):
        fields = [
            *PlanSerializer.Meta.fields,
            "route_reason",
            "social_value_considered",
            "consulted",
            "contributions",
            "current_contracts",
            "needs",
            "outcomes",
        ]
        read_only_fields = fields
