"""Signed checkpoints of the audit trail: the head (how many entries, the newest hash) at a moment, signed.

Published at /audit/checkpoints/ and /api/audit/checkpoints/ for anyone to
keep. Someone who can rewrite the database cannot make a rewritten trail match
a checkpoint kept elsewhere, because the signing key is not in the database.
``commonweal audit verify --checkpoint FILE`` checks the live trail against one.

The signed text is four lines, so that any Ed25519 tool can check it:
the trail's name, the number of entries, the newest entry's hash, the time.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from commonweal.core import audit_chain, audit_keys

DEFAULT_ORIGIN = "Commonweal audit trail"


def origin() -> str:
    return settings.AUDIT_ORIGIN or DEFAULT_ORIGIN


def signed_text(*, origin: str, seq: int, head_hash: str, at: datetime) -> bytes:
    return f"{origin}\n{seq}\n{head_hash}\n{_time(at)}\n".encode()


def _time(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def checkpoint_record(*, seq: int, head_hash: str):
    """Sign and store a checkpoint of the head given (the caller holds the head's lock or read it just now)."""
    from django.db import connection

    from commonweal.core.models import AuditCheckpoint

    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:  # a checkpoint is published: it waits for the disk
            cursor.execute("SET LOCAL synchronous_commit = on")
    at = timezone.now()
    name = origin()
    return AuditCheckpoint.objects.create(
        seq=seq,
        head_hash=head_hash,
        at=at,
        origin=name,
        key_id=audit_keys.key_id(),
        signature=audit_keys.sign(signed_text(origin=name, seq=seq, head_hash=head_hash, at=at)),
    )


def checkpoint_if_due(*, seq: int, head_hash: str):
    """From the sealer: a checkpoint when the newest is older than AUDIT_CHECKPOINT_SECONDS (or there is none)."""
    from commonweal.core.models import AuditCheckpoint

    if seq == 0:
        return None
    newest = AuditCheckpoint.objects.order_by("-seq", "-id").values_list("seq", "at").first()
    if newest is not None and (
        newest[0] >= seq
        or timezone.now() - newest[1] < timedelta(seconds=settings.AUDIT_CHECKPOINT_SECONDS)
    ):
        return None
    return checkpoint_record(seq=seq, head_hash=head_hash)


def checkpoint_now():
    """Seal what is waiting, then sign a checkpoint of the head; (checkpoint, False) if the newest already has it."""
    from django.db import transaction

    from commonweal.core.models import AuditCheckpoint

    audit_chain.seal(wait=True)
    with transaction.atomic():
        head = audit_chain._lock_head(wait=True)
        newest = AuditCheckpoint.objects.order_by("-seq", "-id").first()
        if head.seq == 0:
            return None, False
        if newest is not None and newest.seq == head.seq and newest.head_hash == head.last_hash:
            return newest, False
        return checkpoint_record(seq=head.seq, head_hash=head.last_hash), True


def as_dict(checkpoint) -> dict:
    """A checkpoint as the API gives it and as `audit verify --checkpoint` reads it."""
    return {
        "seq": checkpoint.seq,
        "hash": checkpoint.head_hash,
        "at": _time(checkpoint.at),
        "origin": checkpoint.origin,
        "key_id": checkpoint.key_id,
        "signature": checkpoint.signature,
        "signed_text": signed_text(
            origin=checkpoint.origin,
            seq=checkpoint.seq,
            head_hash=checkpoint.head_hash,
            at=checkpoint.at,
        ).decode(),
    }


# --- checking ----------------------------------------------------------------


def _parse(data) -> tuple[int, str, datetime, str, str] | str:
    if not isinstance(data, dict):
        return "it is not a checkpoint (a JSON object with seq, hash, at, origin and signature)"
    missing = [name for name in ("seq", "hash", "at", "origin", "signature") if name not in data]
    if missing:
        return "it has no %s" % ", ".join(missing)
    seq, head_hash, at = data["seq"], data["hash"], parse_datetime(str(data["at"]))
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        return "its seq is not a whole number, 1 or more"
    if not isinstance(head_hash, str) or len(head_hash) != 64:
        return "its hash is not 64 hexadecimal digits"
    if at is None:
        return "its time is not a date and time"
    return seq, head_hash, at, str(data["origin"]), str(data["signature"])


def saved_checkpoints(data) -> list:
    """The checkpoints in a saved file: one checkpoint, a list of them, or a page of /api/audit/checkpoints/."""
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return data["results"]
    if isinstance(data, list):
        return data
    return [data]


def verify_against(data) -> audit_chain.ChainReport:
    """Check saved checkpoints: each one's signature and that the trail still holds its head, then the chain
    on from the oldest of them."""
    saved = saved_checkpoints(data)
    if not saved:
        return audit_chain.ChainReport(problem="the file holds no checkpoint")
    heads = []
    for item in saved:
        head = _saved_head(item)
        if isinstance(head, audit_chain.ChainReport):
            return head
        heads.append(head)
    seq, head_hash = min(heads)
    report = audit_chain.verify_chain(start_seq=seq, start_hash=head_hash)
    report.checkpoints_checked = len(heads)
    return report


def _saved_head(data) -> tuple[int, str] | audit_chain.ChainReport:
    """One saved checkpoint's (seq, hash) once its signature is good and the trail still holds that head;
    otherwise the report of what is wrong."""
    from commonweal.core.models import AuditSeal

    parsed = _parse(data)
    if isinstance(parsed, str):
        return audit_chain.ChainReport(problem="the checkpoint cannot be read: " + parsed)
    seq, head_hash, at, name, signature = parsed
    if not audit_keys.signature_valid(
        signed_text(origin=name, seq=seq, head_hash=head_hash, at=at), signature
    ):
        return audit_chain.ChainReport(
            problem="the checkpoint's signature is not valid: it was changed, or it was "
            "not signed with this site's key"
        )
    seal = AuditSeal.objects.filter(seq=seq).first()
    if seal is None:
        last = AuditSeal.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        return audit_chain.ChainReport(
            problem="the checkpoint recorded %(seq)d entries, but the trail now ends at "
            "%(last)d (entries were removed)" % {"seq": seq, "last": last}
        )
    if seal.hash != head_hash:
        return audit_chain.ChainReport(
            first_broken_id=seal.entry_id,
            problem=(
                "it is not the entry the checkpoint recorded as number %d (the trail was rewritten)"
                % seq
            ),
        )
    return seq, head_hash


def verify_all() -> audit_chain.ChainReport:
    """The whole trail, and every stored checkpoint signed with this site's key still matching it."""
    from commonweal.core.models import AuditCheckpoint

    current_key = audit_keys.key_id()
    recorded: dict[int, str] = {}
    other_keys = 0
    for checkpoint in AuditCheckpoint.objects.order_by("seq").iterator(chunk_size=2000):
        if checkpoint.key_id != current_key:
            other_keys += 1
            continue
        text = signed_text(
            origin=checkpoint.origin,
            seq=checkpoint.seq,
            head_hash=checkpoint.head_hash,
            at=checkpoint.at,
        )
        if not audit_keys.signature_valid(text, checkpoint.signature):
            return audit_chain.ChainReport(
                problem="checkpoint %d's signature is not valid (it was forged or "
                "changed)" % checkpoint.seq
            )
        if recorded.get(checkpoint.seq, checkpoint.head_hash) != checkpoint.head_hash:
            return audit_chain.ChainReport(
                problem="two signed checkpoints disagree about entry %d" % checkpoint.seq
            )
        recorded[checkpoint.seq] = checkpoint.head_hash
    report = audit_chain.verify_chain(checkpoints=recorded)
    report.checkpoints_checked = len(recorded)
    if other_keys:
        report.notes.append("%d checkpoints signed with another key were not checked" % other_keys)
    return report


# --- reading, for the public page and the API ------------------------------------


def checkpoint_list():
    """Every checkpoint, newest first: public, for anyone to keep."""
    from commonweal.core.models import AuditCheckpoint

    return AuditCheckpoint.objects.order_by("-seq", "-id")


def published_key() -> dict:
    """The public key that checks this site's checkpoints, as base64 (32 bytes), PEM and its short id."""
    return {
        "key_id": audit_keys.key_id(),
        "public_key": audit_keys.public_key_base64(),
        "public_key_pem": audit_keys.public_key_pem(),
    }
