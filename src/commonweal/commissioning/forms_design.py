"""Forms for how a plan will be bought: the requirements checked for barriers, and its lots."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.commissioning.models import Lot, Plan, Requirements
from commonweal.commissioning.services_design import REQUIREMENT_FIELDS
from commonweal.core.forms import ModelChoiceField, PlainForm
from commonweal.organisations.forms import FriendlyDecimalField
from commonweal.places.models import Place

# What the database holds: 14 digits, 2 after the point (models.MONEY).
MONEY_DIGITS = 14
MOST_MONEY = Decimal("999999999999.99")
YES, NO = "yes", "no"
YES_NO = ((YES, gettext_lazy("Yes")), (NO, gettext_lazy("No")))


def money_field(label, *, required: bool = True, help_text="") -> FriendlyDecimalField:
    """An amount in pounds, typed as people write it ("£250,000"), never negative."""
    name = capfirst(str(label))
    too_much = _("%(label)s must be less than £1 trillion") % {"label": name}
    return FriendlyDecimalField(
        label=label,
        required=required,
        help_text=help_text,
        min_value=Decimal("0"),
        max_value=MOST_MONEY,
        max_digits=MONEY_DIGITS,
        decimal_places=2,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}
        ),
        error_messages={
            "required": _("Enter %(label)s") % {"label": str(label).lower()},
            "invalid": _("Enter %(label)s as an amount in pounds, like 250000")
            % {"label": str(label).lower()},
            # These are filled in with the limit (message % params): a "%" of their own is doubled.
            "min_value": (_("%(label)s cannot be less than £0") % {"label": name}).replace(
                "%", "%%"
            ),
            "max_value": too_much.replace("%", "%%"),
            "max_digits": too_much.replace("%", "%%"),
            "max_whole_digits": too_much.replace("%", "%%"),
            "max_decimal_places": (
                _("%(label)s can only have pence after the point, like 250000.50") % {"label": name}
            ).replace("%", "%%"),
        },
    )


def percent_field(label, *, help_text="") -> FriendlyDecimalField:
    """A weighting in per cent, from 0 to 100."""
    name = capfirst(str(label))
    out_of_range = (_("%(label)s must be between 0%% and 100%%") % {"label": name}).replace(
        "%", "%%"
    )
    return FriendlyDecimalField(
        label=label,
        help_text=help_text,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-4"}
        ),
        error_messages={
            "required": _("Enter %(label)s") % {"label": str(label).lower()},
            "invalid": _("Enter %(label)s as a number, like 60") % {"label": str(label).lower()},
            "min_value": out_of_range,
            "max_value": out_of_range,
            "max_digits": out_of_range,
            "max_whole_digits": out_of_range,
            "max_decimal_places": (
                _("%(label)s can have at most 2 decimal places") % {"label": name}
            ).replace("%", "%%"),
        },
    )


def whole_number_field(label, *, lowest: int, highest: int, required: bool, help_text=""):
    name = capfirst(str(label))
    out_of_range = _("%(label)s must be between %(lowest)s and %(highest)s") % {
        "label": name,
        "lowest": f"{lowest:,}",
        "highest": f"{highest:,}",
    }
    return forms.IntegerField(
        label=label,
        required=required,
        help_text=help_text,
        min_value=lowest,
        max_value=highest,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={
            "required": _("Enter %(label)s") % {"label": str(label).lower()},
            "invalid": _("Enter %(label)s as a whole number, like 12")
            % {"label": str(label).lower()},
            "min_value": out_of_range.replace("%", "%%"),
            "max_value": out_of_range.replace("%", "%%"),
        },
    )


def yes_no_field(label, *, help_text="", required_message="") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value == YES,
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


class RequirementsForm(PlainForm):
    minimum_turnover = money_field(
        gettext_lazy("Minimum yearly turnover asked, in pounds"),
        required=False,
        help_text=gettext_lazy("Leave empty if you will not ask for a minimum turnover."),
    )
    public_liability = money_field(
        gettext_lazy("Public liability insurance, in pounds"), required=False
    )
    employers_liability = money_field(
        gettext_lazy("Employer's liability insurance, in pounds"), required=False
    )
    professional_indemnity = money_field(
        gettext_lazy("Professional indemnity insurance, in pounds"), required=False
    )
    accreditations = forms.CharField(
        label=gettext_lazy("Accreditations asked for when bidding"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One on each line."),
    )
    experience_years = whole_number_field(
        gettext_lazy("Years of experience asked"), lowest=0, highest=100, required=False
    )
    mobilisation_days = whole_number_field(
        gettext_lazy("Days between award and the service starting"),
        lowest=0,
        highest=3650,
        required=False,
    )
    payment_terms = forms.ChoiceField(
        label=gettext_lazy("How will providers be paid?"),
        choices=Requirements.PaymentTerms.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose how providers will be paid"),
            "invalid_choice": gettext_lazy("Choose how providers will be paid"),
        },
    )
    contract_months = whole_number_field(
        gettext_lazy("Contract length in months"), lowest=1, highest=600, required=True
    )
    price_weighting = percent_field(
        gettext_lazy("Price weighting, per cent"),
        help_text=gettext_lazy("How much of the score for a bid comes from its price."),
    )
    social_value_weighting = percent_field(
        gettext_lazy("Social value weighting, per cent"),
        help_text=gettext_lazy(
            "How much of the score comes from the social value a provider offers."
        ),
    )
    consortium_bids = yes_no_field(
        gettext_lazy("Will you accept bids from a group of providers working together?"),
        required_message=gettext_lazy("Say whether you will accept bids from consortiums"),
    )
    needs_investment = yes_no_field(
        gettext_lazy("Will a provider need to invest to deliver the service?"),
        help_text=gettext_lazy("For example, in buildings, equipment or a new team."),
        required_message=gettext_lazy("Say whether a provider will need to invest"),
    )

    def __init__(self, *args, plan: Plan, requirements: Requirements | None = None, **kwargs):
        kwargs["initial"] = {**self.initial_from(plan, requirements), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_from(plan: Plan, requirements: Requirements | None) -> dict:
        if requirements is None:
            return {
                "payment_terms": Requirements.PaymentTerms.MONTHLY_IN_ARREARS,
                "contract_months": plan.duration_months,
                "consortium_bids": YES,
                "needs_investment": NO,
            }
        initial = {name: getattr(requirements, name) for name in REQUIREMENT_FIELDS}
        for name in ("consortium_bids", "needs_investment"):
            initial[name] = YES if initial[name] else NO
        return initial

    def clean(self):
        data = super().clean()
        price, social = data.get("price_weighting"), data.get("social_value_weighting")
        if price is not None and social is not None and price + social > 100:
            self.add_error(
                "social_value_weighting",
                _(
                    "Price and social value together cannot weigh more than 100%%: they weigh "
                    "%(total)s%% now"
                )
                % {"total": _number(price + social)},
            )
        return data

    def requirements_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in REQUIREMENT_FIELDS}


def _number(value: Decimal) -> str:
    """A percentage as people write it: 110, not 110.00; 62.5, not 62.50."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class AreaChoiceField(ModelChoiceField):
    def label_from_instance(self, place: Place) -> str:
        return place.name


