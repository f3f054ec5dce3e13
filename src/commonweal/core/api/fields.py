"""Small helpers every app's serializers share: error messages and help that list the codes, and a
choice's label in words."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


def choice_error(what, choices) -> dict:
    """Error messages for a choice field: "“x” is not a <what> we know. Use one of: a, b, c."."""
    codes = ", ".join(value for value, _label in choices)
    message = format_lazy(
        _("“{{input}}” is not a {what} we know. Use one of: {codes}."), what=what, codes=codes
    )
    return {"invalid_choice": message}


def codes_help(text, choices):
    """Help text followed by the codes a field may hold: "<text> a, b, c."."""
    return format_lazy(
        "{text} {codes}.", text=text, codes=", ".join(value for value, _label in choices)
    )


class ChoiceLabelField(serializers.CharField):
    """A choice field's label, in words in the reader's language: read-only, what
    ``source="get_<field>_display"`` gives (``source`` names the field itself). DRF inspects a method's
    signature each time before calling it, which for a page of 50 rows costs more than the lookups."""

    def __init__(self, choices, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        self.labels = dict(choices)

    def to_representation(self, value) -> str:
        return str(self.labels.get(value, value))
