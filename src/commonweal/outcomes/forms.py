"""Forms for outcomes frameworks. The indicator form also checks each row of an import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commonweal.core.forms import DateField, ModelChoiceField, PlainForm
from commonweal.needs.forms import NeedCheckboxesField
from commonweal.needs.models import Need
from commonweal.outcomes.models import Indicator

CODE_HINT = _(
    "Stays the same from version to version, like %(example)s. Letters, numbers and hyphens only."
)


def _code_field(example: str) -> forms.CharField:
    return forms.RegexField(
        label=_("Code"),
        max_length=20,
        regex=r"^[A-Za-z0-9][A-Za-z0-9\-.]*$",
        help_text=CODE_HINT % {"example": example},
        error_messages={
            "required": _("Enter a code"),
            "invalid": _("Enter a code using only letters, numbers and hyphens, like %(example)s")
            % {"example": example},
            "max_length": _("Enter a code of 20 characters or fewer"),
        },
    )


def _date_field(label) -> DateField:
    return DateField(label=label, required=False)


def _value_field(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=14,
        decimal_places=4,
        help_text=_("A number, like 120 or 7.5."),
        error_messages={
            "invalid": _("Enter a number, like 120 or 7.5"),
            "max_digits": _("Enter a number with no more than 10 digits before the decimal point"),
            "max_decimal_places": _(
                "Enter a number with no more than 4 digits after the decimal point"
            ),
            "max_whole_digits": _(
                "Enter a number with no more than 10 digits before the decimal point"
            ),
        },
    )


class AreaForm(PlainForm):
    code = _code_field("A1")
    name = forms.CharField(
        label=_("Name of the outcome area"),
        max_length=200,
        error_messages={"required": _("Enter the name of the outcome area")},
    )


class OutcomeFieldsForm(PlainForm):
    code = _code_field("O3")
    title = forms.CharField(
        label=_("The outcome"),
        max_length=300,
        help_text=_("A change in people's lives, like 'People keep their home'."),
        error_messages={"required": _("Enter the outcome")},
    )
    description = forms.CharField(
        label=_("What it means"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class OutcomeForm(OutcomeFieldsForm):
    area = ModelChoiceField(
        label=_("Outcome area"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": _("Choose the outcome area"),
            "invalid_choice": _("Choose the outcome area"),
        },
    )
    field_order = ["area", "code", "title", "description"]

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = version.areas.order_by("position", "code")


class IndicatorForm(PlainForm):
    code = _code_field("I7")
    name = forms.CharField(
        label=_("Indicator"), max_length=300, error_messages={"required": _("Enter the indicator")}
    )
    definition = forms.CharField(
        label=_("Definition"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Exactly what is counted or measured, so everyone counts it the same way."),
        error_messages={"required": _("Enter the definition")},
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=60,
        help_text=_("For example: people, %, days, £."),
        error_messages={"required": _("Enter the unit")},
    )
    direction = forms.ChoiceField(
        label=_("Which way is better"),
        choices=Indicator.Direction.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose which way is better"),
            "invalid_choice": _("Choose higher or lower"),
        },
    )
    baseline_value = _value_field(_("Baseline"))
    baseline_date = _date_field(_("Baseline date"))
    target_value = _value_field(_("Target"))
    target_date = _date_field(_("Target date"))
    data_source = forms.CharField(
        label=_("Data source"),
        max_length=300,
        error_messages={"required": _("Enter the data source")},
    )
    frequency = forms.ChoiceField(
        label=_("How often it is collected"),
        choices=Indicator.Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how often it is collected"),
            "invalid_choice": _("Choose monthly, quarterly, twice_yearly or yearly"),
        },
    )
    validation_method = forms.CharField(
        label=_("How results are checked"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    breakdowns = forms.MultipleChoiceField(
        label=_("Broken down by"),
        required=False,
        choices=Indicator.Breakdown.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The characteristics results are reported by: the Equality Act's protected characteristics, "
            "ward and deprivation."
        ),
        error_messages={"invalid_choice": _("%(value)s is not a breakdown we know")},
    )


class ChangeNoteForm(PlainForm):
    change_note = forms.CharField(
        label=_("What changed and why"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("People reading the framework will see this."),
        error_messages={"required": _("Say what changed and why")},
    )


class EndorseForm(PlainForm):
    organisation = ModelChoiceField(
        label=_("Endorse for"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose your organisation"),
            "invalid_choice": _("Choose your organisation"),
        },
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Anyone can read this on the framework's page."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class NeedLinksForm(PlainForm):
    needs = NeedCheckboxesField(
        label=_("Needs this outcome addresses"),
        queryset=Need.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": _(
                "Choose needs of the place the framework is for, or of a place in it"
            ),
            "invalid_pk_value": _(
                "Choose needs of the place the framework is for, or of a place in it"
            ),
        },
    )

    def __init__(self, *args, needs, held=(), held_asked=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs
        self.fields["needs"].keep(held, asked=held_asked)


class ImportForm(PlainForm):
    file = forms.FileField(
        label=_("Upload a file"),
        help_text=_("A CSV (saved as UTF-8) or JSON file, in the same shape as an export."),
        error_messages={"required": _("Select a CSV or JSON file")},
    )
    change_note = ChangeNoteForm.base_fields["change_note"]


class FrameworkStartForm(PlainForm):
    owner = ModelChoiceField(
        label=_("Public body that looks after it"),
        queryset=None,
        error_messages={
            "required": _("Choose the public body that looks after the framework"),
            "invalid_choice": _("Choose a public body you work for"),
        },
    )
    place = ModelChoiceField(
        label=_("Place"),
        queryset=None,
        help_text=_("A place the public body serves, or a place inside it."),
        error_messages={
            "required": _("Choose the place the framework is for"),
            "invalid_choice": _("Choose a place the public body serves"),
        },
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example, Riverside outcomes framework."),
        error_messages={
            "required": _("Enter a name for the framework"),
            "max_length": _("Enter a name of 200 characters or fewer"),
        },
    )
    summary = forms.CharField(
        label=_("What it is for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Anyone can read this on the framework's page."),
    )

    def __init__(self, *args, organisations, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organisations
        self.fields["owner"].empty_label = (
            _("Choose a public body") if organisations.count() > 1 else None
        )
        self.fields["place"].queryset = places
        self.fields["place"].empty_label = _("Choose a place")
