"""A base for the site's forms: plain-English messages where Django's own would show.

Django says "Ensure this value has at most 200 characters (it has 300)." A person
reads "Title must be 200 characters or fewer" better, as the GOV.UK Design System
asks. Forms that inherit :class:`PlainForm` (or :class:`PlainMessages`, for a model form) get that
message for every text field with a length limit, and "Minimum age to vote must be 0 or more" for
every number out of its range, unless the field sets its own.
"""

import datetime
import re
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

# What every date's hint says, in the order the boxes come.
DATE_HINT = _lazy("For example, 27 3 2027")


def plain_messages(field: forms.Field) -> None:
    """Give ``field`` plain messages, from its label, for a text over its length and a number out of
    its range ("Minimum age to vote must be 0 or more"), where it has none of its own: Django's own
    ("Ensure this value is greater than or equal to 0.") must never reach a person."""
    name = capfirst(str(field.label or "")) or _("The number")
    own = field.error_messages
    added = {}
    limit = getattr(field, "max_length", None)
    if limit and "max_length" not in own:
        added["max_length"] = _("%(label)s must be %(limit)s characters or fewer") % {
            "label": name,
            "limit": f"{limit:,}",
        }
    lowest = getattr(field, "min_value", None)
    if lowest is not None and "min_value" not in own:
        added["min_value"] = _("%(label)s must be %(limit)s or more") % {
            "label": name,
            "limit": f"{lowest:,}",
        }
    highest = getattr(field, "max_value", None)
    if highest is not None and "max_value" not in own:
        added["max_value"] = _("%(label)s must be %(limit)s or less") % {
            "label": name,
            "limit": f"{highest:,}",
        }
    if added:
        # The validator's values are put into the message (message % params): a "%" of the label's
        # own, "Profits reinvested (%)", must stay a "%".
        field.error_messages = {
            **own,
            **{code: text.replace("%", "%%") for code, text in added.items()},
        }


class PlainMessages:
    """Plain messages (``plain_messages``) for every field of a form, model forms too: those it has
    when it is made, and those its ``__init__`` adds after (checked again before it is cleaned)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.give_plain_messages()

    def give_plain_messages(self) -> None:
        for field in self.fields.values():
            plain_messages(field)

    def full_clean(self):
        self.give_plain_messages()
        super().full_clean()


class PlainForm(PlainMessages, forms.Form):
    pass


def part_of_one_question(field: forms.Field) -> forms.Field:
    """``field`` is one of several boxes of one question asked around them (a ballot's boxes, one
    for each project), which may be left empty while the question as a whole needs an answer: its
    label does not say "(optional)", as the question's hint says which may be left empty."""
    field.part_of_one_question = True  # type: ignore[attr-defined]
    return field


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
_DIGITS = re.compile(r"[0-9]{1,9}")
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


# The first and last day a date may be: a day, or what works one out when the form is checked.
DateLimit = datetime.date | Callable[[], datetime.date] | None
# The last day a date of something that has happened may be: today, where the site is.
TODAY = timezone.localdate


class DateField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK pattern's messages: "Voting opens must
    include a month", "... must be a real date", "Year must include 4 numbers". A month may be typed
    as a number or a name ("3", "mar", "March"). The field's ``required`` message says what to enter
    when every box is empty; ``error_parts`` names the boxes to mark when the date is refused.

    ``earliest`` and ``latest`` (a day, or ``TODAY``) refuse a date outside them: "Date of the figure
    must be 1900 or later", "... must be today or in the past" (messages ``too_early`` and
    ``too_late``, which a field may give its own)."""

    widget = DayMonthYearWidget
    default_error_messages = {
        "required": _lazy("Enter a date"),
    }

    def __init__(self, *args, earliest: DateLimit = None, latest: DateLimit = None, **kwargs):
        kwargs.setdefault("help_text", DATE_HINT)
        super().__init__(*args, **kwargs)
        self.earliest, self.latest = earliest, latest
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
        # Only the digits 0 to 9: str.isdigit also takes "²" and other digits int() refuses.
        month_number = int(month) if _DIGITS.fullmatch(month) else _MONTHS.get(month.lower())
        if not (_DIGITS.fullmatch(day) and month_number and _DIGITS.fullmatch(year)):
            self.error_parts = tuple(
                part
                for part, ok in zip(
                    DATE_PARTS,
                    (
                        bool(_DIGITS.fullmatch(day)),
                        bool(month_number),
                        bool(_DIGITS.fullmatch(year)),
                    ),
                    strict=True,
                )
                if not ok
            )
            return self._refuse(_("%(name)s must be a real date") % {"name": self._name})
        if len(year) != 4:
            self.error_parts = ("year",)
            return self._refuse(_("Year must include 4 numbers"))
        try:
            return datetime.date(int(year), month_number, int(day))
        except (ValueError, OverflowError):  # no such day, or a number too long for one
            self.error_parts = DATE_PARTS
            return self._refuse(_("%(name)s must be a real date") % {"name": self._name})

    @staticmethod
    def _refuse(message):
        raise ValidationError(message, code="invalid")

    def validate(self, value):
        if value is None and self.required:
            self.error_parts = DATE_PARTS
        super().validate(value)
        if value is None:
            return
        earliest = self.earliest() if callable(self.earliest) else self.earliest
        latest = self.latest() if callable(self.latest) else self.latest
        if earliest is not None and value < earliest:
            self._out_of_range("too_early", earliest, _too_early(self.earliest, earliest))
        if latest is not None and value > latest:
            self._out_of_range("too_late", latest, _too_late(self.latest))

    def _out_of_range(self, code: str, limit: datetime.date, message: str) -> None:
        self.error_parts = DATE_PARTS
        raise ValidationError(
            self.error_messages.get(code, message),
            code=code,
            params={"name": self._name, "date": date_format(limit, "j F Y"), "year": limit.year},
        )

    def prepare_value(self, value):
        return parts_of(value)

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            return self.to_python(data) != self.to_python(initial)
        except ValidationError:
            return True


def _too_early(given: DateLimit, earliest: datetime.date) -> str:
    if not callable(given) and (earliest.month, earliest.day) == (1, 1):
        return _("%(name)s must be %(year)s or later")
    return _("%(name)s must be %(date)s or later")


def _too_late(given: DateLimit) -> str:
    if given is TODAY:
        return _("%(name)s must be today or in the past")
    return _("%(name)s must be %(date)s or earlier")
