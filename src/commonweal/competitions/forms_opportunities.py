"""Forms for opportunities: the opportunity itself (timetable, evaluation model, cost model), a
criterion of its tree, a public document, cancelling, and a provider's interest."""

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.competitions.models import Criterion, Opportunity
from commonweal.core.forms import DateField, ModelChoiceField, PlainForm

DECIMAL = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0")}
PERCENT = {
    "max_digits": 5,
    "decimal_places": 2,
    "min_value": Decimal("0"),
    "max_value": Decimal("100"),
}
TIME_HINT = gettext_lazy("The time, on the 24-hour clock, like 12:00 or 17:30")


def scale_lines(scale: list[dict]) -> str:
    """A scoring scale as the lines a commissioner edits: "3: Good: meets the need well"."""
    return "\n".join(f"{point['score']}: {point['descriptor']}" for point in scale or [])


def _moment(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


class OpportunityForm(PlainForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("What kind of competition"),
        choices=Opportunity.Kind.choices,
        widget=forms.RadioSelect,
        initial=Opportunity.Kind.TENDER,
    )
    lot = ModelChoiceField(
        label=gettext_lazy("Lot"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("The whole plan"),
        help_text=gettext_lazy(
            "A tender for one lot takes the lot's value unless you give another."
        ),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("What it is for"), widget=forms.Textarea(attrs={"rows": 6})
    )
    conditions = forms.CharField(
        label=gettext_lazy("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Who may bid, and what the winner must agree to."),
    )
    value = forms.DecimalField(
        label=gettext_lazy("Estimated value over the whole contract, in pounds"),
        required=False,
        **DECIMAL,
    )
    budget = forms.DecimalField(
        label=gettext_lazy("Budget, in pounds"),
        required=False,
        help_text=gettext_lazy(
            "The most you will pay. Bids above it may be scored zero for price."
        ),
        **DECIMAL,
    )
    contract_months = forms.IntegerField(
        label=gettext_lazy("Contract length in months"), required=False, min_value=1, max_value=600
    )
    questions_close_on = DateField(label=gettext_lazy("Clarification questions close"))
    questions_close_time = forms.TimeField(
        label=gettext_lazy("Clarification questions close at"), initial="12:00", help_text=TIME_HINT
    )
    closes_on = DateField(label=gettext_lazy("Bids close"))
    closes_time = forms.TimeField(
        label=gettext_lazy("Bids close at"), initial="12:00", help_text=TIME_HINT
    )
    award_expected_on = DateField(label=gettext_lazy("Award expected"), required=False)
    service_starts_on = DateField(label=gettext_lazy("Service starts"), required=False)
    consortium_bids = forms.BooleanField(
        label=gettext_lazy("Consortium bids accepted"), required=False, initial=True
    )
    alliance_bids = forms.BooleanField(
        label=gettext_lazy("Proposed alliances accepted"), required=False
    )
    answer_word_limit = forms.IntegerField(
        label=gettext_lazy("Word limit for each answer"),
        initial=1000,
        min_value=50,
        max_value=10000,
    )
    quality_weight = forms.DecimalField(label=gettext_lazy("Quality, per cent"), **PERCENT)
    social_value_weight = forms.DecimalField(
        label=gettext_lazy("Social value, per cent"), **PERCENT
    )
    price_weight = forms.DecimalField(
        label=gettext_lazy("Price, per cent"),
        help_text=gettext_lazy("Quality, social value and price must add up to 100."),
        **PERCENT,
    )
    price_formula = forms.ChoiceField(
        label=gettext_lazy("How price is scored"),
        choices=Opportunity.PriceFormula.choices,
        widget=forms.RadioSelect,
        initial=Opportunity.PriceFormula.PROPORTIONAL,
    )
    price_floor = forms.DecimalField(
        label=gettext_lazy("Price floor, in pounds (linear formula only)"),
        required=False,
        **DECIMAL,
    )
    price_ceiling = forms.DecimalField(
        label=gettext_lazy("Price ceiling, in pounds (linear formula only)"),
        required=False,
        **DECIMAL,
    )
    scale = forms.CharField(
        label=gettext_lazy("Scoring scale"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "One score on each line, then what it means, like “3: Good: meets the need well”."
        ),
    )
    include_inherent_social_value = forms.BooleanField(
        label=gettext_lazy("Score inherent social value"),
        required=False,
        help_text=gettext_lazy(
            "An organisation's asset lock, reinvestment in the place and local ownership, from "
            "its verified facts. Only where the law allows it for this contract."
        ),
    )
    inherent_social_value_share = forms.DecimalField(
        label=gettext_lazy("Share of the social value part for inherent social value, per cent"),
        required=False,
        **PERCENT,
    )
    social_value_framework = ModelChoiceField(
        label=gettext_lazy("Social value measures"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("None"),
    )
    cost_model_hours = forms.DecimalField(
        label=gettext_lazy("Staff hours the service needs over the contract"),
        required=False,
        help_text=gettext_lazy("For checking bids that look too low to pay a living wage."),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
    )
    cost_model_other_costs = forms.DecimalField(
        label=gettext_lazy("Other costs the service must meet, in pounds"),
        required=False,
        **DECIMAL,
    )
    cost_model_london = forms.BooleanField(
        label=gettext_lazy("London Living Wage applies"), required=False
    )
    match_funding_required = forms.BooleanField(
        label=gettext_lazy("Match funding required (grant rounds only)"), required=False
    )

    def __init__(self, *args, plan, frameworks, opportunity: Opportunity | None = None, **kwargs):
        self.opportunity = opportunity
        if opportunity is not None:
            kwargs["initial"] = self.initial_for(opportunity)
        super().__init__(*args, **kwargs)
        self.fields["social_value_framework"].queryset = frameworks
        if opportunity is None:
            self.fields["lot"].queryset = plan.lots.order_by("id")
            if not plan.route:
                self.fields["kind"].choices = [
                    (Opportunity.Kind.GRANT_ROUND, Opportunity.Kind.GRANT_ROUND.label)
                ]
                self.fields["kind"].initial = Opportunity.Kind.GRANT_ROUND
            self.fields["scale"].initial = scale_lines(
                Opportunity._meta.get_field("scale").default()
            )
        else:
            del self.fields["kind"], self.fields["lot"]

    @staticmethod
    def initial_for(opportunity: Opportunity) -> dict:
        local_questions = timezone.localtime(opportunity.questions_close_at)
        local_closes = timezone.localtime(opportunity.closes_at)
        initial = {
            name: getattr(opportunity, name)
            for name in (
                "title",
                "description",
                "conditions",
                "value",
                "budget",
                "contract_months",
                "award_expected_on",
                "service_starts_on",
                "consortium_bids",
                "alliance_bids",
                "answer_word_limit",
                "quality_weight",
                "social_value_weight",
                "price_weight",
                "price_formula",
                "price_floor",
                "price_ceiling",
                "include_inherent_social_value",
                "inherent_social_value_share",
                "cost_model_hours",
                "cost_model_other_costs",
                "cost_model_london",
                "match_funding_required",
            )
        }
        initial.update(
            social_value_framework=opportunity.social_value_framework_id,
            scale=scale_lines(opportunity.scale),
            questions_close_on=local_questions.date(),
            questions_close_time=local_questions.strftime("%H:%M"),
            closes_on=local_closes.date(),
            closes_time=local_closes.strftime("%H:%M"),
        )
        return initial

    def clean_scale(self) -> list[dict]:
        points = []
        for line in self.cleaned_data["scale"].splitlines():
            if not line.strip():
                continue
            score, colon, descriptor = line.partition(":")
            try:
                value = Decimal(score.strip())
            except ArithmeticError:
                value = None
            if not colon or value is None or not value.is_finite() or not descriptor.strip():
                raise forms.ValidationError(
                    _("Write each score on its own line, like “3: Good: meets the need well”")
                )
            points.append({"score": format(value, "f"), "descriptor": descriptor.strip()})
        if not points:
            raise forms.ValidationError(_("Enter at least one score"))
        return points

    def _when(self, day_name: str, time_name: str, model_name: str):
        day, time = self.cleaned_data.get(day_name), self.cleaned_data.get(time_name)
        if day is None or time is None:
            return None
        moment = _moment(day, time)
        if self.opportunity is not None:
            before = getattr(self.opportunity, model_name)
            if moment == before.replace(second=0, microsecond=0):
                return before  # unchanged: keep it to the second
        return moment

    def clean(self):
        cleaned = super().clean()
        cleaned["questions_close_at"] = self._when(
            "questions_close_on", "questions_close_time", "questions_close_at"
        )
        cleaned["closes_at"] = self._when("closes_on", "closes_time", "closes_at")
        if (
            self.opportunity is None
            and cleaned["closes_at"] is not None
            and cleaned["closes_at"] <= timezone.now()
        ):
            self.add_error("closes_on", _("Bids must close in the future"))
        if cleaned.get("inherent_social_value_share") is None:
            cleaned["inherent_social_value_share"] = Decimal("0")
        return cleaned

    def service_values(self) -> dict:
        """What the services take: the model's fields."""
        data = dict(self.cleaned_data)
        for name in ("questions_close_on", "questions_close_time", "closes_on", "closes_time"):
            data.pop(name, None)
        data.pop("kind", None)
        data.pop("lot", None)
        return data


class CriterionForm(PlainForm):
    part = forms.ChoiceField(
        label=gettext_lazy("Part"),
        choices=Criterion.Part.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("A criterion under another is in its part."),
    )
    parent = ModelChoiceField(
        label=gettext_lazy("Under"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Nothing: it is at the top of its part"),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    question = forms.CharField(
        label=gettext_lazy("Question for bidders"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Leave it empty for a heading that groups other criteria."),
    )
    guidance = forms.CharField(
        label=gettext_lazy("Guidance for evaluators"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    plain_guidance = forms.CharField(
        label=gettext_lazy("Guidance for citizen commissioners, in plain English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    weight = forms.DecimalField(
        label=gettext_lazy("Weight within its part or the criterion it is under, per cent"),
        initial=Decimal("0"),
        **PERCENT,
    )
    pass_fail = forms.BooleanField(
        label=gettext_lazy("Pass or fail: a bid that fails it cannot win"), required=False
    )
    open_to_citizens = forms.BooleanField(
        label=gettext_lazy("Citizen commissioners score this"), required=False
    )
    position = forms.IntegerField(
        label=gettext_lazy("Position"),
        min_value=0,
        max_value=10000,
        initial=0,
        help_text=gettext_lazy("Lower numbers come first."),
    )

    def __init__(
        self, *args, opportunity: Opportunity, criterion: Criterion | None = None, **kwargs
    ):
        if criterion is not None:
            kwargs["initial"] = {
                "part": criterion.part,
                "parent": criterion.parent_id,
                "title": criterion.title,
                "question": criterion.question,
                "guidance": criterion.guidance,
                "plain_guidance": criterion.plain_guidance,
                "weight": criterion.weight,
                "pass_fail": criterion.pass_fail,
                "open_to_citizens": criterion.open_to_citizens,
                "position": criterion.position,
            }
        super().__init__(*args, **kwargs)
        parents = opportunity.criteria.order_by("part", "position", "id")
        if criterion is not None:
            parents = parents.exclude(pk=criterion.pk)
        self.fields["parent"].queryset = parents


class DocumentForm(PlainForm):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A PDF, Word, Excel, OpenDocument, CSV, text, PNG or JPEG file."),
    )


class CancelForm(PlainForm):
    reason = forms.CharField(
        label=gettext_lazy("Why it is cancelled"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Everyone who registered interest is told, with this reason."),
    )
