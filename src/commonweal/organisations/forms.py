"""Forms for the organisation pages. Validation of the record itself lives on the model and in services."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from commonweal.accounts.roles import Role
from commonweal.core.forms import (
    ModelChoiceField,
    ModelMultipleChoiceField,
    PlainForm,
    PlainMessages,
)
from commonweal.organisations import identifiers
from commonweal.organisations.models import (
    Organisation,
    OrganisationDocument,
    PublicBodyVerification,
)
from commonweal.places.models import Place


class FriendlyDecimalField(forms.DecimalField):
    """A number people may type as they write it: "£1,200,000" or "75%"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", "").replace("£", "").replace("%", "").strip()
        return super().to_python(value)


def _number_field(label, help_text, message, **limits) -> FriendlyDecimalField:
    """An optional amount or percentage whose every kind of mistake gets the same clear message."""
    messages = dict.fromkeys(
        (
            "invalid",
            "min_value",
            "max_value",
            "max_digits",
            "max_decimal_places",
            "max_whole_digits",
        ),
        message,
    )
    return FriendlyDecimalField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=Decimal("0"),
        decimal_places=2,
        error_messages=messages,
        **limits,
    )


class PlaceChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, place: Place) -> str:
        if place.parent_id:
            return f"{place.name} ({place.parent.name})"
        return place.name


# The largest headcount the database holds (a positive 32-bit whole number).
MOST_STAFF = 2_147_483_647


