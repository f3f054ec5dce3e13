"""Forms for the award: the award decision, the contract's details after the standstill, and a
grant round's decision on one application."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.core.forms import DateField, PlainForm

MONEY_LIMIT = Decimal("999999999999.99")
YES_NO = [("yes", gettext_lazy("Yes, fund it")), ("no", gettext_lazy("No"))]


def money_field(label, *, required=True, help_text=""):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal("0.01"),
        max_value=MONEY_LIMIT,
        decimal_places=2,
        help_text=help_text,
        error_messages={
            "required": gettext_lazy("Enter an amount in pounds, like 125000 or 125000.50."),
            "invalid": gettext_lazy("Enter an amount in pounds, like 125000 or 125000.50."),
        },
    )


class AwardForm(PlainForm):
    bid = forms.ChoiceField(
        label=gettext_lazy("Which bid wins"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose the bid that wins.")},
    )
    value = money_field(
        gettext_lazy("Contract value, in pounds"),
        help_text=gettext_lazy("Normally the winning bid's price over the whole contract."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Why this bid wins"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Published with the award, and read by every bidder."),
        error_messages={"required": gettext_lazy("Say why this bid wins.")},
    )
    why_not_the_winner = forms.CharField(
        label=gettext_lazy("If you choose a bid that is not the most advantageous tender, why"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, data=None, *, choices: list[tuple[str, str]], initial=None):
        super().__init__(data, initial=initial)
        self.fields["bid"].choices = choices


class ContractForm(PlainForm):
    signed_on = DateField(
        label=gettext_lazy("Date the contract was signed"),
        error_messages={"required": gettext_lazy("Enter the date the contract was signed")},
    )
    starts_on = DateField(
        label=gettext_lazy("Date the contract starts"),
        error_messages={"required": gettext_lazy("Enter the date the contract starts")},
    )
    ends_on = DateField(
        label=gettext_lazy("Date the contract ends"),
        error_messages={"required": gettext_lazy("Enter the date the contract ends")},
    )


class GrantDecisionForm(PlainForm):
    awarded = forms.ChoiceField(
        label=gettext_lazy("Fund this application?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say whether you fund this application.")},
    )
    amount = money_field(gettext_lazy("Amount awarded, in pounds"), required=False)
    reason = forms.CharField(
        label=gettext_lazy("Why"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("The applicant reads this."),
        error_messages={"required": gettext_lazy("Say why: the applicant reads it.")},
    )
    planned_start = DateField(label=gettext_lazy("Planned start"), required=False)
    planned_end = DateField(label=gettext_lazy("Planned end"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("awarded") == "yes" and not data.get("amount"):
            self.add_error("amount", _("Enter the amount awarded, in pounds."))
        return data

    def service_values(self) -> dict:
        data = self.cleaned_data
        funded = data["awarded"] == "yes"
        return {
            "awarded": funded,
            "amount": data.get("amount") if funded else None,
            "reason": data["reason"],
            "planned_start": data.get("planned_start"),
            "planned_end": data.get("planned_end"),
        }
