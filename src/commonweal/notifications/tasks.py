"""Background jobs for notifications: telling people, daily summaries and sending emails."""

from django_tasks import task


@task()
def fan_out(*, event_id: int) -> int:
    """Tell everyone an event is for (enqueued when it commits, or for when it is due)."""
    from commonweal.notifications import services

    return services.event_fan_out(event_id=event_id)


@task()
def send_digests() -> int:
    """Write the daily summaries that are due."""
    from commonweal.notifications import services

    return services.digests_send()


@task()
def send_emails() -> int:
    """Send the emails that are due; hand on to a fresh run while more are due."""
    from django.utils import timezone

    from commonweal.notifications import services
    from commonweal.notifications.models import Email

    sent = services.emails_send()
    # Those that failed wait for their next try; any still due were beyond this run's batch.
    if Email.objects.filter(sent_at__isnull=True, next_attempt_at__lte=timezone.now()).exists():
        services.emails_send_soon()
    return sent
