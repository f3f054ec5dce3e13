"""Published OCDS releases: only ones that passed the schema are ever stored, and none is changed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

OCID_LENGTH = 200
RELEASE_ID_LENGTH = 255


class Release(models.Model):
    """One OCDS release, as published: ``data`` is the whole release, the other fields are kept
    beside it to find and order releases (by contracting process, by date)."""

    ocid = models.CharField(
        _("open contracting id"), max_length=OCID_LENGTH
    )  # indexed with date, below
    release_id = models.CharField(_("release id"), max_length=RELEASE_ID_LENGTH, unique=True)
    date = models.DateTimeField(_("release date"), db_index=True)
    tags = models.JSONField(_("tags"), default=list)
    data = models.JSONField(_("release"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("OCDS release")
        verbose_name_plural = _("OCDS releases")
        ordering = ["-date", "-pk"]
        # Finds a process's releases (its record lists them in date order) and the export's ocids in turn.
        indexes = [models.Index(fields=["ocid", "date"], name="opendata_release_ocid_date")]

    def __str__(self) -> str:
        return self.release_id
