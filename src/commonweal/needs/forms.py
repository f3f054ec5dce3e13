"""Forms for the needs pages. The rules about the records themselves live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commonweal.core.forms import (
    TODAY,
    DateField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    PlainForm,
)
from commonweal.needs import selectors
from commonweal.needs.models import Evidence, Need, Term
from commonweal.needs.services import CONSENT_MESSAGE, FIGURE_EARLIEST, figure_impossible
from commonweal.places.models import Place


def place_label(place: Place) -> str:
    return f"{place.name} ({place.parent.name})" if place.parent_id else place.name


class PlaceField(ModelChoiceField):
    def label_from_instance(self, place: Place) -> str:
        return place_label(place)


class TermsField(ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


def _terms_field(vocabulary: str, label, help_text) -> TermsField:
    return TermsField(
        queryset=selectors.terms(vocabulary), required=False, label=label, help_text=help_text
    )


class NeedForm(PlainForm):
    """Raising a need: the problem, where, for whom; never the answer."""

    title = forms.CharField(
        label=_("The need in a sentence"),
        max_length=200,
        help_text=_("For example, young people leaving care have nowhere safe to stay."),
        error_messages={
            "required": _("Enter the need in a sentence"),
            "max_length": _("The need must be 200 characters or fewer"),
        },
    )
    problem = forms.CharField(
        label=_("The problem"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What is going wrong, for whom, and how you know. Describe the problem, not a solution."
        ),
        error_messages={"required": _("Describe the problem")},
    )
    population = forms.CharField(
        label=_("Who it affects"),
        max_length=300,
        help_text=_("For example, 16 to 25 year olds leaving care in the borough."),
        error_messages={
            "required": _("Say who it affects"),
            "max_length": _("Who it affects must be 300 characters or fewer"),
        },
    )
    place = PlaceField(
        queryset=selectors.raisable_places(),
        label=_("Where"),
        empty_label=_("Choose a place"),
        help_text=_("A ward or neighbourhood, or the whole local authority."),
        error_messages={
            "required": _("Select the place where the need is"),
            "invalid_choice": _("Select the place where the need is"),
        },
    )
    outcome_areas = _terms_field(
        Term.Vocabulary.OUTCOME_AREA, _("Themes"), _("Select all that apply.")
    )
    groups = _terms_field(
        Term.Vocabulary.BENEFICIARY_GROUP,
        _("Groups of people it affects"),
        _("Select all that apply."),
    )
    agencies = _terms_field(
        Term.Vocabulary.AGENCY,
        _("Services and agencies it touches"),
        _("One person may meet several services. Select all that apply."),
    )
    raised_for = ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Raise it on behalf of"),
        empty_label=_("Just me"),
        error_messages={"invalid_choice": _("Choose an organisation you belong to")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raised_for"].queryset = selectors.user_organisations(user)
        for name in ("outcome_areas", "groups", "agencies"):
            self.fields[name].error_messages["invalid_choice"] = _("Choose from the list")
            self.fields[name].error_messages["invalid_pk_value"] = _("Choose from the list")
        if not self.fields["raised_for"].queryset.exists():
            del self.fields["raised_for"]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "problem": data["problem"],
            "population": data["population"],
            "place": data["place"],
            "raised_for": data.get("raised_for"),
            "themes": [
                *data.get("outcome_areas", []),
                *data.get("groups", []),
                *data.get("agencies", []),
            ],
        }


class NeedEditForm(NeedForm):
    """Changing what a need says. Where it is and who raised it stay as they are."""

    def __init__(self, *args, need: Need, user, **kwargs):
        themes = list(need.themes.all())
        initial = {
            "title": need.title,
            "problem": need.problem,
            "population": need.population,
            "outcome_areas": [t.pk for t in themes if t.vocabulary == Term.Vocabulary.OUTCOME_AREA],
            "groups": [t.pk for t in themes if t.vocabulary == Term.Vocabulary.BENEFICIARY_GROUP],
            "agencies": [t.pk for t in themes if t.vocabulary == Term.Vocabulary.AGENCY],
        }
        super().__init__(*args, user=user, initial=initial, **kwargs)
        for name in ("place", "raised_for"):
            self.fields.pop(name, None)
        # A term taken out of use stays on offer for a need that already has it, so saving keeps it.
        held = [t.pk for t in themes]
        for name, vocabulary in (
            ("outcome_areas", Term.Vocabulary.OUTCOME_AREA),
            ("groups", Term.Vocabulary.BENEFICIARY_GROUP),
            ("agencies", Term.Vocabulary.AGENCY),
        ):
            field = self.fields[name]
            field.queryset = (
                field.queryset | Term.objects.filter(vocabulary=vocabulary, pk__in=held)
            ).distinct()

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "problem": data["problem"],
            "population": data["population"],
            "themes": [
                *data.get("outcome_areas", []),
                *data.get("groups", []),
                *data.get("agencies", []),
            ],
        }


class FigureForm(PlainForm):
    title = forms.CharField(
        label=_("What the figure is"),
        max_length=200,
        help_text=_("For example, people sleeping rough on a single night."),
        error_messages={"required": _("Enter what the figure is")},
    )
    value = forms.DecimalField(
        label=_("Figure"),
        max_digits=16,
        decimal_places=4,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            key: _("Enter the figure as a number, like 240")
            for key in ("invalid", "max_digits", "max_decimal_places", "max_whole_digits")
        }
        | {"required": _("Enter the figure, like 240")},
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=60,
        help_text=_("What it counts, for example people, households or percent."),
        error_messages={"required": _("Enter what the figure counts, like people or percent")},
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("Where it comes from, for example the council's rough sleeping count."),
        error_messages={"required": _("Enter where the figure comes from")},
    )
    as_of = DateField(
        label=_("Date of the figure"),
        earliest=FIGURE_EARLIEST,
        latest=TODAY,
        error_messages={"required": _("Enter the date of the figure")},
    )

    def clean(self):
        data = super().clean()
        # A count below 0 ("-5 children"): the date's limits are the field's own.
        impossible = figure_impossible(
            value=data.get("value"), unit=data.get("unit", ""), as_of=None
        )
        for name, message in impossible.items():
            self.add_error(name, message)
        return data


class StoryForm(PlainForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("A few words about the story."),
        error_messages={"required": _("Enter a title for the story")},
    )
    story = forms.CharField(
        label=_("The story"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("In the storyteller's own words where you can."),
        error_messages={"required": _("Enter the story")},
    )
    storyteller = forms.CharField(label=_("Storyteller's name"), max_length=200, required=False)
    consent_given = forms.BooleanField(
        label=_("The storyteller has given consent for their story to be used"),
        required=False,
        help_text=_("We record that you confirmed this, and when."),
    )
    publication = forms.ChoiceField(
        label=_("Publication"),
        choices=Evidence.Publication.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Only the person who raised the need and public-body staff for the place see a story that is not published."
        ),
        error_messages={
            "required": _("Select whether and how the story may be published"),
            "invalid_choice": _("Select whether and how the story may be published"),
        },
    )

    def clean(self):
        data = super().clean()
        publication = data.get("publication")
        if (
            publication
            and publication != Evidence.Publication.PRIVATE
            and not data.get("consent_given")
        ):
            self.add_error("publication", CONSENT_MESSAGE)
        return data


class DocumentForm(PlainForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter a title for the document")},
    )
    file = forms.FileField(
        label=_("Upload a file"),
        help_text=_("A PDF, Word, Excel, OpenDocument, CSV, text, PNG or JPEG file."),
        error_messages={"required": _("Select a file"), "empty": _("The selected file is empty")},
    )


EVIDENCE_FORMS = {
    Evidence.Kind.FIGURE: FigureForm,
    Evidence.Kind.STORY: StoryForm,
    Evidence.Kind.DOCUMENT: DocumentForm,
}


class StatusForm(PlainForm):
    status = forms.ChoiceField(
        label=_("New status"),
        widget=forms.RadioSelect,
        choices=[
            (value, label) for value, label in Need.Status.choices if value != Need.Status.MERGED
        ],
        error_messages={"required": _("Select a status"), "invalid_choice": _("Select a status")},
    )
    reason = forms.CharField(
        label=_("Public reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Everyone can read this. Say why, in plain words."),
        error_messages={"required": _("Enter the reason for the change, so everyone can see why")},
    )


def need_label(need: Need) -> str:
    """A need as a chooser offers it: its title, place and reference number (select its place with it)."""
    return _("%(title)s (%(place)s, reference %(reference)s)") % {
        "title": need.title,
        "place": need.place.name,
        "reference": need.pk,
    }


class NeedRadioField(ModelChoiceField):
    """A need to choose, as radios, for a register of thousands: the page lists only the needs it
    offers (a page of those a search found: selectors.needs_matching), while any need of the field's
    queryset is accepted. Other apps' forms that choose one need use it too."""

    widget = forms.RadioSelect
    offered: list[Need] = []

    def label_from_instance(self, need: Need) -> str:
        return need_label(need)

    @property
    def choices(self):
        return [(need.pk, self.label_from_instance(need)) for need in self.offered]

    @choices.setter
    def choices(self, value):  # the choices come from ``offered``
        pass


