"""The API's view of a bidder's own bid: its state and, for its own people only, its content."""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from commonweal.competitions import services_bids
from commonweal.competitions.content import BidContent, Commitment, GrantBudget, Member
from commonweal.competitions.forms_bids import MOST_CHARACTERS, form_choices, word_count
from commonweal.competitions.models import Bid, Opportunity

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0")}
SHARE = {
    "max_digits": 5,
    "decimal_places": 2,
    "min_value": Decimal("0"),
    "max_value": Decimal("100"),
}
FRACTION = {
    "max_digits": 5,
    "decimal_places": 4,
    "min_value": Decimal("0"),
    "max_value": Decimal("1"),
}


def _text(**kwargs) -> serializers.CharField:
    return serializers.CharField(
        allow_blank=True, max_length=MOST_CHARACTERS, trim_whitespace=True, **kwargs
    )


class BidMemberSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    role = serializers.CharField(help_text=gettext_lazy("member or subcontractor."))
    share = serializers.DecimalField(allow_null=True, required=False, default=None, **SHARE)
    organisation_id = serializers.IntegerField(allow_null=True, required=False, default=None)

    def validate_role(self, value: str) -> str:
        if value not in ("member", "subcontractor"):
            raise serializers.ValidationError(_("The part must be member or subcontractor."))
        return value


class BidCommitmentSerializer(serializers.Serializer):
    measure_id = serializers.IntegerField()
    quantity_by_year = serializers.ListField(
        child=serializers.DecimalField(max_digits=16, decimal_places=2, min_value=Decimal("0")),
        max_length=50,
        help_text=gettext_lazy("One quantity for each year of the contract."),
    )
    beyond_core_service = serializers.BooleanField()
    attribution = serializers.DecimalField(allow_null=True, **FRACTION)
    deadweight = serializers.DecimalField(allow_null=True, **FRACTION)
    double_counting_group = serializers.CharField(
        max_length=100, allow_blank=True, required=False, default=""
    )
    delivery_plan = _text(required=False, default="")
    evidence_plan = _text(required=False, default="")


class BidBudgetLineSerializer(serializers.Serializer):
    item = serializers.CharField(max_length=500)
    amount = serializers.DecimalField(**MONEY)


class BidGrantSerializer(serializers.Serializer):
    requested = serializers.DecimalField(allow_null=True, required=False, default=None, **MONEY)
    match_funding = serializers.DecimalField(allow_null=True, required=False, default=None, **MONEY)
    in_kind = _text(required=False, default="")
    lines = BidBudgetLineSerializer(many=True, required=False, default=list)


