"""Small helpers every app's serializers share: error messages and help that list the codes."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


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
