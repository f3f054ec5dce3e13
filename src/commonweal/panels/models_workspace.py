"""A seated panel's workspace: its meetings, the papers its members read, and the tasks they are given.

Staff who manage the panel write them (``services_workspace.py``); the panel's members and its staff
read them (``selectors_workspace.py``). Nobody else sees them: they are the panel's working papers.
"""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _


class Meeting(models.Model):
    """A meeting of the panel: when and where, what it is for, and afterwards what was decided."""

    panel = models.ForeignKey("panels.Panel", on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("where"), max_length=300, blank=True)
    online_link = models.URLField(_("link to join online"), max_length=500, blank=True)
    agenda = models.TextField(_("what it is for"), blank=True)
    decisions = models.TextField(_("what was decided"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["panel", "starts_at"], name="meeting_panel_starts")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("panels:meeting", kwargs={"pk": self.panel_id, "meeting_pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting must end after it starts")
        if not self.location.strip() and not self.online_link.strip():
            errors["location"] = _("Enter where the meeting is, or a link to join it online")
        if errors:
            raise ValidationError(errors)


def paper_upload_to(instance: "Paper", filename: str) -> str:
    # Services pass a name from core.uploads.safe_filename; this keeps any name inside the panel's folder.
    name = get_valid_filename(os.path.basename(filename) or "file")
    return f"panels/{instance.panel_id}/papers/{name}"


class Paper(models.Model):
    """A paper for the panel to read: an uploaded file, or a link to one. Optionally for one meeting."""

    panel = models.ForeignKey("panels.Panel", on_delete=models.CASCADE, related_name="papers")
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="papers",
        verbose_name=_("meeting"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to=paper_upload_to, max_length=300, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size_bytes = models.PositiveBigIntegerField(null=True, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-added_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_file(self) -> bool:
        return bool(self.file)

    def get_download_url(self) -> str:
        return reverse("panels:paper-download", kwargs={"pk": self.panel_id, "paper_pk": self.pk})


class PanelTask(models.Model):
    """Something members are asked to do by a date: one member, or every member (``member`` empty)."""

    panel = models.ForeignKey("panels.Panel", on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("what to do"), blank=True)
    due_on = models.DateField(_("due"))
    # Empty: given to every member of the panel, each of whom marks it done for themselves.
    member = models.ForeignKey(
        "panels.PanelMember",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
        verbose_name=_("given to"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["panel", "due_on"], name="panel_task_due")]

    def __str__(self) -> str:
        return self.title


class TaskDone(models.Model):
    """A member has done a task: who marked it done, and when. Undoing it removes the row (the audit
    trail keeps that it was there)."""

    task = models.ForeignKey(PanelTask, on_delete=models.CASCADE, related_name="done")
    member = models.ForeignKey(
        "panels.PanelMember", on_delete=models.CASCADE, related_name="tasks_done"
    )
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "member"], name="task_done_once_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.task} done by {self.member}"
