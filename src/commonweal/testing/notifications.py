"""What the tests of each app's news ask: what a person has been told, in order."""


def headlines(user) -> list[str]:
    """The headlines of a person's notifications, oldest first."""
    from commonweal.notifications.models import Notification

    return list(
        Notification.objects.filter(user=user)
        .order_by("created_at", "pk")
        .values_list("event__headline", flat=True)
    )
