"""What people are told about citizens' panels: a panel is drawn, a person is chosen for one, and
its members are given a meeting or a task.

Registers the panel as a kind people can follow (notifications.registry), and has the services'
words for each event.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonweal.notifications import registry
from commonweal.notifications import services as notifications
from commonweal.notifications.topics import Topic
from commonweal.panels import permissions
from commonweal.panels.models import Panel, PanelMember

KIND = "panel"


def register() -> None:
    registry.register(
        KIND,
        registry.Kind(
            label=gettext_lazy("citizens' panel"),
            records=Panel.objects.in_bulk,
            can_follow=permissions.can_view,
        ),
    )


def drawn(panel: Panel, *, actor) -> None:
    """Those who follow the panel or its place hear that it was drawn (never who was)."""
    notifications.notify(
        topic=Topic.PANEL,
        kind=KIND,
        record=panel,
        headline=_("The members of “%(panel)s” have been drawn") % {"panel": panel.title},
        body=_("They were chosen by lot at a public draw, to be like the people of %(place)s.")
        % {"place": panel.place.name},
        url=panel.get_absolute_url(),
        actor=actor,
    )


def chosen(panel: Panel, *, user_ids, actor) -> None:
    """Each person seated hears it on the site; their invitation email has told them already."""
    if not user_ids:
        return
    notifications.notify(
        topic=Topic.PANEL,
        kind=KIND,
        record=panel,
        headline=_("You have been chosen for the citizens' panel “%(panel)s”")
        % {"panel": panel.title},
        body=_("Thank you for offering. Your panel's page has what happens next."),
        url=panel.get_absolute_url(),
        to=user_ids,
        public=False,
        by_email=False,
        actor=actor,
    )


def _members(panel: Panel) -> list[int]:
    return list(PanelMember.objects.filter(panel=panel).values_list("user_id", flat=True))


def meeting_arranged(meeting, *, actor, moved: bool = False) -> None:
    """The panel's members hear of a new meeting, or of one moved: when, and where to find it."""
    starts = timezone.localtime(meeting.starts_at)
    headline = (
        _("“%(panel)s” now meets on %(date)s at %(time)s")
        if moved
        else _("“%(panel)s” meets on %(date)s at %(time)s")
    )
    notifications.notify(
        topic=Topic.PANEL,
        kind=KIND,
        record=meeting.panel,
        headline=headline
        % {
            "panel": meeting.panel.title,
            "date": date_format(starts, "j F Y"),
            "time": date_format(starts, "H:i"),
        },
        body=meeting.title,
        url=meeting.get_absolute_url(),
        to=_members(meeting.panel),
        public=False,
        actor=actor,
    )


def task_given(task, *, actor) -> None:
    """The member a task is given to (or every member) hears what to do, and by when; again when it
    is given to someone else or its date moves."""
    given_to = [task.member.user_id] if task.member_id else _members(task.panel)
    notifications.notify(
        topic=Topic.PANEL,
        kind=KIND,
        record=task.panel,
        headline=_("A task for “%(panel)s”: %(task)s, by %(date)s")
        % {
            "panel": task.panel.title,
            "task": task.title,
            "date": date_format(task.due_on, "j F Y"),
        },
        body=task.instructions,
        url=reverse("panels:workspace", kwargs={"pk": task.panel_id}),
        to=given_to,
        public=False,
        actor=actor,
    )
