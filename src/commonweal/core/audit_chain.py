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
    message = canonical({"v": KEYED, "seq": seq, "prev_hash": prev_hash, "entry_id": entry.id, **_content(entry)})
    return hmac.new(key or audit_keys.hmac_key(), message, hashlib.sha256).hexdigest()


def seal_hash(*, version: int, seq: int, prev_hash: str, entry, key: bytes | None = None) -> str | None:
    if version == KEYED:
        return keyed_hash(seq=seq, prev_hash=prev_hash, entry=entry, key=key)
    if version == UNKEYED:
        return unkeyed_hash(prev_hash=prev_hash, entry=entry)
    return None


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
        waiting = list(PendingSeal.objects.order_by("entry_id").values_list("entry_id", flat=True)[:batch])
        if not waiting:
            return 0
        entries = AuditEntry.objects.in_bulk(waiting)
        already = set(AuditSeal.objects.filter(entry_id__in=waiting).values_list("entry_id", flat=True))
        key = audit_keys.hmac_key()
        seq, prev_hash, seals = head.seq, head.last_hash, []
        for entry_id in waiting:
            entry = entries.get(entry_id)
            if entry is None or entry_id in already:
                continue  # nothing to seal: the queue held a stray row
            seq += 1
            digest = keyed_hash(seq=seq, prev_hash=prev_hash, entry=entry, key=key)
            seals.append(AuditSeal(seq=seq, entry_id=entry_id, prev_hash=prev_hash, hash=digest, version=KEYED))
            prev_hash = digest
        AuditSeal.objects.bulk_create(seals)
        PendingSeal.objects.filter(entry_id__in=waiting).delete()
        AuditChainHead.objects.filter(pk=1).update(seq=seq, last_hash=prev_hash)
        from commonweal.core import audit_checkpoints

        audit_checkpoints.checkpoint_if_due(seq=seq, head_hash=prev_hash)
    return len(waiting)


def seal(*, wait: bool = False, batch: int = BATCH) -> int:
    """Seal every committed entry that is waiting; return how many. Leaves at once if another sealer is at work.

    With ``wait``, wait for the other sealer instead (for ``commonweal audit seal``).
    """
    from commonweal.core.models import PendingSeal

    total = 0
    while True:
        sealed = _seal_batch(wait=wait, batch=batch)
        if sealed is None:
            return total  # the sealer at work looks again after it commits, and finds ours
        total += sealed
        if sealed < batch and not PendingSeal.objects.exists():
            return total


def seal_after_commit() -> None:
    """Run by ``transaction.on_commit`` after a writer commits: try to seal, never fail the writer."""
    try:
        seal()
    except Exception:  # the entries wait safely; the task (or `commonweal audit seal`) seals them
        logger.exception("Sealing the audit trail failed; asking a background worker to try again.")
        try:
            from commonweal.core.tasks import seal_audit_trail

            seal_audit_trail.enqueue()
        except Exception:
            logger.exception("Could not queue the audit trail's sealing task.")


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


def verify_chain(*, start_seq: int = 0, start_hash: str = GENESIS_HASH, checkpoints: dict[int, str] | None = None
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
    keyed_seen = start_seq > 0 and AuditSeal.objects.filter(seq__lte=start_seq, version=KEYED).exists()
    last_entry_id = None
    while True:
        seals = list(AuditSeal.objects.filter(seq__gte=expected_seq).order_by("seq")[:BATCH])
        if not seals:
            break
        entries = AuditEntry.objects.in_bulk([s.entry_id for s in seals])
        for seal_ in seals:
            entry = entries.get(seal_.entry_id)
            if seal_.seq != expected_seq:
                return _broken(report, seal_.entry_id, (
                    "the entries numbered %(first)d to %(last)d before it are missing (they were removed)"
                    % {"first": expected_seq, "last": seal_.seq - 1}))
            if entry is None:
                return _broken(report, seal_.entry_id, "it was removed (its seal, number %d, remains)" % seal_.seq)
            if seal_.prev_hash != prev_hash:
                return _broken(report, entry.id, "it does not point to the entry before it "
                                                 "(an entry was removed or reordered)")
            if seal_.version == UNKEYED and keyed_seen:
                return _broken(report, entry.id, "it is sealed without the key although entries before it are "
                                                 "sealed with it (the chain was recomputed)")
            expected = seal_hash(version=seal_.version, seq=seal_.seq, prev_hash=prev_hash, entry=entry, key=key)
            if expected is None or not hmac.compare_digest(expected, seal_.hash):
                return _broken(report, entry.id, "its content does not match its hash (it was changed, or the "
                                                 "chain was recomputed without the key)")
            if seal_.seq in checkpoints and checkpoints.pop(seal_.seq) != seal_.hash:
                return _broken(report, entry.id, "it is not the entry a signed checkpoint recorded as number %d "
                                                 "(the trail was rewritten)" % seal_.seq)
            keyed_seen = keyed_seen or seal_.version == KEYED
            report.unkeyed += seal_.version == UNKEYED
            prev_hash, expected_seq, last_entry_id = seal_.hash, expected_seq + 1, entry.id
            report.checked += 1
    last_seq = expected_seq - 1
    if checkpoints:
        beyond = max(checkpoints)
        return _broken(report, None, "a signed checkpoint recorded %(seq)d entries, but the trail now ends at "
                                     "%(last)d (the newest entries were removed)" % {"seq": beyond, "last": last_seq})
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq, head.last_hash) != (last_seq, prev_hash) and head.seq >= last_seq:
        return _broken(report, None, "the newest entries were removed from the end of the trail")
    if report.checked and not keyed_seen:
        return _broken(report, last_entry_id, "no entry is sealed with the key (the chain was recomputed without it)")
    report.waiting = AuditEntry.objects.filter(seal__isnull=True).count()
    return report
