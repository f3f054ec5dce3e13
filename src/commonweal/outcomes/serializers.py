"""What the API sends about outcomes frameworks: a framework's latest published version, never a draft."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commonweal.core.api.fields import codes_help
from commonweal.organisations.serializers import organisation_slug
from commonweal.outcomes.models import (
    Endorsement,
    Framework,
    FrameworkVersion,
    Indicator,
    Outcome,
    OutcomeArea,
)
from commonweal.places.serializers import PlaceSlugField


class IndicatorSerializer(serializers.ModelSerializer):
    direction = serializers.CharField(
        read_only=True,
        help_text=codes_help(_("Which way is better:"), Indicator.Direction.choices),
    )
    frequency = serializers.CharField(
        read_only=True,
        help_text=codes_help(_("How often it is collected:"), Indicator.Frequency.choices),
    )
    breakdowns = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=codes_help(
            _("What its results are broken down by, as codes:"), Indicator.Breakdown.choices
        ),
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "definition",
            "unit",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "data_source",
            "frequency",
            "validation_method",
            "breakdowns",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "code": {"help_text": _("Its code, the same in every version.")},
            "name": {"help_text": _("The indicator.")},
            "definition": {"help_text": _("Exactly what is counted.")},
            "unit": {"help_text": _("What it is measured in.")},
            "baseline_value": {"help_text": _("Where it started.")},
            "baseline_date": {"help_text": _("When it was at the baseline.")},
            "target_value": {"help_text": _("What it should reach.")},
            "target_date": {"help_text": _("When it should reach the target.")},
            "data_source": {"help_text": _("Where the figures come from.")},
            "validation_method": {"help_text": _("How results are checked.")},
        }


class FrameworkOutcomeSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True, help_text=_("How we will know."))
    needs = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text=_("The numbers of the needs it addresses.")
    )

    class Meta:
        model = Outcome
        fields = ["code", "title", "description", "indicators", "needs"]
        read_only_fields = fields
        extra_kwargs = {
            "code": {"help_text": _("Its code, the same in every version.")},
            "title": {"help_text": _("The outcome.")},
            "description": {"help_text": _("What it means.")},
        }


class OutcomeAreaSerializer(serializers.ModelSerializer):
    outcomes = FrameworkOutcomeSerializer(many=True, read_only=True, help_text=_("Its outcomes."))

    class Meta:
        model = OutcomeArea
        fields = ["code", "name", "outcomes"]
        read_only_fields = fields
        extra_kwargs = {
            "code": {"help_text": _("Its code, the same in every version.")},
            "name": {"help_text": _("The outcome area.")},
        }


class EndorsementSerializer(serializers.ModelSerializer):
    organisation = organisation_slug(_("The short name of the organisation that endorsed it."))
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, help_text=_("The organisation's name.")
    )

    class Meta:
        model = Endorsement
        fields = ["organisation", "organisation_name", "comment", "endorsed_at"]
        read_only_fields = fields
        extra_kwargs = {
            "comment": {"help_text": _("What they said.")},
            "endorsed_at": {"help_text": _("When they endorsed it.")},
        }


class PublishedVersionSerializer(serializers.ModelSerializer):
    endorsements = serializers.SerializerMethodField(
        help_text=_("The voluntary organisations that endorsed it.")
    )
    areas = serializers.SerializerMethodField(
        help_text=_("Its outcome areas, each with outcomes and indicators.")
    )

    class Meta:
        model = FrameworkVersion
        fields = ["number", "published_at", "change_note", "endorsements", "areas"]
        read_only_fields = fields
        extra_kwargs = {
            "number": {"help_text": _("The version's number.")},
            "published_at": {"help_text": _("When it was published.")},
            "change_note": {"help_text": _("What changed and why.")},
        }

    @extend_schema_field(EndorsementSerializer(many=True))
    def get_endorsements(self, version):
        return EndorsementSerializer(self.context["endorsements"], many=True).data

    @extend_schema_field(OutcomeAreaSerializer(many=True))
    def get_areas(self, version):
        return OutcomeAreaSerializer(self.context["areas"], many=True).data


class FrameworkSerializer(serializers.ModelSerializer):
    place = PlaceSlugField(read_only=True, help_text=_("The short name of the place it is for."))
    owner = organisation_slug(_("The short name of the organisation that looks after it."))
    published_version = serializers.IntegerField(
        read_only=True, help_text=_("The number of its latest published version.")
    )
    web_address = serializers.CharField(
        source="get_absolute_url", read_only=True, help_text=_("Its page on this site.")
    )

    class Meta:
        model = Framework
        fields = ["slug", "name", "summary", "place", "owner", "published_version", "web_address"]
        read_only_fields = fields
        extra_kwargs = {
            "slug": {"help_text": _("Its short name, used in web addresses and in this API.")},
            "name": {"help_text": _("Its name.")},
            "summary": {"help_text": _("What it is for.")},
        }


class FrameworkDetailSerializer(FrameworkSerializer):
    version = serializers.SerializerMethodField(
        help_text=_("Its latest published version, in full.")
    )

    class Meta(FrameworkSerializer.Meta):
        fields = [*FrameworkSerializer.Meta.fields, "version"]
        read_only_fields = fields

    @extend_schema_field(PublishedVersionSerializer)
    def get_version(self, framework):
        return PublishedVersionSerializer(self.context["version"], context=self.context).data
