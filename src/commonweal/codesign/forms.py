"""Forms for the co-design pages. The rules about sessions themselves live in services."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from commonweal.codesign.models import Participant, Session
from commonweal.core.forms import DateField, ModelChoiceField, ModelMultipleChoiceField, PlainForm
from commonweal.needs.forms import NeedRadioField
from commonweal.needs.models import Need
from commonweal.organisations.forms import OrganisationRadioField
from commonweal.organisations.models import Organisation
from commonweal.outcomes.models import Outcome
from commonweal.places.models import Place


class PlaceField(ModelChoiceField):
    def label_from_instance(self, place: Place) -> str:
        return f"{place.name} ({place.parent.name})" if place.parent_id else place.name


class SessionForm(PlainForm):
    """Setting up a session and changing its details: the same questions, less the place and organiser."""

    field_order = ["organised_by"]  # first, under the search for it

    place = PlaceField(
        queryset=Place.objects.select_related("parent").order_by("name"),
        label=_("Place"),
        empty_label=_("Choose a place"),
        help_text=_("The place whose needs the session works on."),
        error_messages={"required": _("Choose the place"), "invalid_choice": _("Choose the place")},
    )
    # The back office may name any organisation (thousands in a city): the page offers those a search
    # found, 20 at a time, and any the person may organise for is accepted.
    organised_by = OrganisationRadioField(
        queryset=Organisation.objects.none(),
        label=_("Organised by"),
        error_messages={
            "required": _("Choose the organisation running the session"),
            "invalid_choice": _("Choose one of your organisations"),
        },
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example, Rough sleeping in the town centre: what would help?"),
        error_messages={
            "required": _("Enter a title"),
            "max_length": _("The title must be 200 characters or fewer"),
        },
    )
    kind = forms.ChoiceField(
        label=_("Kind of session"),
        choices=Session.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the kind of session"),
            "invalid_choice": _("Choose the kind of session"),
        },
    )
    date = DateField(label=_("Date"), error_messages={"required": _("Enter the date")})
    time = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        input_formats=["%H:%M", "%H.%M"],
        help_text=_("Use the 24-hour clock, for example 18:30."),
        error_messages={
            "required": _("Enter the start time"),
            "invalid": _("Enter a time like 18:30"),
        },
    )
    location = forms.CharField(
        label=_("Where"),
        max_length=300,
        required=False,
        help_text=_("An address, or how to join online."),
        error_messages={"max_length": _("Where must be 300 characters or fewer")},
    )
    agenda = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What was said. Notes are public: leave out anything that could identify a service user."
        ),
    )

    def __init__(
        self, *args, organisers=None, offered=(), session: Session | None = None, **kwargs
    ):
        if session is not None:
            starts = timezone.localtime(session.starts_at)
            kwargs.setdefault(
                "initial",
                {
                    "title": session.title,
                    "kind": session.kind,
                    "date": starts.date(),
                    "time": starts.time(),
                    "location": session.location,
                    "agenda": session.agenda,
                    "notes": session.notes,
                },
            )
        super().__init__(*args, **kwargs)
        if session is not None:
            del self.fields["place"]
            del self.fields["organised_by"]
        else:
            self.fields["organised_by"].queryset = (
                organisers if organisers is not None else Organisation.objects.none()
            )
            self.fields["organised_by"].offered = list(offered)

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            try:
                data["starts_at"] = timezone.make_aware(
                    datetime.datetime.combine(data["date"], data["time"])
                )
            except (ValueError, OverflowError):
                self.add_error(
                    "time",
                    _(
                        "This time does not exist on that day because the clocks change. Choose another."
                    ),
                )
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in ("title", "kind", "starts_at", "location", "agenda", "notes")
        }
        if "place" in self.fields:
            fields.update(place=data["place"], organised_by=data["organised_by"])
        return fields


class ParticipantForm(PlainForm):
    # Among every organisation in the directory (thousands in a city): the page offers those a search
    # found, 20 at a time, and any organisation is accepted.
    organisation = OrganisationRadioField(
        queryset=Organisation.objects.all(),
        label=_("Organisation they represent"),
        required=False,
        none_label=_("None"),
        error_messages={"invalid_choice": _("Choose an organisation from the list")},
    )
    kind = forms.ChoiceField(
        label=_("Taking part as"),
        choices=Participant.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how they take part"),
            "invalid_choice": _("Choose how they take part"),
        },
    )
    display_name = forms.CharField(
        label=_("Name to show"),
        max_length=200,
        help_text=_(
            "As they agreed to be named. A service user may prefer a first name or 'Participant 3'."
        ),
        error_messages={
            "required": _("Enter the name to show"),
            "max_length": _("The name must be 200 characters or fewer"),
        },
    )
    email = forms.EmailField(
        label=_("Their Commonweal email address"),
        required=False,
        help_text=_(
            "Only if they have an account and are happy for it to be linked. It is never shown."
        ),
        error_messages={"invalid": _("Enter an email address like name@example.org")},
    )

    def __init__(self, *args, offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].offered = list(offered)


class ParticipantChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, participant: Participant) -> str:
        return f"{participant.display_name} ({participant.get_kind_display()})"


class DecisionForm(PlainForm):
    text = forms.CharField(
        label=_("What was decided"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter what was decided")},
    )
    agreed_by = ParticipantChoiceField(
        queryset=Participant.objects.none(),
        label=_("Who agreed"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select everyone who agreed."),
        error_messages={
            "required": _("Select at least one participant who agreed"),
            "invalid_choice": _(
                "Only people taking part in this session can agree to its decisions"
            ),
        },
    )

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_by"].queryset = session.participants.order_by(
            "kind", "display_name", "pk"
        )


class NeedLinkForm(PlainForm):
    need = NeedRadioField(
        queryset=Need.objects.none(),
        label=_("Need the session worked on"),
        error_messages={
            "required": _("Choose a need"),
            "invalid_choice": _("Choose a need from the list"),
        },
    )

    def __init__(self, *args, needs, offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = needs
        self.fields["need"].offered = list(offered)


class OutcomeChoiceField(ModelChoiceField):
    def label_from_instance(self, outcome) -> str:
        version = outcome.version
        return gettext("%(code)s %(title)s (%(framework)s, version %(number)s)") % {
            "code": outcome.code,
            "title": outcome.title,
            "framework": version.framework.name,
            "number": version.number,
        }


class OutcomeLinkForm(PlainForm):
    outcome = OutcomeChoiceField(
        queryset=Outcome.objects.none(),
        label=_("Outcome the session worked on"),
        empty_label=_("Choose an outcome"),
        error_messages={
            "required": _("Choose an outcome"),
            "invalid_choice": _("Choose an outcome from the list"),
        },
    )

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = outcomes


class LogFilterForm(PlainForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status"))] + list(Need.Status.choices),
    )


class SessionFilterForm(PlainForm):
    place = ModelChoiceField(
        queryset=Place.objects.none(),
        label=_("Place"),
        required=False,
        to_field_name="slug",
        empty_label=_("All places"),
    )

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
