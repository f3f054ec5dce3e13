"""Writes about a panel's workspace: its meetings, papers and tasks, and members marking tasks done.

Staff who manage the panel write meetings, papers and tasks (the views ask
``permissions.can_manage_workspace``); a member marks the tasks given to them done, and undoes it.
Every change is audited. A paper's uploaded file goes through ``core.uploads`` and is removed from
storage once the change that drops it is committed.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.core import audit, uploads
from commonweal.panels import notices
from commonweal.panels.models import Meeting, Panel, PanelMember, PanelTask, Paper, TaskDone


def _text(value: str | None) -> str:
    return (value or "").strip()


def _changed(instance: models.Model, fields: dict) -> bool:
    return any(getattr(instance, name) != value for name, value in fields.items())


# Meetings


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    panel: Panel,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    online_link: str = "",
    agenda: str = "",
    decisions: str = "",
) -> Meeting:
    """Arrange a meeting of the panel."""
    meeting = Meeting(
        panel=panel,
        title=_text(title),
        starts_at=starts_at,
        ends_at=ends_at,
        location=_text(location),
        online_link=_text(online_link),
        agenda=agenda or "",
        decisions=decisions or "",
        created_by=actor,
    )
    meeting.full_clean(exclude=["created_by"])
    with audit.audit_context(actor=actor, reason=_("Arranged a meeting of a citizens' panel")):
        meeting.save()
    notices.meeting_arranged(meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    online_link: str = "",
    agenda: str = "",
    decisions: str = "",
) -> Meeting:
    """Change a meeting's details, or note what it decided. Sent back unchanged, nothing is saved."""
    fields = {
        "title": _text(title),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "location": _text(location),
        "online_link": _text(online_link),
        "agenda": agenda or "",
        "decisions": decisions or "",
    }
    if not _changed(meeting, fields):
        return meeting
    moved = meeting.starts_at != fields["starts_at"]
    original = {name: getattr(meeting, name) for name in fields}
    for name, value in fields.items():
        setattr(meeting, name, value)
    try:
        meeting.full_clean(exclude=["created_by"])
    except ValidationError:
        for name, value in original.items():
            setattr(meeting, name, value)
        raise
    with audit.audit_context(actor=actor, reason=_("Changed a meeting of a citizens' panel")):
        meeting.save()
    if moved:
        notices.meeting_arranged(meeting, actor=actor, moved=True)
    return meeting


@transaction.atomic
def meeting_delete(*, actor: User, meeting: Meeting) -> None:
    """Call off a meeting. Its papers stay with the panel, no longer tied to a meeting."""
    with audit.audit_context(actor=actor, reason=_("Called off a meeting of a citizens' panel")):
        meeting.delete()


# Papers


def _meeting_of(panel: Panel, meeting: Meeting | None) -> None:
    if meeting is not None and meeting.panel_id != panel.pk:
        raise ValidationError({"meeting": _("Choose one of this panel's meetings")})


