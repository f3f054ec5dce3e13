"""Forms for checking an organisation's inherent social value facts, and withdrawing a check."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from commonweal.core.forms import ID_RANGE, ModelChoiceField, PlainForm
from commonweal.organisations.forms import FriendlyDecimalField
from commonweal.organisations.models import SocialFactsCheck
from commonweal.places.models import Place

YES, NO = "yes", "no"


class PlaceRadioField(ModelChoiceField):
    """A place to choose, as radios; a number no id can be is refused as a wrong choice before the
    database is asked (SQLite cannot take it)."""

    def to_python(self, value):
        if value not in self.empty_values:
            try:
                number = int(str(value).strip())
            except ValueError:
                number = None
            if number is not None and number not in ID_RANGE:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

    def label_from_instance(self, place: Place) -> str:
        if place.parent_id:
            return f"{place.name} ({place.parent.name})"
        return place.name


_PERCENT_MESSAGE = _("Enter the share of profits reinvested as a number from 0 to 100, like 75")


class SocialFactsCheckForm(PlainForm):
    asset_lock = forms.TypedChoiceField(
        label=_("Did you see that it has an asset lock?"),
        help_text=_(
            "A clause in its governing document, or its legal form, that keeps its assets for its "
            "purpose: they cannot be handed to private owners."
        ),
        choices=[(YES, _("Yes")), (NO, _("No, or I could not tell"))],
        coerce=lambda value: value == YES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select whether you saw an asset lock"),
            "invalid_choice": _("Select whether you saw an asset lock"),
        },
    )
    profits_reinvested_percent = FriendlyDecimalField(
        label=_("What share of its profits did you see it reinvest, in per cent?"),
        help_text=_(
            "From its accounts or governing document, like 100 for a charity. Leave it empty if you "
            "did not check it."
        ),
        required=False,
        min_value=Decimal("0"),
        max_digits=5,
        decimal_places=2,
        validators=[MaxValueValidator(Decimal("100"))],
        error_messages=dict.fromkeys(
            (
                "invalid",
                "min_value",
                "max_value",
                "max_digits",
                "max_decimal_places",
                "max_whole_digits",
            ),
            _PERCENT_MESSAGE,
        ),
    )
    locally_owned_place = PlaceRadioField(
        queryset=Place.objects.none(),
        required=False,
        empty_label=_("Not locally owned and controlled, or not checked"),
        widget=forms.RadioSelect,
        label=_("Where did you see it is locally owned and controlled?"),
        help_text=_(
            "Most of its owners or members, and the people who run it, live or work in the place."
        ),
        error_messages={"invalid_choice": _("Select a place from the list")},
    )
    evidence = forms.CharField(
        label=_("What did you look at?"),
        help_text=_(
            'Each document, where in it, and when you saw it, like "Articles of association, '
            'clause 12 (asset lock), seen 3 March 2027".'
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={
            "required": _("Say what you looked at"),
            "max_length": _("The evidence must be 2000 characters or fewer"),
        },
    )

    def __init__(self, *args, places, in_force: SocialFactsCheck | None = None, **kwargs):
        if in_force is not None:
            kwargs.setdefault(
                "initial",
                {
                    "asset_lock": YES if in_force.asset_lock else NO,
                    "profits_reinvested_percent": in_force.profits_reinvested_percent,
                    "locally_owned_place": in_force.locally_owned_place_id,
                    "evidence": in_force.evidence,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["locally_owned_place"].queryset = places

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "asset_lock": data["asset_lock"],
            "profits_reinvested_percent": data["profits_reinvested_percent"],
            "locally_owned_place": data["locally_owned_place"],
            "evidence": data["evidence"],
        }


class WithdrawSocialFactsCheckForm(PlainForm):
    reason = forms.CharField(
        label=_("Why are you withdrawing it?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("This is kept with the check."),
        error_messages={
            "required": _("Say why you are withdrawing the check"),
            "max_length": _("The reason must be 1000 characters or fewer"),
        },
    )
