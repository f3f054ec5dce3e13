"""Forms for priority rounds: setting one up or changing it, voting, changing status and marking needs
prioritised."""

from datetime import datetime, time

from django import forms
from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.core.forms import DateField, ModelChoiceField, PlainForm
from commonweal.needs.forms import NeedCheckboxesField
from commonweal.needs.models import Need
from commonweal.organisations.models import Organisation
from commonweal.priorities.models import PriorityRound

# The stronger check first; where people say they live is named for what it is (issue 9, section 4).
ELIGIBILITY_CHOICES = [
    (
        PriorityRound.Eligibility.CITIZEN_COMMISSIONERS,
        PriorityRound.Eligibility.CITIZEN_COMMISSIONERS.label,
    ),
    (
        PriorityRound.Eligibility.RESIDENTS,
        gettext_lazy("Residents of the place. Self-declared: the weakest check"),
    ),
    (
        PriorityRound.Eligibility.SIGNED_IN,
        gettext_lazy("Anyone with an account: no check of where they live"),
    ),
]


class PlaceChoiceForm(PlainForm):
    place = ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Which place is the round for?"),
        empty_label=gettext_lazy("Choose a place"),
        error_messages={
            "required": gettext_lazy("Choose the place the round is for"),
            "invalid_choice": gettext_lazy("Choose a place you run rounds for"),
        },
    )

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places


class RoundForm(PlainForm):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter a title for the round")},
    )
    description = forms.CharField(
        label=gettext_lazy("What it is for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Say what the result will be used for, so people know why their vote matters."
        ),
    )
    run_by = ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Run by"),
        empty_label=None,
        error_messages={"required": gettext_lazy("Choose the public body running the round")},
    )
    method = forms.ChoiceField(
        label=gettext_lazy("How votes are counted"),
        choices=PriorityRound.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose how votes are counted")},
    )
    eligibility = forms.ChoiceField(
        label=gettext_lazy("Who can take part"),
        choices=ELIGIBILITY_CHOICES,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Citizen commissioners are appointed. Residents are people whose account says they live in the place: "
            "they say that themselves and nobody checks it, so one person with several email addresses could vote "
            "several times."
        ),
        error_messages={"required": gettext_lazy("Choose who can take part")},
    )
    needs = NeedCheckboxesField(
        queryset=Need.objects.none(),
        label=gettext_lazy("Needs in the round"),
        help_text=gettext_lazy("Open needs for the place or a place in it. Choose at least 2."),
        error_messages={
            "required": gettext_lazy("Choose at least 2 needs"),
            "invalid_choice": gettext_lazy("Choose open needs for this place or a place in it"),
            "invalid_pk_value": gettext_lazy("Choose open needs for this place or a place in it"),
        },
    )
    opens_on = DateField(
        label=gettext_lazy("Voting opens on"),
        error_messages={"required": gettext_lazy("Enter the date voting opens")},
    )
    closes_on = DateField(
        label=gettext_lazy("Voting closes at the end of"),
        error_messages={"required": gettext_lazy("Enter the date voting closes")},
    )

    def __init__(self, *args, bodies, needs, round_=None, held_needs=(), held_asked=None, **kwargs):
        """Setting up a round, or with ``round_`` changing it: the form then shows everything the
        round holds (``held_needs``, its needs' ids, and ``held_asked``, the same as a query), and
        accepts them back though a need has closed or the public body running it is not one the
        person works for."""
        if round_ is not None:
            kwargs["initial"] = {
                **self.initial_from(round_, held_needs),
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        self.round = round_
        if round_ is not None:
            bodies = bodies | Organisation.objects.filter(pk=round_.run_by_id)
        self.fields["run_by"].queryset = bodies
        self.fields["needs"].queryset = needs
        self.fields["needs"].keep(held_needs, asked=held_asked)

    @staticmethod
    def initial_from(round_: PriorityRound, held_needs) -> dict:
        return {
            "title": round_.title,
            "description": round_.description,
            "run_by": round_.run_by_id,
            "method": round_.method,
            "eligibility": round_.eligibility,
            "needs": list(held_needs),
            "opens_on": timezone.localtime(round_.opens_at).date(),
            "closes_on": timezone.localtime(round_.closes_at).date(),
        }

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and opens < timezone.localdate():
            self.add_error("opens_on", _("The date voting opens must be today or in the future"))
        if opens and closes and closes < opens:
            self.add_error(
                "closes_on", _("The closing date must be the same as or after the opening date")
            )
        return data

    def round_fields(self) -> dict:
        """What the services take to set up or change a round, from the checked form."""
        data = self.cleaned_data
        return {
            **{
                name: data[name]
                for name in ("title", "description", "run_by", "method", "eligibility", "needs")
            },
            "opens_at": self.opens_at(),
            "closes_at": self.closes_at(),
        }

    def opens_at(self) -> datetime:
        return self._held_time("opens_on", "opens_at") or timezone.make_aware(
            datetime.combine(self.cleaned_data["opens_on"], time.min)
        )

    def closes_at(self) -> datetime:
        return self._held_time("closes_on", "closes_at") or timezone.make_aware(
            datetime.combine(self.cleaned_data["closes_on"], time(23, 59, 59))
        )

    def _held_time(self, field: str, stored: str) -> datetime | None:
        """The time the round holds, when its day is sent back unchanged: a round set up elsewhere
        (the demo, the back office) may open at another time than midnight, and sending the form
        back unchanged must not move it."""
        if self.round is None:
            return None
        held = getattr(self.round, stored)
        return held if timezone.localtime(held).date() == self.cleaned_data[field] else None


class ReasonForm(PlainForm):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        # Kept in the audit trail only: the round's page shows its status, not why it moved.
        help_text=gettext_lazy(
            "Kept in the record of changes. It is not shown on the round's page."
        ),
        error_messages={"required": gettext_lazy("Enter the reason")},
    )


