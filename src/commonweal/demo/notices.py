"""The demo's notifications: what its people would have been told as its story happened.

The demo writes its needs' histories directly, so no service told anyone. Here each need whose
status moved on since it was raised is news for those who raised, support or follow it (told at
once, as the background task would), and the demo resident follows the ward they live in. Safe to
run again: a change already told is not told twice.
"""

from django.db.models import Q

from commonweal.accounts.models import User
from commonweal.demo import data, data_needs
from commonweal.needs import notices as need_notices
from commonweal.needs.models import Need, StatusChange
from commonweal.notifications import services as notifications
from commonweal.notifications.models import Event
from commonweal.places.models import Place


def load(*, places: dict[str, Place]) -> int:
    """Tell the demo's people what happened to its needs. Returns how many were told."""
    resident = User.objects.filter(email=data.email("resident")).first()
    if resident is not None and "riverside-millbrook" in places:
        notifications.follow(
            user=resident, kind="place", object_id=places["riverside-millbrook"].pk
        )
    told = 0
    # The demo's own needs (not those a grown demo made), by title and place.
    own = Q(pk__in=[])
    for spec in data_needs.NEEDS:
        own |= Q(title=spec["title"], place=places[spec["place"]])
    latest = {}
    changes = StatusChange.objects.filter(need__in=Need.objects.filter(own)).exclude(from_status="")
    for change in changes.order_by("changed_at", "pk"):
        latest[change.need_id] = change
    needs = Need.objects.in_bulk(list(latest))
    for need_id, change in latest.items():
        key = f"demo:status-change:{change.pk}"
        if Event.objects.filter(key=key).exists():
            continue
        event = need_notices.status_changed(
            needs[need_id],
            status=change.to_status,
            reason=change.reason,
            actor=change.changed_by,
            key=key,
        )
        told += notifications.event_fan_out(event_id=event.pk)
    return told