class BidContentSerializer(serializers.Serializer):
    """What the bidder enters, all of it (PUT replaces it whole)."""

    form = serializers.ChoiceField(choices=Bid.Form.choices, default=Bid.Form.ALONE)
    answers = serializers.DictField(
        child=_text(),
        required=False,
        default=dict,
        help_text=gettext_lazy("The criterion's number to the answer."),
    )
    price = serializers.DecimalField(allow_null=True, required=False, default=None, **MONEY)
    staff_hours = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        allow_null=True,
        required=False,
        default=None,
    )
    grant = BidGrantSerializer(allow_null=True, required=False, default=None)
    commitments = BidCommitmentSerializer(many=True, required=False, default=list)
    members = BidMemberSerializer(many=True, required=False, default=list)
    conflicts_declared = serializers.BooleanField(
        default=False,
        help_text=gettext_lazy("True once the bidder has declared (conflicts or none)."),
    )
    conflicts = _text(
        required=False,
        default="",
        help_text=gettext_lazy(
            "The conflicts of interest; empty with conflicts_declared for none."
        ),
    )

    def validate_form(self, value):
        opportunity: Opportunity = self.context["opportunity"]
        if value not in dict(form_choices(opportunity)):
            raise serializers.ValidationError(
                _("This opportunity does not take bids made this way.")
            )
        return value

    def validate_answers(self, value: dict) -> dict:
        opportunity: Opportunity = self.context["opportunity"]
        questions = {str(q.pk) for q in self.context["questions"]}
        limit = opportunity.answer_word_limit
        answers = {}
        for key, answer in value.items():
            if key not in questions:
                raise serializers.ValidationError(
                    _("%(key)s is not a question of this opportunity.") % {"key": key[:20]}
                )
            words = word_count(answer)
            if words > limit:
                raise serializers.ValidationError(
                    _("The answer to %(key)s must be %(limit)s words or fewer: it has %(words)s")
                    % {"key": key, "limit": f"{limit:,}", "words": f"{words:,}"}
                )
            if answer.strip():
                answers[key] = answer.strip()
        return answers

    def validate_commitments(self, value: list) -> list:
        opportunity: Opportunity = self.context["opportunity"]
        if value and opportunity.social_value_framework_id is None:
            raise serializers.ValidationError(_("This opportunity has no social value measures."))
        measures = set(self.context["measure_ids"])
        years = max(1, math.ceil((opportunity.contract_months or 12) / 12))
        for item in value:
            if item["measure_id"] not in measures:
                raise serializers.ValidationError(
                    _("%(id)s is not a measure of this opportunity.") % {"id": item["measure_id"]}
                )
            if len(item["quantity_by_year"]) != years:
                raise serializers.ValidationError(
                    _("Give a quantity for each of the %(years)s years of the contract.")
                    % {"years": years}
                )
        return value

    def validate(self, data):
        opportunity: Opportunity = self.context["opportunity"]
        if opportunity.is_grant and data.get("price") is not None:
            raise serializers.ValidationError(
                {"price": _("A grant round asks for a grant budget, not a price.")}
            )
        if not opportunity.is_grant and data.get("grant") is not None:
            raise serializers.ValidationError(
                {"grant": _("A tender asks for a price, not a grant budget.")}
            )
        if data.get("conflicts", "").strip() and not data.get("conflicts_declared"):
            raise serializers.ValidationError(
                {"conflicts_declared": _("Set conflicts_declared to true to declare conflicts.")}
            )
        return data

    def content(self) -> BidContent:
        data = self.validated_data
        grant = data.get("grant")
        conflicts = ""
        if data["conflicts_declared"]:
            conflicts = data["conflicts"].strip() or services_bids.NO_CONFLICTS
        return BidContent(
            answers=dict(data["answers"]),
            price=data["price"],
            staff_hours=data["staff_hours"],
            grant=GrantBudget(
                requested=grant["requested"],
                match_funding=grant["match_funding"],
                in_kind=grant["in_kind"],
                lines=tuple((line["item"], line["amount"]) for line in grant["lines"]),
            )
            if grant is not None
            else None,
            commitments=tuple(
                Commitment(
                    measure_id=c["measure_id"],
                    quantity_by_year=tuple(c["quantity_by_year"]),
                    beyond_core_service=c["beyond_core_service"],
                    attribution=c["attribution"],
                    deadweight=c["deadweight"],
                    double_counting_group=c["double_counting_group"],
                    delivery_plan=c["delivery_plan"],
                    evidence_plan=c["evidence_plan"],
                )
                for c in data["commitments"]
            ),
            members=tuple(
                Member(
                    name=m["name"],
                    role=m["role"],
                    share=m["share"],
                    organisation_id=m["organisation_id"],
                )
                for m in data["members"]
            ),
            conflicts=conflicts,
        )


def content_data(bid: Bid, content: BidContent) -> dict:
    """The content as the API shows it to the bidder's own people."""
    data = content.as_json()
    data.pop("format")
    declared = bool(content.conflicts)
    data["conflicts_declared"] = declared
    if content.conflicts == services_bids.NO_CONFLICTS:
        data["conflicts"] = ""
    if data["grant"] is not None:
        data["grant"]["lines"] = [
            {"item": item, "amount": amount} for item, amount in data["grant"]["lines"]
        ]
    data["form"] = bid.form
    return data


class BidOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class BidDocumentSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text=gettext_lazy("The document's sealed id."))
    title = serializers.CharField()
    name = serializers.CharField(help_text=gettext_lazy("The file's name."))
    size_band = serializers.IntegerField(help_text=gettext_lazy("Its size, rounded up, in bytes."))


class BidMissingSerializer(serializers.Serializer):
    text = serializers.CharField()
    section = serializers.CharField()
    criterion_id = serializers.IntegerField(allow_null=True)


class BidSerializer(serializers.Serializer):
    """A bidder's own bid: its state and content."""

    id = serializers.IntegerField()
    opportunity = serializers.IntegerField()
    organisation = BidOrganisationSerializer()
    status = serializers.CharField(help_text=gettext_lazy("draft, submitted or withdrawn."))
    version = serializers.IntegerField(help_text=gettext_lazy("How many times it was saved."))
    receipt = serializers.CharField(
        help_text=gettext_lazy("Once submitted: the receipt to keep. Empty otherwise.")
    )
    submitted_at = serializers.DateTimeField(allow_null=True)
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    closes_at = serializers.DateTimeField()
    content = BidContentSerializer()
    documents = BidDocumentSerializer(many=True)
    missing = BidMissingSerializer(
        many=True, help_text=gettext_lazy("What it still needs before it can be submitted.")
    )


class BidOrganisationChoiceSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(
        required=False,
        help_text=gettext_lazy("The organisation's number, when you speak for several."),
    )
