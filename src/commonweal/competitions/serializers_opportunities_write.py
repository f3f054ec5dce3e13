"""What the API takes to write opportunities: starting a draft from a plan, changing it, its criteria
tree, publishing and cancelling. The serializers check each value's type and range; the rules
across fields (weights adding up to 100, questions closing before bids) are the service's, and its
refusals come back as the same field errors."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commonweal.competitions.models import Criterion, Opportunity
from commonweal.competitions.serializers_opportunities import (
    CriterionSerializer,
    OpportunityDetailSerializer,
)
from commonweal.core.api.fields import codes_help

SCALE_HELP = _(
    "Each score with what it means, lowest first, like "
    '[{"score": "0", "descriptor": "Unacceptable: no answer"}, {"score": "4", "descriptor": '
    '"Excellent: it meets the need fully"}].'
)
MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0")}
PERCENT = {
    "max_digits": 5,
    "decimal_places": 2,
    "min_value": Decimal("0"),
    "max_value": Decimal("100"),
}
LARGEST_ID = 2**63 - 1


@extend_schema_field({"type": "string"})
class CodeField(serializers.ChoiceField):
    """A choice of codes, named in its help text. The OpenAPI document gives it as text, not as a
    named enum: enums are named by field, and other parts of the API have a ``kind`` and a ``part``
    with other codes."""


class ScalePointWriteSerializer(serializers.Serializer):
    score = serializers.CharField(
        max_length=20, help_text=_('A score, as a number written as text, like "3".')
    )
    descriptor = serializers.CharField(
        max_length=500, help_text=_("What an answer given this score is like.")
    )

    def validate_score(self, score: str) -> str:
        try:
            value = Decimal(score.strip())
        except (InvalidOperation, ValueError):
            value = None
        if value is None or not value.is_finite():
            raise serializers.ValidationError(_("Write the score as a number, like 3 or 2.5"))
        return format(value, "f")


class OpportunityWriteSerializer(serializers.Serializer):
    """Every field a commissioner may set on a draft; a change sends only those it changes."""

    title = serializers.CharField(max_length=200, help_text=_("What it is called."))
    description = serializers.CharField(max_length=20000, help_text=_("What it is for."))
    conditions = serializers.CharField(
        max_length=20000, allow_blank=True, help_text=_("Conditions bidders must meet.")
    )
    value = serializers.DecimalField(
        **MONEY,
        help_text=_('Estimated value over the whole contract, in pounds, like "1200000.00".'),
    )
    budget = serializers.DecimalField(
        **MONEY,
        allow_null=True,
        help_text=_("The most that will be paid, in pounds; null for none."),
    )
    contract_months = serializers.IntegerField(
        min_value=1, max_value=600, allow_null=True, help_text=_("Contract length in months.")
    )
    questions_close_at = serializers.DateTimeField(
        help_text=_("When clarification questions close: no later than bids close.")
    )
    closes_at = serializers.DateTimeField(help_text=_("When bids close."))
    award_expected_on = serializers.DateField(
        allow_null=True, help_text=_("The day the award is expected (YYYY-MM-DD).")
    )
    service_starts_on = serializers.DateField(
        allow_null=True, help_text=_("The day the service starts (YYYY-MM-DD).")
    )
    consortium_bids = serializers.BooleanField(help_text=_("Consortium bids are accepted."))
    alliance_bids = serializers.BooleanField(help_text=_("Proposed alliances are accepted."))
    answer_word_limit = serializers.IntegerField(
        min_value=50, max_value=10000, help_text=_("The word limit for each answer.")
    )
    quality_weight = serializers.DecimalField(
        **PERCENT, help_text=_("Quality, per cent. The three weights add up to 100.")
    )
    social_value_weight = serializers.DecimalField(
        **PERCENT, help_text=_("Social value, per cent.")
    )
    price_weight = serializers.DecimalField(**PERCENT, help_text=_("Price, per cent."))
    price_formula = CodeField(
        choices=Opportunity.PriceFormula.choices,
        help_text=codes_help(
            _("How price is scored, as a code:"), Opportunity.PriceFormula.choices
        ),
    )
    price_floor = serializers.DecimalField(
        **MONEY, allow_null=True, help_text=_("Price floor for the linear formula, in pounds.")
    )
    price_ceiling = serializers.DecimalField(
        **MONEY, allow_null=True, help_text=_("Price ceiling for the linear formula, in pounds.")
    )
    scale = ScalePointWriteSerializer(many=True, help_text=SCALE_HELP)
    include_inherent_social_value = serializers.BooleanField(
        help_text=_("Score an organisation's inherent social value, where the law allows it.")
    )
    inherent_social_value_share = serializers.DecimalField(
        **PERCENT,
        help_text=_("Share of the social value part for inherent social value, per cent."),
    )
    social_value_framework = serializers.IntegerField(
        min_value=1,
        max_value=LARGEST_ID,
        allow_null=True,
        help_text=_(
            "The number of the social value measures used: this place's own, or open ones."
        ),
    )
    cost_model_hours = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        allow_null=True,
        write_only=True,
        help_text=_(
            "Staff hours the service needs (for checking low bids; never shown to anyone)."
        ),
    )
    cost_model_other_costs = serializers.DecimalField(
        **MONEY,
        allow_null=True,
        write_only=True,
        help_text=_("Other costs the service must meet, in pounds (for checking low bids)."),
    )
    cost_model_london = serializers.BooleanField(
        write_only=True, help_text=_("The London Living Wage applies (for checking low bids).")
    )
    match_funding_required = serializers.BooleanField(
        help_text=_("A grant round asks for match funding.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


# What starting a draft cannot do without (the rest have defaults).
REQUIRED_TO_START = (
    "title",
    "description",
    "value",
    "questions_close_at",
    "closes_at",
    "quality_weight",
    "social_value_weight",
    "price_weight",
)


class OpportunityCreateSerializer(OpportunityWriteSerializer):
    plan = serializers.IntegerField(
        help_text=_("The number of the published commissioning plan it comes from.")
    )
    kind = CodeField(
        choices=Opportunity.Kind.choices,
        default=Opportunity.Kind.TENDER,
        help_text=codes_help(_("Tender or grant round, as a code:"), Opportunity.Kind.choices),
    )
    lot = serializers.IntegerField(
        allow_null=True,
        help_text=_("The number of one of the plan's lots; null or left out for the whole plan."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].required = True
        # A lot's value is the tender's value unless another is given.
        for name in REQUIRED_TO_START:
            if name != "value":
                self.fields[name].required = True


class CriterionWriteSerializer(serializers.Serializer):
    part = CodeField(
        choices=Criterion.Part.choices,
        help_text=codes_help(
            _("The part it scores, as a code (a child takes its parent's):"),
            Criterion.Part.choices,
        ),
    )
    parent = serializers.IntegerField(
        allow_null=True,
        help_text=_("The number of the criterion it sits under; null at the top of its part."),
    )
    title = serializers.CharField(max_length=200, help_text=_("What it is called."))
    question = serializers.CharField(
        max_length=20000,
        allow_blank=True,
        help_text=_("The question bidders answer; blank for a group."),
    )
    guidance = serializers.CharField(
        max_length=20000, allow_blank=True, help_text=_("Guidance for evaluators.")
    )
    plain_guidance = serializers.CharField(
        max_length=20000,
        allow_blank=True,
        help_text=_("Guidance for citizen commissioners, in plain English."),
    )
    weight = serializers.DecimalField(
        **PERCENT, help_text=_("Per cent of its part, or of the criterion it sits under.")
    )
    pass_fail = serializers.BooleanField(help_text=_("A bid that fails it cannot win (no weight)."))
    open_to_citizens = serializers.BooleanField(help_text=_("Citizen commissioners score this."))
    position = serializers.IntegerField(
        min_value=0, max_value=2**31 - 1, help_text=_("Its place among its siblings, lowest first.")
    )

    def __init__(self, *args, adding: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.required = adding and name == "title"


class CriterionAnswerSerializer(CriterionSerializer):
    """A criterion as those who run the opportunity see it: with the guidance for evaluators."""

    class Meta(CriterionSerializer.Meta):
        fields = [*CriterionSerializer.Meta.fields, "guidance"]
        read_only_fields = fields


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=5000, help_text=_("Why it is cancelled: providers and followers are told.")
    )


class PublishedSerializer(serializers.Serializer):
    opportunity = OpportunityDetailSerializer(read_only=True)
    open_data_waiting = serializers.BooleanField(
        read_only=True,
        help_text=_(
            "True when its open data (the OCDS tender release) waits: the OCDS schema is not "
            "installed here yet. It is published once it is."
        ),
    )
    open_data_waiting_because = serializers.CharField(
        read_only=True, help_text=_("Why its open data waits, in words; empty when it does not.")
    )
