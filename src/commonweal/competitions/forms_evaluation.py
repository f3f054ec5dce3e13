"""Forms for evaluation: adding to the panel, declaring conflicts, scoring, moderating, and the
low-bid explanation and decision. Fields that depend on the bidders or criteria are made per
bidder or per criterion, so one page has one form and one error summary."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.competitions.models import Criterion, LowBidReview, Opportunity

YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]
PASS_FAIL = [("pass", gettext_lazy("Passes")), ("fail", gettext_lazy("Fails"))]


def _scale_choices(opportunity: Opportunity) -> list[tuple[str, str]]:
    return [
        (str(point["score"]), f"{point['score']}: {point.get('descriptor', '')}")
        for point in opportunity.scale
    ]


class PanelAddForm(forms.Form):
    """Choose a person from those who may hold a seat (never a free email address)."""

    person = forms.ChoiceField(
        label=gettext_lazy("Who to add"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a person to add.")},
    )

    def __init__(self, data=None, *, officers, citizens):
        super().__init__(data)
        self.fields["person"].choices = [
            (
                f"officer:{user.pk}",
                _("%(name)s, evaluator") % {"name": user.full_name or user.email},
            )
            for user in officers
        ] + [
            (
                f"citizen:{user.pk}",
                _("%(name)s, citizen commissioner") % {"name": user.full_name or user.email},
            )
            for user in citizens
        ]

    def chosen(self) -> tuple[str, int]:
        kind, _sep, pk = self.cleaned_data["person"].partition(":")
        return kind, int(pk)


class ConflictsForm(forms.Form):
    """For each bidder: a conflict or not, and what it is."""

    def __init__(self, data=None, *, organisations):
        super().__init__(data)
        self.organisations = list(organisations)
        for organisation in self.organisations:
            self.fields[f"bidder_{organisation.pk}"] = forms.ChoiceField(
                label=_("Do you have a conflict of interest with %(bidder)s?")
                % {"bidder": organisation.name},
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Say whether you have a conflict with %(bidder)s.")
                    % {"bidder": organisation.name}
                },
            )
            self.fields[f"details_{organisation.pk}"] = forms.CharField(
                label=_("If yes, what is it?"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=5000,
            )

    def clean(self):
        data = super().clean()
        for organisation in self.organisations:
            if (
                data.get(f"bidder_{organisation.pk}") == "yes"
                and not (data.get(f"details_{organisation.pk}") or "").strip()
            ):
                self.add_error(
                    f"details_{organisation.pk}",
                    _("Say what your conflict with %(bidder)s is.") % {"bidder": organisation.name},
                )
        return data

    def rows(self):
        return [
            (organisation, self[f"bidder_{organisation.pk}"], self[f"details_{organisation.pk}"])
            for organisation in self.organisations
        ]

    def declarations(self) -> dict[int, tuple[bool, str]]:
        return {
            organisation.pk: (
                self.cleaned_data[f"bidder_{organisation.pk}"] == "yes",
                self.cleaned_data.get(f"details_{organisation.pk}", ""),
            )
            for organisation in self.organisations
        }


def _score_fields(form: forms.Form, opportunity: Opportunity, criterion: Criterion, prefix: str):
    if criterion.pass_fail:
        form.fields[f"{prefix}passed"] = forms.ChoiceField(
            label=_("Does it pass?"),
            choices=PASS_FAIL,
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Say whether the bid passes %(c)s.") % {"c": criterion.title}
            },
        )
    else:
        form.fields[f"{prefix}score"] = forms.ChoiceField(
            label=_("Score"),
            choices=_scale_choices(opportunity),
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Choose a score for %(c)s.") % {"c": criterion.title},
                "invalid_choice": _("Choose a score on the scale for %(c)s.")
                % {"c": criterion.title},
            },
        )
    form.fields[f"{prefix}reason"] = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": _("Say why, for %(c)s.") % {"c": criterion.title}},
    )


def _initial(score, prefix: str) -> dict:
    if score is None:
        return {}
    return {
        f"{prefix}score": str(score.score) if score.passed is None else None,
        f"{prefix}passed": None if score.passed is None else ("pass" if score.passed else "fail"),
        f"{prefix}reason": score.reason,
    }


def _scale_key(opportunity: Opportunity, value: str) -> str:
    """The scale's own spelling of a score ("3", not "3.00")."""
    for point in opportunity.scale:
        if Decimal(str(point["score"])) == Decimal(value):
            return str(point["score"])
    return value


class ScoresForm(forms.Form):
    """The evaluator's scores for one bid, one set of fields per criterion they score."""

    def __init__(self, data=None, *, opportunity, criteria, existing):
        super().__init__(data)
        self.opportunity = opportunity
        self.criteria = list(criteria)
        initial: dict = {}
        for criterion in self.criteria:
            prefix = f"c{criterion.pk}_"
            _score_fields(self, opportunity, criterion, prefix)
            initial.update(_initial(existing.get(criterion.pk), prefix))
        for key, value in initial.items():
            if key.endswith("score") and value is not None:
                initial[key] = _scale_key(opportunity, value)
        self.initial = initial

    def rows(self):
        found = []
        for criterion in self.criteria:
            prefix = f"c{criterion.pk}_"
            found.append(
                (
                    criterion,
                    self[f"{prefix}passed"] if criterion.pass_fail else self[f"{prefix}score"],
                    self[f"{prefix}reason"],
                )
            )
        return found

    def scores(self):
        """(criterion, score, passed, reason) for each criterion."""
        for criterion in self.criteria:
            yield _cleaned(self.cleaned_data, criterion, f"c{criterion.pk}_")


def _cleaned(data, criterion: Criterion, prefix: str):
    if criterion.pass_fail:
        return criterion, None, data[f"{prefix}passed"] == "pass", data[f"{prefix}reason"]
    return criterion, Decimal(data[f"{prefix}score"]), None, data[f"{prefix}reason"]


class ModerateForm(forms.Form):
    """The agreed score for a bid on a criterion, and why."""

    def __init__(self, data=None, *, opportunity, criterion, existing):
        super().__init__(data)
        self.criterion = criterion
        _score_fields(self, opportunity, criterion, "")
        self.fields["reason"].label = _("Why this score was agreed")
        initial = _initial(existing, "")
        if initial.get("score") is not None:
            initial["score"] = _scale_key(opportunity, initial["score"])
        self.initial = initial

    def agreed(self):
        _criterion, score, passed, reason = _cleaned(self.cleaned_data, self.criterion, "")
        return score, passed, reason


class LowBidDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Your decision"),
        choices=[
            (LowBidReview.Decision.ACCEPTED, LowBidReview.Decision.ACCEPTED.label),
            (LowBidReview.Decision.REJECTED, LowBidReview.Decision.REJECTED.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose to accept or reject the bid.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Why"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        error_messages={"required": gettext_lazy("Say why.")},
    )


class LowBidExplainForm(forms.Form):
    explanation = forms.CharField(
        label=gettext_lazy("How you will deliver the whole service for this price"),
        help_text=gettext_lazy(
            "Your staffing and what you pay them, your other costs, and anything else that lets "
            "you offer this price."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        error_messages={"required": gettext_lazy("Explain how you will deliver for this price.")},
    )
