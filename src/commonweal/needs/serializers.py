"""What the API sends and accepts about needs and their evidence. Public data only: never a private story,
never a storyteller's name unless they asked to be named, never who supports a need."""

from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commonweal.core.api.fields import PageAddressField, choice_error
from commonweal.needs import permissions as needs_permissions
from commonweal.needs.models import Evidence, Need, StatusChange, Term
from commonweal.organisations.models import Organisation
from commonweal.places.serializers import PlaceSlugField


def _codes(choices) -> str:
    return ", ".join(value for value, _label in choices)


# --- filters ----------------------------------------------------------------------------------


class NeedFilterSerializer(serializers.Serializer):
    place = PlaceSlugField(
        required=False,
        help_text=_("Only needs for this place or a place inside it, by its short name."),
    )
    status = serializers.ChoiceField(
        choices=Need.Status.choices,
        required=False,
        help_text=_(
            "Only needs with this status. Merged needs are left out unless you ask for them."
        ),
        error_messages=choice_error(_("status"), Need.Status.choices),
    )
    theme = serializers.CharField(
        required=False,
        max_length=120,
        help_text=_(
            "Only needs with this theme, group of people or agency, by its short name, like older-people."
        ),
    )
    q = serializers.CharField(
        required=False, max_length=200, help_text=_("Words in the need's title or problem.")
    )

    def validate_theme(self, value: str) -> str:
        if not Term.objects.filter(slug=value).exists():
            raise serializers.ValidationError(
                _("There is no theme with the short name “%(slug)s”.") % {"slug": value}
            )
        return value


# --- needs ------------------------------------------------------------------------------------


class TermSerializer(serializers.ModelSerializer):
    vocabulary = serializers.CharField(
        read_only=True, help_text=_("Which list it is from: outcome_area or beneficiary_group.")
    )

    class Meta:
        model = Term
        fields = ["vocabulary", "slug", "name"]
        read_only_fields = fields
        extra_kwargs = {
            "slug": {"help_text": _("Its short name, as used in the theme filter.")},
            "name": {"help_text": _("Its name.")},
        }


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Term
        fields = ["slug", "name"]
        read_only_fields = fields
        extra_kwargs = {
            "slug": {"help_text": _("Its short name, as used in the theme filter.")},
            "name": {"help_text": _("The service or agency.")},
        }


class LinkedOutcomeSerializer(serializers.Serializer):
    framework = serializers.CharField(
        source="version.framework.slug",
        read_only=True,
        help_text=_("The short name of the outcomes framework."),
    )
    version = serializers.IntegerField(
        source="version.number", read_only=True, help_text=_("The framework's version.")
    )
    code = serializers.CharField(
        read_only=True, help_text=_("The outcome's code, the same in every version.")
    )
    title = serializers.CharField(read_only=True, help_text=_("The outcome."))


_STATUS_HELP = format_lazy(_("Its status, as a code: {codes}."), codes=_codes(Need.Status.choices))


class NeedSerializer(serializers.ModelSerializer):
    """A need as anyone may see it, in the register."""

    place = PlaceSlugField(read_only=True, help_text=_("The short name of the place it is for."))
    place_name = serializers.CharField(
        source="place.name", read_only=True, help_text=_("The name of the place.")
    )
    status = serializers.CharField(read_only=True, help_text=_STATUS_HELP)
    status_label = serializers.CharField(read_only=True, help_text=_("Its status, in words."))
    themes = serializers.SerializerMethodField(
        help_text=_("Its outcome areas and the groups of people it affects.")
    )
    agencies = serializers.SerializerMethodField(
        help_text=_("The services and agencies it touches.")
    )
    supporter_count = serializers.IntegerField(
        read_only=True, help_text=_("How many people said it affects them too.")
    )
    web_address = PageAddressField("needs:detail", help_text=_("Its page on this site."))

    class Meta:
        model = Need
        fields = [
            "id",
            "title",
            "problem",
            "population",
            "place",
            "place_name",
            "status",
            "status_label",
            "status_reason",
            "themes",
            "agencies",
            "supporter_count",
            "created_at",
            "updated_at",
            "web_address",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": _("Its number, as used in web addresses and in this API.")},
            "title": {"help_text": _("The need in a sentence.")},
            "problem": {"help_text": _("What is going wrong, and for whom.")},
            "population": {"help_text": _("Who it affects.")},
            "status_reason": {"help_text": _("The public reason for its status.")},
            "created_at": {"help_text": _("When it was raised.")},
            "updated_at": {"help_text": _("When its record last changed.")},
        }

    # A list of needs uses one NeedSerializer for every row: the term serializers are built once for
    # it, and each term is written once, however many needs on the page have it.
    @cached_property
    def _themes_serializer(self) -> TermSerializer:
        return TermSerializer()

    @cached_property
    def _agencies_serializer(self) -> AgencySerializer:
        return AgencySerializer()

    @cached_property
    def _written(self) -> dict:
        return {}

    def _terms(self, need) -> list:
        # A list reads its page's terms at once (NeedListView); one need has them prefetched.
        page_terms = self.context.get("terms")
        if page_terms is not None:
            return page_terms[need.pk]
        return list(need.themes.all())

    def _write(self, serializer, terms) -> list[dict]:
        # By the term's id: an agency is always written as one, any other term as a theme.
        written = self._written
        for term in terms:
            if term.pk not in written:
                written[term.pk] = serializer.to_representation(term)
        return [written[term.pk] for term in terms]

    @extend_schema_field(TermSerializer(many=True))
    def get_themes(self, need):
        terms = [term for term in self._terms(need) if term.vocabulary != Term.Vocabulary.AGENCY]
        return self._write(self._themes_serializer, terms)

    @extend_schema_field(AgencySerializer(many=True))
    def get_agencies(self, need):
        terms = [term for term in self._terms(need) if term.vocabulary == Term.Vocabulary.AGENCY]
        return self._write(self._agencies_serializer, terms)


