"""Forms for the route advisor: one question per page (the GOV.UK question pages pattern), and the
route chosen and why."""

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.commissioning import routes
from commonweal.commissioning.words_advisor import choices_of
from commonweal.core.forms import DateField, PlainForm

# The most a plan's money may be (the models keep 14 digits, 2 of them pence).
MONEY_DIGITS = 12

# Each question's short name, used in its messages, and what to do when it is left unanswered.
# The question itself is the page's heading (routes.QUESTIONS).
NAMES = {
    "service_kind": gettext_lazy("The kind of thing bought"),
    "estimated_value": gettext_lazy("The estimated value"),
    "duration_months": gettext_lazy("How long it lasts"),
    "buyer": gettext_lazy("Who buys"),
    "starts_on": gettext_lazy("The start of the procurement"),
    "jurisdiction": gettext_lazy("Where the buying body is"),
}
REQUIRED = {
    "service_kind": gettext_lazy("Select the kind of thing you are buying or funding"),
    "estimated_value": gettext_lazy("Enter the estimated value of the contract, including VAT"),
    "duration_months": gettext_lazy(
        "Enter how many months it would last, including any extensions"
    ),
    "buyer": gettext_lazy("Select who buys"),
    "starts_on": gettext_lazy("Enter the day the procurement would start"),
    "jurisdiction": gettext_lazy("Select where the buying body is"),
    "market_exists": gettext_lazy("Select yes if more than one provider could deliver it"),
    "incumbent": gettext_lazy("Select yes if someone delivers it now"),
    "incumbent_satisfactory": gettext_lazy(
        "Select yes if they deliver it well and the service will stay much the same"
    ),
    "users_choose_provider": gettext_lazy(
        "Select yes if the people who use it choose their provider"
    ),
    "needs_innovation": gettext_lazy(
        "Select yes if you need something new that has not been tried"
    ),
    "suits_grant": gettext_lazy("Select yes if you would be funding someone else's purpose"),
    "outcomes_measurable": gettext_lazy("Select yes if the outcomes can be measured and priced"),
    "provider_needs_investment": gettext_lazy(
        "Select yes if a provider would need investment to deliver it"
    ),
    "multi_agency": gettext_lazy("Select yes if several agencies would commission it together"),
    "framework_available": gettext_lazy(
        "Select yes if an existing framework or dynamic market covers this service"
    ),
    "mutuals_in_market": gettext_lazy("Select yes if public service mutuals could deliver it"),
}
_SPACES_AND_COMMAS = re.compile(r"[\s,]")


def _required_message(question: routes.Question):
    if question.key in REQUIRED:
        return REQUIRED[question.key]
    if question.kind == "yes_no":
        return gettext_lazy("Select yes or no")
    return gettext_lazy("Answer the question")


class MoneyField(forms.CharField):
    """Pounds and pence as typed: "600000", "600,000.50" or "£600,000". Never a float."""

    default_error_messages = {
        "invalid": gettext_lazy("Enter the amount in pounds, like 600000 or 600,000.50"),
        "negative": gettext_lazy("The amount must be £0 or more. It cannot be negative"),
        "pence": gettext_lazy(
            "Enter the amount in pounds and pence, with no more than 2 numbers after the point"
        ),
        "too_big": gettext_lazy("Enter an amount less than £1,000,000,000,000"),
    }

    def to_python(self, value) -> Decimal | None:  # type: ignore[override]
        text = _SPACES_AND_COMMAS.sub("", str(value or ""))
        negative = text.startswith("-")
        text = text.lstrip("-").removeprefix("£")
        if not text:
            if negative:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            return None
        if not re.fullmatch(r"[0-9]+(\.[0-9]*)?|\.[0-9]+", text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            amount = Decimal(text)
        except InvalidOperation:  # the pattern above lets only plain numbers through
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if negative and amount != 0:
            raise ValidationError(self.error_messages["negative"], code="negative")
        # Size first: Decimal cannot quantize a number of 29 digits or more to pence.
        if amount >= Decimal(10) ** MONEY_DIGITS:
            raise ValidationError(self.error_messages["too_big"], code="too_big")
        if amount != amount.quantize(Decimal("0.01")):
            raise ValidationError(self.error_messages["pence"], code="pence")
        return amount.quantize(Decimal("0.01"))

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value.quantize(Decimal('0.01')):f}".removesuffix(".00")
        return value


