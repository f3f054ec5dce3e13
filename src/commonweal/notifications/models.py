"""Following, notifications and the emails that carry them.

An ``Event`` is one thing that happened (a need changed status, a round opened), written by the
service that made it happen, in the same transaction. A background task then works out who is
told (``services.event_fan_out``) and writes a ``Notification`` for each of them, and the emails
each person's choices ask for. Emails wait in ``Email`` until a background task has sent them, so
a mail server that is down loses nothing: they are tried again.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonweal.notifications.topics import Frequency, Topic


class Follow(models.Model):
    """A person follows a record (a need, a round, a panel, a place), named by its kind and id."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    kind = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "object_id"], name="follow_once_each")
        ]
        indexes = [models.Index(fields=["kind", "object_id"], name="follow_by_record")]

    def __str__(self) -> str:
        return f"{self.user} follows {self.kind} {self.object_id}"


class Event(models.Model):
    """One thing that happened that people may be told about (now, or when ``due_at`` comes)."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        DONE = "done", _("Sent")
        CANCELLED = "cancelled", _("No longer true, so not sent")

    topic = models.CharField(max_length=20, choices=Topic.choices)
    # What it is about: a kind registered with notifications.registry, and the record's id.
    kind = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    # Other records whose people care too ([kind, id] pairs): the needs a co-design decision answers.
    about = models.JSONField(default=list, blank=True)
    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Public news reaches those who follow the record or its place and those involved in it;
    # news that is not public reaches only the people in ``to``.
    public = models.BooleanField(default=True)
    # Also everyone who can take part in the record (a round that opens).
    for_everyone_who_can_take_part = models.BooleanField(default=False)
    to = models.JSONField(default=list, blank=True)  # ids of people told by name
    # When False, people are told on the site only (another email already told them).
    by_email = models.BooleanField(default=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    headline = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    # A scheduled event ("closes in two days") has a key; a new one with the same key replaces it.
    key = models.CharField(max_length=100, blank=True)
    due_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    # When a sender claimed it; one that stopped part way is taken up again (services.RESUME_AFTER).
    started_at = models.DateTimeField(null=True, blank=True)
    told = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["due_at"], name="event_waiting_due", condition=Q(state="waiting")),
            models.Index(fields=["key"], name="event_by_key", condition=~Q(key="")),
        ]

    def __str__(self) -> str:
        return self.headline


class Notification(models.Model):
    """One person told of one event: on their notifications page, and by email as they chose."""

    class Email(models.TextChoices):
        NONE = "none", _("Not emailed")
        NOW = "now", _("Emailed at once")
        DIGEST = "digest", _("Waiting for the daily summary")
        SENT = "sent", _("In a daily summary")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email = models.CharField(max_length=6, choices=Email.choices, default=Email.NONE)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "event"], name="notified_once_each")]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="notification_list"),
            models.Index(
                fields=["user"], name="notification_unread", condition=Q(read_at__isnull=True)
            ),
            models.Index(
                fields=["user"], name="notification_for_digest", condition=Q(email="digest")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.event}"


class Preference(models.Model):
    """How often a person wants emails about a topic (no row: topics.DEFAULT_FREQUENCY)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    topic = models.CharField(max_length=20, choices=Topic.choices)
    frequency = models.CharField(max_length=6, choices=Frequency.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="preference_once_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.topic} {self.frequency}"


class Digest(models.Model):
    """A person's daily summary is due at ``due_at``: notifications are waiting for it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    due_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.user} at {self.due_at}"


class Email(models.Model):
    """An email waiting to be sent, or sent. Tried again, later each time, until the server takes it."""

    # A person's emails, sent or waiting, go with their account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    unsubscribe_url = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The next try; a sender claims an email by moving this on before it sends.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="email_waiting",
                condition=Q(sent_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"
