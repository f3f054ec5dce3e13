"""Forms for budgeting rounds: setting one up, projects, checking people, voting, counting, files."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.core.forms import DateField, ModelChoiceField, PlainForm, part_of_one_question
from commonweal.core.uploads import CSV, TEXT, check_upload, text_of
from commonweal.needs.forms import NeedCheckboxesField
from commonweal.needs.models import Need
from commonweal.participation.models import BudgetRound, Project
from commonweal.participation.pb.explain import format_money
from commonweal.participation.services import PROJECT_COST_MORE_THAN_0

# Pabulib files of whole cities run to a few megabytes (Warszawa 2026's is about 3 MB).
PABULIB_MAX_BYTES = 50 * 1024 * 1024

# The most the database columns hold: counts of projects and ranks, and points.
MOST_PROJECTS = 32767
MOST_POINTS = 2147483647

_DATE = {"required": False}


def money(value) -> str:
    return format_money(value)


# The stronger checks first; the self-declared one last, named for what it is (issue 9, section 4).
VERIFICATION_CHOICES = [
    (
        BudgetRound.Verification.LIST,
        gettext_lazy("An uploaded list: people on your list of who can vote"),
    ),
    (
        BudgetRound.Verification.CODE,
        gettext_lazy("One-use codes: people with an invitation code you send them"),
    ),
    (BudgetRound.Verification.OFFICER, gettext_lazy("An officer: people an officer has checked")),
    (BudgetRound.Verification.RESIDENT_ROLE, gettext_lazy("Self-declared: the weakest check")),
]


class RoundForm(PlainForm):
    place = ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Place"),
        empty_label=None,
        error_messages={"required": gettext_lazy("Choose the place the round is for")},
    )
    run_by = ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Run by"),
        required=False,
        empty_label=gettext_lazy("Choose a public body"),
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter a title for the round")},
    )
    description = forms.CharField(
        label=gettext_lazy("What it is for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    budget = forms.DecimalField(
        label=gettext_lazy("Budget in pounds"),
        min_value=1,
        max_digits=14,
        decimal_places=2,
        error_messages={
            "required": gettext_lazy("Enter the budget in pounds"),
            "invalid": gettext_lazy("Enter the budget as a number, like 50000"),
            "min_value": gettext_lazy("The budget must be at least £1"),
            "max_digits": gettext_lazy("Enter a budget of £999,999,999,999.99 or less"),
            "max_whole_digits": gettext_lazy("Enter a budget of £999,999,999,999.99 or less"),
            "max_decimal_places": gettext_lazy(
                "Enter the budget in pounds and pence, like 50000 or 50000.50"
            ),
        },
    )
    proposals_open = DateField(label=gettext_lazy("Project ideas from"), **_DATE)
    review_from = DateField(label=gettext_lazy("Checking ideas from"), **_DATE)
    voting_opens = DateField(label=gettext_lazy("Voting opens"), **_DATE)
    voting_closes = DateField(label=gettext_lazy("Voting closes"), **_DATE)
    results_by = DateField(label=gettext_lazy("Results by"), **_DATE)
    minimum_age = forms.IntegerField(
        label=gettext_lazy("Minimum age to vote"),
        min_value=0,
        max_value=120,
        initial=16,
        error_messages={"required": gettext_lazy("Enter the minimum age to vote")},
    )
    verification = forms.ChoiceField(
        label=gettext_lazy("How people are checked"),
        choices=VERIFICATION_CHOICES,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "The first three are real checks. Self-declared means people vote where their account says they live. "
            "They say that themselves and nobody checks it, so one person with several email addresses could vote "
            "several times. Choose it only when you cannot use a list, codes or an officer."
        ),
        error_messages={"required": gettext_lazy("Choose how people are checked")},
    )
    ballot_type = forms.ChoiceField(
        label=gettext_lazy("Ballot"),
        choices=BudgetRound.BallotType.choices,
        widget=forms.RadioSelect,
        initial=BudgetRound.BallotType.APPROVAL,
    )
    min_projects = forms.IntegerField(
        label=gettext_lazy("Fewest projects a voter must choose"),
        required=False,
        min_value=1,
        max_value=MOST_PROJECTS,
        help_text=gettext_lazy("For choosing projects. Leave empty for 1."),
        error_messages={
            "min_value": gettext_lazy("The fewest projects a voter must choose must be 1 or more"),
            "max_value": gettext_lazy(
                "The fewest projects a voter must choose must be 32,767 or fewer"
            ),
        },
    )
    max_projects = forms.IntegerField(
        label=gettext_lazy("Most projects a voter may choose"),
        required=False,
        min_value=1,
        max_value=MOST_PROJECTS,
        help_text=gettext_lazy("Leave empty for no limit."),
        error_messages={
            "min_value": gettext_lazy("The most projects a voter may choose must be 1 or more"),
            "max_value": gettext_lazy(
                "The most projects a voter may choose must be 32,767 or fewer"
            ),
        },
    )
    within_budget = forms.BooleanField(
        label=gettext_lazy("The projects a voter chooses must fit the budget"), required=False
    )
    points_total = forms.IntegerField(
        label=gettext_lazy("Points each voter shares out"),
        required=False,
        min_value=1,
        max_value=MOST_POINTS,
        help_text=gettext_lazy("For sharing out points."),
        error_messages={
            "min_value": gettext_lazy("The points each voter shares out must be 1 or more"),
            "max_value": gettext_lazy(
                "The points each voter shares out must be 2,147,483,647 or fewer"
            ),
        },
    )
    points_max_per_project = forms.IntegerField(
        label=gettext_lazy("Most points for one project"),
        required=False,
        min_value=1,
        max_value=MOST_POINTS,
        error_messages={
            "min_value": gettext_lazy("The most points for one project must be 1 or more"),
            "max_value": gettext_lazy(
                "The most points for one project must be 2,147,483,647 or fewer"
            ),
        },
    )
    ranks = forms.IntegerField(
        label=gettext_lazy("How many projects a voter may rank"),
        required=False,
        min_value=1,
        max_value=MOST_PROJECTS,
        help_text=gettext_lazy("For putting projects in order."),
        error_messages={
            "min_value": gettext_lazy("The number of projects a voter may rank must be 1 or more"),
            "max_value": gettext_lazy(
                "The number of projects a voter may rank must be 32,767 or fewer"
            ),
        },
    )
    rule = forms.ChoiceField(
        label=gettext_lazy("Counting rule"),
        choices=BudgetRound.Rule.choices,
        widget=forms.RadioSelect,
        initial=BudgetRound.Rule.MES,
    )
    completion = forms.ChoiceField(
        label=gettext_lazy("When equal shares leave money unspent"),
        choices=BudgetRound.Completion.choices,
        widget=forms.RadioSelect,
        initial=BudgetRound.Completion.ADD1,
    )

    def __init__(self, *args, places, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
        self.fields["run_by"].queryset = bodies

    def round_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("place", None)
        return data


class ProjectForm(PlainForm):
    title = forms.CharField(
        label=gettext_lazy("Name of the project"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter a name for the project")},
    )
    description = forms.CharField(
        label=gettext_lazy("What it would do"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": gettext_lazy("Say what the project would do")},
    )
    cost = forms.DecimalField(
        label=gettext_lazy("What it would cost, in pounds"),
        min_value=Decimal("0.01"),  # a £0 project would always be funded (services)
        max_digits=14,
        decimal_places=2,
        error_messages={
            "required": gettext_lazy("Enter what the project would cost"),
            "invalid": gettext_lazy("Enter the cost as a number, like 4500"),
            "min_value": PROJECT_COST_MORE_THAN_0,
            "max_digits": gettext_lazy("Enter a cost of £999,999,999,999.99 or less"),
            "max_whole_digits": gettext_lazy("Enter a cost of £999,999,999,999.99 or less"),
            "max_decimal_places": gettext_lazy(
                "Enter the cost in pounds and pence, like 4500 or 4500.50"
            ),
        },
    )
    needs = NeedCheckboxesField(
        queryset=Need.objects.none(),
        required=False,
        label=gettext_lazy("Needs it would meet"),
        error_messages={
            "invalid_choice": gettext_lazy("Choose open needs of this place or a place in it"),
            "invalid_pk_value": gettext_lazy("Choose open needs of this place or a place in it"),
        },
    )

    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs
        if not needs.exists():
            del self.fields["needs"]


class ReviewForm(PlainForm):
    status = forms.ChoiceField(
        label=gettext_lazy("Does it go on the ballot?"),
        widget=forms.RadioSelect,
        choices=[
            (Project.Status.ACCEPTED, gettext_lazy("Yes, put it on the ballot")),
            (Project.Status.REJECTED, gettext_lazy("No, leave it off the ballot")),
        ],
        error_messages={"required": gettext_lazy("Choose whether it goes on the ballot")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=gettext_lazy("Everyone can read this."),
        error_messages={"required": gettext_lazy("Say why, so people can see the reason")},
    )
    # A revised cost and its public reason (services.project_cost_revise). The box shows the
    # project's cost: left as it is (or emptied), the cost stays and nothing is recorded.
    cost = forms.DecimalField(
        label=gettext_lazy("Revised cost in pounds"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
        help_text=gettext_lazy(
            "This is the cost now. Change it only if the cost has changed, for example after a "
            "supplier's quote."
        ),
        error_messages={
            "invalid": gettext_lazy("Enter the cost as a number, like 9500"),
            "min_value": PROJECT_COST_MORE_THAN_0,
            "max_digits": gettext_lazy("Enter a cost of £999,999,999,999.99 or less"),
            "max_whole_digits": gettext_lazy("Enter a cost of £999,999,999,999.99 or less"),
            "max_decimal_places": gettext_lazy(
                "Enter the cost in pounds and pence, like 9500 or 9500.50"
            ),
        },
    )
    cost_reason = forms.CharField(
        label=gettext_lazy("Why the cost was revised"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text=gettext_lazy(
            "Needed if you change the cost. Everyone can read it beside the project."
        ),
    )

    def clean(self):
        data = super().clean()
        cost, before = data.get("cost"), self.initial.get("cost")
        changed = cost is not None and before is not None and cost != before
        if changed and not (data.get("cost_reason") or "").strip():
            self.add_error(
                "cost_reason", _("Say why the cost changed, so everyone can see the reason")
            )
        return data


class ReasonForm(PlainForm):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
        # Kept in the audit trail only: the round's page shows its phase, not why it moved.
        help_text=gettext_lazy(
            "Kept in the record of changes. It is not shown on the round's page."
        ),
    )


class UploadForm(PlainForm):
    """A CSV eligibility list: checked by its content, as every upload is (core.uploads)."""

    file = forms.FileField(
        label=gettext_lazy("Upload a file"),
        error_messages={"required": gettext_lazy("Choose a file to upload")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload, allowed=frozenset({CSV, TEXT}))
        except ValidationError as error:
            if error.code == "wrong_type":
                raise ValidationError(_("The file must be a CSV file")) from None
            raise
        return upload

    def text(self) -> str | None:
        """The file's text (UTF-8, or Windows-1252 as Excel on Windows saves a CSV), or None with
        an error on the form saying how to save it."""
        try:
            return text_of(self.cleaned_data["file"].read())
        except ValidationError as error:
            self.add_error("file", error.messages)
            return None


class CodesForm(PlainForm):
    count = forms.IntegerField(
        label=gettext_lazy("How many codes to make"),
        min_value=1,
        max_value=5000,
        error_messages={
            "required": gettext_lazy("Enter how many codes to make"),
            "min_value": gettext_lazy("Make at least 1 code"),
            "max_value": gettext_lazy("Make no more than 5,000 codes at a time"),
        },
    )
    download = forms.BooleanField(
        label=gettext_lazy("Download them as a CSV file to print"), required=False
    )


class VerifyForm(PlainForm):
    email = forms.EmailField(
        label=gettext_lazy("Email address on their account"),
        error_messages={
            "required": gettext_lazy("Enter their email address"),
            "invalid": gettext_lazy("Enter an email address like name@example.org"),
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("How you checked them"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Say how you checked them")},
    )


class CodeUseForm(PlainForm):
    code = forms.CharField(
        label=gettext_lazy("Your code or reference number"),
        max_length=100,
        error_messages={"required": gettext_lazy("Enter the code from your letter")},
    )


class CountForm(PlainForm):
    rule = forms.ChoiceField(
        label=gettext_lazy("Counting rule"),
        choices=BudgetRound.Rule.choices,
        widget=forms.RadioSelect,
    )
    satisfaction = forms.ChoiceField(
        label=gettext_lazy("Satisfaction"),
        choices=BudgetRound.Satisfaction.choices,
        widget=forms.RadioSelect,
    )
    completion = forms.ChoiceField(
        label=gettext_lazy("When equal shares leave money unspent"),
        choices=BudgetRound.Completion.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("Needed once the results are published. Everyone can read it."),
    )

    def __init__(self, *args, published: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if (
            published
        ):  # counting again after the results are out: the reason is asked for, not optional
            reason = self.fields["reason"]
            reason.required = True
            reason.help_text = _("Everyone can read it with the results.")
            reason.error_messages["required"] = _(
                "The results are published. Say why you are counting again, so everyone can see "
                "the reason."
            )


class BallotForm(PlainForm):
    """The voting booth: checkboxes, radios, a number per project or a rank per project."""

    age_confirmed = forms.BooleanField(required=False)

    def __init__(self, *args, round_, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        self.projects = list(projects)
        kind = round_.ballot_type
        labels = [(str(p.pk), f"{p.title} ({money(p.cost)})") for p in self.projects]
        if kind == BudgetRound.BallotType.APPROVAL:
            self.fields["projects"] = forms.MultipleChoiceField(
                label=_("Which projects do you support?"),
                choices=labels,
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "required": _("Choose at least one project."),
                    "invalid_choice": _("Choose projects from this round"),
                },
            )
        elif kind == BudgetRound.BallotType.CHOOSE_ONE:
            self.fields["projects"] = forms.ChoiceField(
                label=_("Which project do you support most?"),
                choices=labels,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose a project."),
                    "invalid_choice": _("Choose a project from this round"),
                },
            )
        else:
            for project in self.projects:
                label = f"{project.title} ({money(project.cost)})"
                if kind == BudgetRound.BallotType.CUMULATIVE:
                    field = forms.IntegerField(
                        label=label,
                        min_value=0,
                        required=False,
                        error_messages={
                            "invalid": _("Enter the points for %(p)s as a whole number, like 3")
                            % {"p": project.title},
                            "min_value": _("Points for %(p)s cannot be less than 0")
                            % {"p": project.title},
                        },
                    )
                else:
                    # Never more ranks than projects: a voter cannot use rank 5 of 4.
                    most = min(round_.ranks or len(self.projects), len(self.projects))
                    choices = [("", _("Not ranked"))] + [
                        (str(r), str(r)) for r in range(1, most + 1)
                    ]
                    field = forms.TypedChoiceField(
                        label=label, choices=choices, coerce=int, empty_value=None, required=False
                    )
                # Each box may be left empty; the ballot as a whole needs one filled (clean_marks).
                self.fields[f"project_{project.pk}"] = part_of_one_question(field)
        self.fields["age_confirmed"] = self.fields.pop("age_confirmed")
        self.fields["age_confirmed"].label = _("I am %(age)d or older") % {
            "age": round_.minimum_age
        }

    def marks(self) -> dict[int, int]:
        data = self.cleaned_data
        kind = self.round.ballot_type
        if kind == BudgetRound.BallotType.APPROVAL:
            return {int(pk): 1 for pk in data.get("projects") or []}
        if kind == BudgetRound.BallotType.CHOOSE_ONE:
            return {int(data["projects"]): 1} if data.get("projects") else {}
        return {p.pk: data[f"project_{p.pk}"] for p in self.projects if data.get(f"project_{p.pk}")}

    def summary(self) -> list[tuple[Project, int]]:
        marks = self.marks()
        rows = [(p, marks[p.pk]) for p in self.projects if p.pk in marks]
        if self.round.ballot_type == BudgetRound.BallotType.RANKED:
            rows.sort(key=lambda row: row[1])
        return rows

    @staticmethod
    def initial_from(round_, marks: dict | None) -> dict:
        if not marks:
            return {}
        kind = round_.ballot_type
        if kind == BudgetRound.BallotType.APPROVAL:
            return {"projects": [str(pk) for pk in marks]}
        if kind == BudgetRound.BallotType.CHOOSE_ONE:
            return {"projects": str(next(iter(marks)))}
        return {f"project_{pk}": value for pk, value in marks.items()}

    def project_fields(self):
        return [self[f"project_{p.pk}"] for p in self.projects if f"project_{p.pk}" in self.fields]


class PaperBallotForm(BallotForm):
    batch = forms.CharField(
        label=gettext_lazy("Batch reference"),
        max_length=100,
        help_text=gettext_lazy("As written on the ballot box or envelope."),
        error_messages={"required": gettext_lazy("Enter the batch reference")},
    )
    voter_email = forms.EmailField(
        label=gettext_lazy("Voter's email address, if they have an account"),
        required=False,
        help_text=gettext_lazy("So they cannot vote online as well."),
        error_messages={"invalid": gettext_lazy("Enter an email address like name@example.org")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["age_confirmed"]
        for name in ("batch", "voter_email"):
            self.fields[name] = self.fields.pop(name)
        if "projects" in self.fields:
            self.fields["projects"].label = _("Projects marked on the paper ballot")


class ImportForm(UploadForm):
    place = ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Place the round is for"),
        empty_label=None,
        error_messages={"required": gettext_lazy("Choose the place")},
    )

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
        self.fields["file"].label = _("Pabulib file (.pb)")

    def text(self) -> str | None:
        # A Pabulib file is UTF-8 by its format. Its cities write Polish, Dutch or French, so it is
        # never guessed to be Windows-1252: a file in another code would be read wrong silently.
        data = self.cleaned_data["file"].read()
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.add_error("file", _("The file must be saved as UTF-8 text"))
            return None

    def clean_file(self):
        # A .pb file is text with its own extension, so only its size is checked here; parsing checks the rest.
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise ValidationError(_("The selected file is empty"))
        if upload.size > PABULIB_MAX_BYTES:
            raise ValidationError(
                _("The file must be smaller than %(size)d MB") % {"size": PABULIB_MAX_BYTES >> 20}
            )
        return upload