class OrganisationForm(PlainMessages, forms.ModelForm):
    """Registering an organisation and changing its details: the same questions."""

    places_served = PlaceChoiceField(
        queryset=Place.objects.select_related("parent").order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Places it serves"),
        help_text=_("Select all that apply."),
    )
    dividend_cap_percent = _number_field(
        _("The most of its profit it may pay to shareholders (%)"),
        _("Only if its rules set a cap. For example, 35."),
        _("The dividend cap must be a number between 0 and 100, like 35"),
        max_value=Decimal("100"),
        max_digits=5,
    )
    profits_reinvested_percent = _number_field(
        _("How much of its profit it reinvests in its purpose or community (%)"),
        _("For example, 100 for a charity, 75 for a social enterprise."),
        _("Profits reinvested must be a number between 0 and 100, like 75"),
        max_value=Decimal("100"),
        max_digits=5,
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("For example, https://www.example.org"),
        error_messages={
            "invalid": _(
                "Enter a website address in the right format, like https://www.example.org"
            )
        },
    )
    annual_turnover = _number_field(
        _("Annual turnover (£)"),
        _("From its latest accounts. For example, 450000."),
        _("Annual turnover must be an amount in pounds, like 450000"),
        max_digits=14,
    )
    balance_sheet_total = _number_field(
        _("Balance sheet total (£)"),
        _(
            "Everything it owns (its total assets), from its latest accounts. For example, "
            "300000. Give it if your turnover alone puts you above a size limit."
        ),
        _("Balance sheet total must be an amount in pounds, like 300000"),
        max_digits=14,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "org_id",
            "legal_form",
            "description",
            "website",
            "places_served",
            "asset_lock",
            "dividend_cap_percent",
            "profits_reinvested_percent",
            "profit_use",
            "headcount",
            "annual_turnover",
            "balance_sheet_total",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        labels = {
            "name": _("Organisation name"),
            "org_id": _("Identifier"),
            "legal_form": _("Legal form"),
            "description": _("What it does"),
            "asset_lock": _("Its assets are locked for its social purpose (an asset lock)"),
            "profit_use": _("How it uses its profits"),
            "headcount": _("Number of staff (headcount)"),
            "contact_name": _("Contact name"),
            "contact_email": _("Contact email address"),
            "contact_phone": _("Contact phone number"),
        }
        help_texts = {
            "org_id": _(
                "Its register code and number, like GB-CHC-1123456 for a charity or GB-COH-01234567 for a company."
            ),
            "headcount": _("Everyone on the payroll, full or part time."),
            "contact_name": _(
                "Only its members and public bodies checking it can see contact details."
            ),
        }
        error_messages = {
            "name": {
                "required": _("Enter the organisation's name"),
                "max_length": _("The name must be 300 characters or fewer"),
            },
            "org_id": {"required": _("Enter the organisation's identifier, like GB-CHC-1123456.")},
            "legal_form": {
                "required": _("Select the organisation's legal form"),
                "invalid_choice": _("Select the organisation's legal form"),
            },
            "contact_email": {
                "invalid": _("Enter an email address in the right format, like name@example.org")
            },
            "headcount": {
                "invalid": _("Number of staff must be a whole number, like 12"),
                "min_value": _("Number of staff must be 0 or more"),
            },
        }
        widgets = {
            "legal_form": forms.RadioSelect,
            "headcount": forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
            "org_id": forms.TextInput(attrs={"spellcheck": "false"}),
            "contact_phone": forms.TextInput(attrs={"type": "tel"}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "profit_use": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The most the column holds: more is refused by the record's own check on PostgreSQL, in
        # Django's words ("Ensure this value is less than or equal to 2147483647.").
        headcount = self.fields["headcount"]
        headcount.max_value = MOST_STAFF
        headcount.validators.append(MaxValueValidator(MOST_STAFF))
        headcount.error_messages["max_value"] = _("Number of staff must be %(most)s or fewer") % {
            "most": f"{MOST_STAFF:,}"
        }

    def clean_org_id(self) -> str:
        value = identifiers.normalise(self.cleaned_data.get("org_id") or "")
        try:
            identifiers.parse(value)
        except identifiers.InvalidIdentifier as error:
            raise forms.ValidationError(str(error)) from None
        return value

    def _post_clean(self):
        # The service checks the record (uniqueness, model rules) when saving;
        # running the model's checks here too would report errors twice.
        pass

    def service_fields(self) -> dict:
        """The cleaned answers, named as the services take them."""
        return {
            name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data
        }


class DirectoryFilterForm(PlainForm):
    """The directory's search and filters, sent by GET so they work without JavaScript and can be shared."""

    YES_NO = [("any", _("Any")), ("yes", _("Yes")), ("no", _("No"))]
    KIND = [("any", _("Any")), ("public_body", _("Public bodies")), ("provider", _("Providers"))]

    q = forms.CharField(
        label=_("Name or identifier"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Search for 200 characters or fewer")},
    )
    legal_form = forms.MultipleChoiceField(
        label=_("Legal form"),
        required=False,
        choices=Organisation.LegalForm.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    size = forms.MultipleChoiceField(
        label=_("Size"),
        required=False,
        choices=Organisation.SizeBand.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    vcse = forms.ChoiceField(
        label=_("Voluntary, community or social enterprise (VCSE)"),
        required=False,
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    sme = forms.ChoiceField(
        label=_("Small or medium-sized (SME)"),
        required=False,
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(
        label=_("Public body or provider"), required=False, choices=KIND, widget=forms.RadioSelect
    )
    place = forms.ChoiceField(label=_("Place served"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [("", _("Anywhere"))] + [
            (place.slug, place.name)
            for place in Place.objects.order_by("name").only("slug", "name")
        ]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("Choose %(filter)s from the list") % {
                "filter": str(field.label).lower()
            }
            if isinstance(field, forms.MultipleChoiceField):
                field.error_messages["invalid_list"] = field.error_messages["invalid_choice"]

    def search_arguments(self) -> dict:
        """The valid filters, as organisation_search takes them. An invalid filter is left out.
        Worked out once the form is checked (the page asks again whether anything is filtered)."""
        if hasattr(self, "_search_arguments"):
            return self._search_arguments
        data = getattr(self, "cleaned_data", None)
        if data is None:
            return self._arguments({})
        self._search_arguments = self._arguments(data)
        return self._search_arguments

    def _arguments(self, data: dict) -> dict:
        yes_no = {"yes": True, "no": False}
        place_slug = data.get("place") or ""
        return {
            "q": data.get("q", ""),
            "legal_forms": data.get("legal_form") or [],
            "size_bands": data.get("size") or [],
            "vcse": yes_no.get(data.get("vcse")),
            "sme": yes_no.get(data.get("sme")),
            "kind": data.get("kind") if data.get("kind") in ("public_body", "provider") else None,
            "place": Place.objects.filter(slug=place_slug).first() if place_slug else None,
        }

    @property
    def is_filtered(self) -> bool:
        args = self.search_arguments()
        return any(value not in (None, "", []) for value in args.values())


class MemberAddForm(PlainForm):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The email address they use to sign in to Commonweal."),
        error_messages={
            "required": _("Enter the email address of the person you want to add"),
            "invalid": _("Enter an email address in the right format, like name@example.org"),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"), widget=forms.RadioSelect, error_messages={"required": _("Select a role")}
    )

    def __init__(self, *args, roles: list[Role], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.value, role.label) for role in roles]
        self.fields["role"].error_messages["invalid_choice"] = _("Select a role from the list")


class DocumentForm(PlainForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={
            "required": _("Enter a title for the document"),
            "max_length": _("The title must be 200 characters or fewer"),
        },
    )
    kind = forms.ChoiceField(
        label=_("What kind of document is it?"),
        choices=OrganisationDocument.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what kind of document it is")},
    )
    file = forms.FileField(
        label=_("Upload a file"),
        error_messages={"required": _("Select a file"), "empty": _("The selected file is empty")},
        widget=forms.FileInput,
    )
    is_public = forms.ChoiceField(
        label=_("Who can see it?"),
        widget=forms.RadioSelect,
        choices=[
            ("public", _("Anyone")),
            ("private", _("Only your members and public bodies checking your organisation")),
        ],
        error_messages={"required": _("Select who can see the document")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A PDF, Word, Excel, OpenDocument, CSV, text, PNG or JPEG file, smaller than %(size)s MB."
        ) % {"size": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "file": data["file"],
            "is_public": data["is_public"] == "public",
        }


class VerifyForm(PlainForm):
    place = ModelChoiceField(
        queryset=Place.objects.none(),
        label=_("Which place is it verified for?"),
        help_text=_(
            "Its people will act as public-body staff for this place and every place inside it."
        ),
        error_messages={
            "required": _("Select the place it is verified for"),
            "invalid_choice": _("Select a place from the list"),
        },
    )
    evidence_kind = forms.ChoiceField(
        label=_("What evidence did you check?"),
        choices=PublicBodyVerification.EvidenceKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the kind of evidence you checked"),
            "invalid_choice": _("Select the kind of evidence you checked"),
        },
    )
    evidence = forms.CharField(
        label=_("The evidence"),
        max_length=300,
        help_text=_(
            "The code or email domain itself, like E06000001, RJ1 or riverside.gov.uk; for other evidence, "
            "what you checked and where."
        ),
        error_messages={
            "required": _("Enter the evidence you checked"),
            "max_length": _("The evidence must be 300 characters or fewer"),
        },
    )

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "place": data["place"],
            "evidence_kind": data["evidence_kind"],
            "evidence": data["evidence"],
        }


class RevokeVerificationForm(PlainForm):
    reason = forms.CharField(
        label=_("Why are you revoking it?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("This is kept in the public body's history."),
        error_messages={
            "required": _("Say why you are revoking the verification"),
            "max_length": _("The reason must be 1000 characters or fewer"),
        },
    )


class OrganisationRadioField(ModelChoiceField):
    """An organisation to choose, as radios, among thousands: the page lists only those it offers (a
    page of those a search found: selectors.organisations_matching), while any organisation of the
    field's queryset is accepted. Optional, it offers "None" first (value ``none``)."""

    widget = forms.RadioSelect
    NONE = "none"
    NONE_LABEL = _("None")
    offered: list[Organisation] = []

    def __init__(self, *args, none_label=NONE_LABEL, **kwargs):
        self.none_label = none_label  # before Django's __init__, which asks for the choices
        super().__init__(*args, empty_label=None, **kwargs)
        if not self.required:
            self.initial = self.NONE

    def label_from_instance(self, organisation: Organisation) -> str:
        if organisation.org_id:
            return f"{organisation.name} ({organisation.org_id})"
        return organisation.name

    def to_python(self, value):
        return None if value == self.NONE else super().to_python(value)

    @property
    def choices(self):
        none = [] if self.required else [(self.NONE, self.none_label)]
        return none + [(o.pk, self.label_from_instance(o)) for o in self.offered]

    @choices.setter
    def choices(self, value):  # the choices come from ``offered``
        pass
