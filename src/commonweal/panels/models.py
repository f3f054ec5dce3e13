"""Citizens' panels: a panel for a piece of commissioning work, the features and quotas that make it
representative, the pool of volunteers, selection runs, the public draw and the seated members."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from commonweal.messages import Message


class Panel(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        POOL_OPEN = "pool_open", _("Pool open")
        SELECTING = "selecting", _("Selecting")
        SELECTED = "selected", _("Selected")
        DRAWN = "drawn", _("Drawn")
        SEATED = "seated", _("Seated")

    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="panels")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it is for"), blank=True)
    needs = models.ManyToManyField(
        "needs.Need", verbose_name=_("needs"), related_name="panels", blank=True
    )
    framework = models.ForeignKey(
        "outcomes.Framework",
        verbose_name=_("outcomes framework"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="panels",
    )
    size = models.PositiveIntegerField(_("number of seats"))
    one_per_household = models.BooleanField(_("at most one person per household"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("panels:panel", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.size is not None and self.size < 1:
            raise ValidationError({"size": _("A panel needs at least 1 seat.")})

    # The panel's steps, in one place: the services that take a step and the pages that offer it
    # both ask these, so a page never shows a step the service would refuse.

    @property
    def can_change_setup(self) -> bool:
        """Seats, features, quotas and the pool may change until the draw (not while selecting)."""
        return self.status in (self.Status.DRAFT, self.Status.POOL_OPEN, self.Status.SELECTED)

    @property
    def can_run_selection(self) -> bool:
        """A selection runs once the pool is in, and again until the draw."""
        return self.status in (self.Status.POOL_OPEN, self.Status.SELECTED)

    @property
    def can_draw(self) -> bool:
        """The public draw follows a finished selection."""
        return self.status == self.Status.SELECTED

    @property
    def can_seat(self) -> bool:
        """Members are seated (and invited again) once the panel is drawn."""
        return self.status in (self.Status.DRAWN, self.Status.SEATED)


class Feature(models.Model):
    """Something the panel should mirror the place on, such as age band or ward."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="features")
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "name"], name="feature_name_once_per_panel")
        ]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    """One value of a feature, with its quota: the fewest and most seats for people in it."""

    feature = models.ForeignKey(Feature, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveIntegerField(default=0)
    min_seats = models.PositiveIntegerField(_("fewest seats"), default=0)
    max_seats = models.PositiveIntegerField(_("most seats"), null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=["feature", "name"], name="category_name_once_per_feature"
            )
        ]

    def __str__(self) -> str:
        return f"{self.feature.name}: {self.name}"


class Volunteer(models.Model):
    """A person in the pool. Name and email are personal data: only staff for the panel see them."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="pool")
    number = models.PositiveIntegerField(_("pool number"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"), blank=True)
    household = models.CharField(_("household"), max_length=100, blank=True)
    # Feature name → category name, checked against the panel's features when imported.
    values = models.JSONField(default=dict)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "number"], name="pool_number_once_per_panel")
        ]

    def __str__(self) -> str:
        return f"{self.panel} #{self.number}"


class PoolImport(models.Model):
    """One upload of a pool file: read and checked in the background, then written all at once, or not at all.

    The file's bytes are kept only until it is imported or refused (and, after a failure, for trying again).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Reading the file")
        DONE = "done", _("Imported")
        REJECTED = "rejected", _("The file has problems")
        FAILED = "failed", _("Stopped before it finished")

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="pool_imports")
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    data = models.BinaryField(blank=True, default=b"")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows in the file"), null=True, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read so far"), default=0)
    imported = models.PositiveIntegerField(_("people imported"), null=True, blank=True)
    # The row-numbered report, as [row or null, message] pairs: at most REPORT_LIMIT, out of problem_count.
    problems = models.JSONField(default=list, blank=True)
    problem_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    # The SHA-256 of what was written, as the audit trail's entry for the import records it.
    digest = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stop_reason = models.TextField(_("why the import was stopped"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.panel}: pool import {self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse(
            "panels:pool-import-detail", kwargs={"pk": self.panel_id, "import_pk": self.pk}
        )

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int | None:
        if not self.rows_total:
            return None
        return min(100, round(self.rows_read * 100 / self.rows_total))


class SelectionRun(models.Model):
    """One run of the selection engine over the pool: its progress, then its distribution or the problem."""

    class Method(models.TextChoices):
        LEXIMIN = (
            "leximin",
            _("Leximin (fairest: raises the lowest chances first, then the next lowest)"),
        )
        MAXIMIN = "maximin", _("Maximin (raises the lowest chance only; quicker)")
        SA_MAXIMIN = (
            "sortition-algorithms maximin",
            _("sortition-algorithms maximin (for comparison)"),
        )
        SA_LEGACY = "sortition-algorithms legacy", _("sortition-algorithms legacy (for comparison)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Could not select")
        STOPPED = "stopped", _("Stopped by a person")

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="runs")
    method = models.CharField(
        _("method"), max_length=40, choices=Method.choices, default=Method.LEXIMIN
    )
    time_limit = models.PositiveIntegerField(_("time limit in seconds"), default=120)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress_message = models.CharField(max_length=300, blank=True)
    progress_fraction = models.FloatField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The distribution, with pool numbers (as text) for people: panels, their probabilities,
    # each person's selection probability.
    panels = models.JSONField(default=list, blank=True)
    probabilities = models.JSONField(default=list, blank=True)
    selection_probability = models.JSONField(default=dict, blank=True)
    maximin = models.FloatField(null=True, blank=True)
    stages_completed = models.PositiveIntegerField(default=0)
    refinement_finished = models.BooleanField(default=False)
    seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)
    conflicts = models.JSONField(default=list, blank=True)
    # A run stopped before it ended (a worker that died, a time limit set too long): who and why.
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stop_reason = models.TextField(_("why the run was stopped"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.panel}: {self.get_method_display()} ({self.get_status_display()})"

    @property
    def conflict_sentences(self) -> list[str]:
        """Why the quotas could not be met, in the reader's language (older runs stored English)."""
        return [
            Message.from_json(conflict).render(gettext, ngettext)
            if isinstance(conflict, dict)
            else conflict
            for conflict in self.conflicts
        ]

    @property
    def is_active(self) -> bool:
        """Waiting to start or running: its page shows progress, not a result."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class Draw(models.Model):
    """The public draw: a seed entered at the draw meeting picks one panel from a run's distribution."""

    panel = models.OneToOneField(Panel, on_delete=models.CASCADE, related_name="draw")
    run = models.ForeignKey(SelectionRun, on_delete=models.PROTECT, related_name="draws")
    seed = models.CharField(_("seed"), max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField()
    drawn = models.JSONField(_("drawn pool numbers"), default=list)
    # What check_panel found: empty when every quota is met.
    problems = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.panel}: {self.seed}"


class PanelMember(models.Model):
    """A drawn person seated on the panel, with an account: it scopes their citizen commissioner role to this work."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="panel_memberships"
    )
    volunteer = models.ForeignKey(
        Volunteer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    seated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["panel", "volunteer__number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "user"], name="member_once_per_panel")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.panel}"


# The panel's workspace (meetings, papers, tasks) lives in its own module; Django finds its models here.
from commonweal.panels.models_workspace import (  # noqa: E402
    Meeting,
    PanelTask,
    Paper,
    TaskDone,
)

__all__ = [
    "Category",
    "Draw",
    "Feature",
    "Meeting",
    "Panel",
    "PanelMember",
    "PanelTask",
    "Paper",
    "PoolImport",
    "SelectionRun",
    "TaskDone",
    "Volunteer",
]
