"""Importing a pool in the background: the upload is stored and queued, a task reads and checks every row,
then writes the whole pool in one transaction, or nothing.

A worker that dies part-way leaves the pool as it was (the write is one transaction); staff can then
stop the import that is left "running" and try the same file again. One import per panel at a time.
"""

import logging
import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.core import audit
from commonweal.panels import imports, services
from commonweal.panels.models import Panel, PoolImport

logger = logging.getLogger(__name__)

ACTIVE = (PoolImport.Status.QUEUED, PoolImport.Status.RUNNING)
# How often, at most, the rows read so far are written while a file is checked.
PROGRESS_EVERY_SECONDS = 1.0
# The most problems kept for the report; the page says how many there were in all.
REPORT_LIMIT = 1000


class Stopped(Exception):
    """Somebody stopped the import while the task was working on it."""


def _nothing_saved() -> str:
    return _("Nothing was saved: the pool is as it was.")


@transaction.atomic
def pool_import_start(*, actor, panel: Panel, file_name: str, data: bytes) -> PoolImport:
    """Store an uploaded pool file and queue its import; the import page shows its progress."""
    panel = Panel.objects.select_for_update().get(
        pk=panel.pk
    )  # one import per panel: the check and the create
    services._require_setup(panel)
    if not panel.features.exists():
        raise ValidationError(_("Add the panel's features before you import the pool"))
    if panel.pool_imports.filter(status__in=ACTIVE).exists():
        raise ValidationError(
            _(
                "An import of this panel's pool is already under way. Wait for it to finish, or "
                "stop it if it has not moved for a long time"
            ),
            code="active",
        )
    with audit.audit_context(actor=actor, reason=_("Uploaded a pool file for a citizens' panel")):
        pool_import = PoolImport.objects.create(
            panel=panel, file_name=(file_name or "")[:200], data=data, created_by=actor
        )

    def enqueue():
        from commonweal.panels.tasks import import_pool

        import_pool.enqueue(import_id=pool_import.pk)

    transaction.on_commit(enqueue)
    return pool_import


class _Progress:
    """Writes the rows read so far to the import row, at most once a second (and the first and last time).

    An import that somebody has stopped is no longer "running": the write then
    finds no row, and reading stops by raising :class:`Stopped`.
    """

    def __init__(self, import_id: int):
        self.import_id = import_id
        self.last = None

    def __call__(self, rows_read: int, rows_total: int) -> None:
        now = time.monotonic()
        if (
            self.last is not None
            and rows_read < rows_total
            and now - self.last < PROGRESS_EVERY_SECONDS
        ):
            return
        self.last = now
        # A plain update: no audit entry for every tick, and seen at once by the import page.
        written = PoolImport.objects.filter(
            pk=self.import_id, status=PoolImport.Status.RUNNING
        ).update(rows_read=rows_read, rows_total=rows_total)
        if not written:
            raise Stopped


def _features_signature(panel: Panel) -> list:
    return [
        (feature.name, sorted(category.name for category in feature.categories.all()))
        for feature in panel.features.prefetch_related("categories")
    ]


def pool_import_execute(*, import_id: int) -> PoolImport:
    """Do a queued import: read and check every row, then write the pool all at once, or report by row."""
    started = PoolImport.objects.filter(pk=import_id, status=PoolImport.Status.QUEUED).update(
        status=PoolImport.Status.RUNNING, started_at=timezone.now()
    )
    pool_import = PoolImport.objects.select_related("panel", "created_by").get(pk=import_id)
    if not started:  # already done, or stopped while it waited
        return pool_import
    panel = pool_import.panel
    try:
        signature = _features_signature(panel)
        people = imports.read_pool(
            panel, bytes(pool_import.data), progress=_Progress(pool_import.pk)
        )
        return _write(pool_import, people, signature)
    except Stopped:
        pool_import.refresh_from_db()
        return pool_import
    except imports.PoolProblems as found:
        return _close(
            pool_import,
            status=PoolImport.Status.REJECTED,
            keep_file=False,
            problems=[[problem.row, problem.message] for problem in found.problems[:REPORT_LIMIT]],
            problem_count=len(found.problems),
        )
    except ValidationError as refused:  # the panel changed (drawn, selecting) since the upload
        return _close(
            pool_import,
            status=PoolImport.Status.FAILED,
            keep_file=False,
            error=" ".join(refused.messages) + " " + _nothing_saved(),
        )
    except Exception:
        logger.exception("Pool import %s stopped with an error", import_id)
        return _close(
            pool_import,
            status=PoolImport.Status.FAILED,
            keep_file=True,
            error=_(
                "The import stopped with an error before it finished. %(nothing)s Try the file again; if it stops "
                "again, tell the site's support team."
            )
            % {"nothing": _nothing_saved()},
        )


