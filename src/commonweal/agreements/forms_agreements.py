"""Forms for agreements: choosing the kind, each kind's fields (entering or editing a draft), a
variation, and a KPI, break point or asset transfer."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.agreements.models import Agreement, AssetTransfer, Variation
from commonweal.core.forms import DateField, ModelChoiceField, ModelMultipleChoiceField, PlainForm
from commonweal.organisations.models import Organisation
from commonweal.organisations.place_staff import staff_bodies, staff_places

MONEY_LIMIT = Decimal("999999999999.99")
MONEY_MESSAGE = gettext_lazy("Enter an amount in pounds, like 125000 or 125000.50.")
ENTERED_KINDS = [
    (kind, label) for kind, label in Agreement.Kind.choices if kind != Agreement.Kind.SUBCONTRACT
]
GRANT_FIELDS = ("conditions", "match_funding", "in_kind", "in_kind_value")
ALLIANCE_FIELDS = (
    "members",
    "principle",
    "decision_rule",
    "pooled_budget",
    "target_cost",
    "gain_cap",
    "pain_collar",
)


def money(label, *, required=True, help_text=""):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_value=MONEY_LIMIT,
        decimal_places=2,
        help_text=help_text,
        error_messages={"required": MONEY_MESSAGE, "invalid": MONEY_MESSAGE},
    )


def text(label, *, required=False, max_length=5000, rows=3, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


def rate_card_text(card: list[dict]) -> str:
    return "\n".join(f"{row['outcome']} | {row['price']}" for row in card)


class KindForm(PlainForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("What kind of agreement is it?"),
        choices=ENTERED_KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose the kind of agreement.")},
    )


class AgreementForm(PlainForm):
    """A kind's fields. ``agreement``: editing a draft (its kind, place, parties and members stay)."""

    place = ModelChoiceField(
        label=gettext_lazy("Place it serves"),
        queryset=None,
        error_messages={"required": gettext_lazy("Choose the place the agreement serves.")},
    )
    commissioner = ModelChoiceField(
        label=gettext_lazy("Commissioner or funder"),
        queryset=None,
        error_messages={"required": gettext_lazy("Choose the commissioner or funder.")},
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the agreement's title.")},
    )
    summary = text(gettext_lazy("What it is for"), rows=4)
    reference = forms.CharField(
        label=gettext_lazy("Your reference"), max_length=100, required=False
    )
    provider = ModelChoiceField(
        label=gettext_lazy("Provider or grant holder"),
        queryset=Organisation.objects.exclude(
            legal_form=Organisation.LegalForm.PUBLIC_BODY
        ).order_by("name"),
        error_messages={"required": gettext_lazy("Choose the provider or grant holder.")},
    )
    members = ModelMultipleChoiceField(
        label=gettext_lazy("Providers in the alliance"),
        help_text=gettext_lazy("The commissioner is a member too."),
        queryset=Organisation.objects.exclude(
            legal_form=Organisation.LegalForm.PUBLIC_BODY
        ).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one provider in the alliance.")},
    )
    value = money(gettext_lazy("Total value, in pounds"))
    starts_on = DateField(
        label=gettext_lazy("Starts"),
        error_messages={"required": gettext_lazy("Enter the date it starts")},
    )
    ends_on = DateField(
        label=gettext_lazy("Ends"),
        error_messages={"required": gettext_lazy("Enter the date it ends")},
    )
    max_extension_months = forms.IntegerField(
        label=gettext_lazy("Most it may be extended by, in months"),
        min_value=0,
        max_value=600,
        initial=0,
    )
    payment_terms_days = forms.IntegerField(
        label=gettext_lazy("Days to pay a valid invoice"),
        help_text=gettext_lazy("30 at most for a public contract."),
        min_value=1,
        max_value=120,
        initial=30,
    )
    payment_profile = forms.ChoiceField(
        label=gettext_lazy("How it is paid"),
        choices=Agreement.PaymentProfile.choices,
        initial=Agreement.PaymentProfile.MONTHLY_ARREARS,
        widget=forms.RadioSelect,
    )
    conditions = text(gettext_lazy("Conditions"))
    match_funding = money(gettext_lazy("Match funding, in pounds"), required=False)
    in_kind = text(gettext_lazy("Contributions in kind"))
    in_kind_value = money(gettext_lazy("Value of contributions in kind, in pounds"), required=False)
    principle = text(
        gettext_lazy("The principle decisions are tested against"),
        help_text=gettext_lazy("For example: best for the people who use the service."),
    )
    decision_rule = forms.ChoiceField(
        label=gettext_lazy("How the leadership team decides"),
        choices=Agreement.DecisionRule.choices,
        initial=Agreement.DecisionRule.UNANIMITY,
        widget=forms.RadioSelect,
    )
    pooled_budget = money(gettext_lazy("Pooled budget, in pounds a year"), required=False)
    target_cost = money(gettext_lazy("Target cost, in pounds a year"), required=False)
    gain_cap = money(gettext_lazy("Most gain shared in a year, in pounds"), required=False)
    pain_collar = money(gettext_lazy("Most pain shared in a year, in pounds"), required=False)
    rate_card = text(
        gettext_lazy("Rate card"),
        required=True,
        rows=6,
        help_text=gettext_lazy(
            "One outcome a line, then a bar and its price in pounds, like: A tenancy kept for a "
            "year | 1500"
        ),
    )

    def __init__(self, data=None, *, kind: str, user, agreement: Agreement | None = None):
        initial = None
        if agreement is not None:
            initial = {name: getattr(agreement, name) for name in self.base_fields}
            initial["provider"] = agreement.provider_id
            initial["rate_card"] = rate_card_text(agreement.rate_card)
        super().__init__(data, initial=initial)
        self.kind = kind
        drop = set()
        if agreement is not None or kind == Agreement.Kind.SUBCONTRACT:
            drop |= {"place", "commissioner", "members"}
        else:
            self.fields["place"].queryset = staff_places(user)
            self.fields["commissioner"].queryset = staff_bodies(user).order_by("name")
        if kind != Agreement.Kind.GRANT:
            drop |= set(GRANT_FIELDS)
        if kind != Agreement.Kind.ALLIANCE:
            drop |= set(ALLIANCE_FIELDS)
        else:
            self.fields["provider"].required = False
            self.fields["provider"].label = _("Lead provider")
        if kind != Agreement.Kind.OUTCOMES_CONTRACT:
            drop.add("rate_card")
        for name in drop:
            self.fields.pop(name, None)

    def clean_rate_card(self):
        card = []
        for number, line in enumerate(self.cleaned_data["rate_card"].splitlines(), start=1):
            if not line.strip():
                continue
            outcome, _bar, price = line.rpartition("|")
            try:
                amount = Decimal(price.strip())
            except InvalidOperation:
                amount = None
            if not outcome.strip() or amount is None or not amount.is_finite() or amount <= 0:
                raise forms.ValidationError(
                    _("Line %(number)s needs an outcome, a bar and a price above £0.")
                    % {"number": number}
                )
            card.append({"outcome": outcome.strip(), "price": amount})
        if not card:
            raise forms.ValidationError(_("Enter at least one outcome and its price."))
        return card

    def fields_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("members", None)
        for name in ("summary", "reference", "conditions", "in_kind", "principle"):
            if name in data and data[name] is None:
                data[name] = ""
        return data