class NeedCheckboxesField(ModelMultipleChoiceField):
    """Needs to choose, as checkboxes, for a register of thousands: the page lists only the needs it
    offers (those chosen so far and a page of those a search found: needs.choosers.choose_needs sets
    them, needs/includes/need_chooser.html draws them), while any need of the field's queryset is
    accepted and any other refused. Other apps' forms that choose several needs use it."""

    widget = forms.CheckboxSelectMultiple
    offered: list[Need] = []
    # The ids ``keep`` was given and those of them the queryset holds, by title: set by ``keep``.
    held_in_order: tuple[frozenset[int], list[int]] | None = None
    default_error_messages = {
        "invalid_choice": _("Choose needs from the list"),
        "invalid_pk_value": _("Choose needs from the list"),
    }

    def label_from_instance(self, need: Need) -> str:
        return need_label(need)

    @property
    def choices(self):
        return [(need.pk, self.label_from_instance(need)) for need in self.offered]

    @choices.setter
    def choices(self, value):  # the choices come from ``offered``
        pass

    def keep(self, held, *, asked=None) -> None:
        """Accept too the needs a record has already (``held``, their ids), though the queryset leaves
        them out now (closed or merged since): the form sent back unchanged keeps them. ``asked``:
        the same ids as a query of one column (the record's link table), for the database to read
        them itself instead of being sent hundreds of numbers."""
        held = list(held)
        if not held:
            return
        # Only those the queryset leaves out (usually none): an outcome may hold hundreds, and every
        # query of the chooser would otherwise carry all their ids.
        inside = list(
            self.queryset.filter(pk__in=held if asked is None else asked)
            .order_by("title", "pk")
            .values_list("pk", flat=True)
        )
        known = set(inside)
        outside = [pk for pk in held if pk not in known]
        if outside:
            self.queryset = self.queryset | Need.objects.filter(pk__in=outside)
        else:
            # In the chooser's order (choosers.choose_needs): when exactly these come back chosen
            # (the form shown unchanged), the chooser need not send their ids again.
            self.held_in_order = (frozenset(held), inside)


