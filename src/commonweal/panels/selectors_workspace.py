"""Reads about a panel's workspace: its meetings, papers and tasks, for a member or the panel's staff.

Each list is one query, whatever its length; the long ones (past meetings, papers, tasks) are paged
by the views. ``member_workspaces`` is the dashboard's: every panel a person sits on, with its next
meeting and how many of their tasks are not done, in one query.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from commonweal.panels.models import Meeting, Panel, PanelMember, PanelTask, Paper, TaskDone


def membership(user, panel: Panel) -> PanelMember | None:
    """The person's seat on the panel, if they have one."""
    if not user.is_authenticated:
        return None
    return PanelMember.objects.filter(panel=panel, user=user).first()


def meetings_upcoming(panel: Panel, *, now: datetime | None = None) -> QuerySet[Meeting]:
    """Meetings not over yet, the next first (one under way counts as next)."""
    now = now or timezone.now()
    return panel.meetings.filter(ends_at__gte=now).order_by("starts_at", "pk")


def meetings_past(panel: Panel, *, now: datetime | None = None) -> QuerySet[Meeting]:
    """Meetings that are over, the latest first."""
    now = now or timezone.now()
    return panel.meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")


def meeting_get(panel: Panel, pk: int) -> Meeting | None:
    return panel.meetings.filter(pk=pk).first()


def papers(panel: Panel) -> QuerySet[Paper]:
    """The panel's papers, newest first, each with its meeting."""
    return panel.papers.select_related("meeting").order_by("-added_at", "-pk")


def meeting_papers(meeting: Meeting) -> list[Paper]:
    return list(meeting.papers.order_by("title", "pk"))


def paper_get(panel: Panel, pk: int) -> Paper | None:
    return panel.papers.select_related("meeting", "panel").filter(pk=pk).first()


def _given_to(member: PanelMember) -> Q:
    return Q(member=member) | Q(member__isnull=True)


def tasks_for_member(member: PanelMember) -> QuerySet[PanelTask]:
    """The tasks given to this member (to them alone, or to every member): those not done first, by
    the date they are due, each with ``is_done`` and ``done_at``."""
    done = TaskDone.objects.filter(task=OuterRef("pk"), member=member)
    return (
        PanelTask.objects.filter(_given_to(member), panel_id=member.panel_id)
        .annotate(is_done=Exists(done), done_at=Subquery(done.values("done_at")[:1]))
        .order_by("is_done", "due_on", "pk")
    )


def tasks_for_staff(panel: Panel) -> QuerySet[PanelTask]:
    """Every task of the panel, by the date it is due, with whom it is given to, ``done_count`` (how
    many members have marked it done) and, for the latest mark, ``done_at`` and ``done_by_name``."""
    latest = TaskDone.objects.filter(task=OuterRef("pk")).order_by("-done_at", "-pk")
    return (
        panel.tasks.select_related("member__user")
        .annotate(
            done_count=Count("done"),
            done_at=Subquery(latest.values("done_at")[:1]),
            done_by_name=Subquery(latest.values("done_by__full_name")[:1]),
        )
        .order_by("due_on", "pk")
    )


def task_get(panel: Panel, pk: int) -> PanelTask | None:
    return panel.tasks.select_related("member__user", "panel").filter(pk=pk).first()


def members_to_give_tasks(panel: Panel) -> QuerySet[PanelMember]:
    """The members a task may be given to, by name."""
    return panel.members.select_related("user").order_by("user__full_name", "pk")


@dataclass(frozen=True)
class MemberWorkspace:
    """One panel a person sits on, as their dashboard lists it."""

    panel_id: int
    title: str
    next_meeting: Meeting | None
    to_do: int


def member_workspaces(user, *, now: datetime | None = None) -> list[MemberWorkspace]:
    """Every panel the person sits on, with its next meeting and how many of the tasks given to them
    are not done: one query, whatever the number of panels, meetings or tasks."""
    if not user.is_authenticated:
        return []
    now = now or timezone.now()
    next_meeting = Meeting.objects.filter(panel=OuterRef("panel"), ends_at__gte=now).order_by(
        "starts_at", "pk"
    )
    not_done = (
        PanelTask.objects.filter(panel=OuterRef("panel"))
        .filter(Q(member=OuterRef("pk")) | Q(member__isnull=True))
        .exclude(
            Exists(TaskDone.objects.filter(task=OuterRef("pk"), member=OuterRef(OuterRef("pk"))))
        )
        .order_by()
        .values("panel")
        .annotate(n=Count("pk"))
        .values("n")
    )
    seats = (
        PanelMember.objects.filter(user=user)
        .select_related("panel")
        .annotate(
            meeting_pk=Subquery(next_meeting.values("pk")[:1]),
            meeting_title=Subquery(next_meeting.values("title")[:1]),
            meeting_starts=Subquery(next_meeting.values("starts_at")[:1]),
            meeting_ends=Subquery(next_meeting.values("ends_at")[:1]),
            to_do=Coalesce(Subquery(not_done, output_field=IntegerField()), Value(0)),
        )
        .order_by("panel__title", "panel_id")
    )
    return [
        MemberWorkspace(
            panel_id=seat.panel_id,
            title=seat.panel.title,
            next_meeting=None
            if seat.meeting_pk is None
            else Meeting(
                pk=seat.meeting_pk,
                panel_id=seat.panel_id,
                title=seat.meeting_title,
                starts_at=seat.meeting_starts,
                ends_at=seat.meeting_ends,
            ),
            to_do=seat.to_do,
        )
        for seat in seats
    ]