class StatusChangeSerializer(serializers.ModelSerializer):
    from_status = serializers.CharField(
        read_only=True, help_text=_("The status before, as a code; empty at first.")
    )
    to_status = serializers.CharField(read_only=True, help_text=_("The status after, as a code."))
    to_status_label = serializers.CharField(
        source="get_to_status_display", read_only=True, help_text=_("The status after, in words.")
    )

    class Meta:
        model = StatusChange
        fields = [
            "from_status",
            "to_status",
            "to_status_label",
            "reason",
            "changed_at",
            "evidence_label",
            "evidence_url",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "reason": {"help_text": _("The public reason for the change.")},
            "changed_at": {"help_text": _("When it changed.")},
            "evidence_label": {
                "help_text": _("What the decision rests on, like a priority round; may be empty.")
            },
            "evidence_url": {"help_text": _("Where to read that record; may be empty.")},
        }


class NeedDetailSerializer(NeedSerializer):
    """One need, with where it came from and every step of its life."""

    raised_for = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text=_("The short name of the organisation it was raised on behalf of, if any."),
    )
    merged_into = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=_("The number of the need it was merged into, if it was."),
    )
    status_history = serializers.SerializerMethodField(
        help_text=_("Every change of status, oldest first.")
    )
    outcomes = serializers.SerializerMethodField(
        help_text=_("The outcomes that address it, in each framework's latest published version.")
    )

    class Meta(NeedSerializer.Meta):
        fields = [
            *NeedSerializer.Meta.fields,
            "raised_for",
            "merged_into",
            "status_history",
            "outcomes",
        ]
        read_only_fields = fields

    @extend_schema_field(StatusChangeSerializer(many=True))
    def get_status_history(self, need):
        return StatusChangeSerializer(self.context["status_changes"], many=True).data

    @extend_schema_field(LinkedOutcomeSerializer(many=True))
    def get_outcomes(self, need):
        return LinkedOutcomeSerializer(self.context["outcomes"], many=True).data


# --- evidence ------------------------------------------------------------------------------------


class EvidenceSerializer(serializers.ModelSerializer):
    """A figure, a document's title, or a story its teller agreed to publish."""

    kind = serializers.CharField(read_only=True, help_text=_("figure, story or document."))
    kind_label = serializers.CharField(
        source="get_kind_display", read_only=True, help_text=_("The kind, in words.")
    )
    storyteller = serializers.SerializerMethodField(
        help_text=_("The storyteller's name, only when they agreed to be named; null otherwise.")
    )

    class Meta:
        model = Evidence
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "value",
            "unit",
            "source",
            "as_of",
            "story",
            "storyteller",
            "added_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "title": {"help_text": _("Its title.")},
            "value": {"help_text": _("For a figure: the number.")},
            "unit": {"help_text": _("For a figure: what it counts, like people or %.")},
            "source": {"help_text": _("For a figure: where it comes from.")},
            "as_of": {"help_text": _("For a figure: the date it is for.")},
            "story": {
                "help_text": _("For a story: the story, as its teller agreed to publish it.")
            },
            "added_at": {"help_text": _("When it was added.")},
        }

    @extend_schema_field({"type": "string", "nullable": True})
    def get_storyteller(self, evidence):
        if needs_permissions.is_storyteller_published(evidence):
            return evidence.storyteller or None
        return None


# --- raising a need ----------------------------------------------------------------------------------


class NeedRaiseSerializer(serializers.Serializer):
    """A new need: the problem, not the solution."""

    title = serializers.CharField(
        max_length=200,
        help_text=_("The need in a sentence."),
        error_messages={
            "blank": _("Enter the need in a sentence."),
            "required": _("Enter the need in a sentence."),
        },
    )
    problem = serializers.CharField(
        help_text=_("What is going wrong, and for whom. Not what the answer should be."),
        error_messages={
            "blank": _("Describe the problem."),
            "required": _("Describe the problem."),
        },
    )
    population = serializers.CharField(
        max_length=300,
        help_text=_("Who it affects."),
        error_messages={"blank": _("Say who it affects."), "required": _("Say who it affects.")},
    )
    place = PlaceSlugField(
        help_text=_("The short name of the local authority, ward or neighbourhood it is in.")
    )
    themes = serializers.ListField(
        child=serializers.CharField(max_length=120),
        required=False,
        default=list,
        help_text=_(
            "The short names of its themes, groups of people and agencies, like older-people or housing."
        ),
    )
    raised_for = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text=_(
            "The short name of an organisation you belong to, if you raise it on its behalf."
        ),
        error_messages={
            "does_not_exist": _("There is no organisation with the short name “{value}”.")
        },
    )

    def validate_themes(self, slugs: list[str]) -> list[Term]:
        slugs = list(dict.fromkeys(slugs))
        terms = list(Term.objects.filter(slug__in=slugs))
        unknown = [slug for slug in slugs if slug not in {term.slug for term in terms}]
        if unknown:
            raise serializers.ValidationError(
                _("There is no theme with the short name “%(slug)s”.") % {"slug": unknown[0]}
            )
        return terms
