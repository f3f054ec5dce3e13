"""Priority rounds: eligible people rank or approve a set of needs, and the count is published."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class PriorityRound(models.Model):
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

    place = models.ForeignKey(
        "places.Place", on_delete=models.PROTECT, related_name="priority_rounds"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it is for"), blank=True)
    method = models.CharField(_("how votes are counted"), max_length=10, choices=Method.choices)
    eligibility = models.CharField(
        _("who can take part"), max_length=30, choices=Eligibility.choices
    )
    needs = models.ManyToManyField(
        "needs.Need", verbose_name=_("needs"), related_name="priority_rounds"
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    run_by = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="priority_rounds"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("priorities:round", kwargs={"pk": self.pk})


class Participation(models.Model):
    """Who voted in a round: so nobody votes twice and people see that they voted. Never linked to a ballot."""

    round = models.ForeignKey(
        PriorityRound, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person"], name="one_priority_participation_each"
            )
        ]

    def __str__(self) -> str:
        return gettext("Took part in priority round %(round)s") % {"round": self.round_id}


class Ballot(models.Model):
    """One ballot: no person, no time, a random id. ``key`` lets the voter (only) find it again.

    Written by the ballot box (``commonweal.ballots``) in shuffled batches, never in the voter's transaction.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(PriorityRound, on_delete=models.CASCADE, related_name="ballots")
    key = models.CharField(max_length=64)
    # Need pk (as text) to its rank (Borda, 1 is first) or None (approved).
    marks = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "key"], name="one_priority_ballot_per_key")
        ]

    def __str__(self) -> str:
        return gettext("A ballot in priority round %(round)s") % {"round": self.round_id}

    def choices(self) -> dict[int, int | None]:
        """Need id to rank (None when approved)."""
        return {int(need_id): rank for need_id, rank in self.marks.items()}


class RoundResults(models.Model):
    """A published round's count, made once from its ballots (when the results are published, and
    again when ballots are written after that): the round's page and the API read it and never count
    a ballot. It keeps what it was counted from, the method and the needs, so a round changed in the
    back office since is counted again when next shown (``results.py``). Totals only, never a ballot.

    Not audited: it follows from the round and its ballots, and each count replaces it."""

    round = models.OneToOneField(
        PriorityRound, on_delete=models.CASCADE, primary_key=True, related_name="stored_results"
    )
    method = models.CharField(max_length=10)
    needs = models.JSONField(default=list)  # the ids of the needs counted, smallest first
    ballots = models.PositiveIntegerField(default=0)  # every ballot cast
    points = models.JSONField(default=dict)  # a need's id (as text) to its points
    counted_at = models.DateTimeField()

    def __str__(self) -> str:
        return gettext("The count of priority round %(round)s") % {"round": self.round_id}
