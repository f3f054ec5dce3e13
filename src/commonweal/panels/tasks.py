"""Background jobs for citizens' panels."""

from django_tasks import task


@task()
def run_selection(*, run_id: int) -> str:
    """Run a queued selection. Returns the run's status when done."""
    from commonweal.panels.selection import run_execute

    return run_execute(run_id=run_id).status


@task()
def import_pool(*, import_id: int) -> str:
    """Do a queued pool import. Returns the import's status when done."""
    from commonweal.panels.pool_imports import pool_import_execute

    return pool_import_execute(import_id=import_id).status
