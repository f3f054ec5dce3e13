"""Priority rounds: eligible people rank or approve a set of needs, and the count is published."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Round(models.Model):
    class Method(models.TextChoices):
        APPROVAL = "approval", _("Approval: choose every need you think should come first")
        BORDA = "borda", _("Borda count: put the needs in order")

    class Eligibility(models.TextChoices):
        RESIDENTS = "residents", _("Residents of the place")
        CITIZEN_COMMISSIONERS = "citizen_commissioners", _("Citizen commissioners for the place")
        SIGNED_IN = "signed_in", _("Anyone with an account")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        PUBLISHED = "published", _("Results published")

    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="priority_rounds")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it is for"), blank=True)
    method = models.CharField(_("how votes are counted"), max_length=10, choices=Method.choices)
    eligibility = models.CharField(_("who can take part"), max_length=30, choices=Eligibility.choices)
    needs = models.ManyToManyField("needs.Need", verbose_name=_("needs"), related_name="priority_rounds")
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    run_by = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="priority_rounds")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("priorities:round", kwargs={"pk": self.pk})


class Ballot(models.Model):
    """One person's ballot in one round. They can change it while the round is open."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "voter"], name="one_ballot_per_person_per_round")]


class BallotChoice(models.Model):
    """A need approved (rank empty) or ranked (1 is first) on a ballot."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    need = models.ForeignKey("needs.Need", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "need"], name="need_once_per_ballot")]
