"""What the API sends and accepts about organisations and their members.

Contact details only for those who may see them (organisations/permissions.py decides).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commonweal.accounts.serializers import MemberRoleSerializer
from commonweal.core.api.fields import ChoiceLabelField, choice_error, page_related
from commonweal.organisations import permissions
from commonweal.organisations.models import Organisation
from commonweal.places.serializers import PlaceSlugField


def organisation_slug(help_text, **kwargs) -> serializers.SlugRelatedField:
    """An organisation, read-only, as its short name (for records that name one)."""
    return serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=help_text, **kwargs
    )


# --- filters (query parameters) -----------------------------------------------


class OrganisationFilterSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        max_length=200,
        help_text=_("Words in the name, or all or part of an identifier like GB-CHC-1123456."),
    )
    legal_form = serializers.ChoiceField(
        choices=Organisation.LegalForm.choices,
        required=False,
        help_text=_("Only organisations with this legal form."),
        error_messages=choice_error(_("legal form"), Organisation.LegalForm.choices),
    )
    size_band = serializers.ChoiceField(
        choices=Organisation.SizeBand.choices,
        required=False,
        help_text=_("Only organisations of this size."),
        error_messages=choice_error(_("size"), Organisation.SizeBand.choices),
    )
    is_vcse = serializers.BooleanField(
        required=False,
        help_text=_(
            "true for voluntary, community and social enterprise organisations only; false for the others."
        ),
        error_messages={"invalid": _("Use true or false for is_vcse.")},
    )
    is_sme = serializers.BooleanField(
        required=False,
        help_text=_(
            "true for small and medium-sized organisations only; false for large ones. "
            "Organisations whose size is not known are in neither."
        ),
        error_messages={"invalid": _("Use true or false for is_sme.")},
    )
    place = PlaceSlugField(
        required=False,
        help_text=_(
            "Only organisations serving this place or a place inside it, by its short name."
        ),
    )


# --- organisations -----------------------------------------------------------------

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
_PRIVATE = _(
    "Only shown to the organisation's members and to people whose role needs it; null for everyone else."
)


class OrganisationSerializer(serializers.ModelSerializer):
    """An organisation as anyone may see it, with contact details for those who may see them."""

    legal_form_label = ChoiceLabelField(
        Organisation.LegalForm.choices,
        source="legal_form",
        help_text=_("The legal form, in words."),
    )
    places_served = page_related(
        PlaceSlugField, help_text=_("The short names of the places it serves.")
    )
    verified_for = serializers.SerializerMethodField(
        help_text=_(
            "For a public body: the short names of the places it is verified for. Its staff act for these places "
            "and the places inside them. Empty for a public body awaiting verification, and for providers."
        )
    )
    size_band = serializers.SerializerMethodField(
        help_text=_(
            "micro, small, medium or large, under the rules in force today; null when the "
            "figures given cannot tell (headcount, and turnover or balance sheet total). "
            "Worked out from the facts, never typed in."
        )
    )
    size_band_reason = serializers.SerializerMethodField(
        help_text=_("Why it has this size, in words.")
    )
    is_sme = serializers.SerializerMethodField(
        help_text=_(
            "Whether it is a small or medium-sized enterprise; null when its size is not known."
        )
    )
    is_sme_reason = serializers.SerializerMethodField(
        help_text=_("Why it is or is not an SME, in words.")
    )
    is_vcse = serializers.SerializerMethodField(
        help_text=_("Whether it is a voluntary, community or social enterprise organisation.")
    )
    is_vcse_reason = serializers.SerializerMethodField(
        help_text=_("Why it is or is not VCSE, in words.")
    )
    contact_name = serializers.CharField(read_only=True, allow_null=True, help_text=_PRIVATE)
    contact_email = serializers.EmailField(read_only=True, allow_null=True, help_text=_PRIVATE)
    contact_phone = serializers.CharField(read_only=True, allow_null=True, help_text=_PRIVATE)

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "org_id",
            "legal_form",
            "legal_form_label",
            "description",
            "website",
            "places_served",
            "verified_for",
            "asset_lock",
            "dividend_cap_percent",
            "profits_reinvested_percent",
            "profit_use",
            "headcount",
            "annual_turnover",
            "balance_sheet_total",
            "size_band",
            "size_band_reason",
            "is_sme",
            "is_sme_reason",
            "is_vcse",
            "is_vcse_reason",
            *CONTACT_FIELDS,
            "updated_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "slug": {"help_text": _("Its short name, used in web addresses and in this API.")},
            "name": {"help_text": _("Its name.")},
            "legal_form": {"help_text": _("Its legal form, as a code.")},
            "website": {"help_text": _("Its website, if it has one.")},
            "updated_at": {"help_text": _("When its record last changed.")},
        }

    def _finding(self, organisation, name):
        findings = getattr(organisation, "_api_findings", None)
        if findings is None:
            # Worked out for today under the rules in force, never read from a stored copy.
            findings = organisation._api_findings = organisation.findings_shown(
                on=timezone.localdate()
            )
        return findings[name]

    def _reason(self, organisation, name) -> str:
        """A finding's reason in the language of the request."""
        return self._finding(organisation, name).reason

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_verified_for(self, organisation) -> list[str]:
        if not organisation.is_public_body:
            return []
        page = self.context.get("verified_for")  # a list reads its page's at once
        if page is not None:
            return page[organisation.pk]
        live = getattr(
            organisation, "live_verifications", None
        )  # prefetched by the organisation selectors
        if live is None:
            live = organisation.verifications.filter(revoked_at__isnull=True).select_related(
                "place"
            )
        return sorted(verification.place.slug for verification in live)

    @extend_schema_field(
        {"type": "string", "enum": [band.value for band in Organisation.SizeBand], "nullable": True}
    )
    def get_size_band(self, organisation):
        return self._finding(organisation, "size_band").value

    @extend_schema_field(OpenApiTypes.STR)
    def get_size_band_reason(self, organisation) -> str:
        return self._reason(organisation, "size_band")

    @extend_schema_field({"type": "boolean", "nullable": True})
    def get_is_sme(self, organisation):
        return self._finding(organisation, "sme").value

    @extend_schema_field(OpenApiTypes.STR)
    def get_is_sme_reason(self, organisation) -> str:
        return self._reason(organisation, "sme")

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_vcse(self, organisation) -> bool:
        return bool(self._finding(organisation, "vcse").value)

    @extend_schema_field(OpenApiTypes.STR)
    def get_is_vcse_reason(self, organisation) -> str:
        return self._reason(organisation, "vcse")

    def _may_view_private(self, organisation) -> bool:
        request = self.context.get("request")
        if request is None:
            return False
        page_access = self.context.get(
            "private_access"
        )  # set by list views: one query for the page
        if page_access is not None:
            every, ids = page_access
            return every or organisation.pk in ids
        return permissions.can_view_private(request.user, organisation)

    def to_representation(self, organisation):
        data = super().to_representation(organisation)
        if not self._may_view_private(organisation):
            for name in CONTACT_FIELDS:
                data[name] = None
        return data


