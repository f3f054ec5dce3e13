"""Forms for a commissioning plan: starting or changing it, its stage, its money and current spend."""

from decimal import Decimal

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.accounts.models import User
from commonweal.accounts.roles import Role
from commonweal.codesign.models import Session
from commonweal.commissioning.models import Contribution, Plan
from commonweal.core.forms import (
    DateField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    PlainForm,
)
from commonweal.needs.forms import NeedCheckboxesField
from commonweal.needs.models import Need, Term
from commonweal.organisations.forms import OrganisationRadioField
from commonweal.organisations.models import Organisation
from commonweal.outcomes.models import FrameworkVersion, Outcome
from commonweal.panels.models import Panel
from commonweal.places.models import Place
from commonweal.places.selectors import places_and_around_ids, places_and_inside_ids


class PlaceChoiceForm(PlainForm):
    place = ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Which place is the plan for?"),
        empty_label=gettext_lazy("Choose a place"),
        error_messages={
            "required": gettext_lazy("Choose the place the plan is for"),
            "invalid_choice": gettext_lazy("Choose a place you commission for"),
        },
    )

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places


def money_field(label, *, required=True, help_text="") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={
            "required": _("Enter %(label)s") % {"label": str(label).lower()},
            "invalid": _("Enter %(label)s as a number, like 250000")
            % {"label": str(label).lower()},
            "min_value": _("%(label)s must be £0 or more") % {"label": label},
        },
    )


