"""A base for the site's forms: plain-English messages where Django's own would show.

Django says "Ensure this value has at most 200 characters (it has 300)." A person
reads "Title must be 200 characters or fewer" better, as the GOV.UK Design System
asks. Forms that inherit :class:`PlainForm` get that message for every text field
with a length limit, unless the field sets its own.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.text import capfirst
from django.utils.translation import gettext as _


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