_PERCENT_ERRORS = {
    "min_value": _("Enter a percentage from 0 to 100."),
    "max_value": _("Enter a percentage from 0 to 100."),
    "invalid": _("Enter a percentage as a number, like 50 or 62.5."),
    "max_decimal_places": _("Enter a percentage with no more than 2 decimal places."),
    "max_digits": _("Enter a percentage from 0 to 100."),
    "max_whole_digits": _("Enter a percentage from 0 to 100."),
}


class OrganisationUpdateSerializer(serializers.ModelSerializer):
    """The facts an organisation's administrators may change. Fields left out stay as they are."""

    places_served = PlaceSlugField(
        many=True,
        required=False,
        help_text=_("The short names of every place it serves. Replaces the list."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "description",
            "website",
            "legal_form",
            "asset_lock",
            "dividend_cap_percent",
            "profits_reinvested_percent",
            "profit_use",
            "headcount",
            "annual_turnover",
            "balance_sheet_total",
            *CONTACT_FIELDS,
            "places_served",
        ]
        extra_kwargs = {
            "legal_form": {
                "error_messages": choice_error(_("legal form"), Organisation.LegalForm.choices)
            },
            "dividend_cap_percent": {"error_messages": _PERCENT_ERRORS},
            "profits_reinvested_percent": {"error_messages": _PERCENT_ERRORS},
            "headcount": {
                "error_messages": {
                    "min_value": _("Enter the number of staff as a whole number, 0 or more."),
                    "invalid": _("Enter the number of staff as a whole number, 0 or more."),
                }
            },
            "annual_turnover": {
                "error_messages": {
                    "min_value": _("Enter the annual turnover in pounds, 0 or more."),
                    "invalid": _("Enter the annual turnover in pounds, like 450000 or 450000.00."),
                }
            },
            "balance_sheet_total": {
                "error_messages": {
                    "min_value": _("Enter the balance sheet total in pounds, 0 or more."),
                    "invalid": _("Enter the balance sheet total in pounds, like 300000."),
                }
            },
            "website": {
                "error_messages": {"invalid": _("Enter a web address, like https://example.org.")}
            },
            "contact_email": {
                "error_messages": {"invalid": _("Enter an email address, like name@example.org.")}
            },
        }


# --- members ----------------------------------------------------------------------------


class MemberSerializer(serializers.Serializer):
    name = serializers.CharField(source="user.full_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    roles = MemberRoleSerializer(source="assignments", many=True, read_only=True)