class LotForm(PlainForm):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter a title for the lot")},
    )
    split_by = forms.ChoiceField(
        label=gettext_lazy("How is this lot split from the rest of the plan?"),
        choices=Lot.SplitBy.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose how the lot is split from the rest of the plan"),
            "invalid_choice": gettext_lazy("Choose how the lot is split from the rest of the plan"),
        },
    )
    area = AreaChoiceField(
        queryset=Place.objects.none(),
        label=gettext_lazy("Area"),
        required=False,
        empty_label=gettext_lazy("Choose an area"),
        help_text=gettext_lazy("Only for a lot split by area: the place it covers."),
        error_messages={
            "invalid_choice": gettext_lazy("Choose the plan's place or a place inside it")
        },
    )
    description = forms.CharField(
        label=gettext_lazy("What it covers"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "For example, the group of people it serves or the part of the service."
        ),
    )
    value = money_field(
        gettext_lazy("Value over the whole contract, in pounds"),
        help_text=gettext_lazy(
            "The lots together cannot be worth more than the money in the plan."
        ),
    )

    def __init__(self, *args, areas: list[Place], lot: Lot | None = None, **kwargs):
        if lot is not None:
            kwargs["initial"] = {
                "title": lot.title,
                "split_by": lot.split_by,
                "area": lot.area_id,
                "description": lot.description,
                "value": lot.value,
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        self.areas = areas
        field = self.fields["area"]
        field.queryset = Place.objects.filter(pk__in=[place.pk for place in areas])
        # The plan's place first, then the places inside it by name, as areas lists them; read
        # from the list already made rather than asked of the database again.
        field.choices = [("", field.empty_label)] + [(place.pk, place.name) for place in areas]

    def clean_area(self):
        area = self.cleaned_data.get("area")
        if area is not None and all(place.pk != area.pk for place in self.areas):
            raise ValidationError(self.fields["area"].error_messages["invalid_choice"])
        return area

    def clean(self):
        data = super().clean()
        if data.get("split_by") == Lot.SplitBy.GEOGRAPHY and not data.get("area"):
            if "area" not in self.errors:
                self.add_error("area", _("Choose the area this lot covers"))
        elif data.get("split_by") and data.get("split_by") != Lot.SplitBy.GEOGRAPHY:
            # An area means nothing for a lot split by group of people or strand.
            data["area"] = None
        return data

    def lot_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("title", "split_by", "area", "description", "value")}
