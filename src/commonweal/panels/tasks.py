"""Background jobs for citizens' panels."""

from django_tasks import task


@task()
def run_selection(*, run_id: int) -> str:
    """Run a queued selection. Returns the run's status when done."""
    from commonweal.panels.selection import run_execute

    return run_execute(run_id=run_id).status
