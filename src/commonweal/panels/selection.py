"""Selection runs: starting one as a background task, and the task's work (progress, result or problem)."""

import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonweal.core import audit
from commonweal.messages import Message
from commonweal.panels import engine, sortition
from commonweal.panels.models import Panel, SelectionRun

# How often, at most, progress is written to the run row while the engine works.
PROGRESS_EVERY_SECONDS = 1.0
MAX_TIME_LIMIT = 3600


@transaction.atomic
def run_start(*, actor, panel: Panel, method: str, time_limit: int) -> SelectionRun:
    """Queue a selection over the pool; the task does the work and the panel page shows its progress."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    errors = []
    if not panel.can_run_selection:
        errors.append(_("Selection can start when the pool is imported and before the draw."))
    elif not panel.features.exists():
        errors.append(_("Add at least one feature with quotas before you run a selection."))
    elif (pool := panel.pool.count()) < panel.size:
        errors.append(
            ngettext(
                "The pool has %(pool)s person, fewer than the %(size)s seats. Import a bigger pool.",
                "The pool has %(pool)s people, fewer than the %(size)s seats. Import a bigger pool.",
                pool,
            )
            % {"pool": pool, "size": panel.size}
        )
    if errors:
        raise ValidationError(errors)
    if method not in SelectionRun.Method.values:
        raise ValidationError({"method": _("Choose a method from the list")})
    if not 1 <= time_limit <= MAX_TIME_LIMIT:
        raise ValidationError(
            {
                "time_limit": _("Enter a time limit from 1 to %(most)s seconds")
                % {"most": MAX_TIME_LIMIT}
            }
        )
    with audit.audit_context(actor=actor, reason=_("Started a selection for a citizens' panel")):
        run = SelectionRun.objects.create(
            panel=panel,
            method=method,
            time_limit=time_limit,
            created_by=actor,
            progress_message=_("Waiting to start"),
        )
        panel.status = Panel.Status.SELECTING
        panel.save(update_fields=["status"])

    def enqueue():
        from commonweal.panels.tasks import run_selection

        run_selection.enqueue(run_id=run.pk)

    transaction.on_commit(enqueue)
    return run


ACTIVE = (SelectionRun.Status.QUEUED, SelectionRun.Status.RUNNING)


class Stopped(Exception):
    """Somebody stopped the run while the engine was working on it."""


def _words(sentence: Message | str) -> str:
    """A progress sentence in the site's language: the worker has no reader to ask."""
    return sentence.render(_, ngettext) if isinstance(sentence, Message) else str(sentence)


class _Progress:
    """Writes the engine's progress to the run row, at most once a second; the run's end writes the last word.

    A run that somebody has stopped is no longer "running": the write then finds
    no row, and the engine is stopped by raising :class:`Stopped`.
    """

    def __init__(self, run_id: int):
        self.run_id = run_id
        self.last = 0.0

    def __call__(self, message: Message | str, fraction: float | None = None) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_EVERY_SECONDS:
            return
        self.last = now
        # A plain update: no audit entry for every tick, and visible at once to the panel page.
        written = SelectionRun.objects.filter(
            pk=self.run_id, status=SelectionRun.Status.RUNNING
        ).update(progress_message=_words(message)[:300], progress_fraction=fraction)
        if not written:
            raise Stopped


