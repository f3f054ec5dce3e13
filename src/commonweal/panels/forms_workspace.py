"""Forms for a panel's workspace: a meeting, a paper and a task. The rules live in the services; these
read what was typed and say plainly what is missing."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.core.forms import DateField, ModelChoiceField, PlainForm
from commonweal.panels.models import Meeting, PanelMember, PanelTask, Paper


def _time_field(label, required_message) -> forms.TimeField:
    # As co-design's sessions ask for a time: the 24-hour clock, in a box of its own.
    return forms.TimeField(
        label=label,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        input_formats=["%H:%M", "%H.%M"],
        help_text=gettext_lazy("Use the 24-hour clock, for example 18:30."),
        error_messages={
            "required": required_message,
            "invalid": gettext_lazy("Enter a time like 18:30"),
        },
    )


def _held(stored: datetime.datetime | None, typed: datetime.datetime) -> datetime.datetime:
    """The stored moment when the same minute is sent back: one set elsewhere (the demo, the back office)
    may have seconds, which the box does not show, and sending the form back unchanged must not move it."""
    if stored is not None and stored.replace(second=0, microsecond=0) == typed:
        return stored
    return typed


class MeetingForm(PlainForm):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        help_text=gettext_lazy("For example, Second meeting: what young people told us."),
        error_messages={"required": gettext_lazy("Enter a title for the meeting")},
    )
    date = DateField(
        label=gettext_lazy("Date"),
        error_messages={"required": gettext_lazy("Enter the date of the meeting")},
    )
    starts_at = _time_field(gettext_lazy("Start time"), gettext_lazy("Enter the start time"))
    ends_at = _time_field(gettext_lazy("End time"), gettext_lazy("Enter the end time"))
    location = forms.CharField(
        label=gettext_lazy("Where"),
        max_length=300,
        required=False,
        help_text=gettext_lazy(
            "The address, and the room if it helps. Leave it empty for an online meeting."
        ),
    )
    online_link = forms.URLField(
        label=gettext_lazy("Link to join online"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("For a meeting online, or one people can also join online."),
        error_messages={
            "invalid": gettext_lazy("Enter a link like https://meet.example.org/panel")
        },
    )
    agenda = forms.CharField(
        label=gettext_lazy("What the meeting is for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("What members will talk about and decide, item by item."),
    )
    decisions = forms.CharField(
        label=gettext_lazy("What was decided"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Fill this in after the meeting. Members see it in the workspace."),
    )

    def __init__(self, *args, meeting: Meeting | None = None, **kwargs):
        self.meeting = meeting
        if meeting is not None:
            starts, ends = (
                timezone.localtime(meeting.starts_at),
                timezone.localtime(meeting.ends_at),
            )
            kwargs.setdefault(
                "initial",
                {
                    "title": meeting.title,
                    "date": starts.date(),
                    "starts_at": starts.time(),
                    "ends_at": ends.time(),
                    "location": meeting.location,
                    "online_link": meeting.online_link,
                    "agenda": meeting.agenda,
                    "decisions": meeting.decisions,
                },
            )
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        day = data.get("date")
        for name in ("starts_at", "ends_at"):
            if day is None or data.get(name) is None:
                continue
            try:
                moment = timezone.make_aware(datetime.datetime.combine(day, data[name]))
            except (ValueError, OverflowError):
                self.add_error(
                    name,
                    _(
                        "This time does not exist on that day because the clocks change. Choose another."
                    ),
                )
                continue
            stored = getattr(self.meeting, name) if self.meeting is not None else None
            data[f"{name}_moment"] = _held(stored, moment)
        starts, ends = data.get("starts_at_moment"), data.get("ends_at_moment")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end time must be after the start time"))
        if not self.errors and not data.get("location") and not data.get("online_link"):
            self.add_error("location", _("Enter where the meeting is, or a link to join it online"))
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "starts_at": data["starts_at_moment"],
            "ends_at": data["ends_at_moment"],
            "location": data["location"],
            "online_link": data["online_link"],
            "agenda": data["agenda"],
            "decisions": data["decisions"],
        }


class MeetingChoiceField(ModelChoiceField):
    def label_from_instance(self, meeting: Meeting) -> str:
        return _("%(title)s, %(day)s") % {
            "title": meeting.title,
            "day": date_format(timezone.localtime(meeting.starts_at), "j F Y"),
        }


FILE, LINK = "file", "link"


class PaperForm(PlainForm):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter a title for the paper")},
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "A sentence or two: what the paper is and why members should read it."
        ),
    )
    meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(),
        required=False,
        label=gettext_lazy("Meeting"),
        empty_label=gettext_lazy("Not for one meeting"),
        help_text=gettext_lazy("The meeting members should read it for, if there is one."),
        error_messages={"invalid_choice": gettext_lazy("Choose one of the panel's meetings")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("How members get the paper"),
        choices=[(FILE, gettext_lazy("Upload a file")), (LINK, gettext_lazy("A link to it"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose whether to upload a file or give a link"),
            "invalid_choice": gettext_lazy("Choose whether to upload a file or give a link"),
        },
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        help_text=gettext_lazy(
            "If you upload a file: a PDF, Word, Excel, OpenDocument, CSV, text, PNG or JPEG file."
        ),
        error_messages={"empty": gettext_lazy("The selected file is empty")},
    )
    link = forms.URLField(
        label=gettext_lazy("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("If you give a link: where members can read the paper."),
        error_messages={
            "invalid": gettext_lazy("Enter a link like https://www.example.org/paper.pdf")
        },
    )

    def __init__(self, *args, meetings, paper: Paper | None = None, **kwargs):
        self.paper = paper
        if paper is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": paper.title,
                    "summary": paper.summary,
                    "meeting": paper.meeting_id,
                    "kind": FILE if paper.file else LINK,
                    "link": paper.link,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        if paper is not None and paper.file:
            self.fields["file"].help_text = _(
                "Leave this empty to keep the file members have now, or upload another in its place."
            )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == FILE and not data.get("file") and not (self.paper and self.paper.file):
            self.add_error("file", _("Choose a file to upload"))
        elif kind == LINK and not data.get("link") and "link" not in self.errors:
            self.add_error("link", _("Enter the link to the paper"))
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        on_file = data["kind"] == FILE
        return {
            "title": data["title"],
            "summary": data["summary"],
            "meeting": data["meeting"],
            "file": (data.get("file") or None) if on_file else None,
            "link": "" if on_file else data["link"],
        }


class MemberChoiceField(ModelChoiceField):
    def label_from_instance(self, member: PanelMember) -> str:
        return member.user.full_name or member.user.email


class TaskForm(PlainForm):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        help_text=gettext_lazy("For example, Read the three bids before the scoring meeting."),
        error_messages={"required": gettext_lazy("Enter a title for the task")},
    )
    instructions = forms.CharField(
        label=gettext_lazy("What to do"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    due_on = DateField(
        label=gettext_lazy("Due by"),
        error_messages={"required": gettext_lazy("Enter the date the task is due")},
    )
    member = MemberChoiceField(
        queryset=PanelMember.objects.none(),
        required=False,
        label=gettext_lazy("Given to"),
        empty_label=gettext_lazy("Every member of the panel"),
        error_messages={
            "invalid_choice": gettext_lazy("Choose a member of the panel, or every member")
        },
    )

    def __init__(self, *args, members, task: PanelTask | None = None, **kwargs):
        self.task = task
        if task is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": task.title,
                    "instructions": task.instructions,
                    "due_on": task.due_on,
                    "member": task.member_id,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members

    def clean_due_on(self):
        due = self.cleaned_data["due_on"]
        # A date already past is refused when it is typed, not when a task holding it is sent back.
        held = self.task.due_on if self.task is not None else None
        if due is not None and due != held and due < timezone.localdate():
            raise forms.ValidationError(
                _("The date the task is due must be today or in the future")
            )
        return due


class ConfirmDeleteForm(PlainForm):
    confirm = forms.BooleanField(
        label=gettext_lazy("Yes, remove it"),
        error_messages={"required": gettext_lazy("Confirm you want to remove it")},
    )
