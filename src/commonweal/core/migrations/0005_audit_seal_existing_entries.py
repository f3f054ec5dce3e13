"""Existing entries keep their order and their hashes: each gets a seal numbered in id order, version 1
(plain SHA-256, as it was hashed). Then one entry saying that keyed hashes begin is sealed with AUDIT_KEY
(version 2). Its HMAC covers the last unkeyed hash, so rewriting any earlier entry breaks it, and
`commonweal audit verify` refuses an unkeyed seal after a keyed one, or a trail with no keyed seal at all.
Nothing is rehashed: any copy of an old hash someone kept still matches.
"""

from django.db import migrations
from django.utils import timezone

GENESIS = "0" * 64


def seal_existing(apps, schema_editor):
    from commonweal.core.audit_chain import KEYED, UNKEYED, keyed_hash

    AuditEntry = apps.get_model("core", "AuditEntry")
    AuditSeal = apps.get_model("core", "AuditSeal")
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    seq, last_hash, last_id, batch = 0, GENESIS, None, []
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        seq += 1
        batch.append(
            AuditSeal(
                seq=seq,
                entry_id=entry.id,
                prev_hash=entry.prev_hash,
                hash=entry.hash,
                version=UNKEYED,
            )
        )
        last_hash, last_id = entry.hash, entry.id
        if len(batch) == 2000:
            AuditSeal.objects.bulk_create(batch)
            batch = []
    AuditSeal.objects.bulk_create(batch)
    if seq:
        marker = AuditEntry(
            at=timezone.now(),
            actor_id=None,
            actor_label="system",
            action="keyed_hashes_begin",
            model="core.auditentry",
            object_id=str(last_id),
            object_repr="Audit trail",
            before=None,
            after={"unkeyed_entries": seq, "unkeyed_head": last_hash},
            reason="From here on each entry's hash is keyed with AUDIT_KEY, which is not in the database.",
            prev_hash=last_hash,
            hash="",
        )
        marker.save()
        seq += 1
        marker_hash = keyed_hash(seq=seq, prev_hash=last_hash, entry=marker)
        AuditSeal.objects.create(
            seq=seq, entry_id=marker.id, prev_hash=last_hash, hash=marker_hash, version=KEYED
        )
        last_hash = marker_hash
    AuditChainHead.objects.update_or_create(pk=1, defaults={"seq": seq, "last_hash": last_hash})


class Migration(migrations.Migration):
    dependencies = [("core", "0004_audit_seals_and_checkpoints")]
    operations = [migrations.RunPython(seal_existing, migrations.RunPython.noop)]
