"""Putting a ballot in the box, and committing waiting ballots to the real ballot tables in batches.

The voter's transaction writes only a sealed ``PendingBallot`` here (and, in the app that owns the
vote, who voted). ``box_flush`` later commits a whole batch in one transaction of its own, in random
order, so no transaction id, row order, id or time of a ballot matches a voter's.
"""

import secrets

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonweal.ballots import crypto, keys, registry, selectors
from commonweal.ballots import settings as box_settings
from commonweal.ballots.models import PendingBallot

# Random order for each batch: the operating system's generator, never a seeded one.
_shuffler = secrets.SystemRandom()


@transaction.atomic
def ballot_queue(*, box: str, key: str, content: dict) -> None:
    """Put a ballot in the box, replacing the one waiting under the same key. Safe under concurrency:
    two votes at once by one person leave exactly one waiting ballot (the later one)."""
    registry.kind_for(keys.split_box(box)[0])  # refuse a box nobody can commit
    slot = keys.slot(box, key)
    sealed = crypto.seal(box=box, slot=slot, key=key, content=content)
    # INSERT ... ON CONFLICT (box, slot) DO UPDATE: the database settles a race, not a read-then-write.
    PendingBallot.objects.bulk_create(
        [PendingBallot(box=box, slot=slot, sealed=sealed, queued_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["box", "slot"],
        update_fields=["sealed"],
    )
    # robust: the vote is saved whatever happens to the flush; the next vote or the cron job catches up.
    transaction.on_commit(lambda: _enqueue_flush(box, wait=True), robust=True)


def box_flush_after_commit(*, box: str) -> None:
    """Commit the box's waiting ballots in the background once this transaction commits (voting closed)."""
    transaction.on_commit(lambda: _enqueue_flush(box, wait=False), robust=True)


def _enqueue_flush(box: str, *, wait: bool) -> None:
    from django_tasks import default_task_backend

    from commonweal.ballots.tasks import flush_box

    task = flush_box
    # Look again once the oldest ballot has waited long enough.
    if wait and default_task_backend.supports_defer:
        task = task.using(run_after=timezone.now() + box_settings.min_wait())
    task.enqueue(box=box)


def _is_due(box: str, waiting: list[PendingBallot]) -> bool:
    kind, object_id = keys.split_box(box)
    if registry.kind_for(kind).is_closed(object_id):
        return True
    oldest = min(entry.queued_at for entry in waiting)
    return (
        len(waiting) >= box_settings.min_batch()
        and timezone.now() - oldest >= box_settings.min_wait()
    )


@transaction.atomic
def box_flush(*, box: str, force: bool = False) -> int:
    """Commit the box's waiting ballots if a batch is due (or ``force``). Returns how many were committed."""
    kind, object_id = keys.split_box(box)
    box_kind = registry.kind_for(kind)
    # Locks the waiting rows: a voter replacing one waits, then writes a new waiting ballot afterwards.
    waiting = list(PendingBallot.objects.select_for_update().filter(box=box))
    if not waiting or not (force or _is_due(box, waiting)):
        return 0
    entries = [
        crypto.open_sealed(box=box, slot=entry.slot, sealed=entry.sealed) for entry in waiting
    ]
    _shuffler.shuffle(entries)
    owner = box_kind.writer(object_id, entries)
    PendingBallot.objects.filter(pk__in=[entry.pk for entry in waiting]).delete()
    if owner is not None:
        _record(owner, box_kind, count=len(entries))
    return len(entries)


# Ballots handed to the owner's writer at a time by ``box_commit_bulk`` (each call deletes by key, then inserts).
BULK_WRITE_SIZE = 5000


@transaction.atomic
def box_commit_bulk(*, box: str, entries: list[tuple[str, dict]]) -> int:
    """Commit many ballots cast elsewhere at once (an import, the demo's city-scale data), straight into
    the box's ballot table; never for a person voting now, whose ballot goes through ``ballot_queue``.

    The rules of a flush hold: the box must be closed for voting or the batch at least the smallest
    batch (``BALLOT_BOX_MIN_BATCH``), the ballots are shuffled with the operating system's generator
    and written by the owner's writer (random ids, no time), and the audit trail gets one entry that
    says how many, never which. ``entries`` are ``(key, content)`` as ``ballot_queue`` takes them; the
    caller records who voted in its own table, apart. Returns how many ballots were committed.
    """
    kind, object_id = keys.split_box(box)
    box_kind = registry.kind_for(kind)
    entries = list(entries)
    if not entries:
        return 0
    if len(entries) < box_settings.min_batch() and not box_kind.is_closed(object_id):
        raise ValueError(
            "Too few ballots to commit at once while voting is open: they could be matched to their voters."
        )
    _shuffler.shuffle(entries)
    owner = None
    for start in range(0, len(entries), BULK_WRITE_SIZE):
        owner = box_kind.writer(object_id, entries[start : start + BULK_WRITE_SIZE])
        if owner is None:  # the round is gone: so are its ballots
            return 0
    if owner is not None:
        _record(owner, box_kind, count=len(entries))
    return len(entries)


def _record(owner: models.Model, box_kind: registry.BoxKind, *, count: int) -> None:
    """One audit entry for the batch: how many, never which or what."""
    from commonweal.core import audit

    reason = ngettext(
        "%(count)d ballot committed to the box of %(owner)s",
        "%(count)d ballots committed to the box of %(owner)s",
        count,
    ) % {"count": count, "owner": owner}
    bulk = getattr(audit, "bulk_operation", None)
    if bulk is not None:
        with bulk(instance=owner, action="ballots_committed", reason=reason) as operation:
            operation.add_rows(f"{box_kind.kind}.ballot", [{}] * count)  # a count, no ballot's data
        return
    audit.record(
        instance=owner,
        action="ballots_committed",
        before=None,
        after={"ballots": count},
        reason=reason,
    )


def boxes_flush_due() -> dict[str, int]:
    """Commit every box with a batch due (the cron job and the background task). Box to ballots committed."""
    done = {}
    for box in selectors.boxes_waiting():
        committed = box_flush(box=box)
        if committed:
            done[box] = committed
    return done


def box_empty_for_counting(*, box: str) -> None:
    """Commit every waiting ballot of a box whose voting has ended, and make sure none is left: counting
    waits until the box is empty."""
    from django.core.exceptions import ValidationError

    box_flush(box=box, force=True)
    if selectors.waiting_count(box):
        raise ValidationError(
            _("Some ballots are still going into the ballot box. Try again in a minute.")
        )
