"""What the API sends about co-design sessions, priority rounds and outcomes frameworks.

Public data only: participants as they agreed to be shown, a round's counts only once published
(never a ballot), and a framework's latest published version (never a draft).
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commonweal.api.serializers import PlaceSlugField
from commonweal.api.serializers_needs import LinkedOutcomeSerializer
from commonweal.codesign.models import Decision, Participant, Session
from commonweal.outcomes.models import (
    Endorsement,
    Framework,
    FrameworkVersion,
    Indicator,
    Outcome,
    OutcomeArea,
)
from commonweal.priorities.models import PriorityRound


def _codes_help(text, choices):
    return format_lazy(
        "{text} {codes}.", text=text, codes=", ".join(value for value, _label in choices)
    )


def _organisation(help_text, **kwargs):
    return serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=help_text, **kwargs
    )


# --- co-design sessions ---------------------------------------------------------------------------


class SessionSerializer(serializers.ModelSerializer):
    place = PlaceSlugField(read_only=True, help_text=_("The short name of the place it was for."))
    kind = serializers.CharField(
        read_only=True,
        help_text=_codes_help(_("The kind of session, as a code:"), Session.Kind.choices),
    )
    kind_label = serializers.CharField(
        source="get_kind_display", read_only=True, help_text=_("The kind, in words.")
    )
    organised_by = _organisation(_("The short name of the organisation that ran it."))
    needs = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text=_("The numbers of the needs it worked on.")
    )
    web_address = serializers.CharField(
        source="get_absolute_url", read_only=True, help_text=_("Its page on this site.")
    )

    class Meta:
        model = Session
        fields = [
            "id",
            "title",
            "kind",
            "kind_label",
            "starts_at",
            "location",
            "place",
            "organised_by",
            "needs",
            "web_address",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": _("Its number, as used in web addresses and in this API.")},
            "title": {"help_text": _("Its title.")},
            "starts_at": {"help_text": _("When it started.")},
            "location": {"help_text": _("Where it was held.")},
        }


class ParticipantSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(
        read_only=True,
        help_text=_codes_help(_("Taking part as, as a code:"), Participant.Kind.choices),
    )
    kind_label = serializers.CharField(
        source="get_kind_display", read_only=True, help_text=_("Taking part as, in words.")
    )
    organisation = _organisation(
        _("The short name of their organisation, if any."), allow_null=True
    )

    class Meta:
        model = Participant
        fields = ["display_name", "kind", "kind_label", "organisation"]
        read_only_fields = fields
        extra_kwargs = {"display_name": {"help_text": _("Their name, as they agreed to be shown.")}}


class DecisionSerializer(serializers.ModelSerializer):
    agreed_by = serializers.SlugRelatedField(
        slug_field="display_name",
        many=True,
        read_only=True,
        help_text=_("The names of the people who agreed."),
    )

    class Meta:
        model = Decision
        fields = ["text", "agreed_by", "recorded_at"]
        read_only_fields = fields
        extra_kwargs = {
            "text": {"help_text": _("What was decided.")},
            "recorded_at": {"help_text": _("When it was recorded.")},
        }


class SessionDetailSerializer(SessionSerializer):
    participants = ParticipantSerializer(many=True, read_only=True, help_text=_("Who took part."))
    decisions = DecisionSerializer(
        many=True, read_only=True, help_text=_("What was decided, and who agreed.")
    )
    outcomes = LinkedOutcomeSerializer(
        many=True, read_only=True, help_text=_("The outcomes it worked on.")
    )

    class Meta(SessionSerializer.Meta):
        fields = [
            *SessionSerializer.Meta.fields,
            "agenda",
            "notes",
            "participants",
            "decisions",
            "outcomes",
        ]
        read_only_fields = fields


# --- priority rounds ----------------------------------------------------------------------------------


class StandingSerializer(serializers.Serializer):
    need = serializers.IntegerField(source="key", read_only=True, help_text=_("The need's number."))
    title = serializers.CharField(read_only=True, help_text=_("The need."))
    points = serializers.IntegerField(
        read_only=True,
        help_text=_("Its count: approvals for an approval vote; Borda points for a ranked vote."),
    )
    position = serializers.IntegerField(
        read_only=True, help_text=_("Its place in the result; needs that tie share one.")
    )


class ResultsSerializer(serializers.Serializer):
    method = serializers.CharField(
        read_only=True, help_text=_("How the votes were counted: approval or borda.")
    )
    method_explained = serializers.CharField(
        read_only=True, help_text=_("How the votes were counted, in words.")
    )
    ballots = serializers.IntegerField(read_only=True, help_text=_("How many people voted."))
    standings = StandingSerializer(
        many=True, read_only=True, help_text=_("The needs, from first to last.")
    )


class RoundSerializer(serializers.ModelSerializer):
    place = PlaceSlugField(read_only=True, help_text=_("The short name of the place it is for."))
    method = serializers.CharField(
        read_only=True,
        help_text=_codes_help(_("How votes are counted, as a code:"), PriorityRound.Method.choices),
    )
    method_label = serializers.CharField(
        source="get_method_display", read_only=True, help_text=_("How votes are counted, in words.")
    )
    eligibility = serializers.CharField(
        read_only=True,
        help_text=_codes_help(_("Who can take part, as a code:"), PriorityRound.Eligibility.choices),
    )
    status = serializers.CharField(
        read_only=True,
        help_text=_codes_help(
            _("Its status, as a code:"),
            [choice for choice in PriorityRound.Status.choices if choice[0] != PriorityRound.Status.DRAFT],
        ),
    )
    status_label = serializers.CharField(
        source="get_status_display", read_only=True, help_text=_("Its status, in words.")
    )
    run_by = _organisation(_("The short name of the organisation running it."))
    needs = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text=_("The numbers of its needs.")
    )
    results = serializers.SerializerMethodField(
        help_text=_("The count, once the results are published; null until then.")
    )
    web_address = serializers.CharField(
        source="get_absolute_url", read_only=True, help_text=_("Its page on this site.")
    )

    class Meta:
        model = PriorityRound
        fields = [
            "id",
            "title",
            "description",
            "place",
            "method",
            "method_label",
            "eligibility",
            "status",
            "status_label",
            "opens_at",
            "closes_at",
            "run_by",
            "needs",
            "results",
            "web_address",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": _("Its number, as used in web addresses and in this API.")},
            "title": {"help_text": _("Its title.")},
            "description": {"help_text": _("What it is for.")},
            "opens_at": {"help_text": _("When voting opens.")},
            "closes_at": {"help_text": _("When voting closes.")},
        }

    @extend_schema_field(ResultsSerializer(allow_null=True))
    def get_results(self, round_):
        results = self.context["results"](round_)
        return None if results is None else ResultsSerializer(results).data


# --- outcomes frameworks ----------------------------------------------------------------------------


class IndicatorSerializer(serializers.ModelSerializer):
    direction = serializers.CharField(
        read_only=True,
        help_text=_codes_help(_("Which way is better:"), Indicator.Direction.choices),
    )
    frequency = serializers.CharField(
        read_only=True,
        help_text=_codes_help(_("How often it is collected:"), Indicator.Frequency.choices),
    )
    breakdowns = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_codes_help(
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
    organisation = _organisation(_("The short name of the organisation that endorsed it."))
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
    owner = _organisation(_("The short name of the organisation that looks after it."))
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
