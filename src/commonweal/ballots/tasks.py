"""Background jobs for the ballot box."""

from django_tasks import task


@task()
def flush_box(*, box: str) -> int:
    """Commit the box's waiting ballots if a batch is due. Enqueued after each vote commits."""
    from commonweal.ballots import services

    return services.box_flush(box=box)
