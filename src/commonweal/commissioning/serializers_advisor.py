"""What the API accepts and sends for the route advisor: the answers, the advice in words, and the
route chosen and why."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commonweal.commissioning import routes
from commonweal.commissioning import words_advisor as words
from commonweal.core.api.fields import choice_error, codes_help
from commonweal.core.policy import Jurisdiction

SERVICE_KINDS = [(kind.value, kind.value) for kind in routes.ServiceKind]
BUYERS = [(buyer.value, buyer.value) for buyer in routes.Buyer]
JURISDICTIONS = [(place.value, place.value) for place in Jurisdiction]
ROUTES = [(route.value, route.value) for route in routes.Route]


def _yes_no(help_text) -> serializers.BooleanField:
    return serializers.BooleanField(help_text=help_text)


def _asked_only_when(help_text) -> serializers.BooleanField:
    """A yes/no question asked only after some answers (so optional when not asked: then no)."""
    return serializers.BooleanField(required=False, help_text=help_text)


class AnswersSerializer(serializers.Serializer):
    """The answers to the advisor's questions, each under its question's key."""

    service_kind = serializers.ChoiceField(
        SERVICE_KINDS,
        help_text=codes_help(
            _("What kind of thing is bought or funded, as a code:"), SERVICE_KINDS
        ),
        error_messages=choice_error(_("kind of service"), SERVICE_KINDS),
    )
    buyer = serializers.ChoiceField(
        BUYERS,
        help_text=codes_help(_("Who is buying, as a code:"), BUYERS),
        error_messages=choice_error(_("kind of buyer"), BUYERS),
    )
    jurisdiction = serializers.ChoiceField(
        JURISDICTIONS,
        help_text=codes_help(_("Where the buying body is, as a code:"), JURISDICTIONS),
        error_messages=choice_error(_("part of the UK"), JURISDICTIONS),
    )
    starts_on = serializers.DateField(
        help_text=_(
            "The day the procurement would start (year-month-day): the rules in force that day apply."
        )
    )
    estimated_value = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0"),
        help_text=_(
            "The estimated value in pounds, including VAT, over the contract's whole life, as a "
            'string such as "1200000.00".'
        ),
        error_messages={"min_value": _("The estimated value must be £0 or more.")},
    )
    duration_months = serializers.IntegerField(
        min_value=1,
        max_value=600,
        help_text=_("How long it would last, in months, including any extensions."),
        error_messages={
            "min_value": _("The contract must last at least 1 month."),
            "max_value": _("The contract must last 600 months (50 years) or less."),
        },
    )
    market_exists = _yes_no(_("Could more than one provider deliver it?"))
    incumbent = _yes_no(_("Does someone deliver it now?"))
    incumbent_satisfactory = _asked_only_when(
        _(
            "Only when someone delivers it now: do they deliver it well, and will the service "
            "stay much the same?"
        )
    )
    users_choose_provider = _yes_no(_("Do the people who use it choose their provider?"))
    needs_innovation = _yes_no(_("Do you need something new that has not been tried?"))
    suits_grant = _yes_no(
        _(
            "Would you be funding someone else's purpose (a grant), rather than buying a service "
            "your authority benefits from?"
        )
    )
    outcomes_measurable = _yes_no(_("Can the outcomes be measured and priced?"))
    provider_needs_investment = _yes_no(_("Would a provider need investment to deliver it?"))
    multi_agency = _yes_no(_("Would several agencies commission it together?"))
    framework_available = _yes_no(
        _("Does an existing framework or dynamic market cover this service?")
    )
    mutuals_in_market = _asked_only_when(
        _("Only for services to people and health care: could public service mutuals deliver it?")
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        missing = {
            question.key: [
                _g("Answer this question: %(question)s") % {"question": words.say(question.text)}
            ]
            for question in words.asked(attrs)
            if question.key not in attrs
        }
        if missing:
            raise serializers.ValidationError(missing)
        return attrs

    def answers(self) -> routes.Answers:
        """The answers as the advisor takes them; a question not asked is answered no. An answer the
        advisor refuses is a 400 naming its question."""
        given = self.validated_data
        asked = {question.key for question in words.asked(given)}
        values = {
            key: given[key] if key in asked else given.get(key, False) for key in words.QUESTIONS
        }
        try:
            return routes.Answers(**values)
        except routes.InvalidAnswer as error:
            raise serializers.ValidationError({error.question: [words.say(error.why)]}) from None


class AnswerGivenSerializer(serializers.Serializer):
    question = serializers.CharField(help_text=_("The question's key, as in answers."))
    text = serializers.CharField(source="question_text", help_text=_("The question, in words."))
    answer = serializers.CharField(source="answer_text", help_text=_("The answer, in words."))


class ReferenceSerializer(serializers.Serializer):
    title = serializers.CharField(help_text=_("The law or guidance."))
    url = serializers.URLField(help_text=_("Where to read it."))


class RuledOutSerializer(serializers.Serializer):
    question = serializers.CharField(
        help_text=_("The key of the question whose answer rules it out.")
    )
    question_text = serializers.CharField(help_text=_("That question, in words."))
    answer_text = serializers.CharField(help_text=_("The answer given, in words."))
    why = serializers.CharField(help_text=_("Why that answer rules the route out."))


def _sentences(help_text) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), help_text=help_text)


class RouteAdviceSerializer(serializers.Serializer):
    route = serializers.CharField(help_text=codes_help(_("The route, as a code:"), ROUTES))
    name = serializers.CharField(help_text=_("The route, in words."))
    summary = serializers.CharField(help_text=_("What the route is, in a sentence."))
    fits = serializers.BooleanField(help_text=_("Whether the route fits the answers."))
    why = _sentences(_("Why it fits (empty when it does not)."))
    ruled_out_by = RuledOutSerializer(
        many=True, help_text=_("Each answer that rules it out, and why (empty when it fits).")
    )
    requires = _sentences(_("What the route asks of the commissioner."))
    risks = _sentences(_("Its risks."))
    follows = _sentences(_("What follows: notices, standstill, KPIs, payment terms."))
    references = ReferenceSerializer(many=True, help_text=_("The law and guidance behind it."))


class RouteChosenSerializer(serializers.Serializer):
    route = serializers.CharField(help_text=codes_help(_("The route chosen, as a code:"), ROUTES))
    name = serializers.CharField(help_text=_("The route chosen, in words."))
    reason = serializers.CharField(help_text=_("Why it was chosen."))
    chosen_at = serializers.DateTimeField(help_text=_("When it was chosen."))
    chosen_by = serializers.CharField(
        allow_null=True,
        help_text=_("Who chose it: shown only to those who run the plan, otherwise null."),
    )
    advice = serializers.IntegerField(
        allow_null=True, help_text=_("The number of the advice it was chosen from.")
    )
    ruled_out_by = RuledOutSerializer(
        many=True,
        help_text=_(
            "When the advice it was chosen from ruled this route out: each answer that did, and "
            "why. Empty when the route fits."
        ),
    )


class AdviceSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The advice's number."))
    plan = serializers.IntegerField(help_text=_("The plan's number."))
    asked_at = serializers.DateTimeField(help_text=_("When the advice was asked for."))
    asked_by = serializers.CharField(
        allow_null=True,
        help_text=_("Who asked: shown only to those who run the plan, otherwise null."),
    )
    not_legal_advice = serializers.CharField(
        help_text=_("This is not legal advice: what that means.")
    )
    regime = serializers.CharField(help_text=_("Which law applies, in words."))
    threshold = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        allow_null=True,
        help_text=_("The threshold used, in pounds including VAT; null when no threshold applies."),
    )
    threshold_source = serializers.CharField(
        allow_blank=True, help_text=_("Where the threshold comes from: the law and its address.")
    )
    above_threshold = serializers.BooleanField(
        help_text=_("Whether the estimated value is at or above the threshold.")
    )
    answers = AnswersSerializer(help_text=_("The answers the advice is based on."))
    answered = AnswerGivenSerializer(
        many=True, help_text=_("The questions asked and the answers given, in words, in order.")
    )
    routes = RouteAdviceSerializer(
        many=True, help_text=_("Every route: those that fit first, then those ruled out.")
    )
    route_chosen = RouteChosenSerializer(
        allow_null=True, help_text=_("The route chosen for the plan and why; null until chosen.")
    )


class RouteChoiceSerializer(serializers.Serializer):
    route = serializers.ChoiceField(
        ROUTES,
        help_text=codes_help(_("The route chosen, as a code:"), ROUTES),
        error_messages=choice_error(_("route"), ROUTES),
    )
    reason = serializers.CharField(
        max_length=5000,
        help_text=_(
            "Why you chose it. Needed for every route, and above all for one the advice ruled out."
        ),
        error_messages={"blank": _("Say why you chose this route.")},
    )
    advice = serializers.IntegerField(
        required=False,
        help_text=_(
            "The number of the advice the choice rests on; the plan's latest advice if left out."
        ),
    )
