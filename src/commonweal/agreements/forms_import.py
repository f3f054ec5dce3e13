"""The form a commissioner imports a list of existing contracts with: the place, the body it acts
for, and the CSV file."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.core.forms import ModelChoiceField, PlainForm
from commonweal.core.uploads import CSV, TEXT, check_upload


class ContractsImportForm(PlainForm):
    place = ModelChoiceField(
        label=gettext_lazy("Which place the agreements serve"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": gettext_lazy("Choose the place the agreements serve"),
            "invalid_choice": gettext_lazy("Choose a place you are staff for"),
        },
    )
    commissioner = ModelChoiceField(
        label=gettext_lazy("Which body commissioned or funds them"),
        help_text=gettext_lazy("One you act for, in that place."),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": gettext_lazy("Choose the body that commissioned the agreements"),
            "invalid_choice": gettext_lazy("Choose a body you act for"),
        },
    )
    file = forms.FileField(
        label=gettext_lazy("The agreements, as a CSV file"),
        help_text=gettext_lazy(
            "Its first row names the columns reference, title, provider, value, starts and ends, "
            "and may name kind, payment_terms_days, payment_profile and summary."
        ),
        error_messages={
            "required": gettext_lazy("Choose a CSV file of the agreements"),
            "empty": gettext_lazy("The selected file is empty"),
        },
    )

    def __init__(self, *args, places, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
        self.fields["commissioner"].queryset = bodies

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload, allowed=frozenset({CSV, TEXT}))
        except ValidationError as error:
            if error.code != "wrong_type":
                raise
            raise ValidationError(
                _(
                    "The file must be a CSV file. Save it from your spreadsheet as CSV UTF-8 and "
                    "upload it again"
                )
            ) from None
        upload.seek(0)
        return upload