class MergeForm(PlainForm):
    target = NeedRadioField(
        queryset=Need.objects.none(),
        label=_("Merge it into"),
        help_text=_("Its supporters, evidence and comments move to the need you choose."),
        error_messages={
            "required": _("Choose the need to merge it into"),
            "invalid_choice": _("Choose the need to merge it into"),
        },
    )
    reason = forms.CharField(
        label=_("Public reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone can read this. For example, the same problem raised twice."),
        error_messages={"required": _("Enter the reason for the merge, so everyone can see why")},
    )

    def __init__(self, *args, need: Need, offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = selectors.need_merge_targets(need)
        self.fields["target"].offered = list(offered)


class CommentForm(PlainForm):
    body = forms.CharField(
        label=_("Add a comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Be kind. Comments that break the house rules are hidden by a moderator."),
        error_messages={
            "required": _("Enter your comment"),
            "max_length": _("Comments must be 5,000 characters or fewer"),
        },
    )


class ModerateForm(PlainForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Everyone can read this."),
        error_messages={
            "required": _("Enter the reason, so everyone can see why"),
            "max_length": _("The reason must be 300 characters or fewer"),
        },
    )


class RegisterFilterForm(PlainForm):
    """The register's search, filters and order, sent by GET so they work without JavaScript and can be shared."""

    SORTS = [(selectors.NEWEST, _("Newest")), (selectors.MOST_SUPPORTED, _("Most supported"))]

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Search for 200 characters or fewer")},
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    group = forms.ChoiceField(label=_("Group of people"), required=False)
    place = forms.ChoiceField(label=_("Place"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices, kept by slug: a filter chosen is one of them, found without asking again.
        themes, groups = Term.Vocabulary.OUTCOME_AREA, Term.Vocabulary.BENEFICIARY_GROUP
        terms = list(Term.objects.filter(vocabulary__in=(themes, groups)))
        self._terms = {(t.vocabulary, t.slug): t for t in terms}
        places = list(selectors.raisable_places())
        self._places = {p.slug: p for p in places}
        self.fields["theme"].choices = [("", _("Any theme"))] + [
            (t.slug, t.name) for t in terms if t.vocabulary == themes
        ]
        self.fields["group"].choices = [("", _("Any group"))] + [
            (t.slug, t.name) for t in terms if t.vocabulary == groups
        ]
        self.fields["place"].choices = [("", _("Anywhere"))] + [
            (p.slug, place_label(p)) for p in places
        ]
        self.fields["status"].choices = [("", _("Any open or closed"))] + list(Need.Status.choices)
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("Choose %(filter)s from the list") % {
                "filter": str(field.label).lower()
            }
        self._search_arguments: dict | None = None

    def search_arguments(self) -> dict:
        """The valid filters, as need_search takes them. An invalid filter is left out. Worked out
        once (the page asks again whether it is filtered): the form is checked first if it was not."""
        if self._search_arguments is None:
            self._search_arguments = self._find_search_arguments()
        return self._search_arguments

    def _find_search_arguments(self) -> dict:
        if self.is_bound:
            self.is_valid()  # checked once, as Django keeps it: cleaned_data has the valid filters
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q", ""),
            "theme": self._terms.get((Term.Vocabulary.OUTCOME_AREA, data.get("theme"))),
            "group": self._terms.get((Term.Vocabulary.BENEFICIARY_GROUP, data.get("group"))),
            "place": self._places.get(data.get("place")),
            "status": data.get("status") or "",
            "sort": data.get("sort") or selectors.NEWEST,
        }

    @property
    def is_filtered(self) -> bool:
        args = self.search_arguments()
        return any(
            args[name] not in (None, "") for name in ("q", "theme", "group", "place", "status")
        )
