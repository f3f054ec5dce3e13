"""A base for the site's forms: plain-English messages where Django's own would show.

Django says "Ensure this value has at most 200 characters (it has 300)." A person
reads "Title must be 200 characters or fewer" better, as the GOV.UK Design System
asks. Forms that inherit :class:`PlainForm` get that message for every text field
with a length limit, unless the field sets its own.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

# What every date's hint says, in the order the boxes come.
DATE_HINT = _lazy("For example, 27 3 2027")


class PlainForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            limit = getattr(field, "max_length", None)
            if limit and "max_length" not in field.error_messages:  # the field's own message wins
                field.error_messages = {
                    **field.error_messages,
                    "max_length": _("%(label)s must be %(limit)s characters or fewer")
                    % {"label": capfirst(str(field.label or "")), "limit": f"{limit:,}"},
                }


# The widest whole number a database id can hold (a 64-bit signed integer, on SQLite and PostgreSQL).
ID_RANGE = range(-(2**63), 2**63)


class ListedChoices(ModelChoiceIterator):
    """A choice field's rows read as one list, as any other query is read. Django reads them with
    ``QuerySet.iterator()``, which on PostgreSQL opens a cursor held on the server (DECLARE, FETCH
    and CLOSE, each a round trip, for a list the page draws whole anyway): about a millisecond for
    each select or radio list on a page."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.queryset.all():  # a fresh read each time, as Django's
            yield self.choice(row)


class ModelChoiceField(forms.ModelChoiceField):
    """Django's, with its choices read as a list (ListedChoices). Every field in the site that
    chooses one row inherits this one."""

    iterator = ListedChoices


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, with its choices read as a list (ListedChoices), and a number no id can be refused
    as a wrong choice before the database is asked: SQLite cannot take it in the ``IN (...)``
    Django checks the choices with (a 500 for whoever sends one). Every field in the site that
    chooses several rows by id inherits this one."""

    def _check_values(self, value):
        for pk in value or ():
            try:
                number = int(str(pk).strip())
            except ValueError:
                continue  # not a number: Django's own check refuses it with invalid_pk_value
            if number not in ID_RANGE:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)

    iterator = ListedChoices


def show_again(form: forms.BaseForm) -> None:
    """Show ``form`` as it was sent, unchecked, when a button inside it other than its own (a search,
    a page of things to choose from) sent it: what was sent becomes each field's initial value and the
    form is no longer bound, so it shows no errors, is not valid and nothing is saved."""
    sent = {
        name: field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        for name, field in form.fields.items()
        if not field.disabled
    }
    form.initial = {**form.initial, **sent}
    form.is_bound = False


# Dates: the GOV.UK date input (https://design-system.service.gov.uk/components/date-input/), three
# boxes for the day, month and year. A browser's own date picker sends and shows dates in ways
# that differ by browser and language (one showed "05/10/2026" and sent nothing back); three boxes
# of numbers read and send the same everywhere, work without JavaScript and with a keyboard.
DATE_PARTS = ("day", "month", "year")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


class DayMonthYearWidget(forms.MultiWidget):
    """Three text boxes, ``<name>-day``, ``<name>-month`` and ``<name>-year``, drawn by the
    ``govuk_field`` tag (includes/field_date.html). A script may also send the whole date under the
    field's own name as year-month-day (2027-03-01)."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput, forms.TextInput, forms.TextInput], attrs)
        self.widgets_names = [f"-{part}" for part in DATE_PARTS]

    def decompress(self, value):
        return parts_of(value)

    def value_from_datadict(self, data, files, name):
        if not any(f"{name}-{part}" in data for part in DATE_PARTS) and data.get(name):
            whole = parts_of(data.get(name))
            return whole if any(whole) else NotYearMonthDay(["?", "?", "?"])
        return [data.get(f"{name}-{part}", "") for part in DATE_PARTS]

    def value_omitted_from_data(self, data, files, name):
        return name not in data and all(f"{name}-{part}" not in data for part in DATE_PARTS)


class NotYearMonthDay(list):
    """What a script sent as the whole date, which is not year-month-day: refused saying so."""


def parts_of(value) -> list[str]:
    """A date (or year-month-day text, or the three parts already) as the three boxes show it."""
    if isinstance(value, (list, tuple)):
        return [str(part) if part is not None else "" for part in (list(value) + ["", "", ""])[:3]]
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            return ["", "", ""]
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return [str(value.day), str(value.month), str(value.year)]
    return ["", "", ""]


class DateField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK pattern's messages: "Voting opens must
    include a month", "... must be a real date", "Year must include 4 numbers". A month may be typed
    as a number or a name ("3", "mar", "March"). The field's ``required`` message says what to enter
    when every box is empty; ``error_parts`` names the boxes to mark when the date is refused."""

    widget = DayMonthYearWidget
    default_error_messages = {
        "required": _lazy("Enter a date"),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", DATE_HINT)
        super().__init__(*args, **kwargs)
        self.error_parts: tuple[str, ...] = ()

    @property
    def _name(self) -> str:
        return capfirst(str(self.label or _("The date")))

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        self.error_parts = ()
        if isinstance(value, NotYearMonthDay):
            self.error_parts = DATE_PARTS
            return self._refuse(
                _("%(name)s must be a real date, written year-month-day, like 2027-03-31")
                % {"name": self._name}
            )
        day, month, year = (part.strip() for part in parts_of(value))
        if not (day or month or year):
            return None
        missing = [
            part for part, typed in zip(DATE_PARTS, (day, month, year), strict=True) if not typed
        ]
        if missing:
            self.error_parts = tuple(missing)
            words = {"day": _("a day"), "month": _("a month"), "year": _("a year")}
            named = [words[part] for part in missing]
            return self._refuse(
                _("%(name)s must include %(parts)s")
                % {"name": self._name, "parts": _(" and ").join(named)}
            )
        month_number = _MONTHS.get(month.lower()) if not month.isdigit() else int(month)
        if not (day.isdigit() and month_number and year.isdigit()):
            self.error_parts = tuple(
                part
                for part, ok in zip(
                    DATE_PARTS, (day.isdigit(), bool(month_number), year.isdigit()), strict=True
                )
                if not ok
            )
            return self._refuse(_("%(name)s must be a real date") % {"name": self._name})
        if len(year) != 4:
            self.error_parts = ("year",)
            return self._refuse(_("Year must include 4 numbers"))
        try:
            return datetime.date(int(year), month_number, int(day))
        except ValueError:
            self.error_parts = DATE_PARTS
            return self._refuse(_("%(name)s must be a real date") % {"name": self._name})

    @staticmethod
    def _refuse(message):
        raise ValidationError(message, code="invalid")

    def validate(self, value):
        if value is None and self.required:
            self.error_parts = DATE_PARTS
        super().validate(value)

    def prepare_value(self, value):
        return parts_of(value)

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            return self.to_python(data) != self.to_python(initial)
        except ValidationError:
            return True
