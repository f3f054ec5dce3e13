"""Sealing the audit trail into a keyed hash chain, and checking it.

Writers never wait for each other here: appending an entry inserts the entry
and a ``PendingSeal`` row, nothing else. Shortly after each commit, one sealer
(whoever takes the chain head's lock; the others leave at once) gives the
committed waiting entries the next sequence numbers, in id order, each hash an
HMAC over the previous hash and the entry, and advances the head, as a
Certificate Transparency log's sequencer does. The holder keeps going until
nothing is waiting, so an entry committed while it worked is never left behind.
"""

import hashlib
import hmac
import json
import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC

from django.db import connection, transaction

from commonweal.core import audit_keys

GENESIS_HASH = "0" * 64
KEYED = 2  # seal version: HMAC-SHA256 with AUDIT_KEY
UNKEYED = 1  # seal version: plain SHA-256, entries sealed before keyed hashes
BATCH = 2000

logger = logging.getLogger(__name__)


_ENTRY_FIELDS = (
    "id",
    "at",
    "actor_id",
    "actor_label",
    "action",
    "model",
    "object_id",
    "object_repr",
    "before",
    "after",
    "reason",
)


def canonical(fields: dict) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _content(entry) -> dict:
    return {
        "at": entry.at.astimezone(UTC).isoformat(),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "model": entry.model,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "before": entry.before,
        "after": entry.after,
        "reason": entry.reason,
    }


def unkeyed_hash(*, prev_hash: str, entry) -> str:
    """Version 1, as entries were hashed before keyed hashes: SHA-256 over the previous hash and the content."""
    return hashlib.sha256(canonical({"prev_hash": prev_hash, **_content(entry)})).hexdigest()


def keyed_hash(*, seq: int, prev_hash: str, entry, key: bytes | None = None) -> str:
    """Version 2: HMAC-SHA256, with AUDIT_KEY, over the number, the previous hash, the entry's id and content."""
    message = canonical(
        {"v": KEYED, "seq": seq, "prev_hash": prev_hash, "entry_id": entry.id, **_content(entry)}
    )
    return hmac.new(key or audit_keys.hmac_key(), message, hashlib.sha256).hexdigest()


def seal_hash(
    *, version: int, seq: int, prev_hash: str, entry, key: bytes | None = None
) -> str | None:
    if version == KEYED:
        return keyed_hash(seq=seq, prev_hash=prev_hash, entry=entry, key=key)
    if version == UNKEYED:
        return unkeyed_hash(prev_hash=prev_hash, entry=entry)
    return None


# --- appending ---------------------------------------------------------------


def insert_waiting(entry):
    """Insert a new entry and queue it for the sealer: one statement on PostgreSQL, two elsewhere."""
    from commonweal.core.models import AuditEntry, PendingSeal

    if connection.vendor != "postgresql":
        entry.save(force_insert=True)
        PendingSeal.objects.create(entry=entry)
        return entry
    fields = [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    sql = (
        f"WITH new_entry AS (INSERT INTO {AuditEntry._meta.db_table} ({', '.join(f.column for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING id) "
        f"INSERT INTO {PendingSeal._meta.db_table} (entry_id) SELECT id FROM new_entry RETURNING entry_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in fields]
        )
        entry.pk = cursor.fetchone()[0]
    entry._state.adding, entry._state.db = False, connection.alias
    return entry


# --- sealing -----------------------------------------------------------------


def _lock_head(*, wait: bool):
    from commonweal.core.models import AuditChainHead

    head = AuditChainHead.objects.select_for_update(skip_locked=not wait).filter(pk=1).first()
    if head is None:
        if AuditChainHead.objects.filter(pk=1).exists():
            return None  # another sealer holds it
        AuditChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS_HASH})
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def _seal_batch(*, wait: bool, batch: int) -> int | None:
    """Seal up to ``batch`` waiting entries. None if another sealer holds the lock."""
    from commonweal.core.models import AuditChainHead, AuditEntry, AuditSeal, PendingSeal

    with transaction.atomic():
        head = _lock_head(wait=wait)
        if head is None:
            return None
        if connection.vendor == "postgresql":
            # Seals need not wait for the disk: the entries they chain are already safe, and if the
            # server fell over first, the sealer would seal them again the same way. A checkpoint is
            # written with a full commit, which also makes every seal before it safe.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
        waiting = list(
            PendingSeal.objects.order_by("entry_id").values_list("entry_id", flat=True)[:batch]
        )
        if not waiting:
            return 0
        # Entries not sealed already: a stray row in the queue (an entry sealed or missing) is dropped.
        entries = {
            row.id: row
            for row in AuditEntry.objects.filter(id__in=waiting, seal__isnull=True).values_list(
                *_ENTRY_FIELDS, named=True
            )
        }
        key = audit_keys.hmac_key()
        seq, prev_hash, seals = head.seq, head.last_hash, []
        for entry_id in waiting:
            entry = entries.get(entry_id)
            if entry is None:
                continue
            seq += 1
            digest = keyed_hash(seq=seq, prev_hash=prev_hash, entry=entry, key=key)
            seals.append(
                AuditSeal(
                    seq=seq, entry_id=entry_id, prev_hash=prev_hash, hash=digest, version=KEYED
                )
            )
            prev_hash = digest
        AuditSeal.objects.bulk_create(seals)
        # A plain DELETE: the queue has no signals or relations to collect first.
        PendingSeal.objects.filter(entry_id__in=waiting)._raw_delete(PendingSeal.objects.db)
        AuditChainHead.objects.filter(pk=1).update(seq=seq, last_hash=prev_hash)
        from commonweal.core import audit_checkpoints

        audit_checkpoints.checkpoint_if_due(seq=seq, head_hash=prev_hash)
    return len(waiting)