class VaryForm(PlainForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("What kind of change is it?"),
        choices=Variation.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose the kind of change.")},
    )
    reason = text(
        gettext_lazy("Why it is changing"),
        required=True,
        help_text=gettext_lazy("Published with the agreement's history."),
    )
    ends_on = DateField(label=gettext_lazy("New end date (for an extension)"), required=False)
    value = money(
        gettext_lazy("New total value, in pounds (for a change of value)"), required=False
    )
    summary = text(
        gettext_lazy("What is delivered now (for a change of what is delivered)"), rows=4
    )
    payment_terms_days = forms.IntegerField(
        label=gettext_lazy("Days to pay a valid invoice (for a change of terms)"),
        min_value=1,
        max_value=120,
        required=False,
    )
    payment_profile = forms.ChoiceField(
        label=gettext_lazy("How it is paid (for a change of terms)"),
        choices=Agreement.PaymentProfile.choices,
        required=False,
    )
    conditions = text(gettext_lazy("Conditions (for a change of terms)"))

    def __init__(self, data=None, *, agreement: Agreement):
        initial = {
            name: getattr(agreement, name)
            for name in ("ends_on", "value", "summary", "payment_terms_days")
        }
        initial["payment_profile"] = agreement.payment_profile
        initial["conditions"] = agreement.conditions
        super().__init__(data, initial=initial)
        self.fields["reason"].error_messages["required"] = _("Say why the agreement is changing.")
        self.agreement = agreement

    def changes(self, fields: tuple[str, ...]) -> dict:
        """The kind's fields as given (an empty one keeps what the agreement has)."""
        found = {}
        for name in fields:
            value = self.cleaned_data.get(name)
            if value in (None, "") and name != "summary" and name != "conditions":
                value = getattr(self.agreement, name)
            found[name] = value if value is not None else ""
        return found


class KPIForm(PlainForm):
    title = forms.CharField(
        label=gettext_lazy("Indicator"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the indicator.")},
    )
    target = forms.CharField(
        label=gettext_lazy("Target"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the target.")},
    )


class BreakPointForm(PlainForm):
    on = DateField(
        label=gettext_lazy("Break day"),
        error_messages={"required": gettext_lazy("Enter the break day")},
    )
    notice_months = forms.IntegerField(
        label=gettext_lazy("Notice needed, in months"), min_value=0, max_value=120, initial=6
    )
    note = forms.CharField(label=gettext_lazy("What happens"), max_length=300, required=False)


class AssetForm(PlainForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=AssetTransfer.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose the kind of asset.")},
    )
    description = forms.CharField(
        label=gettext_lazy("What"),
        max_length=300,
        error_messages={"required": gettext_lazy("Say what is transferred.")},
    )
    value = money(gettext_lazy("Value, in pounds"))
    conditions = text(gettext_lazy("Conditions"))
    transferred_on = DateField(label=gettext_lazy("Transferred on"), required=False)


class FromAwardForm(PlainForm):
    """The dates, when the award or grant decision does not hold them."""

    starts_on = DateField(
        label=gettext_lazy("Starts"),
        error_messages={"required": gettext_lazy("Enter the date it starts")},
    )
    ends_on = DateField(
        label=gettext_lazy("Ends"),
        error_messages={"required": gettext_lazy("Enter the date it ends")},
    )

    def __init__(self, data=None, *, need_dates: bool):
        super().__init__(data)
        if not need_dates:
            del self.fields["starts_on"]
            del self.fields["ends_on"]


class ListFilterForm(PlainForm):
    """The list's filters, read from the address (a wrong one is ignored, never an error page)."""

    place = forms.ChoiceField(label=gettext_lazy("Place"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("Any kind")), *Agreement.Kind.choices],
    )
    provider = forms.CharField(
        label=gettext_lazy("Provider or member's name"), max_length=200, required=False
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *Agreement.Status.choices],
    )
    organisation = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, data=None, *, places):
        super().__init__(data)
        self.fields["place"].choices = [("", _("Any place")), *places]
