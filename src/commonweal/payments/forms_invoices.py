"""Forms for invoices: send one, dispute, approve, pay, correct, waive late payment charges, set
the schedule, and the rate a provider's cash flow is costed at."""

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.core.forms import TODAY, DateField, PlainForm
from commonweal.payments import schedules

MONEY_LIMIT = Decimal("999999999999.99")
MONEY_MESSAGE = gettext_lazy("Enter an amount in pounds, like 1250 or 1250.50.")


def money_field(label, *, help_text=""):
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0.01"),
        max_value=MONEY_LIMIT,
        decimal_places=2,
        help_text=help_text,
        error_messages={"required": MONEY_MESSAGE, "invalid": MONEY_MESSAGE},
    )


def day_field(label, required_message, *, help_text=None):
    field = DateField(
        label=label,
        latest=TODAY,
        earliest=datetime.date(2000, 1, 1),
        error_messages={"required": required_message},
    )
    if help_text:
        field.help_text = help_text
    return field


class InvoiceForm(PlainForm):
    number = forms.CharField(
        label=gettext_lazy("Invoice number"),
        max_length=60,
        error_messages={"required": gettext_lazy("Enter the invoice number.")},
    )
    description = forms.CharField(
        label=gettext_lazy("What it is for"),
        max_length=300,
        error_messages={"required": gettext_lazy("Say what the invoice is for.")},
    )
    amount = money_field(gettext_lazy("Amount, in pounds"))
    received_on = day_field(
        gettext_lazy("The day it was sent"), gettext_lazy("Enter the day the invoice was sent.")
    )
    scheduled = forms.TypedChoiceField(
        label=gettext_lazy("The scheduled payment it claims (if any)"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    provider = forms.TypedChoiceField(
        label=gettext_lazy("The member of the alliance sending it"),
        coerce=int,
        error_messages={"required": gettext_lazy("Choose the member of the alliance sending it.")},
    )

    def __init__(self, data=None, *, scheduled_choices, provider_choices=None, initial=None):
        super().__init__(data, initial=initial)
        self.fields["scheduled"].choices = [("", _("None"))] + scheduled_choices
        if provider_choices is None:
            del self.fields["provider"]
        else:
            self.fields["provider"].choices = provider_choices
            self.fields["provider"].widget = forms.RadioSelect(choices=provider_choices)


class CorrectForm(PlainForm):
    number = InvoiceForm.base_fields["number"]
    description = InvoiceForm.base_fields["description"]
    amount = money_field(gettext_lazy("Corrected amount, in pounds"))
    received_on = day_field(
        gettext_lazy("The day the corrected invoice was sent"),
        gettext_lazy("Enter the day the corrected invoice was sent."),
        help_text=gettext_lazy("It is due its payment terms from this day. For example, 27 3 2026"),
    )


class DisputeForm(PlainForm):
    disputed_on = day_field(
        gettext_lazy("The day the provider was told"),
        gettext_lazy("Enter the day the provider was told of the dispute."),
    )
    reason = forms.CharField(
        label=gettext_lazy("What is disputed"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The provider reads this."),
        error_messages={
            "required": gettext_lazy("Say what is disputed, so the provider can put it right.")
        },
    )


class ApproveForm(PlainForm):
    approved_on = day_field(
        gettext_lazy("The day it was approved"), gettext_lazy("Enter the day it was approved.")
    )


class PayForm(PlainForm):
    paid_on = day_field(
        gettext_lazy("The day it was paid"), gettext_lazy("Enter the day it was paid.")
    )
    amount = money_field(
        gettext_lazy("Amount paid, in pounds"),
        help_text=gettext_lazy(
            "The invoice's amount, with any late payment interest and compensation not waived."
        ),
    )


class WaiveForm(PlainForm):
    reason = forms.CharField(
        label=gettext_lazy("Why you waive the late payment charges"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Say why the late payment charges are waived.")},
    )


class ScheduleForm(PlainForm):
    milestones = forms.CharField(
        label=gettext_lazy("Milestones"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "One a line: the day it is due to be reached (year-month-day), its percentage of the "
            "value, and what it is, separated by commas. For example: 2026-06-30, 40, Service open"
        ),
    )

    def clean_milestones(self) -> list[schedules.Milestone]:
        found = []
        for number, line in enumerate(self.cleaned_data["milestones"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(",", 2)]
            try:
                day = datetime.date.fromisoformat(parts[0])
                weight = Decimal(parts[1])
                title = parts[2]
            except (IndexError, ValueError, InvalidOperation):
                raise ValidationError(
                    _(
                        "Line %(number)s must be a day, a percentage and what it is, like "
                        "2026-06-30, 40, Service open"
                    )
                    % {"number": number}
                ) from None
            if not weight.is_finite() or weight <= 0 or not title:
                raise ValidationError(
                    _("Line %(number)s needs a percentage of more than nothing and what it is.")
                    % {"number": number}
                )
            found.append(schedules.Milestone(title[:200], day, weight))
        return found


class RateForm(PlainForm):
    rate = forms.DecimalField(
        label=gettext_lazy("What borrowing costs you, percent a year"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        decimal_places=2,
        help_text=gettext_lazy(
            "Left empty: the statutory late payment rate (the reference rate plus 8%)."
        ),
    )