def answer_field(question: routes.Question) -> forms.Field:
    """The field that asks ``question``."""
    name = NAMES.get(question.key, gettext_lazy("The answer"))
    required = {"required": _required_message(question)}
    if question.kind == "money":
        return MoneyField(
            label=name,
            error_messages={
                **required,
                "negative": _("%(name)s must be £0 or more. It cannot be negative")
                % {"name": name},
            },
            widget=forms.TextInput(
                attrs={"inputmode": "decimal", "class": "govuk-input govuk-input--width-10"}
            ),
        )
    if question.kind == "months":
        return forms.IntegerField(
            label=name,
            min_value=1,
            max_value=600,
            widget=forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-4"}
            ),
            error_messages={
                **required,
                "invalid": _("Enter the number of months as a whole number, like 36"),
                "min_value": _("The contract must last at least 1 month"),
                "max_value": _("The contract must last 600 months (50 years) or less"),
            },
        )
    if question.kind == "date":
        # A start before the Procurement Act 2023's regime is not refused: the advice says which
        # routes that rules out, and why.
        return DateField(label=name, error_messages=required)
    if question.kind == "yes_no":
        return forms.TypedChoiceField(
            label=name,
            choices=choices_of(question),
            coerce=lambda value: value == "yes",
            widget=forms.RadioSelect,
            error_messages={**required, "invalid_choice": _required_message(question)},
        )
    return forms.ChoiceField(
        label=name,
        choices=choices_of(question),
        widget=forms.RadioSelect,
        error_messages={**required, "invalid_choice": _required_message(question)},
    )


class QuestionForm(PlainForm):
    """One question of the advisor: its answer is ``answer``."""

    def __init__(self, *args, question: routes.Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.fields["answer"] = answer_field(question)


def stored(question: routes.Question, value: Any) -> Any:
    """An answer as the session keeps it (JSON): a date as year-month-day, money as a string."""
    if value is None:
        return None
    if question.kind == "money":
        return str(value)
    if question.kind == "date":
        return value.isoformat()
    if question.kind in ("choice", "jurisdiction"):
        return str(getattr(value, "value", value))
    return value


def typed(question: routes.Question, value: Any) -> Any:
    """An answer the session keeps, as the advisor takes it."""
    if value is None:
        return None
    if question.kind == "money":
        return Decimal(value)
    if question.kind == "date":
        return datetime.date.fromisoformat(value)
    if question.kind == "months":
        return int(value)
    if question.kind == "yes_no":
        return bool(value)
    return value


def initial_for(question: routes.Question, value: Any) -> Any:
    """What the question's field shows for an answer already given."""
    if value is None:
        return None
    if question.kind == "yes_no":
        return "yes" if value else "no"
    return value


class RouteChoiceForm(PlainForm):
    """The route chosen, and why. A route the advice ruled out may be chosen only with a reason,
    and the reason says why it was chosen all the same."""

    route = forms.ChoiceField(
        label=gettext_lazy("Route chosen"),
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Select the route you chose"),
            "invalid_choice": gettext_lazy("Select a route from the list"),
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("Why you chose this route"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Say what the decision rests on. Everyone who can see the plan can read it."
        ),
        error_messages={"required": gettext_lazy("Say why you chose this route")},
    )
    advice = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, fitting: list[dict], ruled_out: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.ruled_out = {route["route"]: route for route in ruled_out}
        self.fields["route"].choices = [
            (route["route"], route["name"]) for route in [*fitting, *ruled_out]
        ]
        self.fitting = fitting

    def options(self) -> list[dict]:
        """The routes as radios: those that fit, then (after a divider) those ruled out, each with
        a hint saying so."""
        field = self["route"]
        chosen = "" if field.value() is None else str(field.value())
        options = []
        for index, (value, label) in enumerate(self.fields["route"].choices):
            ruling = self.ruled_out.get(value)
            if ruling is None:
                hint = _("Fits your answers.")
            else:
                hint = _("Ruled out: %(why)s") % {
                    "why": " ".join(each["why"] for each in ruling["ruled_out_by"])
                }
            options.append(
                {
                    "id": f"{field.auto_id}-{index}",
                    "value": value,
                    "label": label,
                    "hint": hint,
                    "checked": value == chosen,
                    "divider_before": ruling is not None
                    and index == len(self.fitting)
                    and index > 0,
                }
            )
        return options

    def clean(self):
        cleaned = super().clean()
        route = cleaned.get("route")
        if route in self.ruled_out and not (self.data.get("reason") or "").strip():
            self.errors.pop("reason", None)
            self.add_error(
                "reason",
                _("The advice ruled out %(route)s. Say why you chose it all the same")
                % {"route": self.ruled_out[route]["name"]},
            )
        return cleaned
