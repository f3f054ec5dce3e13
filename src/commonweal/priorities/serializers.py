"""What the API sends about priority rounds. A round's counts only once published, never a ballot."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commonweal.core.api.fields import (
    ChoiceLabelField,
    PageAddressField,
    RelatedIdsField,
    codes_help,
)
from commonweal.organisations.serializers import organisation_slug
from commonweal.places.serializers import PlaceSlugField
from commonweal.priorities.models import PriorityRound


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
        help_text=codes_help(_("How votes are counted, as a code:"), PriorityRound.Method.choices),
    )
    method_label = ChoiceLabelField(
        PriorityRound.Method.choices,
        source="method",
        help_text=_("How votes are counted, in words."),
    )
    eligibility = serializers.CharField(
        read_only=True,
        help_text=codes_help(_("Who can take part, as a code:"), PriorityRound.Eligibility.choices),
    )
    status = serializers.CharField(
        read_only=True,
        help_text=codes_help(
            _("Its status, as a code:"),
            [
                choice
                for choice in PriorityRound.Status.choices
                if choice[0] != PriorityRound.Status.DRAFT
            ],
        ),
    )
    status_label = ChoiceLabelField(
        PriorityRound.Status.choices, source="status", help_text=_("Its status, in words.")
    )
    run_by = organisation_slug(_("The short name of the organisation running it."))
    needs = RelatedIdsField("needs", help_text=_("The numbers of its needs."))
    results = serializers.SerializerMethodField(
        help_text=_("The count, once the results are published; null until then.")
    )
    web_address = PageAddressField("priorities:round", help_text=_("Its page on this site."))

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
        # The view gives each published round's results, already as sent (api.published_results).
        return self.context["results"].get(round_.pk)