class PlanForm(PlainForm):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter a title for the plan")},
    )
    summary = forms.CharField(
        label=gettext_lazy("What the plan is for"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Say who it is for and what should change for them."),
        error_messages={"required": gettext_lazy("Say what the plan is for")},
    )
    lead = ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Lead commissioner"),
        empty_label=None,
        error_messages={"required": gettext_lazy("Choose the public body leading the plan")},
    )
    themes = ModelMultipleChoiceField(
        queryset=Term.objects.none(),
        label=gettext_lazy("Themes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs = NeedCheckboxesField(
        queryset=Need.objects.none(),
        label=gettext_lazy("Needs the plan meets"),
        required=False,
        help_text=gettext_lazy("Needs raised for the place or a place in it."),
        error_messages={
            "invalid_choice": gettext_lazy("Choose needs raised for this place or a place in it"),
            "invalid_pk_value": gettext_lazy("Choose needs raised for this place or a place in it"),
        },
    )
    outcomes = ModelMultipleChoiceField(
        queryset=Outcome.objects.none(),
        label=gettext_lazy("Outcomes it aims at"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("From the published outcomes frameworks for the place."),
    )
    service_starts_on = DateField(label=gettext_lazy("Service starts"), required=False)
    duration_months = forms.IntegerField(
        label=gettext_lazy("How long the service runs, in months"),
        required=False,
        min_value=1,
        max_value=600,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={
            "invalid": gettext_lazy("Enter how long the service runs as a whole number of months"),
            "min_value": gettext_lazy("The service must run for at least 1 month"),
            "max_value": gettext_lazy("The service cannot run for more than 600 months (50 years)"),
        },
    )
    procurement_starts_on = DateField(
        label=gettext_lazy("Procurement or funding round starts"),
        required=False,
    )
    social_value_considered = forms.CharField(
        label=gettext_lazy("How social value was considered"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=Plan._meta.get_field("social_value_considered").help_text,
    )
    consulted = forms.CharField(
        label=gettext_lazy("Who was consulted"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    sessions = ModelMultipleChoiceField(
        queryset=Session.objects.none(),
        label=gettext_lazy("Co-design sessions held"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    panel = ModelChoiceField(
        queryset=Panel.objects.none(),
        label=gettext_lazy("Citizens' panel"),
        required=False,
        empty_label=gettext_lazy("No panel"),
    )
    citizen_commissioners = ModelMultipleChoiceField(
        queryset=User.objects.none(),
        label=gettext_lazy("Citizen commissioners working on it"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("They can see the plan while it is a draft."),
    )

    def __init__(self, *args, place: Place, bodies: QuerySet, plan: Plan | None = None, **kwargs):
        if plan is not None:
            kwargs["initial"] = {**self.initial_from(plan), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.plan = plan
        if plan is not None:
            del self.fields["lead"]  # who runs the plan follows from its lead: it stays
        else:
            self.fields["lead"].queryset = bodies
        inside = places_and_inside_ids([place.pk])
        around = places_and_around_ids([place.pk])
        # Every word in use of the needs' vocabularies, and any the plan holds that is no longer in use.
        held_themes = plan.themes.values("pk") if plan is not None else Term.objects.none()
        self.fields["themes"].queryset = Term.objects.filter(
            Q(is_active=True) | Q(pk__in=held_themes)
        )
        self.fields["needs"].queryset = Need.objects.filter(place_id__in=inside).exclude(
            status=Need.Status.MERGED
        )

        # What the plan holds stays on offer though it is no longer (an outcome of a framework
        # version since replaced, a person no longer a citizen commissioner): sent back unchanged,
        # the form keeps it.
        def held(name: str):
            return getattr(plan, name).values("pk") if plan is not None else []

        self.fields["outcomes"].queryset = Outcome.objects.filter(
            Q(
                version__status=FrameworkVersion.Status.PUBLISHED,
                version__framework__place_id__in=around | inside,
            )
            | Q(pk__in=held("outcomes"))
        ).order_by("version__framework__name", "code")
        self.fields["sessions"].queryset = Session.objects.filter(
            Q(place_id__in=inside) | Q(pk__in=held("sessions"))
        ).order_by("-starts_at")
        self.fields["panel"].queryset = Panel.objects.filter(
            Q(place_id__in=inside) | Q(pk=plan.panel_id if plan is not None else None)
        ).order_by("title")
        self.fields["citizen_commissioners"].queryset = (
            User.objects.filter(
                Q(
                    role_assignments__role=Role.CITIZEN_COMMISSIONER,
                    role_assignments__place_id__in=around | inside,
                )
                | Q(pk__in=held("citizen_commissioners"))
            )
            .distinct()
            .order_by("full_name")
        )
        held = list(plan.needs.values_list("pk", flat=True)) if plan is not None else []
        self.fields["needs"].keep(held)

    @staticmethod
    def initial_from(plan: Plan) -> dict:
        return {
            "title": plan.title,
            "summary": plan.summary,
            "themes": list(plan.themes.values_list("pk", flat=True)),
            "needs": list(plan.needs.values_list("pk", flat=True)),
            "outcomes": list(plan.outcomes.values_list("pk", flat=True)),
            "service_starts_on": plan.service_starts_on,
            "duration_months": plan.duration_months,
            "procurement_starts_on": plan.procurement_starts_on,
            "social_value_considered": plan.social_value_considered,
            "consulted": plan.consulted,
            "sessions": list(plan.sessions.values_list("pk", flat=True)),
            "panel": plan.panel_id,
            "citizen_commissioners": list(plan.citizen_commissioners.values_list("pk", flat=True)),
        }

    def plan_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "title",
                "summary",
                "service_starts_on",
                "duration_months",
                "procurement_starts_on",
                "panel",
                "themes",
                "needs",
                "outcomes",
                "sessions",
                "citizen_commissioners",
            )
        }
        for name in ("summary", "social_value_considered", "consulted"):
            fields[name] = (data[name] or "").replace("\r\n", "\n")
        return fields


class StageForm(PlainForm):
    status = forms.ChoiceField(
        label=gettext_lazy("Which stage is the plan at?"),
        choices=Plan.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose the stage the plan is at")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=gettext_lazy("Kept in the record of changes."),
        error_messages={"required": gettext_lazy("Say why the plan moves to this stage")},
    )


class ContributionForm(PlainForm):
    organisation = ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Who pays"),
        empty_label=None,
        error_messages={"required": gettext_lazy("Choose the public body that pays")},
    )
    financial_year = forms.IntegerField(
        label=gettext_lazy("Financial year it starts in"),
        min_value=2000,
        max_value=2100,
        help_text=gettext_lazy("For example, 2027 for April 2027 to March 2028."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={
            "required": gettext_lazy("Enter the year the financial year starts in"),
            "invalid": gettext_lazy("Enter the year as 4 numbers, like 2027"),
            "min_value": gettext_lazy("Enter a year from 2000 to 2100"),
            "max_value": gettext_lazy("Enter a year from 2000 to 2100"),
        },
    )
    amount = money_field(gettext_lazy("Amount in pounds"))
    conditions = forms.CharField(
        label=gettext_lazy("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "What the money may and may not be spent on, and anything it depends on."
        ),
    )

    def __init__(self, *args, bodies: QuerySet, contribution: Contribution | None = None, **kwargs):
        if contribution is not None:
            kwargs["initial"] = {
                "organisation": contribution.organisation_id,
                "financial_year": contribution.financial_year,
                "amount": contribution.amount,
                "conditions": contribution.conditions,
                **kwargs.get("initial", {}),
            }
            bodies = bodies | bodies.model.objects.filter(pk=contribution.organisation_id)
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = bodies.distinct().order_by("name")


class CurrentContractForm(PlainForm):
    provider = OrganisationRadioField(
        queryset=Organisation.objects.exclude(legal_form=Organisation.LegalForm.PUBLIC_BODY),
        label=gettext_lazy("Provider"),
        error_messages={"required": gettext_lazy("Choose the provider paid now")},
    )
    description = forms.CharField(
        label=gettext_lazy("What it pays for"),
        max_length=300,
        error_messages={"required": gettext_lazy("Say what the contract or grant pays for")},
    )
    annual_value = money_field(gettext_lazy("Value per year in pounds"))
    ends_on = DateField(label=gettext_lazy("Ends"), required=False)
