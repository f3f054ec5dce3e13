"""Forms for an alliance's governance: a member and its share, a decision, a risk, a year's actual
cost. The services check everything again (who agreed, shares adding up)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from commonweal.agreements.models import Member, Risk
from commonweal.agreements.services_alliance import LONGEST_SUBJECT, LONGEST_TEXT, LONGEST_TITLE
from commonweal.core.forms import (
    TODAY,
    DateField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    PlainForm,
)
from commonweal.organisations.forms import FriendlyDecimalField, OrganisationRadioField
from commonweal.organisations.models import Organisation

SHARE_ERROR = _("Enter the share as a percentage between 0 and 100, like 30 or 12.5")
COST_ERROR = _("Enter the actual cost in pounds and pence, like 950000 or 950000.50")


def _share_field() -> FriendlyDecimalField:
    return FriendlyDecimalField(
        label=_("Share of pain and gain, percent"),
        help_text=_("The members' shares add up to 100."),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-5"}
        ),
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value", "max_digits", "max_decimal_places"),
            SHARE_ERROR,
        ),
    )


def _team_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("On the leadership team (takes part in its decisions)"), required=False
    )


class MemberAddForm(PlainForm):
    organisation = OrganisationRadioField(
        queryset=Organisation.objects.all(),
        label=_("Organisation"),
        error_messages={
            "required": _("Search for the organisation and choose it"),
            "invalid_choice": _("Choose an organisation from the list"),
        },
    )
    share = _share_field()
    on_leadership_team = _team_field()

    def __init__(self, *args, offered, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].offered = list(offered)
        self.initial.setdefault("on_leadership_team", True)


class MemberForm(PlainForm):
    share = _share_field()
    on_leadership_team = _team_field()


class MemberChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, member: Member) -> str:
        return member.organisation.name


class DecisionForm(PlainForm):
    subject = forms.CharField(
        label=_("What was decided, in a few words"),
        max_length=LONGEST_SUBJECT,
        error_messages={"required": _("Enter what was decided, in a few words")},
    )
    decision = forms.CharField(
        label=_("The decision"),
        max_length=LONGEST_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter the decision")},
    )
    principle_test = forms.CharField(
        label=_("How it serves the alliance's principle"),
        max_length=LONGEST_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say how this decision serves the alliance's principle")},
    )
    agreed_by = MemberChoiceField(
        queryset=Member.objects.none(),
        label=_("Who on the leadership team agreed"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose members of the leadership team")},
    )
    decided_on = DateField(
        label=_("Decided on"),
        latest=TODAY,
        error_messages={"required": _("Enter the day it was decided")},
    )

    def __init__(self, *args, team, principle: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_by"].queryset = team
        self.fields["principle_test"].help_text = _("The principle: %(principle)s") % {
            "principle": principle or _("best for the people who use the service")
        }


LEVELS = [(str(value), label) for value, label in Risk.Level.choices]


class RiskForm(PlainForm):
    title = forms.CharField(
        label=_("The risk"),
        max_length=LONGEST_TITLE,
        error_messages={"required": _("Enter the risk")},
    )
    likelihood = forms.TypedChoiceField(
        label=_("How likely it is"),
        choices=LEVELS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how likely it is"),
            "invalid_choice": _("Choose how likely it is"),
        },
    )
    impact = forms.TypedChoiceField(
        label=_("How much harm it would do"),
        choices=LEVELS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how much harm it would do"),
            "invalid_choice": _("Choose how much harm it would do"),
        },
    )
    owner = ModelChoiceField(
        queryset=Member.objects.none(),
        label=_("Who owns it"),
        required=False,
        empty_label=_("Nobody yet"),
        error_messages={"invalid_choice": _("Choose a member of the alliance")},
    )
    mitigation = forms.CharField(
        label=_("What is being done about it"),
        max_length=LONGEST_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what is being done about it")},
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = members
        owner.label_from_instance = lambda member: member.organisation.name


class PainGainForm(PlainForm):
    year_starting = DateField(
        label=_("The year starting"),
        error_messages={"required": _("Enter the day the year started")},
    )
    actual_cost = FriendlyDecimalField(
        label=_("Actual cost for the year, in pounds"),
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}
        ),
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_digits", "max_decimal_places"),
            COST_ERROR,
        ),
    )
