from django import forms
from django.utils.translation import gettext_lazy as _

from commonweal.core.forms import PlainForm
from commonweal.notifications.topics import Frequency, Topic


class PreferencesForm(PlainForm):
    """How often the person wants emails about each topic: one question a topic."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for topic, label in Topic.choices:
            self.fields[topic] = forms.ChoiceField(
                label=label,
                choices=Frequency.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose how often you want these emails")},
            )


class FollowForm(PlainForm):
    kind = forms.CharField(max_length=40)
    object_id = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    next = forms.CharField(required=False, max_length=1000)
