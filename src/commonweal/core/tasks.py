"""Background jobs for the shared core: sealing the audit trail."""

from django_tasks import task


@task()
def seal_audit_trail() -> int:
    """Seal every entry waiting in the audit trail (after a failed try at commit, or on a schedule)."""
    from commonweal.core.audit_chain import seal

    return seal(wait=True)