# One sealer per process at a time: the other threads leave at once, without asking the database.
_sealing = threading.Lock()


def seal(*, wait: bool = False, batch: int = BATCH) -> int:
    """Seal every committed entry that is waiting; return how many. Leaves at once if another sealer is at work.

    With ``wait``, wait for the other sealer instead (for ``commonweal audit seal``). A sealer looks
    again after it lets go, so an entry whose writer found it busy is never left behind.
    """
    from commonweal.core.models import PendingSeal

    total = 0
    while True:
        if not _sealing.acquire(blocking=wait):
            return total  # the sealer at work looks again after it lets go, and finds ours
        try:
            while True:
                sealed = _seal_batch(wait=wait, batch=batch)
                if sealed is None:
                    return total  # another process's sealer holds the head; it looks again too
                total += sealed
                if sealed < batch:
                    break
        finally:
            _sealing.release()
        if not PendingSeal.objects.exists():
            return total


def _seal_or_queue() -> None:
    """Try to seal; if that fails, the entries wait safely and the background task tries again."""
    try:
        seal()
    except Exception:
        logger.exception("Sealing the audit trail failed; asking a background worker to try again.")
        try:
            from commonweal.core.tasks import seal_audit_trail

            seal_audit_trail.enqueue()
        except Exception:
            logger.exception("Could not queue the audit trail's sealing task.")


# The process's sealer thread: writers wake it after they commit and go on at once, so no request
# waits for sealing. (In bench/audit_trail.py both ways now give about the same throughput.)
_wake = threading.Event()
_sealer: threading.Thread | None = None
_sealer_start = threading.Lock()
_release, _released = threading.Event(), threading.Event()


def _sealer_loop() -> None:
    from django.db import close_old_connections

    while True:
        _wake.wait()
        _wake.clear()  # a writer who commits while this seals wakes it again
        if _release.is_set():
            connection.close()
            _release.clear()
            _released.set()
            continue
        close_old_connections()
        _seal_or_queue()


def release_sealer_connection(timeout: float = 30) -> None:
    """Ask the sealer thread to close its database connection (before that database is dropped)."""
    if _sealer is not None and _sealer.is_alive():
        _released.clear()
        _release.set()
        _wake.set()
        _released.wait(timeout)


def _seal_before_exit() -> None:
    """A short-lived process (a command, a script) seals what it wrote before it ends."""
    from commonweal.core.models import PendingSeal

    try:
        if PendingSeal.objects.exists():
            seal(wait=True)
    except Exception:
        pass


def _wake_sealer() -> None:
    global _sealer
    if _sealer is None or not _sealer.is_alive():
        with _sealer_start:
            if _sealer is None or not _sealer.is_alive():
                import atexit

                _sealer = threading.Thread(target=_sealer_loop, name="audit-sealer", daemon=True)
                _sealer.start()
                atexit.register(_seal_before_exit)
    _wake.set()


def seal_after_commit() -> None:
    """Run by ``transaction.on_commit`` after a writer commits: never makes the writer fail or wait.

    AUDIT_SEAL_AFTER_COMMIT "background" wakes this process's sealer thread; "inline" seals on the
    writer's own thread (the test suite, where each test's data is invisible to other connections).
    """
    from django.conf import settings

    if settings.AUDIT_SEAL_AFTER_COMMIT == "inline":
        _seal_or_queue()
    else:
        _wake_sealer()


