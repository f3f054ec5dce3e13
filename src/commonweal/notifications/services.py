"""Writes for notifications: following, telling people what happened, their choices, and emails.

A service elsewhere that changes something people care about calls ``notify`` inside its own
transaction. Nobody is told during the request: once it commits, a background task
(``tasks.fan_out``) works out who is told, writes their notifications and the emails their choices
ask for, and another task sends the emails (``emails_send``), trying again later when the mail
server fails. ``commonweal notifications send``, run from cron, does all of it as a backstop.
"""

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonweal.accounts.models import User
from commonweal.notifications import registry
from commonweal.notifications.models import (
    Digest,
    Email,
    Event,
    Follow,
    Notification,
    Preference,
)
from commonweal.notifications.topics import DEFAULT_FREQUENCY, Frequency, Topic
from commonweal.places.selectors import places_and_around_ids

logger = logging.getLogger(__name__)

# People told per batch of writes: a round opening in a city tells tens of thousands.
CHUNK = 1000
# A sender claims an email for this long while it sends it; after that another may try.
CLAIM = timedelta(minutes=10)
# An event whose sender stopped part way (a worker killed) is taken up again after this long.
RESUME_AFTER = timedelta(minutes=15)
# Emails sent per run of the sending task, before it hands on to a fresh run.
SEND_BATCH = 200
# The most notifications listed in one daily summary; the rest are on the notifications page.
DIGEST_LISTED = 50
UNSUBSCRIBE_SALT = "commonweal.notifications.unsubscribe"


# --- following -----------------------------------------------------------------------------------


def follow(*, user: User, kind: str, object_id: int) -> bool:
    """Follow a record the person may see. Returns False when they already followed it."""
    registered = registry.kind_for(kind)
    record = registry.record(kind, object_id) if registered and registered.followable else None
    if registered is None or record is None or not registered.can_follow(user, record):
        raise ValidationError(_("This cannot be followed."))
    _follow, created = Follow.objects.get_or_create(user=user, kind=kind, object_id=object_id)
    return created


def unfollow(*, user: User, kind: str, object_id: int) -> bool:
    """Stop following. Returns False when they did not follow it."""
    deleted, _counts = Follow.objects.filter(user=user, kind=kind, object_id=object_id).delete()
    return bool(deleted)


def follows_move(*, kind: str, from_id: int, to_id: int) -> int:
    """Whoever follows one record now follows another instead (a need merged into another)."""
    following = Follow.objects.filter(kind=kind, object_id=to_id).values_list("user_id", flat=True)
    moving = Follow.objects.filter(kind=kind, object_id=from_id)
    moving.filter(user_id__in=following).delete()
    return moving.update(object_id=to_id)


# --- telling people ------------------------------------------------------------------------------


def notify(
    *,
    topic: str,
    kind: str,
    record: Any,
    headline: str,
    url: str,
    body: str = "",
    about: Iterable[tuple[str, int]] = (),
    to: Iterable[int] = (),
    public: bool = True,
    for_everyone_who_can_take_part: bool = False,
    by_email: bool = True,
    actor: User | None = None,
    due_at: datetime | None = None,
    key: str = "",
) -> Event:
    """Record that something happened, for people to be told once this transaction commits (or at
    ``due_at``). A ``key`` names a scheduled event: a new one replaces the one still waiting."""
    registered = registry.kind_for(kind)
    if registered is None:
        raise ValueError(f"{kind!r} is not a kind registered with notifications.registry")
    if topic not in Topic.values:
        raise ValueError(f"{topic!r} is not a notifications topic")
    if key:
        cancel(key=key)
    event = Event.objects.create(
        topic=topic,
        kind=kind,
        object_id=record.pk,
        about=[[about_kind, int(pk)] for about_kind, pk in about],
        place_id=registered.place_id(record),
        public=public,
        for_everyone_who_can_take_part=for_everyone_who_can_take_part,
        to=sorted({int(pk) for pk in to}),
        by_email=by_email,
        actor=actor if actor is not None and actor.pk else None,
        headline=headline[:300],
        body=body,
        url=url[:500],
        key=key,
        due_at=due_at or timezone.now(),
    )
    transaction.on_commit(lambda: _enqueue_fan_out(event), robust=True)
    return event