def _checked_file(file: UploadedFile) -> uploads.FileKind:
    try:
        return uploads.check_upload(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None


@transaction.atomic
def paper_add(
    *,
    actor: User,
    panel: Panel,
    title: str,
    summary: str = "",
    meeting: Meeting | None = None,
    file: UploadedFile | None = None,
    link: str = "",
) -> Paper:
    """Add a paper for the panel: an uploaded file (checked for its size and real type) or a link."""
    _meeting_of(panel, meeting)
    link = _text(link)
    if file is None and not link:
        raise ValidationError({"file": _("Upload a file, or give a link to the paper")})
    if file is not None and link:
        raise ValidationError({"link": _("Upload a file or give a link, not both")})
    kind = _checked_file(file) if file is not None else None
    paper = Paper(
        panel=panel,
        meeting=meeting,
        title=_text(title),
        summary=_text(summary),
        link=link,
        added_by=actor,
    )
    paper.full_clean(exclude=["file", "added_by"])
    with audit.audit_context(actor=actor, reason=_("Added a paper for a citizens' panel")):
        _save_with_file(paper, file, kind)
    return paper


def _save_with_file(paper: Paper, file: UploadedFile | None, kind: uploads.FileKind | None) -> None:
    """Save the paper, storing ``file`` first when there is one; a save that fails leaves no file behind."""
    if file is None or kind is None:
        paper.save()
        return
    paper.content_type, paper.size_bytes = kind.content_type, file.size
    paper.file.save(uploads.safe_filename(file.name or "", kind), file, save=False)
    try:
        paper.save()
    except Exception:
        if paper.file.name:
            paper.file.storage.delete(paper.file.name)
        raise


@transaction.atomic
def paper_update(
    *,
    actor: User,
    paper: Paper,
    title: str,
    summary: str = "",
    meeting: Meeting | None = None,
    file: UploadedFile | None = None,
    link: str = "",
) -> Paper:
    """Change a paper: its title, summary and meeting; a new file in place of the old one, or a link
    instead of the file (the old file is removed once the change is committed). With neither a new
    file nor a link, a paper that has a file keeps it. Sent back unchanged, nothing is saved."""
    _meeting_of(paper.panel, meeting)
    link = _text(link)
    if file is not None and link:
        raise ValidationError({"link": _("Upload a file or give a link, not both")})
    if file is None and not link and not paper.file:
        raise ValidationError({"file": _("Upload a file, or give a link to the paper")})
    kind = _checked_file(file) if file is not None else None
    fields = {"title": _text(title), "summary": _text(summary), "meeting": meeting, "link": link}
    old_file = paper.file.name if (file is not None or link) and paper.file else ""
    if file is None and not old_file and not _changed(paper, fields):
        return paper
    for name, value in fields.items():
        setattr(paper, name, value)
    if old_file:
        paper.file, paper.content_type, paper.size_bytes = "", "", None
    paper.full_clean(exclude=["file", "added_by"])
    storage = paper.file.storage
    with audit.audit_context(actor=actor, reason=_("Changed a paper for a citizens' panel")):
        _save_with_file(paper, file, kind)
    if old_file:
        transaction.on_commit(lambda: storage.delete(old_file))
    return paper


@transaction.atomic
def paper_delete(*, actor: User, paper: Paper) -> None:
    """Remove a paper and, once that is committed, its stored file."""
    storage, name = paper.file.storage, paper.file.name
    with audit.audit_context(actor=actor, reason=_("Removed a paper from a citizens' panel")):
        paper.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# Tasks


def _member_of(panel: Panel, member: PanelMember | None) -> None:
    if member is not None and member.panel_id != panel.pk:
        raise ValidationError({"member": _("Choose a member of this panel, or every member")})


@transaction.atomic
def task_create(
    *,
    actor: User,
    panel: Panel,
    title: str,
    instructions: str = "",
    due_on: date,
    member: PanelMember | None = None,
) -> PanelTask:
    """Give a task to one member of the panel, or (without ``member``) to every member."""
    _member_of(panel, member)
    task = PanelTask(
        panel=panel,
        title=_text(title),
        instructions=instructions or "",
        due_on=due_on,
        member=member,
        created_by=actor,
    )
    task.full_clean(exclude=["created_by"])
    with audit.audit_context(actor=actor, reason=_("Gave a task to a citizens' panel")):
        task.save()
    notices.task_given(task, actor=actor)
    return task


@transaction.atomic
def task_update(
    *,
    actor: User,
    task: PanelTask,
    title: str,
    instructions: str = "",
    due_on: date,
    member: PanelMember | None = None,
) -> PanelTask:
    """Change a task. Given to one member now, the others' marks of it done go; sent back unchanged,
    nothing is saved."""
    _member_of(task.panel, member)
    fields = {
        "title": _text(title),
        "instructions": instructions or "",
        "due_on": due_on,
        "member": member,
    }
    if not _changed(task, fields):
        return task
    # News for those it is given to now, when that or its date changed.
    retold = task.member_id != (member.pk if member else None) or task.due_on != due_on
    for name, value in fields.items():
        setattr(task, name, value)
    task.full_clean(exclude=["created_by"])
    with audit.audit_context(actor=actor, reason=_("Changed a task for a citizens' panel")):
        task.save()
        if member is not None:
            for done in task.done.exclude(member=member):
                done.delete()
    if retold:
        notices.task_given(task, actor=actor)
    return task


@transaction.atomic
def task_delete(*, actor: User, task: PanelTask) -> None:
    """Take a task back, with the marks of it done."""
    with audit.audit_context(actor=actor, reason=_("Took back a task for a citizens' panel")):
        task.delete()


def _given_to(task: PanelTask, member: PanelMember) -> None:
    if member.panel_id != task.panel_id or (
        task.member_id is not None and task.member_id != member.pk
    ):
        raise ValidationError(_("This task is not one given to you."))


@transaction.atomic
def task_mark_done(*, actor: User, task: PanelTask, member: PanelMember) -> bool:
    """A member marks a task given to them done. True when marked now, False when it already was."""
    _given_to(task, member)
    if TaskDone.objects.filter(task=task, member=member).exists():
        return False
    try:
        with (
            transaction.atomic(),
            audit.audit_context(actor=actor, reason=_("Marked a panel task done")),
        ):
            TaskDone.objects.create(task=task, member=member, done_by=actor, done_at=timezone.now())
    except IntegrityError:
        return False  # two presses at once: the other one marked it
    return True


@transaction.atomic
def task_mark_not_done(*, actor: User, task: PanelTask, member: PanelMember) -> bool:
    """Undo marking a task done. True when there was a mark to take back."""
    _given_to(task, member)
    removed = False
    with audit.audit_context(actor=actor, reason=_("Marked a panel task not done")):
        for done in TaskDone.objects.filter(task=task, member=member):
            done.delete()
            removed = True
    return removed
