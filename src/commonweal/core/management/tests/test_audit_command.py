"""`commonweal audit verify` says whether the audit trail is intact, and where it broke."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from commonweal.core import audit
from commonweal.core.models import AuditEntry, AuditSeal
from commonweal.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def verify() -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
    except SystemExit as stop:
        return stop.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def _tamper(sql: str, params: list) -> None:
    """Change the table behind the application's back, as someone with database access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER USER")
            cursor.execute("ALTER TABLE core_auditseal DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER USER")
            cursor.execute("ALTER TABLE core_auditseal ENABLE TRIGGER USER")


def _sealed_trail(organisations: int) -> None:
    for _ in range(organisations):
        OrganisationFactory()
    audit.seal()  # as the site does just after each change


def test_an_intact_trail_is_reported_with_the_number_of_entries():
    _sealed_trail(3)
    code, out, _err = verify()
    assert code == 0
    assert out.splitlines() == [
        f"Audit trail intact: {AuditEntry.objects.count()} entries checked.",
        "1 signed checkpoint matches it.",
    ]


def test_a_changed_entry_is_named_with_how_many_entries_before_it_are_intact():
    _sealed_trail(3)
    entries = list(AuditEntry.objects.order_by("id"))
    target = entries[1]
    _tamper("UPDATE core_auditentry SET reason = %s WHERE id = %s", ["nothing to see", target.pk])
    code, _out, err = verify()
    assert code == 1
    assert err.strip() == (
        f"Audit trail broken at entry #{target.pk}: its content does not match its hash (it was changed, or the "
        "chain was recomputed without the key). 1 entry before it is intact."
    )


def test_entries_removed_from_the_end_are_reported():
    _sealed_trail(3)
    last = AuditSeal.objects.order_by("-seq").first()
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [last.entry_id])
    _tamper("DELETE FROM core_auditseal WHERE seq = %s", [last.seq])
    code, _out, err = verify()
    assert code == 1
    assert (
        "Audit trail broken after its last entry" in err
        and "the newest entries were removed" in err
    )
    assert f"{AuditEntry.objects.count()} entries before it are intact" in err


def test_audit_needs_an_action():
    with pytest.raises(CommandError):
        call_command("audit", stdout=StringIO(), stderr=StringIO())
