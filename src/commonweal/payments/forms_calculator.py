"""The late-payment calculator's question: the amount, the day it fell due and the day it was paid
(left empty: today). Sent by GET, so an answer can be linked to and nothing is stored."""

from collections.abc import Callable
from datetime import date
from decimal import InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from commonweal.commissioning.forms_advisor import MoneyField
from commonweal.core.forms import TODAY, DateField, PlainForm
from commonweal.payments.late_payment import (
    LatePayment,
    LatePaymentError,
    late_payment,
    not_late_yet,
)

FIELDS = ("amount", "due", "paid")


class AmountField(MoneyField):
    """The route advisor's amount in pounds, refusing a number too long to work with as too big
    (the advisor's own field gives a server error for one of 29 figures or more)."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except InvalidOperation:
            raise ValidationError(self.error_messages["too_big"], code="too_big") from None


class LatePaymentForm(PlainForm):
    amount = AmountField(
        label=_("How much the invoice was for, in pounds"),
        help_text=_("The whole amount owed, including VAT, like 12000 or 12,000.50."),
        error_messages={
            "required": _("Enter how much the invoice was for"),
            "invalid": _("Enter the amount in pounds, like 12000 or 12,000.50"),
            "negative": _("The amount cannot be negative: enter what the invoice asked for"),
            "pence": _(
                "Enter the amount in pounds and pence, with at most 2 numbers after the point"
            ),
            "too_big": _("Enter an amount less than £1,000,000,000,000"),
        },
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}
        ),
    )
    due = DateField(
        label=_("When payment was due"),
        help_text=_("The last day for paying the invoice on time. For example, 31 1 2025"),
        error_messages={"required": _("Enter the day payment was due")},
    )
    paid = DateField(
        label=_("When it was paid"),
        required=False,
        help_text=_(
            "Leave this empty if it has not been paid yet: the calculator works out what is owed "
            "today. For example, 17 3 2025"
        ),
    )

    def __init__(self, *args, today: Callable[[], date] = TODAY, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.result: LatePayment | None = None
        self.paid_today = False

    def clean(self):
        cleaned = super().clean()
        amount, due = cleaned.get("amount"), cleaned.get("due")
        if amount is None or due is None or self.has_error("paid"):
            return cleaned
        paid = cleaned.get("paid")
        if paid is None:
            paid, self.paid_today = self.today(), True
        try:
            self.result = late_payment(amount, due, paid)
        except LatePaymentError as error:
            if self.paid_today and error.field == "paid":
                self.add_error("due", not_late_yet(due).render(gettext, ngettext))
            else:
                self.add_error(error.field, error.message.render(gettext, ngettext))
        return cleaned


def asked(query) -> bool:
    """Whether the query string asks the calculator anything (not only, say, a language)."""
    return any(key.split("-")[0] in FIELDS for key in query)
