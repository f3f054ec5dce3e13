"""A base for the site's forms: plain-English messages where Django's own would show.

Django says "Ensure this value has at most 200 characters (it has 300)." A person
reads "Title must be 200 characters or fewer" better, as the GOV.UK Design System
asks. Forms that inherit :class:`PlainForm` get that message for every text field
with a length limit, unless the field sets its own.
"""

from django import forms
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
