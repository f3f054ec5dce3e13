"""Forms for a bid's sections: how they bid, each answer, the price or grant budget, social value
commitments, documents, conflicts, and checking a receipt."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.commissioning.forms_design import money_field, percent_field
from commonweal.competitions.content import Commitment, GrantBudget, Member
from commonweal.competitions.models import Bid, Opportunity
from commonweal.core.forms import PlainForm
from commonweal.organisations.forms import FriendlyDecimalField

# The most any text a bidder sends may hold, whatever the word limit.
MOST_CHARACTERS = 1_000_000
YES, NO = "yes", "no"
YES_NO = ((YES, gettext_lazy("Yes")), (NO, gettext_lazy("No")))
_WORD = re.compile(r"\S+")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def long_text(label, *, required: bool = False, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=MOST_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


def quantity_field(label, *, required: bool = True) -> FriendlyDecimalField:
    return FriendlyDecimalField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_value=Decimal("999999999999"),
        max_digits=16,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={"invalid": _("Enter a number, like 12 or 2.5")},
    )


class ChooseOrganisationForm(PlainForm):
    organisation = forms.TypedChoiceField(
        label=gettext_lazy("Which organisation is this bid for?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose the organisation you are bidding for")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(org.pk, org.name) for org in organisations]


def form_choices(opportunity: Opportunity) -> list[tuple[str, str]]:
    """The ways of bidding this opportunity accepts."""
    choices = [(Bid.Form.ALONE.value, Bid.Form.ALONE.label)]
    if opportunity.consortium_bids:
        choices.append((Bid.Form.CONSORTIUM.value, Bid.Form.CONSORTIUM.label))
    if opportunity.alliance_bids:
        choices.append((Bid.Form.ALLIANCE.value, Bid.Form.ALLIANCE.label))
    return choices


class HowForm(PlainForm):
    form = forms.ChoiceField(
        label=gettext_lazy("How are you bidding?"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose how you are bidding")},
    )

    def __init__(self, *args, opportunity: Opportunity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].choices = form_choices(opportunity)


class MemberForm(PlainForm):
    name = forms.CharField(label=gettext_lazy("Organisation's name"), max_length=200)
    role = forms.ChoiceField(
        label=gettext_lazy("Their part"),
        widget=forms.RadioSelect,
        choices=(
            ("member", gettext_lazy("Member")),
            ("subcontractor", gettext_lazy("Subcontractor")),
        ),
        error_messages={
            "required": gettext_lazy("Choose whether they are a member or a subcontractor")
        },
    )
    share = percent_field(
        gettext_lazy("Their share of the work, per cent"),
        help_text=gettext_lazy("For example, 25"),
    )

    def member(self) -> Member:
        data = self.cleaned_data
        return Member(name=data["name"].strip(), role=data["role"], share=data["share"])


class AnswerForm(PlainForm):
    answer = long_text(gettext_lazy("Your answer"))

    def __init__(self, *args, word_limit: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.word_limit = word_limit
        self.fields["answer"].help_text = _("Up to %(limit)s words.") % {"limit": f"{word_limit:,}"}

    def clean_answer(self) -> str:
        answer = self.cleaned_data["answer"].strip()
        words = word_count(answer)
        if words > self.word_limit:
            raise ValidationError(
                _("Your answer must be %(limit)s words or fewer: it has %(words)s")
                % {"limit": f"{self.word_limit:,}", "words": f"{words:,}"},
                code="too_many_words",
            )
        return answer


class PriceForm(PlainForm):
    price = money_field(
        gettext_lazy("Your price for the whole contract, in pounds"),
        help_text=gettext_lazy("The total you would charge over the whole contract."),
    )
    staff_hours = quantity_field(
        gettext_lazy("Staff hours the price pays for, over the whole contract"), required=False
    )


_BUDGET_LINE = re.compile(r"^(?P<item>.+?)\s*[,:]\s*£?\s*(?P<amount>\d[\d,]*(?:\.\d{1,2})?)$")


def _parse_lines(text: str) -> tuple[tuple[str, Decimal], ...]:
    """Budget lines typed one a line: what it pays for, a comma, the amount ("Rent, £12,000")."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        found = _BUDGET_LINE.match(line)
        if found is None:
            raise ValidationError(
                _(
                    "Line %(number)s must be what it pays for, a comma, then the amount, like "
                    "“Rent, 12000”"
                )
                % {"number": number}
            )
        amount = Decimal(found["amount"].replace(",", "")).quantize(Decimal("0.01"))
        lines.append((found["item"].strip(), amount))
    return tuple(lines)


