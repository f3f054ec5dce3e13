"""An existing trail moves to seals: every entry keeps its order and its hash, and keyed hashes begin after it."""

import hashlib
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from commonweal.core import audit
from commonweal.core.models import AuditChainHead, AuditEntry, AuditSeal

BEFORE = [("core", "0003_audit_action_names_bulk_operations")]


def _old_hash(prev_hash: str, fields: dict) -> str:
    """How entries were hashed before: SHA-256 over the previous hash and the content, as canonical JSON."""
    content = {"prev_hash": prev_hash, **fields, "at": fields["at"].astimezone(UTC).isoformat()}
    return hashlib.sha256(
        json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_existing_entries_keep_their_order_and_hashes_and_keyed_hashes_begin_after_them():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    _migrate(BEFORE)
    try:
        old_apps = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        OldEntry = old_apps.get_model("core", "AuditEntry")
        prev, hashes = "0" * 64, []
        start = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
        for number in range(3):
            fields = {
                "at": start + timedelta(minutes=number),
                "actor_id": None,
                "actor_label": "system",
                "action": "create",
                "model": "places.place",
                "object_id": str(number + 1),
                "object_repr": f"Place {number}",
                "before": None,
                "after": {"name": f"Place {number}"},
                "reason": "Loaded",
            }
            digest = _old_hash(prev, fields)
            OldEntry.objects.create(prev_hash=prev, hash=digest, **fields)
            hashes.append(digest)
            prev = digest
        old_apps.get_model("core", "AuditChainHead").objects.update_or_create(
            pk=1, defaults={"last_hash": prev}
        )
    finally:
        _migrate(latest)

    seals = list(AuditSeal.objects.order_by("seq"))
    assert [s.seq for s in seals] == [1, 2, 3, 4]
    assert [s.hash for s in seals[:3]] == hashes and [s.version for s in seals] == [1, 1, 1, 2]
    marker = AuditEntry.objects.get(pk=seals[3].entry_id)
    assert marker.action == "keyed_hashes_begin" and marker.after == {
        "unkeyed_entries": 3,
        "unkeyed_head": prev,
    }
    assert seals[3].prev_hash == prev
    head = AuditChainHead.objects.get(pk=1)
    assert (head.seq, head.last_hash) == (4, seals[3].hash)
    report = audit.verify_chain()
    assert report.intact and report.checked == 4 and report.unkeyed == 3

    # An old entry rewritten, and the old part of the chain recomputed as it used to be hashed: the keyed
    # entry after it no longer matches.
    first = AuditEntry.objects.get(pk=seals[0].entry_id)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER USER")
            cursor.execute("ALTER TABLE core_auditseal DISABLE TRIGGER USER")
        cursor.execute("UPDATE core_auditentry SET reason = 'Rewritten' WHERE id = %s", [first.pk])
        prev = "0" * 64
        for seal in seals[:3]:
            entry = AuditEntry.objects.get(pk=seal.entry_id)
            fields = {
                name: getattr(entry, name)
                for name in (
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
            }
            digest = _old_hash(prev, fields)
            cursor.execute(
                "UPDATE core_auditseal SET prev_hash = %s, hash = %s WHERE seq = %s",
                [prev, digest, seal.seq],
            )
            prev = digest
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER USER")
            cursor.execute("ALTER TABLE core_auditseal ENABLE TRIGGER USER")
    report = audit.verify_chain()
    assert not report.intact and report.first_broken_id == marker.pk
