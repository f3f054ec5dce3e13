"""Common outcomes frameworks: outcome areas, outcomes and indicators, agreed with the voluntary sector.

A framework belongs to a place and is versioned. A published version never
changes: a change makes a new draft version, copied from the last, which is
endorsed and published in its turn.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Framework(models.Model):
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="frameworks")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name for web addresses"), max_length=200, unique=True)
    summary = models.TextField(_("what it is for"), blank=True)
    owner = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("looked after by"),
        on_delete=models.PROTECT,
        related_name="frameworks",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("outcomes framework")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("outcomes:framework", kwargs={"slug": self.slug})


class FrameworkVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    change_note = models.TextField(_("what changed and why"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["framework", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="framework_version_number_unique"
            )
        ]
        verbose_name = _("framework version")

    def __str__(self) -> str:
        return f"{self.framework}, version {self.number}"

    @property
    def is_published(self) -> bool:
        """Published: fixed for good, public, and open to endorsement; a draft is none of these."""
        return self.status == self.Status.PUBLISHED


class OutcomeArea(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(
        _("code"), max_length=20, help_text=_("Stays the same from version to version, like A1.")
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["version", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="outcome_area_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Outcome(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="outcomes")
    area = models.ForeignKey(OutcomeArea, on_delete=models.CASCADE, related_name="outcomes")
    code = models.CharField(
        _("code"), max_length=20, help_text=_("Stays the same from version to version, like O3.")
    )
    title = models.CharField(_("outcome"), max_length=300)
    description = models.TextField(_("what it means"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["version", "area__position", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="outcome_code_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        TWICE_YEARLY = "twice_yearly", _("Twice a year")
        YEARLY = "yearly", _("Yearly")

    # What results can be broken down by: the Equality Act 2010's protected
    # characteristics, ward, and deprivation.
    class Breakdown(models.TextChoices):
        AGE = "age", _("Age")
        DISABILITY = "disability", _("Disability")
        GENDER_REASSIGNMENT = "gender_reassignment", _("Gender reassignment")
        MARRIAGE = "marriage_civil_partnership", _("Marriage and civil partnership")
        PREGNANCY = "pregnancy_maternity", _("Pregnancy and maternity")
        RACE = "race", _("Race")
        RELIGION = "religion_belief", _("Religion or belief")
        SEX = "sex", _("Sex")
        SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")
        WARD = "ward", _("Ward")
        DEPRIVATION = "deprivation", _("Deprivation (index of multiple deprivation decile)")

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(
        _("code"), max_length=20, help_text=_("Stays the same from version to version, like I7.")
    )
    name = models.CharField(_("indicator"), max_length=300)
    definition = models.TextField(_("definition"))
    unit = models.CharField(
        _("unit"), max_length=60, help_text=_("For example: people, %, days, £.")
    )
    direction = models.CharField(_("which way is better"), max_length=10, choices=Direction.choices)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    data_source = models.CharField(_("data source"), max_length=300)
    frequency = models.CharField(
        _("how often it is collected"), max_length=20, choices=Frequency.choices
    )
    validation_method = models.TextField(_("how results are checked"), blank=True)
    breakdowns = models.JSONField(_("broken down by"), default=list, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["outcome", "position", "code"]

    def __str__(self) -> str:
        return self.name

    def breakdown_labels(self) -> list[str]:
        labels = dict(self.Breakdown.choices)
        return [str(labels.get(code, code)) for code in self.breakdowns or []]


class Endorsement(models.Model):
    """A voluntary organisation's agreement to one version of a framework."""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="endorsements"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="endorsements"
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)
    endorsed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["endorsed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "organisation"], name="endorsement_once_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} endorses {self.version}"
