"""The ballot box's waiting room: ballots sealed (encrypted) until a batch of them is committed.

A voter's transaction writes who voted (in the app that owns the vote) and one ``PendingBallot``.
Its ``slot`` is a keyed hash that differs from the key the committed ballot is stored under, and
the key and the ballot itself are inside ``sealed``, so a copy of the database cannot match a
waiting ballot to the ballot it later becomes. Pending ballots are deleted when they are committed.
"""

import uuid

from django.db import models
from django.utils.translation import gettext


class PendingBallot(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    box = models.CharField(max_length=100)  # for example "participation.round:12"
    slot = models.CharField(max_length=64)  # keyed hash of the voter's key: one pending ballot each
    sealed = models.BinaryField()  # AES-GCM: the voter's key and the ballot, see crypto.py
    queued_at = models.DateTimeField()  # when the box's oldest ballot arrived: for the minimum wait

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["box", "slot"], name="one_pending_ballot_per_voter")
        ]
        indexes = [models.Index(fields=["box", "queued_at"])]

    def __str__(self) -> str:
        return gettext("A sealed ballot waiting in %(box)s") % {"box": self.box}
