"""The audit trail records every change with who, when and what (tampering: test_audit_chain.py)."""

import pytest

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

    entries = list(
        AuditEntry.objects.filter(model="organisations.organisation", object_id=str(org_id))
    )
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert all(
        e.actor_id == officer.pk and e.actor_label == "Asha Patel <asha@example.org>"
        for e in entries
    )
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
    entry = AuditEntry.objects.filter(
        model="organisations.organisation", object_id=str(org.pk)
    ).last()
    assert entry.action == "update"
    assert entry.before["places_served"] == [] and entry.after["places_served"] == [ward.pk]


def test_entries_cannot_be_changed_or_removed_through_the_application():
    OrganisationFactory()
    entry = AuditEntry.objects.first()
    stored = list(AuditEntry.objects.order_by("pk").values())
    entry.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    # Each refusal came before anything was written: every entry is as it was.
    assert list(AuditEntry.objects.order_by("pk").values()) == stored
    assert audit.verify_chain().intact