def schedule_seal() -> None:
    transaction.on_commit(seal_after_commit, robust=True)


TRUNCATE_ALLOWED = "SET commonweal.audit_truncate = 'allowed'"


@contextmanager
def truncate_allowed():
    """Let this session TRUNCATE the trail on PostgreSQL: only for the demo's reset (and the test suite)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(TRUNCATE_ALLOWED)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET commonweal.audit_truncate")


# --- checking ----------------------------------------------------------------


@dataclass
class ChainReport:
    checked: int = 0
    first_broken_id: int | None = None
    problem: str = ""
    waiting: int = 0
    unkeyed: int = 0
    checkpoints_checked: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problem


def _broken(report: ChainReport, entry_id: int | None, problem: str) -> ChainReport:
    report.first_broken_id, report.problem = entry_id, problem
    return report


def verify_chain(
    *, start_seq: int = 0, start_hash: str = GENESIS_HASH, checkpoints: dict[int, str] | None = None
) -> ChainReport:
    """Walk the sealed trail from after ``start_seq`` and report the first place where it breaks.

    ``checkpoints`` maps sequence numbers to the head hash that a signed
    checkpoint recorded there; each must still be in the trail.
    """
    from commonweal.core.models import AuditChainHead, AuditEntry, AuditSeal

    report = ChainReport()
    checkpoints = dict(checkpoints or {})
    key = audit_keys.hmac_key()
    expected_seq, prev_hash = start_seq + 1, start_hash
    keyed_seen = (
        start_seq > 0 and AuditSeal.objects.filter(seq__lte=start_seq, version=KEYED).exists()
    )
    last_entry_id = None
    while True:
        seals = list(AuditSeal.objects.filter(seq__gte=expected_seq).order_by("seq")[:BATCH])
        if not seals:
            break
        entries = AuditEntry.objects.in_bulk([s.entry_id for s in seals])
        for seal_ in seals:
            entry = entries.get(seal_.entry_id)
            if seal_.seq != expected_seq:
                return _broken(
                    report,
                    seal_.entry_id,
                    (
                        "the entries numbered %(first)d to %(last)d before it are missing (they were removed)"
                        % {"first": expected_seq, "last": seal_.seq - 1}
                    ),
                )
            if entry is None:
                return _broken(
                    report,
                    seal_.entry_id,
                    "it was removed (its seal, number %d, remains)" % seal_.seq,
                )
            if seal_.prev_hash != prev_hash:
                return _broken(
                    report,
                    entry.id,
                    "it does not point to the entry before it (an entry was removed or reordered)",
                )
            if seal_.version == UNKEYED and keyed_seen:
                return _broken(
                    report,
                    entry.id,
                    "it is sealed without the key although entries before it are "
                    "sealed with it (the chain was recomputed)",
                )
            expected = seal_hash(
                version=seal_.version, seq=seal_.seq, prev_hash=prev_hash, entry=entry, key=key
            )
            if expected is None or not hmac.compare_digest(expected, seal_.hash):
                return _broken(
                    report,
                    entry.id,
                    "its content does not match its hash (it was changed, or the "
                    "chain was recomputed without the key)",
                )
            if seal_.seq in checkpoints and checkpoints.pop(seal_.seq) != seal_.hash:
                return _broken(
                    report,
                    entry.id,
                    "it is not the entry a signed checkpoint recorded as number %d "
                    "(the trail was rewritten)" % seal_.seq,
                )
            keyed_seen = keyed_seen or seal_.version == KEYED
            report.unkeyed += seal_.version == UNKEYED
            prev_hash, expected_seq, last_entry_id = seal_.hash, expected_seq + 1, entry.id
            report.checked += 1
    last_seq = expected_seq - 1
    if checkpoints:
        beyond = max(checkpoints)
        return _broken(
            report,
            None,
            "a signed checkpoint recorded %(seq)d entries, but the trail now ends at "
            "%(last)d (the newest entries were removed)" % {"seq": beyond, "last": last_seq},
        )
    head = AuditChainHead.objects.filter(pk=1).first()
    if (
        head is not None
        and (head.seq, head.last_hash) != (last_seq, prev_hash)
        and head.seq >= last_seq
    ):
        return _broken(report, None, "the newest entries were removed from the end of the trail")
    if report.checked and not keyed_seen:
        return _broken(
            report,
            last_entry_id,
            "no entry is sealed with the key (the chain was recomputed without it)",
        )
    report.waiting = AuditEntry.objects.filter(seal__isnull=True).count()
    return report
