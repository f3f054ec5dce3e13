"""Reads for notifications: what a person follows, their notifications and their choices."""

from dataclasses import dataclass

from django.db.models import QuerySet

from commonweal.notifications import registry
from commonweal.notifications.models import Follow, Notification, Preference
from commonweal.notifications.topics import DEFAULT_FREQUENCY, Topic


def is_following(user, kind: str, object_id: int) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, kind=kind, object_id=object_id).exists()


@dataclass(frozen=True)
class Followed:
    follow: Follow
    record: object
    label: str  # the kind, in words


def followed(user, follows: list[Follow]) -> list[Followed]:
    """These follows with the records they are of, one query a kind; records now gone are left out."""
    by_kind: dict[str, list[int]] = {}
    for follow in follows:
        by_kind.setdefault(follow.kind, []).append(follow.object_id)
    found = {}
    for name, ids in by_kind.items():
        kind = registry.kind_for(name)
        if kind is not None:
            found[name] = kind.records(ids)
    rows = []
    for follow in follows:
        record = found.get(follow.kind, {}).get(follow.object_id)
        if record is not None:
            rows.append(Followed(follow, record, str(registry.kind_for(follow.kind).label)))
    return rows


def follows_of(user) -> QuerySet[Follow]:
    return Follow.objects.filter(user=user).order_by("-created_at", "-pk")


def notifications_of(user) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(user=user)
        .select_related("event")
        .order_by("-created_at", "-pk")
    )


def frequencies_of(user) -> dict[str, str]:
    """How often the person gets each topic's emails: their choice, or the default."""
    chosen = dict(Preference.objects.filter(user=user).values_list("topic", "frequency"))
    return {topic: chosen.get(topic, DEFAULT_FREQUENCY[topic]) for topic in Topic.values}
