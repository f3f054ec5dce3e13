"""What the API sends and accepts about an alliance's governance: members, decisions, risks and the
years of pain and gain. Money is a string of pounds and pence ("18000.00"), never a float."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commonweal.agreements.models import Decision, Member, PainGainYear, Risk
from commonweal.agreements.services_alliance import LONGEST_SUBJECT, LONGEST_TEXT, LONGEST_TITLE
from commonweal.core.api.fields import ChoiceLabelField, choice_error, codes_help

PERCENT = {
    "max_digits": 5,
    "decimal_places": 2,
    "min_value": Decimal("0"),
    "max_value": Decimal("100"),
    "error_messages": dict.fromkeys(
        ("invalid", "min_value", "max_value", "max_digits", "max_decimal_places", "required"),
        _("Give the share as a percentage between 0 and 100, like 30 or 12.5."),
    ),
}


class AllianceMemberSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    organisation_id = serializers.IntegerField(read_only=True)
    role = serializers.CharField(read_only=True, help_text=_("commissioner or provider."))
    share = serializers.SerializerMethodField(
        help_text=_(
            "Its share of pain and gain, percent. Only the alliance's parties see it: null for "
            "anyone else."
        )
    )

    class Meta:
        model = Member
        fields = ["id", "organisation", "organisation_id", "role", "on_leadership_team", "share"]
        read_only_fields = fields

    @extend_schema_field(serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True))
    def get_share(self, member: Member) -> str | None:
        if not self.context.get("parties"):
            return None
        return f"{member.share:.2f}"


class AllianceMemberAddSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(
        min_value=1,
        help_text=_("The number of the organisation to add."),
        error_messages={
            "required": _("Give the number of the organisation to add."),
            "invalid": _("Give the organisation's number."),
            "min_value": _("Give the organisation's number."),
        },
    )
    share = serializers.DecimalField(
        help_text=_("Its share of pain and gain, percent (all the shares add up to 100)."),
        **PERCENT,
    )
    on_leadership_team = serializers.BooleanField(
        default=True, help_text=_("Whether it sits on the leadership team. Yes if not given.")
    )


class AllianceMemberChangeSerializer(serializers.Serializer):
    share = serializers.DecimalField(
        required=False, help_text=_("Its share of pain and gain, percent."), **PERCENT
    )
    on_leadership_team = serializers.BooleanField(
        required=False, help_text=_("Whether it sits on the leadership team.")
    )


class AllianceDecisionSerializer(serializers.ModelSerializer):
    rule = serializers.CharField(
        read_only=True, help_text=_("The rule it was decided by: unanimity or majority.")
    )
    rule_label = ChoiceLabelField(Decision._meta.get_field("rule").choices, source="rule")
    agreed_by = serializers.SerializerMethodField(
        help_text=_("The members of the leadership team who agreed it, by name.")
    )
    recorded_by = serializers.CharField(
        source="recorded_by.full_name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Decision
        fields = [
            "id",
            "subject",
            "decision",
            "principle_test",
            "rule",
            "rule_label",
            "agreed_by",
            "decided_on",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = fields

    def get_agreed_by(self, decision: Decision) -> list[str]:
        return [member.organisation.name for member in decision.agreed_by.all()]


class AllianceDecisionRecordSerializer(serializers.Serializer):
    subject = serializers.CharField(
        max_length=LONGEST_SUBJECT,
        help_text=_("What was decided, in a few words."),
        error_messages={
            "required": _("Give what was decided, in a few words."),
            "blank": _("Give what was decided, in a few words."),
            "max_length": _("What was decided can be at most 200 characters."),
        },
    )
    decision = serializers.CharField(
        max_length=LONGEST_TEXT,
        help_text=_("The decision."),
        error_messages={"required": _("Give the decision."), "blank": _("Give the decision.")},
    )
    principle_test = serializers.CharField(
        max_length=LONGEST_TEXT,
        allow_blank=True,
        help_text=_(
            "How it serves the alliance's principle. Required: a decision without it is refused."
        ),
        error_messages={"required": _("Say how the decision serves the alliance's principle.")},
    )
    agreed_by = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        allow_empty=True,
        max_length=200,
        help_text=_(
            "The member numbers (id in the members list) of those on the leadership team who "
            "agreed. Without the agreement the alliance's rule needs, the decision is refused, "
            "naming who has not agreed."
        ),
        error_messages={"required": _("Give the members who agreed.")},
    )
    decided_on = serializers.DateField(
        help_text=_("The day it was decided, year-month-day."),
        error_messages={
            "required": _("Give the day it was decided."),
            "invalid": _("Give the day as year-month-day, like 2026-11-03."),
        },
    )


LEVELS = Risk.Level.choices
LEVEL_CODES = [(str(value), label) for value, label in LEVELS]


class AllianceRiskSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(
        source="owner.organisation.name", read_only=True, default=None, allow_null=True
    )
    owner_member = serializers.IntegerField(source="owner_id", read_only=True, allow_null=True)
    likelihood_label = ChoiceLabelField(LEVELS, source="likelihood")
    impact_label = ChoiceLabelField(LEVELS, source="impact")

    class Meta:
        model = Risk
        fields = [
            "id",
            "title",
            "likelihood",
            "likelihood_label",
            "impact",
            "impact_label",
            "owner",
            "owner_member",
            "mitigation",
            "status",
        ]
        read_only_fields = fields


def _level(what) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=[value for value, _label in LEVELS],
        help_text=codes_help(what, LEVEL_CODES),
        error_messages={
            **choice_error(_("level"), LEVEL_CODES),
            "required": _("Give a level: 1, 2 or 3."),
        },
    )


class AllianceRiskWriteSerializer(serializers.Serializer):
    title = serializers.CharField(
        max_length=LONGEST_TITLE,
        help_text=_("The risk."),
        error_messages={"required": _("Give the risk."), "blank": _("Give the risk.")},
    )
    likelihood = _level(_("How likely it is: 1 low, 2 medium, 3 high."))
    impact = _level(_("How much harm it would do: 1 low, 2 medium, 3 high."))
    owner = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        help_text=_("The member number of the member who owns it, or null for nobody yet."),
    )
    mitigation = serializers.CharField(
        max_length=LONGEST_TEXT,
        help_text=_("What is being done about it."),
        error_messages={
            "required": _("Say what is being done about it."),
            "blank": _("Say what is being done about it."),
        },
    )


class AllianceRiskChangeSerializer(AllianceRiskWriteSerializer):
    status = serializers.ChoiceField(
        choices=["open", "closed"],
        required=False,
        help_text=_(
            "closed to close the risk (it stays on the register). A closed risk stays closed."
        ),
        error_messages=choice_error(_("status"), [("open", ""), ("closed", "")]),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title", "likelihood", "impact", "mitigation"):
            self.fields[name].required = False


class PainGainShareSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("The member's name when it was worked out."))
    percent = serializers.CharField(help_text=_("Its share, percent."))
    amount = serializers.CharField(help_text=_("Its share of the pain or gain, in pounds."))


class PainGainYearSerializer(serializers.ModelSerializer):
    kind = serializers.SerializerMethodField(help_text=_("gain, pain or none."))
    shared = serializers.SerializerMethodField(
        help_text=_("The amount shared, in pounds, after any cap or collar.")
    )
    limit_bit = serializers.SerializerMethodField(
        help_text=_("Whether the gain cap or pain collar limited what was shared.")
    )
    shares = PainGainShareSerializer(many=True, read_only=True)
    working = serializers.SerializerMethodField(
        help_text=_("How it was worked out, line by line, in words.")
    )

    class Meta:
        model = PainGainYear
        fields = [
            "id",
            "year_starting",
            "actual_cost",
            "kind",
            "shared",
            "limit_bit",
            "shares",
            "working",
            "recorded_at",
        ]
        read_only_fields = fields

    def get_kind(self, year: PainGainYear) -> str:
        return str(year.working.get("kind", ""))

    def get_shared(self, year: PainGainYear) -> str:
        return str(year.working.get("shared", ""))

    def get_limit_bit(self, year: PainGainYear) -> bool:
        return bool(year.working.get("limit_bit"))

    def get_working(self, year: PainGainYear) -> list[str]:
        from django.utils.translation import gettext, ngettext

        from commonweal.agreements.selectors_alliance import working_lines

        return [line.render(gettext, ngettext) for line in working_lines(year)]


class PainGainRecordSerializer(serializers.Serializer):
    year_starting = serializers.DateField(
        help_text=_("The day the year started, year-month-day."),
        error_messages={
            "required": _("Give the day the year started."),
            "invalid": _("Give the day as year-month-day, like 2026-04-01."),
        },
    )
    actual_cost = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        help_text=_("The year's actual cost, in pounds and pence."),
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_digits", "max_decimal_places", "required"),
            _("Give the actual cost in pounds and pence, like 950000.50, £0 or more."),
        ),
    )
