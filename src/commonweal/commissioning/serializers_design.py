"""What the API sends and accepts about a plan's market, its requirements and their barrier check,
and its lots. Provider names come capped (the first few, and how many more), as on the pages."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commonweal.commissioning.models import Lot, Requirements
from commonweal.core.api.fields import ChoiceLabelField, choice_error, codes_help
from commonweal.places.serializers import PlaceSlugField

MOST_MONEY = Decimal("999999999999.99")


def money(help_text, *, required: bool = True, allow_null: bool = False, read_only: bool = False):
    if read_only:
        return serializers.DecimalField(
            max_digits=14, decimal_places=2, read_only=True, help_text=help_text
        )
    return serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=MOST_MONEY,
        required=required,
        allow_null=allow_null,
        help_text=help_text,
        error_messages={
            "invalid": _("Give an amount in pounds, like 250000."),
            "min_value": _("An amount of money cannot be less than 0."),
            "max_value": _("An amount must be less than 1 trillion pounds."),
            "max_digits": _("An amount must be less than 1 trillion pounds."),
            "max_whole_digits": _("An amount must be less than 1 trillion pounds."),
            "max_decimal_places": _("Give pounds and pence: at most 2 decimal places."),
        },
    )


def percent(help_text):
    out_of_range = _("A weighting must be between 0 and 100 per cent.")
    return serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        help_text=help_text,
        error_messages={
            "invalid": _("Give a weighting as a number of per cent, like 60."),
            "min_value": out_of_range,
            "max_value": out_of_range,
            "max_digits": out_of_range,
            "max_whole_digits": out_of_range,
            "max_decimal_places": _("A weighting can have at most 2 decimal places."),
        },
    )


def whole(help_text, *, lowest: int, highest: int, required: bool = True, allow_null=False):
    out_of_range = _("Give a whole number from %(lowest)s to %(highest)s.") % {
        "lowest": f"{lowest:,}",
        "highest": f"{highest:,}",
    }
    return serializers.IntegerField(
        min_value=lowest,
        max_value=highest,
        required=required,
        allow_null=allow_null,
        help_text=help_text,
        error_messages={
            "invalid": _("Give a whole number."),
            "min_value": out_of_range,
            "max_value": out_of_range,
            "max_string_length": out_of_range,
        },
    )


# --- providers, named -------------------------------------------------------------------------


class ProviderNameSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True, help_text=_("The provider's name."))
    slug = serializers.CharField(
        read_only=True,
        help_text=_("Its short name: its page is /organisations/<slug>/, and the API's the same."),
    )


class NamedSerializer(serializers.Serializer):
    count = serializers.IntegerField(read_only=True, help_text=_("How many providers in all."))
    providers = ProviderNameSerializer(
        many=True, read_only=True, help_text=_("The first of them, by name.")
    )
    more = serializers.IntegerField(
        read_only=True, help_text=_("How many more there are, not named here.")
    )


class BiddersSerializer(serializers.Serializer):
    months = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=_(
            "How long the work runs, in months: the plan's duration, else the contract length its "
            "requirements propose. Null when neither is set: then who could bid is not worked out."
        ),
    )
    annual_value = money(_("Pounds a year: what a year of the work is worth."), read_only=True)
    can_bid = NamedSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("Providers worth at least twice a year of the work: they could bid alone."),
    )
    stretch = NamedSerializer(
        read_only=True,
        allow_null=True,
        help_text=_(
            "Providers for whom a year of the work is more than half their turnover, but not more "
            "than all of it: a stretch."
        ),
    )
    too_small = NamedSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("Providers whose yearly turnover is less than a year of the work."),
    )
    unknown = NamedSerializer(
        read_only=True, allow_null=True, help_text=_("Providers with no turnover recorded.")
    )
    consortium = NamedSerializer(
        read_only=True,
        allow_null=True,
        help_text=_(
            "The fewest providers who cannot bid alone whose turnovers together could carry the "
            "work; none when no such group exists."
        ),
    )
    consortium_possible = serializers.BooleanField(
        read_only=True, allow_null=True, help_text=_("Whether such a group exists.")
    )


# --- the market -------------------------------------------------------------------------------


class TallySerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True, help_text=_("The code; empty when not known."))
    label = serializers.CharField(read_only=True, help_text=_("In words."))
    count = serializers.IntegerField(read_only=True, help_text=_("How many providers."))


class SpendAmountSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True, help_text=_("The code; empty when not known."))
    label = serializers.CharField(read_only=True, help_text=_("In words."))
    amount = money(_("Pounds a year."), read_only=True)


class SpendSerializer(serializers.Serializer):
    source = serializers.CharField(
        read_only=True,
        help_text=_(
            "Where the figures come from: plan, the current contracts and grants the plan records "
            "(until agreements are kept in Commonweal)."
        ),
    )
    total = money(_("Current spend, pounds a year."), read_only=True)
    vcse = money(_("Of which to VCSE organisations."), read_only=True)
    sme = money(_("Of which to SMEs."), read_only=True)
    vcse_share = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        read_only=True,
        allow_null=True,
        help_text=_("The VCSE share, per cent; null when nothing is spent."),
    )
    sme_share = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        read_only=True,
        allow_null=True,
        help_text=_("The SME share, per cent; null when nothing is spent."),
    )
    by_size_band = SpendAmountSerializer(many=True, read_only=True)
    by_legal_form = SpendAmountSerializer(many=True, read_only=True)


class ThemeSpendSerializer(serializers.Serializer):
    theme = serializers.CharField(read_only=True, help_text=_("The theme, by short name."))
    label = serializers.CharField(read_only=True, help_text=_("The theme, in words."))
    plans = serializers.IntegerField(
        read_only=True, help_text=_("How many published plans (and this one) record spend on it.")
    )
    total = money(_("Current spend on it in the place, pounds a year."), read_only=True)
    vcse_share = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        read_only=True,
        allow_null=True,
        help_text=_("The share going to VCSE organisations, per cent."),
    )
    sme_share = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        read_only=True,
        allow_null=True,
        help_text=_("The share going to SMEs, per cent."),
    )


class MarketSerializer(serializers.Serializer):
    place = serializers.CharField(read_only=True, help_text=_("The plan's place, by short name."))
    provider_count = serializers.IntegerField(
        read_only=True,
        help_text=_("Providers serving the place (or a place around or in it), or paid now."),
    )
    by_size_band = TallySerializer(many=True, read_only=True)
    by_legal_form = TallySerializer(many=True, read_only=True)
    current_spend = SpendSerializer(read_only=True)
    theme_spend = ThemeSpendSerializer(
        many=True,
        read_only=True,
        help_text=_(
            "For each of the plan's themes, what published plans for the place and the places in "
            "it (and this plan) record as spent on it today."
        ),
    )
    whole_plan = BiddersSerializer(
        read_only=True,
        help_text=_(
            "Who could bid for the whole plan as one contract. For each lot, see the plan's lots."
        ),
    )
    whole_plan_value = money(_("All the money in the plan, pounds."), read_only=True)


# --- requirements and the barrier check -------------------------------------------------------


class RequirementsSerializer(serializers.Serializer):
    """The requirements a plan proposes to ask of providers. PUT replaces them all: a field left out
    is empty (or, for the two yes-or-no questions, its default)."""

    minimum_turnover = money(
        _("The minimum yearly turnover asked, pounds; null for none."),
        required=False,
        allow_null=True,
    )
    public_liability = money(
        _("Public liability insurance asked, pounds; null for none."),
        required=False,
        allow_null=True,
    )
    employers_liability = money(
        _("Employer's liability insurance asked, pounds; null for none."),
        required=False,
        allow_null=True,
    )
    professional_indemnity = money(
        _("Professional indemnity insurance asked, pounds; null for none."),
        required=False,
        allow_null=True,
    )
    accreditations = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        max_length=50,
        help_text=_("The accreditations asked for when bidding, one to an item."),
    )
    experience_years = whole(
        _("Years of experience asked; null for none."),
        lowest=0,
        highest=100,
        required=False,
        allow_null=True,
    )
    mobilisation_days = whole(
        _("Days between award and the service starting; null when not set."),
        lowest=0,
        highest=3650,
        required=False,
        allow_null=True,
    )
    payment_terms = serializers.ChoiceField(
        choices=Requirements.PaymentTerms.choices,
        help_text=codes_help(
            _("How providers are paid, as a code:"), Requirements.PaymentTerms.choices
        ),
        error_messages=choice_error(_("way of paying"), Requirements.PaymentTerms.choices),
    )
    contract_months = whole(_("The contract's length in months."), lowest=1, highest=600)
    price_weighting = percent(_("The price weighting, per cent of the score."))
    social_value_weighting = percent(
        _("The social value weighting, per cent of the score. With price, at most 100.")
    )
    consortium_bids = serializers.BooleanField(
        default=True, help_text=_("Whether bids from groups of providers are accepted.")
    )
    needs_investment = serializers.BooleanField(
        default=False, help_text=_("Whether a provider needs to invest to deliver the service.")
    )
    updated_at = serializers.DateTimeField(read_only=True, help_text=_("When they last changed."))

    def to_representation(self, instance: Requirements) -> dict:
        # Stored one to a line; given as a list.
        values = {name: getattr(instance, name) for name in self.fields}
        values["accreditations"] = list(instance.accreditation_list())
        return super().to_representation(values)

    def validate(self, data):
        price, social = data.get("price_weighting"), data.get("social_value_weighting")
        if price is not None and social is not None and price + social > 100:
            raise serializers.ValidationError(
                {
                    "social_value_weighting": [
                        _(
                            "Price and social value together cannot weigh more than 100 per "
                            "cent: they weigh %(total)s now."
                        )
                        % {"total": f"{(price + social).normalize():f}"}
                    ]
                }
            )
        return data

    def requirement_fields(self) -> dict:
        data = dict(self.validated_data)
        for name in (
            "minimum_turnover",
            "public_liability",
            "employers_liability",
            "professional_indemnity",
            "experience_years",
            "mobilisation_days",
        ):
            data.setdefault(name, None)
        data["accreditations"] = "\n".join(
            line.strip() for line in data.get("accreditations", []) if line.strip()
        )
        return data


class FlagSerializer(serializers.Serializer):
    rule = serializers.CharField(read_only=True, help_text=_("The check that raised it, by code."))
    requirement = serializers.CharField(
        read_only=True, help_text=_("The requirement it is about, by field name.")
    )
    requirement_label = serializers.CharField(read_only=True, help_text=_("The same, in words."))
    lot = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=_("For a flag about one lot, the lot's number; otherwise null."),
    )
    reason = serializers.CharField(read_only=True, help_text=_("Why it is a barrier."))
    mitigation = serializers.CharField(read_only=True, help_text=_("What to do instead."))
    reference = serializers.CharField(
        read_only=True, help_text=_("The address of the law or guidance behind it; may be empty.")
    )
    excluded = NamedSerializer(
        read_only=True, help_text=_("The providers in the place it would shut out.")
    )


class CheckSerializer(serializers.Serializer):
    rule = serializers.CharField(read_only=True, help_text=_("The check, by code."))
    title = serializers.CharField(read_only=True, help_text=_("What it looks for."))
    why = serializers.CharField(read_only=True, help_text=_("Why it matters."))
    guidance = serializers.BooleanField(
        read_only=True, help_text=_("True when its figure is Commonweal's guidance, not law.")
    )
    passed = serializers.BooleanField(read_only=True, help_text=_("False when it raised a flag."))


class BarrierCheckSerializer(serializers.Serializer):
    requirements_set = serializers.BooleanField(
        read_only=True,
        help_text=_("False until the plan's requirements are set: nothing is checked."),
    )
    checked_on = serializers.DateField(
        read_only=True,
        help_text=_("The day whose law was read: the day the procurement starts, else today."),
    )
    jurisdiction = serializers.CharField(
        read_only=True, help_text=_("england, wales, scotland or northern_ireland.")
    )
    problem = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text=_("Why the requirements could not be checked, if they could not."),
    )
    flags = FlagSerializer(many=True, read_only=True)
    checks = CheckSerializer(many=True, read_only=True)


# --- lots -------------------------------------------------------------------------------------


class LotSerializer(serializers.ModelSerializer):
    split_by = serializers.CharField(
        read_only=True, help_text=codes_help(_("How it is split, as a code:"), Lot.SplitBy.choices)
    )
    split_by_label = ChoiceLabelField(
        Lot.SplitBy.choices, source="split_by", help_text=_("How it is split, in words.")
    )
    area = PlaceSlugField(
        read_only=True, allow_null=True, help_text=_("The area it covers, by short name; or null.")
    )
    value = money(_("Pounds over the whole contract."), read_only=True)
    bidders = serializers.SerializerMethodField(help_text=_("Who could bid for it."))

    class Meta:
        model = Lot
        fields = [
            "id",
            "title",
            "split_by",
            "split_by_label",
            "description",
            "area",
            "value",
            "bidders",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": _("Its number, as used in this API.")},
            "title": {"help_text": _("Its title.")},
            "description": {"help_text": _("What it covers.")},
        }

    @extend_schema_field(BiddersSerializer)
    def get_bidders(self, lot) -> dict:
        return BiddersSerializer(self.context["bidders"][lot.pk]).data


class LotWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, help_text=_("Its title."))
    split_by = serializers.ChoiceField(
        choices=Lot.SplitBy.choices,
        help_text=codes_help(_("How it is split, as a code:"), Lot.SplitBy.choices),
        error_messages=choice_error(_("way of splitting"), Lot.SplitBy.choices),
    )
    area = PlaceSlugField(
        required=False,
        allow_null=True,
        help_text=_(
            "The area it covers, by short name: the plan's place or a place inside it. Needed when "
            "split_by is geography."
        ),
    )
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, help_text=_("What it covers.")
    )
    value = money(
        _("Pounds over the whole contract. The lots together cannot be worth more than the plan.")
    )

    def __init__(self, *args, inside_ids: set[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The places a lot's area may be: the plan's place and those inside it (the view says).
        self.inside_ids = inside_ids or set()

    def validate_area(self, area):
        if area is not None and area.pk not in self.inside_ids:
            raise serializers.ValidationError(_("Choose the plan's place or a place inside it."))
        return area