class BudgetForm(PlainForm):
    requested = money_field(gettext_lazy("The amount you are asking for, in pounds"))
    match_funding = money_field(
        gettext_lazy("Match funding, in pounds"),
        required=False,
        help_text=gettext_lazy("Money from elsewhere that the project will also have."),
    )
    in_kind = long_text(
        gettext_lazy("Support in kind"),
        help_text=gettext_lazy("Volunteers' time, rooms, equipment: what and how much."),
    )
    lines = long_text(
        gettext_lazy("Budget lines"),
        help_text=gettext_lazy(
            "One line each: what it pays for, a comma, then the amount. For example: Rent, 12000"
        ),
    )

    def __init__(self, *args, match_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if match_required:
            self.fields["match_funding"].required = True
            self.fields["match_funding"].error_messages["required"] = _("Enter your match funding")

    def clean_lines(self):
        return _parse_lines(self.cleaned_data["lines"])

    def budget(self) -> GrantBudget:
        data = self.cleaned_data
        return GrantBudget(
            requested=data["requested"],
            match_funding=data["match_funding"],
            in_kind=data["in_kind"].strip(),
            lines=data["lines"],
        )

    @staticmethod
    def initial_from(grant: GrantBudget | None) -> dict:
        if grant is None:
            return {}
        return {
            "requested": grant.requested,
            "match_funding": grant.match_funding,
            "in_kind": grant.in_kind,
            "lines": "\n".join(f"{item}, {amount}" for item, amount in grant.lines),
        }


class CommitmentForm(PlainForm):
    measure = forms.TypedChoiceField(
        label=gettext_lazy("Measure"),
        coerce=int,
        error_messages={"required": gettext_lazy("Choose a measure")},
    )
    delivery_plan = long_text(gettext_lazy("How you will deliver it"), required=True)
    evidence_plan = long_text(gettext_lazy("How you will show you delivered it"), required=True)
    beyond_core = forms.ChoiceField(
        label=gettext_lazy("Does it go beyond the service the contract pays for?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say whether it goes beyond the core service")},
    )
    attribution = percent_field(
        gettext_lazy("Share due to this contract, per cent"),
        help_text=gettext_lazy("How much of it would not happen without this contract."),
    )
    deadweight = percent_field(
        gettext_lazy("Deadweight, per cent"),
        help_text=gettext_lazy("How much of it would have happened anyway."),
    )
    double_counting_group = forms.CharField(
        label=gettext_lazy("Double-counting group"),
        help_text=gettext_lazy(
            "Give commitments that count the same thing (the same job) the same group name, so it "
            "is counted once."
        ),
        required=False,
        max_length=100,
    )

    def __init__(self, *args, measures, years: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = [("", _("Choose a measure"))] + [
            (m.pk, f"{m.code} {m.title} ({m.unit})") for m in measures
        ]
        self.years = years
        for year in range(1, years + 1):
            self.fields[f"year_{year}"] = quantity_field(
                _("Quantity in year %(year)s") % {"year": year}
            )

    def year_fields(self):
        return [self[f"year_{year}"] for year in range(1, self.years + 1)]

    def commitment(self) -> Commitment:
        data = self.cleaned_data
        return Commitment(
            measure_id=data["measure"],
            quantity_by_year=tuple(data[f"year_{y}"] for y in range(1, self.years + 1)),
            beyond_core_service=data["beyond_core"] == YES,
            attribution=data["attribution"] / 100,
            deadweight=data["deadweight"] / 100,
            double_counting_group=data["double_counting_group"].strip(),
            delivery_plan=data["delivery_plan"].strip(),
            evidence_plan=data["evidence_plan"].strip(),
        )


class ConflictsForm(PlainForm):
    has_conflicts = forms.ChoiceField(
        label=gettext_lazy("Do you have any conflicts of interest to declare?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say whether you have any conflicts of interest")},
    )
    details = long_text(
        gettext_lazy("What they are"),
        help_text=gettext_lazy(
            "For example, someone at your organisation is related to someone at the council."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("has_conflicts") == YES and not (data.get("details") or "").strip():
            self.add_error("details", _("Say what your conflicts of interest are"))
        return data


class DocumentForm(PlainForm):
    title = forms.CharField(label=gettext_lazy("What the document is"), max_length=200)
    file = forms.FileField(
        label=gettext_lazy("Upload a file"),
        error_messages={"required": gettext_lazy("Select a file")},
    )


class ReceiptCheckForm(PlainForm):
    receipt = forms.CharField(
        label=gettext_lazy("Your receipt"),
        max_length=200,
        help_text=gettext_lazy("Paste the receipt you kept when you submitted your bid."),
        error_messages={"required": gettext_lazy("Paste your receipt")},
    )
