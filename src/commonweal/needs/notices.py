"""What people are told about needs: one changes status (with the public reason), or is merged."""

from django.utils.translation import gettext as _

from commonweal.needs.models import Need
from commonweal.notifications import services as notifications
from commonweal.notifications.topics import Topic


def status_changed(need: Need, *, status: str, reason: str, actor, key: str = ""):
    """Those who raised, support or follow the need (or its place) hear its new status, and why."""
    return notifications.notify(
        topic=Topic.NEED_CHANGED,
        kind="need",
        record=need,
        headline=_("“%(need)s” is now %(status)s")
        % {"need": need.title, "status": Need.Status(status).label.lower()},
        body=reason,
        url=need.get_absolute_url(),
        actor=actor,
        key=key,
    )


def merged(source: Need, target: Need, *, reason: str, actor) -> None:
    """Who followed the duplicate follows the need it joined; the people of both hear of it."""
    notifications.follows_move(kind="need", from_id=source.pk, to_id=target.pk)
    notifications.notify(
        topic=Topic.NEED_CHANGED,
        kind="need",
        record=target,
        about=[("need", source.pk)],
        headline=_("“%(source)s” has been merged into “%(target)s”")
        % {"source": source.title, "target": target.title},
        body=reason,
        url=target.get_absolute_url(),
        actor=actor,
    )
