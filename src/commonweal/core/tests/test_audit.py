"""The audit trail records every change with who, when and what, and detects tampering."""

import pytest
from django.db import connection

from commonweal.core import audit
from commonweal.core.models import AppendOnlyError, AuditEntry
from commonweal.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_create_change_and_delete_are_recorded_with_who_and_why():
    officer = UserFactory(full_name="Asha Patel", email="asha@example.org")
    with audit.audit_context(actor=officer, reason="Annual accounts filed"):
        org = OrganisationFactory(name="Riverside Food Bank", headcount=12)
        org.headcount = 15
        org.save()
        org_id = org.pk
        org.delete()

    entries = list(AuditEntry.objects.filter(model="organisations.organisation", object_id=str(org_id)))
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert all(e.actor_id == officer.pk and e.actor_label == "Asha Patel <asha@example.org>" for e in entries)
    assert all(e.reason == "Annual accounts filed" for e in entries)
    assert entries[0].before is None and entries[0].after["name"] == "Riverside Food Bank"
    assert ("headcount", 12, 15) in entries[1].changed_fields()
    assert entries[2].after is None and entries[2].before["headcount"] == 15


def test_saving_without_a_change_records_nothing():
    org = OrganisationFactory()
    count = AuditEntry.objects.count()
    org.save()
    assert AuditEntry.objects.count() == count


def test_secrets_are_left_out_of_the_trail():
    user = UserFactory()
    entry = AuditEntry.objects.filter(model="accounts.user", object_id=str(user.pk)).last()
    assert "password" not in entry.after
    assert entry.after["email"] == user.email


def test_many_to_many_changes_are_recorded():
    from commonweal.testing.factories import WardFactory

    org = OrganisationFactory()
    ward = WardFactory()
    org.places_served.add(ward)
    entry = AuditEntry.objects.filter(model="organisations.organisation", object_id=str(org.pk)).last()
    assert entry.action == "update"
    assert entry.before["places_served"] == [] and entry.after["places_served"] == [ward.pk]


def test_entries_cannot_be_changed_or_removed_through_the_application():
    OrganisationFactory()
    entry = AuditEntry.objects.first()
    entry.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_an_untouched_chain_verifies():
    for _ in range(3):
        OrganisationFactory()
    report = audit.verify_chain()
    assert report.intact
    assert report.checked == AuditEntry.objects.count()


def _tamper(sql: str, params: list) -> None:
    """Change the table behind the application's back, as someone with database access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_no_update")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER core_auditentry_no_update")


def test_a_changed_entry_is_found():
    orgs = [OrganisationFactory() for _ in range(3)]
    target = AuditEntry.objects.filter(object_id=str(orgs[1].pk), model="organisations.organisation").first()
    _tamper("UPDATE core_auditentry SET reason = %s WHERE id = %s", ["nothing to see", target.pk])
    report = audit.verify_chain()
    assert not report.intact
    assert report.first_broken_id == target.pk
    assert "changed" in report.problem


def test_a_removed_entry_is_found():
    orgs = [OrganisationFactory() for _ in range(3)]
    entries = list(AuditEntry.objects.order_by("id"))
    removed = entries[1]
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [removed.pk])
    report = audit.verify_chain()
    assert not report.intact
    assert report.first_broken_id == entries[2].pk
    assert "removed" in report.problem
    assert orgs


def test_entries_removed_from_the_end_are_found():
    OrganisationFactory()
    OrganisationFactory()
    last = AuditEntry.objects.order_by("-id").first()
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [last.pk])
    report = audit.verify_chain()
    assert not report.intact
    assert "end" in report.problem


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the database-level guard is PostgreSQL's")
def test_postgresql_refuses_changes_to_the_trail():
    from django.db import DatabaseError, transaction

    OrganisationFactory()
    entry = AuditEntry.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET reason = 'x' WHERE id = %s", [entry.pk])