def cancel(*, key: str) -> int:
    """Cancel a scheduled event still waiting (a round closed early: no "closes soon")."""
    return Event.objects.filter(key=key, state=Event.State.WAITING).update(
        state=Event.State.CANCELLED
    )


def _enqueue_fan_out(event: Event) -> None:
    from django_tasks import default_task_backend

    from commonweal.notifications.tasks import fan_out

    task = fan_out
    if event.due_at > timezone.now():
        if not default_task_backend.supports_defer:
            return  # `commonweal notifications send` tells them once it is due
        task = task.using(run_after=event.due_at)
    task.enqueue(event_id=event.pk)


def event_fan_out(*, event_id: int, now: datetime | None = None) -> int:
    """Tell everyone the event is for, once it is due. Returns how many were told.

    People are told a batch at a time, each batch in its own transaction, so a round that opens
    for a whole city never holds a lock on tens of thousands of people while it is told. A sender
    that stopped part way is taken up again after RESUME_AFTER, and tells nobody twice."""
    now = now or timezone.now()
    claimed = (
        Event.objects.filter(pk=event_id, due_at__lte=now)
        .filter(
            Q(state=Event.State.WAITING)
            | Q(state=Event.State.SENDING, started_at__lt=now - RESUME_AFTER)
        )
        .update(state=Event.State.SENDING, started_at=now)
    )
    if not claimed:
        return 0  # told already, being told, cancelled, or not due yet
    event = Event.objects.get(pk=event_id)
    kind = registry.kind_for(event.kind)
    record = registry.record(event.kind, event.object_id)
    if (
        kind is None
        or record is None
        or (kind.still_due is not None and not kind.still_due(record, event))
    ):
        Event.objects.filter(pk=event_id).update(state=Event.State.CANCELLED)
        return 0
    told, digests = _tell(event, _recipients(event, kind, record), now)
    Event.objects.filter(pk=event_id).update(
        state=Event.State.DONE, told=Notification.objects.filter(event=event).count()
    )
    transaction.on_commit(emails_send_soon, robust=True)
    if digests:
        due = next_digest_at(now)
        transaction.on_commit(lambda: _enqueue_digests(due), robust=True)
    return told


def _recipients(event: Event, kind: registry.Kind, record: Any) -> list[int]:
    ids = set(event.to)
    if event.public:
        records = [(event.kind, event.object_id, kind, record)]
        for about_kind, about_id in event.about:
            about_registered = registry.kind_for(about_kind)
            about_record = registry.record(about_kind, about_id)
            if about_registered is not None and about_record is not None:
                records.append((about_kind, about_id, about_registered, about_record))
        for name, pk, registered, found in records:
            ids.update(
                Follow.objects.filter(kind=name, object_id=pk).values_list("user_id", flat=True)
            )
            if registered.involved is not None:
                ids.update(registered.involved(found, event))
        if event.place_id is not None:
            # Following a place is following everything in it, and in the places inside it.
            ids.update(
                Follow.objects.filter(
                    kind="place", object_id__in=places_and_around_ids([event.place_id])
                ).values_list("user_id", flat=True)
            )
    if event.for_everyone_who_can_take_part and kind.audience is not None:
        ids.update(kind.audience(record, event))
    ids.discard(event.actor_id)
    return sorted(ids)


def _tell(event: Event, recipients: Sequence[int], now: datetime) -> tuple[int, int]:
    """Write the notifications and the emails (at once) or the daily summaries they ask for."""
    told = digests = 0
    email_body = render_to_string(
        "notifications/email/one.txt",
        {
            "event": event,
            "link": settings.SITE_URL + event.url,
            "settings_link": settings.SITE_URL + reverse("notifications:settings"),
            "unsubscribe_link": _UNSUBSCRIBE_MARK,
        },
    )
    due = next_digest_at(now)
    for start in range(0, len(recipients), CHUNK):
        chunk = recipients[start : start + CHUNK]
        with transaction.atomic():
            batch_told, batch_digests = _tell_batch(event, chunk, now, email_body, due)
        told += batch_told
        digests += batch_digests
    return told, digests