class ApprovalBallotForm(PlainForm):
    needs = forms.MultipleChoiceField(
        label=gettext_lazy("Which needs should come first?"),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Choose as many as you like."),
        error_messages={
            "required": gettext_lazy("Choose at least one need"),
            "invalid_choice": gettext_lazy("Choose needs from this round"),
        },
    )

    def __init__(self, *args, round_needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].choices = [(str(need.pk), need.title) for need in round_needs]

    def choices(self) -> dict[int, None]:
        return {int(pk): None for pk in self.cleaned_data["needs"]}

    @staticmethod
    def initial_from(ballot: dict | None) -> dict:
        return {"needs": [str(pk) for pk in ballot]} if ballot else {}


def rank_field_name(need) -> str:
    return f"rank_{need.pk}"


class BordaBallotForm(PlainForm):
    """One select a need: 1st, 2nd, … or not ranked. Ranks must start at 1st, with no gaps or repeats."""

    def __init__(self, *args, round_needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.round_needs = list(round_needs)
        choices = [("", _("Not ranked"))] + [
            (str(r), ordinal(r)) for r in range(1, len(self.round_needs) + 1)
        ]
        for need in self.round_needs:
            self.fields[rank_field_name(need)] = forms.TypedChoiceField(
                label=need.title,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={
                    "invalid_choice": _("Choose a rank from the list for %(need)s")
                    % {"need": need.title}
                },
            )

    def clean(self):
        data = super().clean()
        ranks = {
            need: data.get(rank_field_name(need))
            for need in self.round_needs
            if data.get(rank_field_name(need))
        }
        if self.errors:
            return data
        if not ranks:
            self.add_error(
                None, _("Rank at least one need. Put 1st next to the need that should come first.")
            )
            return data
        by_rank: dict[int, list] = {}
        for need, rank in ranks.items():
            by_rank.setdefault(rank, []).append(need)
        for rank, needs in sorted(by_rank.items()):
            if len(needs) > 1:
                for need in needs:
                    self.add_error(
                        rank_field_name(need),
                        _("You ranked %(count)s needs %(rank)s. Give %(need)s a different rank")
                        % {"count": len(needs), "rank": ordinal(rank), "need": need.title},
                    )
        if self.errors:
            return data
        missing = [r for r in range(1, len(ranks) + 1) if r not in by_rank]
        if missing:
            highest = max(by_rank)
            self.add_error(
                rank_field_name(by_rank[highest][0]),
                _(
                    "You ranked a need %(rank)s but no need %(missing)s. Use 1st, 2nd, 3rd and so on with no gaps"
                )
                % {"rank": ordinal(highest), "missing": ordinal(missing[0])},
            )
        return data

    def choices(self) -> dict[int, int]:
        return {
            need.pk: self.cleaned_data[rank_field_name(need)]
            for need in self.round_needs
            if self.cleaned_data.get(rank_field_name(need))
        }

    @staticmethod
    def initial_from(ballot: dict | None) -> dict:
        return {f"rank_{pk}": str(rank) for pk, rank in (ballot or {}).items() if rank}


class PrioritiseForm(PlainForm):
    needs = forms.MultipleChoiceField(
        label=gettext_lazy("Needs to mark prioritised"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Choose at least one need to mark prioritised"),
            "invalid_choice": gettext_lazy("Choose needs from the list"),
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("Why these needs are prioritised"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=gettext_lazy("Everyone can read this on each need, with a link to this round."),
        error_messages={"required": gettext_lazy("Say why these needs are prioritised")},
    )

    def __init__(self, *args, round_needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].choices = [(str(need.pk), need.title) for need in round_needs]
