"""The needs register: problems (not solutions) raised for a place and a population, with evidence."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Fields the database keeps with UPDATEs of their own, never written back by a plain save.
KEPT_BY_UPDATES = frozenset({"supporter_count", "last_activity_at"})


class Term(models.Model):
    """One word of a controlled vocabulary that administrators can extend."""

    class Vocabulary(models.TextChoices):
        OUTCOME_AREA = "outcome_area", _("Outcome area")
        BENEFICIARY_GROUP = "beneficiary_group", _("Group of people")
        AGENCY = "agency", _("Service or agency")

    vocabulary = models.CharField(_("list"), max_length=30, choices=Vocabulary.choices)
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name for web addresses"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["vocabulary", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["vocabulary", "slug"], name="term_slug_unique_in_vocabulary"
            )
        ]
        verbose_name = _("term")

    def __str__(self) -> str:
        return self.name


class Need(models.Model):
    class Status(models.TextChoices):
        RAISED = "raised", _("Raised")
        UNDER_REVIEW = "under_review", _("Under review")
        PRIORITISED = "prioritised", _("Prioritised")
        IN_COMMISSIONING = "in_commissioning", _("In commissioning")
        ADDRESSED = "addressed", _("Addressed")
        NOT_TAKEN_FORWARD = "not_taken_forward", _("Not taken forward")
        MERGED = "merged", _("Merged into another need")

    # A need in one of these states is closed: it cannot be supported or merged into.
    CLOSED = (Status.ADDRESSED, Status.NOT_TAKEN_FORWARD, Status.MERGED)

    title = models.CharField(_("the need in a sentence"), max_length=200)
    problem = models.TextField(
        _("the problem"),
        help_text=_("What is going wrong, and for whom. Not what the answer should be."),
    )
    population = models.CharField(_("who it affects"), max_length=300)
    place = models.ForeignKey(
        "places.Place", verbose_name=_("where"), on_delete=models.PROTECT, related_name="needs"
    )
    themes = models.ManyToManyField(
        Term, verbose_name=_("themes"), blank=True, related_name="needs"
    )
    outcomes = models.ManyToManyField(
        "outcomes.Outcome",
        verbose_name=_("outcomes that address it"),
        blank=True,
        related_name="needs",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="needs_raised"
    )
    raised_for = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("raised on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs_raised",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RAISED, db_index=True
    )
    status_reason = models.TextField(_("why it has this status"), blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_needs"
    )
    supporters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Support", related_name="needs_supported", blank=True
    )
    # How many people support it: kept by the database as supports are added and taken back
    # (``supporter_count_keep`` in apps.py) so the register can sort and page without counting.
    supporter_count = models.PositiveIntegerField(_("supporters"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When it last moved on: raised, changed, a new status, evidence added or removed, or a response
    # (a co-design session taking it up or deciding on it). Kept by the services that do those
    # (``services.need_activity_mark``), so "You said, we did" sorts on it without reading them all.
    last_activity_at = models.DateTimeField(
        _("last activity"), default=timezone.now, editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("need")
        # The register's two orders, and its filters (status and place have their own indexes); the
        # needs chooser's order, by title (a page of 20 among thousands without sorting them all).
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="need_newest"),
            models.Index(
                fields=["-supporter_count", "-created_at", "-id"], name="need_most_supported"
            ),
            models.Index(fields=["-last_activity_at", "-id"], name="need_latest_activity"),
            models.Index(fields=["title", "id"], name="need_by_title"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """Save, never writing back a supporter count (or a time of last activity) read before
        someone else's support (or step)."""
        if not self._state.adding and kwargs.get("update_fields") is None:
            # As a plain save would: every loaded field but the key, here without the kept ones.
            deferred = self.get_deferred_fields()
            kwargs["update_fields"] = [
                field.attname
                for field in self._meta.concrete_fields
                if not field.primary_key
                and field.attname not in KEPT_BY_UPDATES
                and field.attname not in deferred
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("needs:detail", kwargs={"pk": self.pk})

    @property
    def status_label(self) -> str:
        """Its status in words. get_status_display() translates every status to find this one."""
        return str(self.Status(self.status).label)

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    @property
    def is_merged(self) -> bool:
        """Merged into another need: it is read, not managed, supported or discussed any more."""
        return self.status == self.Status.MERGED


class StatusChange(models.Model):
    """Each step of a need's life, with the public reason for it."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Need.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Need.Status.choices)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    # What the decision rests on, where there is a record of it (a priority round, a session).
    evidence_label = models.CharField(max_length=300, blank=True)
    evidence_url = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("status change")

    def __str__(self) -> str:
        return f"{self.get_to_status_display()}: {self.reason[:80]}"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        FIGURE = "figure", _("A figure")
        STORY = "story", _("A lived-experience story")
        DOCUMENT = "document", _("A document")

    class Publication(models.TextChoices):
        NAMED = "named", _("Publish with the storyteller's name")
        ANONYMISED = "anonymised", _("Publish without names")
        PRIVATE = "private", _("Do not publish")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind of evidence"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    # A figure
    value = models.DecimalField(_("figure"), max_digits=16, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    as_of = models.DateField(_("date of the figure"), null=True, blank=True)
    # A story
    story = models.TextField(_("the story"), blank=True)
    storyteller = models.CharField(_("storyteller's name"), max_length=200, blank=True)
    consent_given = models.BooleanField(_("consent given"), default=False)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    publication = models.CharField(
        _("publication"), max_length=12, choices=Publication.choices, default=Publication.PRIVATE
    )
    # A document
    file = models.FileField(_("file"), upload_to="needs/evidence/", max_length=300, blank=True)
    content_type = models.CharField(max_length=100, blank=True)

    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title


class Support(models.Model):
    """ "This affects me too": one per person per need."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["need", "user"], name="support_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} supports {self.need}"


class Comment(models.Model):
    class Moderation(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden by a moderator")

    # No index of its own: "comment_in_order" (need, created_at, id) starts with it.
    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="comments", db_index=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    moderation = models.CharField(
        max_length=10, choices=Moderation.choices, default=Moderation.VISIBLE
    )
    moderation_reason = models.CharField(max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        # A need's discussion, a page at a time in order (selectors.need_comments, every comment,
        # hidden ones too): read in the index's order, not every comment of the need sorted.
        indexes = [models.Index(fields=["need", "created_at", "id"], name="comment_in_order")]

    def __str__(self) -> str:
        return self.body[:60]