@transaction.atomic
def run_stop(*, actor, run: SelectionRun, reason: str) -> SelectionRun:
    """Stop a run that is waiting or working (say a worker died): recorded with who and why.

    The panel goes back to where it was before the run. Leximin and maximin stop
    at their next progress report, within a second or so; the sortition-algorithms
    methods cannot be interrupted, and what they find afterwards is thrown away.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Enter why you are stopping this run")})
    panel = Panel.objects.select_for_update().get(
        pk=run.panel_id
    )  # panel first, then run, as the task does
    run = SelectionRun.objects.select_for_update().get(pk=run.pk)
    if run.status not in ACTIVE:
        raise ValidationError(_("This run has already ended, so there is nothing to stop."))
    with audit.audit_context(actor=actor, reason=reason):
        run.status = SelectionRun.Status.STOPPED
        run.finished_at = timezone.now()
        run.progress_message = _("Stopped")
        run.stopped_by = actor
        run.stop_reason = reason
        run.save()
        _panel_after_run(panel, finished=False)
    return run


def run_execute(*, run_id: int) -> SelectionRun:
    """Do a queued run: call the engine, then store its distribution, or the problem in plain words."""
    run = SelectionRun.objects.select_related("panel", "panel__place").get(pk=run_id)
    panel = run.panel
    started = SelectionRun.objects.filter(pk=run.pk, status=SelectionRun.Status.QUEUED).update(
        status=SelectionRun.Status.RUNNING,
        started_at=timezone.now(),
        progress_message=_("Starting"),
    )
    if not started:  # already done, or stopped while it waited
        return run
    reason = _("Selection for a citizens' panel")
    try:
        result = sortition.find_distribution(
            engine.people(panel),
            engine.quotas(panel),
            panel.size,
            one_per_household=panel.one_per_household,
            method=run.method,
            time_limit=float(run.time_limit),
            progress=_Progress(run.pk),
        )
    except Stopped:
        run.refresh_from_db()
        return run
    except sortition.Infeasible as problem:
        return _run_close(
            run,
            status=SelectionRun.Status.FAILED,
            reason=reason,
            error=str(problem),
            # Stored as messages (template and values), translated when the page is read.
            conflicts=[conflict.why.as_json() for conflict in problem.conflicts],
        )
    except Exception as problem:
        return _run_close(
            run,
            status=SelectionRun.Status.FAILED,
            reason=reason,
            error=_("The selection stopped with an error: %(error)s") % {"error": problem},
        )
    return _run_close(
        run,
        status=SelectionRun.Status.FINISHED,
        reason=reason,
        panels=[list(p) for p in result.panels],
        probabilities=[float(p) for p in result.probabilities],
        selection_probability={str(k): float(v) for k, v in result.selection_probability.items()},
        maximin=float(result.maximin),
        stages_completed=result.stages_completed,
        refinement_finished=bool(result.finished),
        seconds=float(result.seconds),
    )


@transaction.atomic
def _run_close(run: SelectionRun, *, status: str, reason: str, **fields) -> SelectionRun:
    panel = Panel.objects.select_for_update().get(pk=run.panel_id)
    run = SelectionRun.objects.select_for_update().get(pk=run.pk)
    if run.status == SelectionRun.Status.STOPPED:
        return run  # stopped by a person while the engine worked: what it found is not used
    with audit.audit_context(reason=reason):
        for name, value in fields.items():
            setattr(run, name, value)
        run.status = status
        run.finished_at = timezone.now()
        run.progress_fraction = (
            1.0 if status == SelectionRun.Status.FINISHED else run.progress_fraction
        )
        run.progress_message = (
            _("Finished") if status == SelectionRun.Status.FINISHED else _("Stopped")
        )
        run.save()
        if status == SelectionRun.Status.FINISHED:
            distribution_record(run, reason=reason)
        _panel_after_run(panel, finished=status == SelectionRun.Status.FINISHED)
    return run


DISTRIBUTION_ACTION = "selection_result"
DISTRIBUTION_ROWS = "panels.selectionrun.distribution"


def distribution_record(run: SelectionRun, *, reason: str) -> None:
    """Record a run's distribution (every possible panel, its probability, each person's chance) as one
    audit entry with its digest, rather than a copy of it that grows with the pool.

    The run's own entry leaves these fields out (see ``apps.py``); the digest pins what was stored.
    """
    with audit.bulk_operation(instance=run, action=DISTRIBUTION_ACTION, reason=reason) as operation:
        operation.add_rows(
            DISTRIBUTION_ROWS,
            [
                {
                    "panels": run.panels,
                    "probabilities": run.probabilities,
                    "selection_probability": run.selection_probability,
                }
            ],
        )


def _panel_after_run(panel: Panel, *, finished: bool) -> None:
    """A run has ended: the panel is selected if this or an earlier run finished, else back to its open pool.

    Infeasible quotas, or a stopped run, change nothing else.
    """
    if panel.status == Panel.Status.SELECTING:
        panel.status = (
            Panel.Status.SELECTED
            if finished or panel.runs.filter(status=SelectionRun.Status.FINISHED).exists()
            else Panel.Status.POOL_OPEN
        )
        panel.save(update_fields=["status"])