@transaction.atomic
def _write(pool_import: PoolImport, people: list[dict], signature: list) -> PoolImport:
    panel = Panel.objects.select_for_update().get(
        pk=pool_import.panel_id
    )  # panel first, then import, as stop does
    pool_import = PoolImport.objects.select_for_update().get(pk=pool_import.pk)
    if pool_import.status != PoolImport.Status.RUNNING:
        raise Stopped
    if _features_signature(panel) != signature:
        raise ValidationError(
            _(
                "The panel's features or categories changed while the file was being read. "
                "Upload the file again."
            )
        )
    services.pool_replace(
        actor=pool_import.created_by, panel=panel, people=people, pool_import=pool_import
    )
    return pool_import


@transaction.atomic
def _close(pool_import: PoolImport, *, status: str, keep_file: bool, **fields) -> PoolImport:
    pool_import = PoolImport.objects.select_for_update().get(pk=pool_import.pk)
    if pool_import.status != PoolImport.Status.RUNNING:
        return pool_import  # stopped by a person meanwhile: their word stands
    with audit.audit_context(actor=None, reason=_("Import of a citizens' panel's pool ended")):
        for name, value in fields.items():
            setattr(pool_import, name, value)
        pool_import.status = status
        pool_import.finished_at = timezone.now()
        if not keep_file:
            pool_import.data = b""
        pool_import.save()
    return pool_import


@transaction.atomic
def pool_import_stop(*, actor, pool_import: PoolImport, reason: str) -> PoolImport:
    """Stop an import that is waiting or reading (say its worker died): recorded with who and why.

    The pool is as it was; the file is kept so that it can be tried again.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Enter why you are stopping this import")})
    Panel.objects.select_for_update().get(
        pk=pool_import.panel_id
    )  # panel first, then import, as the write does
    pool_import = PoolImport.objects.select_for_update().get(pk=pool_import.pk)
    if pool_import.status not in ACTIVE:
        raise ValidationError(_("This import has already ended, so there is nothing to stop."))
    with audit.audit_context(actor=actor, reason=reason):
        pool_import.status = PoolImport.Status.FAILED
        pool_import.finished_at = timezone.now()
        pool_import.stopped_by = actor
        pool_import.stop_reason = reason
        pool_import.error = _("Stopped by a person before it finished. %(nothing)s") % {
            "nothing": _nothing_saved()
        }
        pool_import.save()
    return pool_import


@transaction.atomic
def pool_import_retry(*, actor, pool_import: PoolImport) -> PoolImport:
    """Queue the file of an import that stopped before it finished again, as a new import."""
    pool_import = PoolImport.objects.select_for_update().get(pk=pool_import.pk)
    if pool_import.status != PoolImport.Status.FAILED:
        raise ValidationError(
            _("Only an import that stopped before it finished can be tried again.")
        )
    if not pool_import.data:
        raise ValidationError(_("The file of this import is no longer kept. Upload it again."))
    again = pool_import_start(
        actor=actor,
        panel=pool_import.panel,
        file_name=pool_import.file_name,
        data=bytes(pool_import.data),
    )
    # The new import holds the file now; personal data is not kept twice. (The file is not in the audit trail.)
    PoolImport.objects.filter(pk=pool_import.pk).update(data=b"")
    return again
