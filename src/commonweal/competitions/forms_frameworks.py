"""The form a council loads its own social value framework with: its details, its licence and a
CSV file of its measures."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.core.forms import ModelChoiceField, PlainForm
from commonweal.core.uploads import CSV, TEXT, check_upload


class FrameworkUploadForm(PlainForm):
    place = ModelChoiceField(
        label=gettext_lazy("Which place it is for"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": gettext_lazy("Choose the place the framework is for"),
            "invalid_choice": gettext_lazy("Choose a place you are staff for"),
        },
    )
    name = forms.CharField(
        label=gettext_lazy("The framework's name"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the framework's name")},
    )
    version = forms.CharField(
        label=gettext_lazy("Version"),
        help_text=gettext_lazy("As its publisher names it, for example 2024 or 3.1."),
        max_length=50,
        required=False,
    )
    licence = forms.CharField(
        label=gettext_lazy("Licence"),
        help_text=gettext_lazy(
            "The licence it is published under, as the publisher states it, for example "
            "CC BY-NC-ND 4.0. Load only a framework your council may use under it."
        ),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the framework's licence")},
    )
    licence_url = forms.URLField(
        label=gettext_lazy("Web address of the licence"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={
            "invalid": gettext_lazy(
                "Enter the licence's web address, like https://example.org/licence"
            )
        },
    )
    source_url = forms.URLField(
        label=gettext_lazy("Web address the framework comes from"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={
            "invalid": gettext_lazy("Enter the web address, like https://example.org/framework")
        },
    )
    file = forms.FileField(
        label=gettext_lazy("The measures, as a CSV file"),
        help_text=gettext_lazy(
            "Its first row names the columns code, title, unit, proxy_value and theme. Code, "
            "title and unit are needed on every row; leave a proxy value empty where you have none."
        ),
        error_messages={
            "required": gettext_lazy("Choose a CSV file of the measures"),
            "empty": gettext_lazy("The selected file is empty"),
        },
    )

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places

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