def _tell_batch(
    event: Event, chunk: Sequence[int], now: datetime, email_body: str, due: datetime
) -> tuple[int, int]:
    # Those told before a sender stopped part way are not told again.
    already = set(
        Notification.objects.filter(event=event, user_id__in=chunk).values_list(
            "user_id", flat=True
        )
    )
    people = [
        person
        for person in User.objects.filter(pk__in=chunk, is_active=True).values_list(
            "pk", "email", "email_confirmed_at", "is_demo_account"
        )
        if person[0] not in already
    ]
    chosen = dict(
        Preference.objects.filter(user_id__in=chunk, topic=event.topic).values_list(
            "user_id", "frequency"
        )
    )
    notifications, emails, digest_users = [], [], []
    for pk, address, confirmed, fictional in people:
        how = Notification.Email.NONE
        # Only to an address the person has confirmed is theirs; never to the demo's people.
        if event.by_email and address and confirmed is not None and not fictional:
            frequency = chosen.get(pk, DEFAULT_FREQUENCY[event.topic])
            if frequency == Frequency.NOW:
                how = Notification.Email.NOW
                link = unsubscribe_url(pk, [event.topic])
                emails.append(
                    Email(
                        user_id=pk,
                        to=address,
                        subject=one_line(event.headline),
                        body=email_body.replace(_UNSUBSCRIBE_MARK, link),
                        unsubscribe_url=link,
                    )
                )
            elif frequency == Frequency.DAILY:
                how = Notification.Email.DIGEST
                digest_users.append(pk)
        notifications.append(Notification(user_id=pk, event=event, created_at=now, email=how))
    Notification.objects.bulk_create(notifications)
    User.objects.filter(pk__in=[pk for pk, *_rest in people]).update(
        unread_notifications=F("unread_notifications") + 1
    )
    Email.objects.bulk_create(emails)
    Digest.objects.bulk_create(
        [Digest(user_id=pk, due_at=due) for pk in digest_users], ignore_conflicts=True
    )
    return len(notifications), len(digest_users)


def one_line(text: str) -> str:
    """An email's subject is one line: a title typed with a line break in it is joined up."""
    return " ".join(text.split())


def events_due_fan_out(*, now: datetime | None = None) -> int:
    """Tell people of every event that is due and not yet told (the backstop). Returns how many were told."""
    now = now or timezone.now()
    due = Event.objects.filter(
        Q(state=Event.State.WAITING, due_at__lte=now)
        | Q(state=Event.State.SENDING, started_at__lt=now - RESUME_AFTER)
    ).order_by("due_at", "pk")
    return sum(event_fan_out(event_id=pk, now=now) for pk in due.values_list("pk", flat=True))


# --- what a person has read, and what they choose -------------------------------------------------


@transaction.atomic
def notifications_read(*, user: User, notification_ids: Iterable[int]) -> int:
    """Mark these of the person's notifications read, and count again those still unread."""
    marked = Notification.objects.filter(
        user=user, pk__in=list(notification_ids), read_at__isnull=True
    ).update(read_at=timezone.now())
    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    User.objects.filter(pk=user.pk).update(unread_notifications=unread)
    user.unread_notifications = unread
    return marked


