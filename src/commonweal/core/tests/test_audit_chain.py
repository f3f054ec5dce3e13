"""The sealed, keyed chain: writers append without a shared lock, and each way of rewriting the trail with
database access is caught by `commonweal audit verify` (which says so plainly and exits 1)."""

import base64
import hashlib
import hmac
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError, OperationalError, connection, transaction

from commonweal.core import audit, audit_chain, audit_checkpoints
from commonweal.core.models import (
    AuditChainHead,
    AuditCheckpoint,
    AuditEntry,
    AuditSeal,
    PendingSeal,
)
from commonweal.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="a PostgreSQL guard")

AUDIT_TABLES = ("core_auditentry", "core_auditseal", "core_auditchainhead", "core_auditcheckpoint")


def tamper(*statements) -> None:
    """Run SQL behind the application's back, as someone who owns the database could (triggers switched off)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in AUDIT_TABLES:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        for sql, params in statements:
            cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            for table in AUDIT_TABLES:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def verify(*args) -> tuple[int, str]:
    """`commonweal audit verify` as an operator runs it: its exit status and what it printed."""
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", "verify", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


def sealed_trail(organisations: int = 3) -> list[AuditSeal]:
    for _ in range(organisations):
        OrganisationFactory()
    audit.seal()
    return list(AuditSeal.objects.order_by("seq"))


def save_checkpoint(tmp_path) -> str:
    checkpoint, _made = audit_checkpoints.checkpoint_now()
    path = tmp_path / "checkpoint.json"
    path.write_text(json.dumps(audit_checkpoints.as_dict(checkpoint)))
    return str(path)


def recompute_from(seq: int, hash_of, version: int | None = None) -> None:
    """Rewrite every seal from ``seq`` on with ``hash_of(seq, prev_hash, entry)``, and the head, as an attacker could."""
    seals = list(AuditSeal.objects.filter(seq__gte=seq).order_by("seq"))
    prev = AuditSeal.objects.get(seq=seq - 1).hash if seq > 1 else audit_chain.GENESIS_HASH
    statements = []
    for seal in seals:
        entry = AuditEntry.objects.get(pk=seal.entry_id)
        digest = hash_of(seal.seq, prev, entry)
        statements.append(
            (
                "UPDATE core_auditseal SET prev_hash = %s, hash = %s, version = %s WHERE seq = %s",
                [prev, digest, version or seal.version, seal.seq],
            )
        )
        prev = digest
    statements.append(("UPDATE core_auditchainhead SET last_hash = %s", [prev]))
    tamper(*statements)


# --- appending and sealing ---------------------------------------------------------


def test_appending_only_queues_the_entry_and_sealing_chains_it_in_order():
    head_before = AuditChainHead.objects.get(pk=1)
    OrganisationFactory()
    OrganisationFactory()
    waiting = list(PendingSeal.objects.order_by("entry_id").values_list("entry_id", flat=True))
    assert len(waiting) == 2 and not AuditSeal.objects.filter(entry_id__in=waiting).exists()
    assert (
        AuditChainHead.objects.get(pk=1).seq == head_before.seq
    )  # the writer never touched the head

    assert audit.seal() == 2
    seals = list(AuditSeal.objects.filter(entry_id__in=waiting).order_by("seq"))
    assert [s.entry_id for s in seals] == waiting
    assert [s.seq for s in seals] == [head_before.seq + 1, head_before.seq + 2]
    assert seals[0].prev_hash == head_before.last_hash and seals[1].prev_hash == seals[0].hash
    assert not PendingSeal.objects.exists()
    head = AuditChainHead.objects.get(pk=1)
    assert (head.seq, head.last_hash) == (seals[1].seq, seals[1].hash)
    report = audit.verify_chain()
    assert report.intact and report.checked == AuditSeal.objects.count() and report.waiting == 0


def test_each_hash_is_an_hmac_with_the_key_from_the_settings(settings):
    settings.AUDIT_KEY = "a-key-for-this-test-only"
    OrganisationFactory()
    audit.seal()
    seal = AuditSeal.objects.order_by("-seq").first()
    entry = AuditEntry.objects.get(pk=seal.entry_id)
    content = {
        "v": 2,
        "seq": seal.seq,
        "prev_hash": seal.prev_hash,
        "entry_id": entry.id,
        "at": entry.at.isoformat(),
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
    message = json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()
    assert seal.hash == hmac.new(b"a-key-for-this-test-only", message, hashlib.sha256).hexdigest()
    assert seal.hash != hashlib.sha256(message).hexdigest()


def test_a_change_is_sealed_as_soon_as_its_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        org = OrganisationFactory()
    entry = AuditEntry.objects.filter(
        model="organisations.organisation", object_id=str(org.pk)
    ).get()
    assert AuditSeal.objects.filter(entry_id=entry.pk).exists()
    assert not PendingSeal.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_as_deployed_the_processs_sealer_thread_seals_what_writers_commit(settings):
    """AUDIT_SEAL_AFTER_COMMIT=background: the writer only wakes the sealer thread, which chains the entries."""
    import time

    settings.AUDIT_SEAL_AFTER_COMMIT = "background"
    for _ in range(3):
        with transaction.atomic():
            OrganisationFactory()
    deadline = time.monotonic() + 30  # waiting for the thread, not timing it

    def read(query):
        # The suite's SQLite database is in memory with a shared cache, where a read made while the sealer
        # thread writes fails at once with "table is locked" instead of waiting as a file database does
        # (busy_timeout): ask again until the thread has finished its write.
        while True:
            try:
                return query()
            except OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    while read(PendingSeal.objects.exists) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not read(PendingSeal.objects.exists)
    assert audit_chain._sealer is not None and audit_chain._sealer.name == "audit-sealer"
    report = read(audit.verify_chain)
    assert report.intact and report.checked == read(AuditEntry.objects.count) >= 3
    audit_chain.release_sealer_connection()  # so that the test database can be emptied and dropped


def test_unsealed_entries_are_shown_in_a_records_history():
    org = OrganisationFactory()
    assert [e.action for e in audit.history_for(org)] == ["create"]
    assert not AuditSeal.objects.exists()


def test_a_stray_row_in_the_queue_does_not_stop_the_sealer():
    seals = sealed_trail(1)
    PendingSeal.objects.create(entry_id=seals[-1].entry_id)  # already sealed
    PendingSeal.objects.create(entry_id=10**9)  # no such entry
    OrganisationFactory()
    assert audit.seal() == 3
    assert audit.verify_chain().intact and not PendingSeal.objects.exists()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_writer_never_waits_for_the_sealer_or_another_writer():
    """Before, every audited write locked one row until it committed. Now one may hold the head and others go on."""
    import threading

    from django.db import connections

    holding, release = threading.Event(), threading.Event()
    AuditChainHead.objects.get_or_create(
        pk=1, defaults={"last_hash": audit_chain.GENESIS_HASH}
    )  # after a flush

    def sealer_holding_the_lock():
        with transaction.atomic():
            AuditChainHead.objects.select_for_update().get(pk=1)
            holding.set()
            release.wait(30)
        connections.close_all()

    thread = threading.Thread(target=sealer_holding_the_lock)
    thread.start()
    try:
        assert holding.wait(30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '1s'")  # a wait for the lock would fail, not hang
        with transaction.atomic():
            OrganisationFactory()
        entry = AuditEntry.objects.order_by("-id").first()
        assert PendingSeal.objects.filter(
            entry_id=entry.pk
        ).exists()  # its sealing is left to the holder
    finally:
        release.set()
        thread.join()
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
    assert audit.seal() >= 1
    assert audit.verify_chain().intact


# --- attacks ---------------------------------------------------------------------


def test_a_changed_entry_is_found():
    seals = sealed_trail()
    target = seals[1]
    tamper(
        (
            "UPDATE core_auditentry SET reason = %s WHERE id = %s",
            ["nothing to see", target.entry_id],
        )
    )
    status, said = verify()
    assert status == 1
    assert (
        f"Audit trail broken at entry #{target.entry_id}: its content does not match its hash"
        in said
    )


def test_a_removed_entry_is_found_whether_or_not_its_seal_goes_too():
    seals = sealed_trail(4)
    tamper(("DELETE FROM core_auditentry WHERE id = %s", [seals[1].entry_id]))
    status, said = verify()
    assert status == 1 and f"entry #{seals[1].entry_id}: it was removed" in said

    tamper(("DELETE FROM core_auditseal WHERE seq = %s", [seals[1].seq]))
    report = audit.verify_chain()
    assert (
        report.first_broken_id == seals[2].entry_id
        and "missing (they were removed)" in report.problem
    )


def test_the_chain_recomputed_without_the_key_is_found():
    seals = sealed_trail(4)
    tamper(
        ("UPDATE core_auditentry SET reason = %s WHERE id = %s", ["rewritten", seals[2].entry_id])
    )
    # The attacker knows the code but not AUDIT_KEY: a plain SHA-256 ...
    recompute_from(
        seals[2].seq,
        lambda seq, prev, entry: audit_chain.unkeyed_hash(prev_hash=prev, entry=entry),
        version=1,
    )
    status, said = verify()
    assert status == 1
    assert (
        f"entry #{seals[2].entry_id}: it is sealed without the key although entries before it are sealed with it"
        in said
    )
    # ... or an HMAC with a key of their own.
    recompute_from(
        seals[2].seq,
        lambda seq, prev, entry: audit_chain.keyed_hash(
            seq=seq, prev_hash=prev, entry=entry, key=b"a guess"
        ),
        version=2,
    )
    status, said = verify()
    assert (
        status == 1 and f"entry #{seals[2].entry_id}: its content does not match its hash" in said
    )


def test_the_whole_chain_recomputed_without_the_key_is_found():
    seals = sealed_trail(3)
    tamper(
        ("DELETE FROM core_auditcheckpoint", [])
    )  # they would not leave a signed checkpoint to betray them
    recompute_from(
        1, lambda seq, prev, entry: audit_chain.unkeyed_hash(prev_hash=prev, entry=entry), version=1
    )
    status, said = verify()
    assert (
        status == 1
        and "no entry is sealed with the key (the chain was recomputed without it)" in said
    )
    assert seals


def test_the_last_entries_removed_and_the_head_reset_are_found_by_a_saved_checkpoint(tmp_path):
    sealed_trail(3)
    saved = save_checkpoint(tmp_path)
    assert verify("--checkpoint", saved)[0] == 0
    last_two = list(AuditSeal.objects.order_by("-seq")[:2])
    kept = AuditSeal.objects.order_by("-seq")[2]
    tamper(
        (
            "DELETE FROM core_auditentry WHERE id IN (%s, %s)",
            [last_two[0].entry_id, last_two[1].entry_id],
        ),
        ("DELETE FROM core_auditseal WHERE seq IN (%s, %s)", [last_two[0].seq, last_two[1].seq]),
        ("DELETE FROM core_auditcheckpoint", []),
        ("UPDATE core_auditchainhead SET seq = %s, last_hash = %s", [kept.seq, kept.hash]),
    )
    assert (
        audit.verify_chain().intact
    )  # what is left is a consistent trail: only the checkpoint knows better
    status, said = verify("--checkpoint", saved)
    assert status == 1
    assert (
        f"Audit trail does not match the checkpoint: the checkpoint recorded {last_two[0].seq} entries, but the "
        f"trail now ends at {kept.seq} (entries were removed)."
    ) in said


def test_the_last_entries_removed_are_found_by_the_checkpoints_stored_with_the_trail():
    sealed_trail(3)
    checkpoint, _made = audit_checkpoints.checkpoint_now()
    kept = AuditSeal.objects.get(seq=checkpoint.seq - 1)
    tamper(
        ("DELETE FROM core_auditseal WHERE seq = %s", [checkpoint.seq]),
        ("UPDATE core_auditchainhead SET seq = %s, last_hash = %s", [kept.seq, kept.hash]),
    )
    status, said = verify()
    assert status == 1
    assert (
        f"a signed checkpoint recorded {checkpoint.seq} entries, but the trail now ends at {kept.seq}"
        in said
    )


def test_an_emptied_trail_is_found_by_a_saved_checkpoint(tmp_path):
    sealed_trail(2)
    saved = save_checkpoint(tmp_path)
    # TRUNCATE where the database allows it (the trigger refuses it on PostgreSQL: switched off here).
    emptied = "TRUNCATE {}" if connection.vendor == "postgresql" else "DELETE FROM {}"
    tamper(
        *[
            (emptied.format(table), [])
            for table in ("core_auditentry", "core_auditseal", "core_auditcheckpoint")
        ],
        ("UPDATE core_auditchainhead SET seq = 0, last_hash = %s", [audit_chain.GENESIS_HASH]),
    )
    status, said = verify("--checkpoint", saved)
    assert status == 1 and "but the trail now ends at 0 (entries were removed)" in said


def test_a_rewritten_trail_does_not_match_a_saved_checkpoint(tmp_path):
    seals = sealed_trail(2)
    saved = save_checkpoint(tmp_path)
    head = AuditChainHead.objects.get(pk=1)
    tamper(("UPDATE core_auditseal SET hash = %s WHERE seq = %s", ["f" * 64, head.seq]))
    status, said = verify("--checkpoint", saved)
    assert (
        status == 1 and f"it is not the entry the checkpoint recorded as number {head.seq}" in said
    )
    assert seals


def test_a_checkpoint_changed_or_signed_with_another_key_is_refused(tmp_path, settings):
    sealed_trail(1)
    saved = save_checkpoint(tmp_path)
    data = json.loads(Path(saved).read_text())
    data["hash"] = "0" * 64
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data))
    status, said = verify("--checkpoint", str(changed))
    assert status == 1 and "the checkpoint's signature is not valid" in said

    settings.AUDIT_SIGNING_KEY = (
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="  # another site's key
    )
    status, said = verify("--checkpoint", saved)
    assert status == 1 and "not signed with this site's key" in said


def test_the_api_page_saved_whole_is_checked_checkpoint_by_checkpoint(tmp_path, client):
    """People save /api/audit/checkpoints/ as it comes: every checkpoint in it is checked."""
    sealed_trail(2)
    audit_checkpoints.checkpoint_now()
    sealed_trail(2)
    audit_checkpoints.checkpoint_now()
    page = client.get("/api/audit/checkpoints/").json()
    assert page["count"] == 2
    saved = tmp_path / "checkpoints.json"
    saved.write_text(json.dumps(page))
    status, said = verify("--checkpoint", str(saved))
    assert status == 0 and "Audit trail intact and matches the checkpoint" in said

    newest = AuditSeal.objects.order_by("-seq").first()
    kept = AuditSeal.objects.get(seq=newest.seq - 1)
    tamper(
        ("DELETE FROM core_auditseal WHERE seq = %s", [newest.seq]),
        ("DELETE FROM core_auditcheckpoint", []),
        ("UPDATE core_auditchainhead SET seq = %s, last_hash = %s", [kept.seq, kept.hash]),
    )
    status, said = verify("--checkpoint", str(saved))
    assert status == 1
    assert said.strip().endswith(
        f"the checkpoint recorded {newest.seq} entries, but the trail now ends at "
        f"{kept.seq} (entries were removed)."
    )  # no made-up count of intact entries


def test_an_empty_list_of_checkpoints_is_explained(tmp_path):
    path = tmp_path / "empty.json"
    path.write_text(json.dumps({"count": 0, "results": []}))
    status, said = verify("--checkpoint", str(path))
    assert status == 1 and "the file holds no checkpoint" in said


def test_a_file_that_is_not_a_checkpoint_is_explained(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not json")
    with pytest.raises(Exception, match="is not a checkpoint"):
        call_command("audit", "verify", "--checkpoint", str(path))
    path.write_text(json.dumps({"seq": "ten"}))
    status, said = verify("--checkpoint", str(path))
    assert (
        status == 1
        and "the checkpoint cannot be read: it has no hash, at, origin, signature" in said
    )


def test_entries_sealed_before_keyed_hashes_still_verify_and_are_still_protected():
    """As the migration leaves an existing trail: version 1 seals (plain SHA-256), then keyed ones."""
    for _ in range(3):
        OrganisationFactory()
    entries = list(AuditEntry.objects.order_by("id"))
    prev, seals = audit_chain.GENESIS_HASH, []
    for seq, entry in enumerate(entries[:2], start=1):
        digest = audit_chain.unkeyed_hash(prev_hash=prev, entry=entry)
        seals.append(AuditSeal(seq=seq, entry_id=entry.id, prev_hash=prev, hash=digest, version=1))
        prev = digest
    AuditSeal.objects.bulk_create(seals)
    PendingSeal.objects.filter(entry_id__in=[e.id for e in entries[:2]]).delete()
    tamper(("UPDATE core_auditchainhead SET seq = 2, last_hash = %s", [prev]))
    audit.seal()
    report = audit.verify_chain()
    assert report.intact and report.unkeyed == 2 and report.checked == 3

    tamper(("UPDATE core_auditentry SET reason = %s WHERE id = %s", ["rewritten", entries[0].id]))
    recompute_from(
        1,
        lambda seq, prev, entry: (
            audit_chain.unkeyed_hash(prev_hash=prev, entry=entry)
            if seq <= 2
            else AuditSeal.objects.get(seq=seq).hash
        ),
    )
    report = audit.verify_chain()
    assert not report.intact and report.first_broken_id == entries[2].id


# --- what the database itself refuses (PostgreSQL) ----------------------------------


@on_postgresql
@pytest.mark.parametrize("table", AUDIT_TABLES)
def test_postgresql_refuses_truncate_of_the_trail(table):
    sealed_trail(1)
    audit_checkpoints.checkpoint_now()
    with (
        pytest.raises(DatabaseError, match="cannot be truncated"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "SET LOCAL commonweal.audit_truncate = ''"
        )  # as any session but the suite's flush
        cursor.execute(f"TRUNCATE {table} CASCADE")
    assert AuditEntry.objects.exists() and AuditSeal.objects.exists()


@on_postgresql
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditseal SET hash = 'x'",
        "DELETE FROM core_auditseal",
        "UPDATE core_auditcheckpoint SET head_hash = 'x'",
        "DELETE FROM core_auditcheckpoint",
        "UPDATE core_auditchainhead SET seq = 0",
        "DELETE FROM core_auditchainhead",
        "UPDATE core_auditentry SET reason = 'x'",
    ],
)
def test_postgresql_refuses_changes_to_seals_checkpoints_and_the_head(sql):
    sealed_trail(1)
    audit_checkpoints.checkpoint_now()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)


def test_seals_and_checkpoints_cannot_be_changed_through_the_application():
    from commonweal.core.models import AppendOnlyError

    sealed_trail(1)
    checkpoint, _made = audit_checkpoints.checkpoint_now()
    seal = AuditSeal.objects.first()
    for record in (seal, checkpoint):
        with pytest.raises(AppendOnlyError):
            record.save()
        with pytest.raises(AppendOnlyError):
            record.delete()
        with pytest.raises(AppendOnlyError):
            type(record).objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditSeal.objects.update(hash="x")
    with pytest.raises(AppendOnlyError):
        AuditCheckpoint.objects.update(head_hash="x")


# --- the command's words -------------------------------------------------------------


def test_verify_says_the_trail_is_intact_in_plain_words():
    sealed_trail(2)
    audit_checkpoints.checkpoint_now()
    OrganisationFactory()  # not sealed yet
    status, said = verify()
    count = AuditSeal.objects.count()
    assert status == 0
    assert said.splitlines() == [
        f"Audit trail intact: {count} entries checked.",
        "1 signed checkpoint matches it.",
        "1 newer entry is waiting to be sealed.",
    ]


def test_seal_and_checkpoint_commands(settings):
    settings.AUDIT_CHECKPOINT_SECONDS = 3600
    sealed_trail(1)  # and its first checkpoint
    OrganisationFactory()
    out = StringIO()
    call_command("audit", "seal", stdout=out)
    assert out.getvalue().strip() == "Sealed 1 entry."
    out = StringIO()
    call_command("audit", "checkpoint", stdout=out)
    head = AuditChainHead.objects.get(pk=1)
    assert (
        out.getvalue().strip()
        == f"Checkpoint signed: {head.seq} entries, newest hash {head.last_hash}."
    )
    out = StringIO()
    call_command("audit", "checkpoint", stdout=out)
    assert out.getvalue().strip() == "Nothing new since the last checkpoint."


def test_the_sealer_signs_a_checkpoint_when_the_newest_is_older_than_the_setting(settings):
    settings.AUDIT_CHECKPOINT_SECONDS = 3600
    sealed_trail(1)
    assert AuditCheckpoint.objects.count() == 1  # none yet: one now
    sealed_trail(1)
    assert AuditCheckpoint.objects.count() == 1  # the newest is recent
    settings.AUDIT_CHECKPOINT_SECONDS = 0
    sealed_trail(1)
    assert AuditCheckpoint.objects.count() == 2
    newest = AuditCheckpoint.objects.order_by("-seq").first()
    head = AuditChainHead.objects.get(pk=1)
    assert (newest.seq, newest.head_hash) == (head.seq, head.last_hash)


# --- the application's database role (PostgreSQL) -----------------------------------


@on_postgresql
def test_the_documented_role_writes_and_seals_but_cannot_rewrite_the_trail():
    """Connected as the role `commonweal audit grants` describes, the site works and the trail cannot be rewritten."""
    out = StringIO()
    call_command("audit", "grants", "cw_test_app_role", stdout=out)
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE cw_test_app_role")  # undone with the test's transaction
        cursor.execute(out.getvalue())
        cursor.execute("SET ROLE cw_test_app_role")
    try:
        OrganisationFactory()
        audit.seal()
        audit_checkpoints.checkpoint_now()
        assert audit.verify_chain().intact and AuditSeal.objects.exists()
        for attack in (
            "DELETE FROM core_auditentry",
            "DELETE FROM core_auditseal",
            "TRUNCATE core_auditentry",
            "TRUNCATE core_auditseal",
            "UPDATE core_auditentry SET reason = 'x'",
            "UPDATE core_auditseal SET hash = 'x'",
            "DELETE FROM core_auditcheckpoint",
            "ALTER TABLE core_auditentry DISABLE TRIGGER USER",
            "ALTER TABLE core_auditchainhead DISABLE TRIGGER USER",
        ):
            with (
                pytest.raises(DatabaseError, match="permission denied|must be owner"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(attack)
        with (
            pytest.raises(DatabaseError, match="only moves forward"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("UPDATE core_auditchainhead SET seq = 0")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


def test_grants_refuse_a_name_that_is_not_a_role():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="is not a role name"):
        call_command("audit", "grants", "app; DROP TABLE core_auditentry", stdout=StringIO())


# --- the keys' settings ---------------------------------------------------------------


def test_a_signing_key_that_cannot_be_read_is_named_by_the_checks(settings):
    from django.core import checks

    settings.AUDIT_SIGNING_KEY = "not a key"
    messages = checks.run_checks()
    assert any(
        m.id == "commonweal.E101" and "AUDIT_SIGNING_KEY is not an Ed25519 private key" in m.msg
        for m in messages
    )


def test_a_pem_signing_key_signs_checkpoints_that_its_public_key_checks(settings):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    settings.AUDIT_SIGNING_KEY = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    sealed_trail(1)
    checkpoint, _made = audit_checkpoints.checkpoint_now()
    data = audit_checkpoints.as_dict(checkpoint)
    private.public_key().verify(base64.b64decode(data["signature"]), data["signed_text"].encode())


def test_derived_keys_are_a_warning_outside_the_demo(settings):
    from commonweal.core.audit_keys import check_audit_keys

    settings.DEMO_MODE = False
    assert [m.id for m in check_audit_keys()] == ["commonweal.W101"]
    settings.DEMO_MODE = True
    assert check_audit_keys() == []
