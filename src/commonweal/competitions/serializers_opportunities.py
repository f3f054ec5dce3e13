"""What the API sends about opportunities: published ones to everyone, drafts to those who run
them. The cost model (for checking low bids) is the commissioner's own and never sent."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.competitions.models import Criterion, Document, Interest, Opportunity
from commonweal.core.api.fields import ChoiceLabelField, PageAddressField, codes_help
from commonweal.organisations.serializers import organisation_slug
from commonweal.places.serializers import PlaceSlugField


class OpportunitySerializer(serializers.ModelSerializer):
    kind = serializers.CharField(
        read_only=True,
        help_text=codes_help(_("Tender or grant round, as a code:"), Opportunity.Kind.choices),
    )
    status = serializers.CharField(
        read_only=True, help_text=codes_help(_("Its stage, as a code:"), Opportunity.Status.choices)
    )
    status_label = ChoiceLabelField(
        Opportunity.Status.choices, source="status", help_text=_("Its stage, in words.")
    )
    plan = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=_("The number of the commissioning plan it comes from.")
    )
    lot = serializers.SerializerMethodField(
        help_text=_("The lot it is for; null for the whole plan.")
    )
    place = PlaceSlugField(
        source="plan.place", read_only=True, help_text=_("The short name of the place it is for.")
    )
    web_address = PageAddressField(
        "competitions:opportunity", help_text=_("Its page on this site.")
    )

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "kind",
            "title",
            "description",
            "status",
            "status_label",
            "plan",
            "lot",
            "place",
            "value",
            "budget",
            "contract_months",
            "questions_close_at",
            "closes_at",
            "award_expected_on",
            "service_starts_on",
            "published_at",
            "web_address",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": _("Its number, as used in web addresses and in this API.")},
            "value": {"help_text": _("Estimated value over the whole contract, in pounds.")},
            "budget": {"help_text": _("The most that will be paid, in pounds; null if not set.")},
            "published_at": {"help_text": _("When it was published; null for a draft.")},
        }

    def get_lot(self, opportunity: Opportunity) -> str | None:
        return opportunity.lot.title if opportunity.lot_id else None


class CriterionSerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=_("The criterion it sits under; null at the top of its part."),
    )

    class Meta:
        model = Criterion
        fields = [
            "id",
            "part",
            "parent",
            "title",
            "question",
            "plain_guidance",
            "weight",
            "pass_fail",
            "open_to_citizens",
            "position",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "weight": {"help_text": _("Per cent of its part, or of the criterion it sits under.")},
            "pass_fail": {"help_text": _("A bid that fails it cannot win.")},
        }


class DocumentSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField(help_text=_("Where to download it."))

    class Meta:
        model = Document
        fields = ["id", "title", "content_type", "size", "added_at", "download"]
        read_only_fields = fields

    def get_download(self, document: Document) -> str:
        from django.urls import reverse

        return reverse(
            "competitions:document-download",
            kwargs={"pk": document.opportunity_id, "document_pk": document.pk},
        )


class ScalePointSerializer(serializers.Serializer):
    score = serializers.CharField(read_only=True)
    descriptor = serializers.CharField(read_only=True)


class OpportunityDetailSerializer(OpportunitySerializer):
    criteria = CriterionSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)
    scale = ScalePointSerializer(many=True, read_only=True)
    price_explanation = serializers.SerializerMethodField(
        help_text=_("How price is scored, in plain words.")
    )
    cancelled_reason = serializers.CharField(read_only=True)

    class Meta(OpportunitySerializer.Meta):
        fields = [
            *OpportunitySerializer.Meta.fields,
            "conditions",
            "consortium_bids",
            "alliance_bids",
            "answer_word_limit",
            "quality_weight",
            "social_value_weight",
            "price_weight",
            "price_formula",
            "price_floor",
            "price_ceiling",
            "price_explanation",
            "scale",
            "include_inherent_social_value",
            "inherent_social_value_share",
            "match_funding_required",
            "cancelled_reason",
            "criteria",
            "documents",
        ]
        read_only_fields = fields

    def get_price_explanation(self, opportunity: Opportunity) -> str:
        from commonweal.competitions.selectors_opportunities import price_explanation

        return price_explanation(opportunity)


class OpportunityFilterSerializer(serializers.Serializer):
    place = serializers.SlugField(
        required=False,
        help_text=_("A place's short name: its opportunities, those inside it and around it."),
    )
    theme = serializers.SlugField(required=False, help_text=_("A theme's short name."))
    kind = serializers.ChoiceField(
        choices=Opportunity.Kind.choices, required=False, help_text=_("tender or grant_round.")
    )
    value_min = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, help_text=_("Pounds.")
    )
    value_max = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, help_text=_("Pounds.")
    )
    open_now = serializers.BooleanField(
        required=False, default=False, help_text=_("Only those open for bids now.")
    )
    closes_before = serializers.DateField(
        required=False, help_text=_("Only those closing before this day (YYYY-MM-DD).")
    )

    def validate_place(self, slug: str):
        from commonweal.places.models import Place

        place = Place.objects.filter(slug=slug).first()
        if place is None:
            raise serializers.ValidationError(_("There is no place with this short name."))
        return place


class InterestWriteSerializer(serializers.Serializer):
    organisation = serializers.SlugField(
        help_text=_("The short name of the provider you speak for that is interested.")
    )


class InterestSerializer(serializers.ModelSerializer):
    organisation = organisation_slug(_("The short name of the provider."))
    opportunity = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Interest
        fields = ["opportunity", "organisation", "registered_at"]
        read_only_fields = fields