@transaction.atomic
def preferences_set(*, user: User, frequencies: dict[str, str]) -> list[str]:
    """Keep how often the person wants emails about each topic. Returns the topics that changed."""
    for topic, frequency in frequencies.items():
        if topic not in Topic.values or frequency not in Frequency.values:
            raise ValidationError({topic: _("Choose how often you want these emails")})
    current = dict(Preference.objects.filter(user=user).values_list("topic", "frequency"))
    changed = []
    for topic, frequency in frequencies.items():
        if current.get(topic, DEFAULT_FREQUENCY[topic]) == frequency:
            continue
        changed.append(topic)
        if frequency == DEFAULT_FREQUENCY[topic]:
            Preference.objects.filter(user=user, topic=topic).delete()
        else:
            Preference.objects.update_or_create(
                user=user, topic=topic, defaults={"frequency": frequency}
            )
    if changed:
        # Choosing "never" stops what was waiting for a summary, too.
        stopped = [topic for topic in changed if frequencies[topic] == Frequency.NEVER]
        Notification.objects.filter(
            user=user, email=Notification.Email.DIGEST, event__topic__in=stopped
        ).update(email=Notification.Email.NONE)
    return changed


# --- unsubscribing from an email, in one click ---------------------------------------------------

_UNSUBSCRIBE_MARK = "\x00unsubscribe\x00"


def unsubscribe_url(user_id: int, topics: Sequence[str]) -> str:
    """The address that stops these topics' emails for this person, signed so nobody can make another's."""
    token = signing.dumps([user_id, sorted(set(topics))], salt=UNSUBSCRIBE_SALT, compress=True)
    return settings.SITE_URL + reverse("notifications:unsubscribe", kwargs={"token": token})


def unsubscribe_read(token: str) -> tuple[User, list[str]]:
    """Who and which topics an unsubscribe address is for; ValidationError when it is not one of ours."""
    try:
        user_id, topics = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        topics = [topic for topic in topics if topic in Topic.values]
        user = User.objects.get(pk=int(user_id))
    except (signing.BadSignature, ValueError, TypeError, User.DoesNotExist) as error:
        raise ValidationError(
            _("This link to stop emails is not complete or not right.")
        ) from error
    if not topics:
        raise ValidationError(_("This link to stop emails is not complete or not right."))
    return user, topics


def unsubscribe(*, token: str) -> tuple[User, list[str]]:
    """Stop the emails the address names. Returns the person and the topics now set to never."""
    user, topics = unsubscribe_read(token)
    preferences_set(user=user, frequencies=dict.fromkeys(topics, Frequency.NEVER))
    return user, topics


# --- daily summaries -----------------------------------------------------------------------------


def next_digest_at(now: datetime) -> datetime:
    """When the next daily summary goes: NOTIFICATIONS_DIGEST_HOUR, local time, today or tomorrow."""
    hour = time(hour=settings.NOTIFICATIONS_DIGEST_HOUR)
    day = timezone.localdate(now)
    at = timezone.make_aware(datetime.combine(day, hour))
    if at <= now:
        at = timezone.make_aware(datetime.combine(day + timedelta(days=1), hour))
    return at


def _enqueue_digests(due: datetime) -> None:
    from django_tasks import default_task_backend

    from commonweal.notifications.tasks import send_digests

    if not default_task_backend.supports_defer:
        return  # `commonweal notifications send` sends them once due
    if cache.add(f"notifications:digests:{due.isoformat()}", True, timeout=2 * 24 * 60 * 60):
        send_digests.using(run_after=due).enqueue()


def digests_send(*, now: datetime | None = None) -> int:
    """Write each daily summary that is due as one email. Returns how many were written."""
    now = now or timezone.now()
    written = 0
    while True:
        due = list(
            Digest.objects.filter(due_at__lte=now)
            .order_by("due_at")
            .values_list("user_id", flat=True)[:CHUNK]
        )
        if not due:
            break
        for user_id in due:
            written += _digest_write(user_id, now)
    if written:
        transaction.on_commit(emails_send_soon, robust=True)
    return written


