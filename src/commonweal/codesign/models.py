"""Co-design sessions: residents, service users, voluntary organisations and commissioners working together."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Session(models.Model):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        ONLINE = "online", _("Online meeting")
        VISIT = "visit", _("Visit")

    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="codesign_sessions",
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of session"), max_length=10, choices=Kind.choices)
    starts_at = models.DateTimeField(_("when"))
    location = models.CharField(_("where"), max_length=300, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    needs = models.ManyToManyField(
        "needs.Need",
        verbose_name=_("needs worked on"),
        blank=True,
        related_name="codesign_sessions",
    )
    outcomes = models.ManyToManyField(
        "outcomes.Outcome",
        verbose_name=_("outcomes worked on"),
        blank=True,
        related_name="codesign_sessions",
    )
    organised_by = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="codesign_sessions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("codesign:session", kwargs={"pk": self.pk})


class Participant(models.Model):
    class Kind(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        SERVICE_USER = "service_user", _("Service user")
        VOLUNTARY_ORGANISATION = "voluntary_organisation", _("Voluntary organisation")
        COMMISSIONER = "commissioner", _("Commissioner")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("taking part as"), max_length=30, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # As the participant agreed to be shown; a service user may be "Participant 3".
    display_name = models.CharField(_("name shown"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["kind", "display_name"]

    def __str__(self) -> str:
        return self.display_name


class Decision(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("what was decided"))
    agreed_by = models.ManyToManyField(
        Participant, verbose_name=_("agreed by"), related_name="decisions"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]
