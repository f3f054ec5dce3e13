"""Forms for citizens' panels: setting one up, features, quotas, the pool file, selection and the draw."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.core.forms import ModelChoiceField, PlainForm
from commonweal.needs.forms import NeedCheckboxesField
from commonweal.needs.models import Need
from commonweal.panels.models import SelectionRun
from commonweal.panels.selection import MAX_TIME_LIMIT


class PanelForm(PlainForm):
    place = ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Place"),
        empty_label=gettext_lazy("Choose a place"),
        error_messages={
            "required": gettext_lazy("Choose the place the panel is for"),
            "invalid_choice": gettext_lazy("Choose a place you work for"),
        },
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter a title for the panel")},
    )
    description = forms.CharField(
        label=gettext_lazy("What it is for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "The piece of commissioning work the panel will direct, in plain words."
        ),
    )
    needs = NeedCheckboxesField(
        queryset=Need.objects.none(),
        required=False,
        label=gettext_lazy("Needs the work is about"),
        error_messages={
            "invalid_choice": gettext_lazy("Choose needs that are still open"),
            "invalid_pk_value": gettext_lazy("Choose needs that are still open"),
        },
    )
    framework = ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Outcomes framework"),
        empty_label=gettext_lazy("None"),
        error_messages={"invalid_choice": gettext_lazy("Choose a framework from the list")},
    )
    size = forms.IntegerField(
        label=gettext_lazy("Number of seats"),
        min_value=1,
        max_value=500,
        error_messages={
            "required": gettext_lazy("Enter the number of seats on the panel"),
            "invalid": gettext_lazy("Enter the number of seats as a whole number, like 20"),
            "min_value": gettext_lazy("A panel needs at least 1 seat"),
            "max_value": gettext_lazy("A panel can have at most 500 seats"),
        },
    )
    one_per_household = forms.BooleanField(
        label=gettext_lazy("At most one person from each household"),
        required=False,
        help_text=gettext_lazy("The pool file says which household each person is in."),
    )

    def __init__(self, *args, places, needs, frameworks, held_needs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
        self.fields["needs"].queryset = needs
        self.fields["needs"].keep(held_needs)
        self.fields["framework"].queryset = frameworks


class FeatureForm(PlainForm):
    name = forms.CharField(
        label=gettext_lazy("Feature"),
        max_length=100,
        help_text=gettext_lazy("Something the panel should mirror the place on, like age band."),
        error_messages={"required": gettext_lazy("Enter the name of the feature")},
    )
    categories = forms.CharField(
        label=gettext_lazy("Categories"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "One on each line. Every person in the pool must be in exactly one."
        ),
        error_messages={"required": gettext_lazy("Enter at least 2 categories, one on each line")},
    )

    def category_names(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["categories"].splitlines() if line.strip()
        ]


def _seats(label: str, required_message: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        error_messages={
            "required": required_message,
            "invalid": _("Enter a whole number of seats"),
            "min_value": _("Enter 0 or more seats"),
        },
    )


class QuotasForm(PlainForm):
    """Fewest and most seats for each category of one feature."""

    def __init__(self, *args, feature, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(feature.categories.all())
        for category in self.categories:
            self.fields[f"min_{category.pk}"] = _seats(
                _("%(category)s: fewest seats") % {"category": category.name},
                _("Enter the fewest seats for %(category)s") % {"category": category.name},
            )
            self.fields[f"max_{category.pk}"] = _seats(
                _("%(category)s: most seats") % {"category": category.name},
                _("Enter the most seats for %(category)s") % {"category": category.name},
            )
            self.initial.setdefault(f"min_{category.pk}", category.min_seats)
            self.initial.setdefault(f"max_{category.pk}", category.max_seats)

    def rows(self):
        return [
            (category, self[f"min_{category.pk}"], self[f"max_{category.pk}"])
            for category in self.categories
        ]

    def quotas(self) -> dict[int, tuple[int, int]]:
        return {
            c.pk: (self.cleaned_data[f"min_{c.pk}"], self.cleaned_data[f"max_{c.pk}"])
            for c in self.categories
        }


class SharesForm(PlainForm):
    """Population shares in per cent, typed in from census figures, to fill the quotas from."""

    margin = forms.IntegerField(
        label=gettext_lazy("Leeway in seats"),
        min_value=0,
        initial=1,
        required=False,
        help_text=gettext_lazy(
            "How many seats each quota may be above or below its share. 1 is usual."
        ),
        error_messages={
            "invalid": gettext_lazy("Enter the leeway as a whole number of seats, like 1"),
            "min_value": gettext_lazy("Enter 0 or more seats of leeway"),
        },
    )

    def __init__(self, *args, feature, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(feature.categories.all())
        for category in self.categories:
            self.fields[f"share_{category.pk}"] = forms.DecimalField(
                label=_("%(category)s: per cent of the population") % {"category": category.name},
                min_value=0,
                max_value=100,
                decimal_places=2,
                error_messages={
                    "required": _("Enter the share of the population for %(category)s")
                    % {"category": category.name},
                    "invalid": _("Enter the share for %(category)s as a number, like 12.5")
                    % {"category": category.name},
                    "min_value": _("Enter a share of 0 or more for %(category)s")
                    % {"category": category.name},
                    "max_value": _("Enter a share of 100 or less for %(category)s")
                    % {"category": category.name},
                    "max_decimal_places": _(
                        "Enter the share for %(category)s with at most 2 decimal places"
                    )
                    % {"category": category.name},
                },
            )

    def clean(self):
        data = super().clean()
        if not self.errors:
            total = sum(data[f"share_{c.pk}"] for c in self.categories)
            if not 99 <= total <= 101:
                self.add_error(
                    None,
                    _("The shares add up to %(total)s per cent. They should add up to 100")
                    % {"total": total},
                )
        return data

    def shares(self) -> dict[int, object]:
        return {c.pk: self.cleaned_data[f"share_{c.pk}"] for c in self.categories}


class PoolFileForm(PlainForm):
    file = forms.FileField(
        label=gettext_lazy("Upload the pool file"),
        help_text=gettext_lazy("A CSV file saved as UTF-8."),
        error_messages={
            "required": gettext_lazy("Choose a CSV file of the pool"),
            "empty": gettext_lazy("The selected file is empty"),
        },
    )


class RunForm(PlainForm):
    method = forms.ChoiceField(
        label=gettext_lazy("Method"),
        choices=SelectionRun.Method.choices,
        widget=forms.RadioSelect,
        initial=SelectionRun.Method.LEXIMIN,
        error_messages={
            "required": gettext_lazy("Choose a method"),
            "invalid_choice": gettext_lazy("Choose a method from the list"),
        },
    )
    time_limit = forms.IntegerField(
        label=gettext_lazy("Time limit in seconds"),
        min_value=1,
        max_value=MAX_TIME_LIMIT,
        initial=120,
        help_text=gettext_lazy(
            "Leximin stops refining at this limit and records how far it got. 120 is usual."
        ),
        error_messages={
            "required": gettext_lazy("Enter a time limit in seconds"),
            "invalid": gettext_lazy("Enter the time limit as a whole number of seconds, like 120"),
            "min_value": gettext_lazy("Enter a time limit of at least 1 second"),
            "max_value": gettext_lazy("Enter a time limit of at most %(limit_value)s seconds"),
        },
    )


class StopForm(PlainForm):
    reason = forms.CharField(
        label=gettext_lazy("Why are you stopping this run?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "This is kept with the run, with your name and the time, for anyone checking "
            "how the panel was chosen. For example: the run has not moved for an hour."
        ),
        error_messages={
            "required": gettext_lazy("Enter why you are stopping this run"),
            "max_length": gettext_lazy("Reason must be 1000 characters or fewer"),
        },
    )


class ImportStopForm(PlainForm):
    reason = forms.CharField(
        label=gettext_lazy("Why are you stopping this import?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "This is kept with the import, with your name and the time. For example: it has "
            "not moved for an hour."
        ),
        error_messages={
            "required": gettext_lazy("Enter why you are stopping this import"),
            "max_length": gettext_lazy("Reason must be 1000 characters or fewer"),
        },
    )


class DrawForm(PlainForm):
    seed = forms.CharField(
        label=gettext_lazy("Seed"),
        max_length=200,
        help_text=gettext_lazy(
            "The numbers called out at the draw meeting, for example from dice or lottery balls, "
            "typed exactly as announced, like 4 1 6 2 3 5."
        ),
        error_messages={"required": gettext_lazy("Enter the seed called out at the draw meeting")},
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("The seed was entered in public at the draw meeting"),
        error_messages={
            "required": gettext_lazy("Confirm the seed was entered in public at the draw meeting")
        },
    )


class ConfirmForm(PlainForm):
    confirm = forms.BooleanField(
        label=gettext_lazy("Invite the drawn people and give them the citizen commissioner role"),
        error_messages={"required": gettext_lazy("Confirm you want to seat the panel")},
    )