@transaction.atomic
def _digest_write(user_id: int, now: datetime) -> int:
    # Deleting the row claims the summary: a second sender finds nothing to delete.
    claimed, _counts = Digest.objects.filter(user_id=user_id, due_at__lte=now).delete()
    if not claimed:
        return 0
    waiting = Notification.objects.filter(user_id=user_id, email=Notification.Email.DIGEST)
    listed = list(waiting.select_related("event").order_by("created_at", "pk")[:DIGEST_LISTED])
    more = waiting.count() - len(listed)
    topics = sorted({notification.event.topic for notification in listed})
    waiting.update(email=Notification.Email.SENT)
    person = User.objects.filter(pk=user_id, is_active=True).first()
    if (
        not listed
        or person is None
        or not person.email
        or person.email_confirmed_at is None
        or person.is_demo_account
    ):
        return 0
    link = unsubscribe_url(user_id, topics)
    count = len(listed) + more
    Email.objects.create(
        user=person,
        to=person.email,
        subject=ngettext(
            "Commonweal: %(count)s update today", "Commonweal: %(count)s updates today", count
        )
        % {"count": count},
        body=render_to_string(
            "notifications/email/digest.txt",
            {
                "notifications": listed,
                "more": more,
                "site_url": settings.SITE_URL,
                "list_link": settings.SITE_URL + reverse("notifications:list"),
                "settings_link": settings.SITE_URL + reverse("notifications:settings"),
                "unsubscribe_link": link,
            },
        ),
        unsubscribe_url=link,
    )
    return 1


# --- sending emails ------------------------------------------------------------------------------


def retry_after(attempts: int) -> timedelta:
    """How long an email waits after its ``attempts``-th failed try: 5 minutes, doubling, at most 6 hours."""
    return min(timedelta(minutes=5) * 2 ** max(attempts - 1, 0), timedelta(hours=6))


def emails_send(*, now: datetime | None = None, limit: int = SEND_BATCH) -> int:
    """Send up to ``limit`` emails that are due. A failed one waits and is tried again later.
    Returns how many were sent."""
    now = now or timezone.now()
    due = list(
        Email.objects.filter(sent_at__isnull=True, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    connection = get_connection()
    try:
        for pk in due:
            # Claim it first: two senders at once never send one email twice.
            if not Email.objects.filter(
                pk=pk, sent_at__isnull=True, next_attempt_at__lte=now
            ).update(next_attempt_at=now + CLAIM):
                continue
            email = Email.objects.get(pk=pk)
            headers = {"Auto-Submitted": "auto-generated"}
            if email.unsubscribe_url:
                # RFC 8058: mail programs show an "Unsubscribe" button that posts to this address.
                headers["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
                headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
            message = EmailMessage(
                subject=email.subject,
                body=email.body,
                to=[email.to],
                headers=headers,
                connection=connection,
            )
            try:
                message.send()
            except Exception as error:
                attempts = email.attempts + 1
                Email.objects.filter(pk=pk).update(
                    attempts=attempts,
                    last_error=(str(error) or error.__class__.__name__)[:500],
                    next_attempt_at=now + retry_after(attempts),
                )
                logger.warning(
                    "Email %s not sent (try %s), tried again after %s: %s",
                    pk,
                    attempts,
                    retry_after(attempts),
                    error,
                )
                continue
            Email.objects.filter(pk=pk).update(
                sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
            )
            sent += 1
    finally:
        connection.close()
    return sent


def emails_send_soon() -> None:
    """Have the sending task run now, and again when the next email waiting for a retry is due."""
    from django_tasks import default_task_backend

    from commonweal.notifications.tasks import send_emails

    send_emails.enqueue()
    if not default_task_backend.supports_defer:
        return
    retry = (
        Email.objects.filter(sent_at__isnull=True, next_attempt_at__gt=timezone.now())
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    # One run waits for each moment, however many runs asked for it.
    if retry is not None and cache.add(
        f"notifications:send:{retry.isoformat()}", True, timeout=7 * 60 * 60
    ):
        send_emails.using(run_after=retry).enqueue()


def send_all_due(*, now: datetime | None = None) -> dict[str, int]:
    """Everything due now: events to tell, summaries to write, emails to send (or try again)."""
    told = events_due_fan_out(now=now)
    summaries = digests_send(now=now)
    sent = 0
    while batch := emails_send(now=now):
        sent += batch
    return {"told": told, "summaries": summaries, "sent": sent}
