"""What the API sends about co-design sessions. Public data only: participants as they agreed
to be shown."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.codesign.models import Decision, Participant, Session
from commonweal.core.api.fields import (
    ChoiceLabelField,
    PageAddressField,
    RelatedIdsField,
    codes_help,
)
from commonweal.needs.serializers import LinkedOutcomeSerializer
from commonweal.organisations.serializers import organisation_slug
from commonweal.places.serializers import PlaceSlugField


class SessionSerializer(serializers.ModelSerializer):
    place = PlaceSlugField(read_only=True, help_text=_("The short name of the place it was for."))
    kind = serializers.CharField(
        read_only=True,
        help_text=codes_help(_("The kind of session, as a code:"), Session.Kind.choices),
    )
    kind_label = ChoiceLabelField(
        Session.Kind.choices, source="kind", help_text=_("The kind, in words.")
    )
    organised_by = organisation_slug(_("The short name of the organisation that ran it."))
    needs = RelatedIdsField("needs", help_text=_("The numbers of the needs it worked on."))
    web_address = PageAddressField("codesign:session", help_text=_("Its page on this site."))

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
        help_text=codes_help(_("Taking part as, as a code:"), Participant.Kind.choices),
    )
    kind_label = serializers.CharField(
        source="get_kind_display", read_only=True, help_text=_("Taking part as, in words.")
    )
    organisation = organisation_slug(
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
