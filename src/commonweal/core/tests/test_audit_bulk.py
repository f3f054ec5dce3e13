"""Bulk work is recorded as one entry per operation, with a digest of every row it wrote."""

import hashlib
import json

import pytest
from django.apps import apps

from commonweal.core import audit
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import LocalAuthorityFactory, OrganisationFactory, UserFactory

# core knows no app by import (see .importlinter): the trail is tried on a real registered model.
Place = apps.get_model("places", "Place")

pytestmark = pytest.mark.django_db


def _entries_after(last_id: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(id__gt=last_id).order_by("id"))


def _last_id() -> int:
    last = AuditEntry.objects.order_by("-id").first()
    return last.id if last else 0


def test_rows_saved_one_by_one_inside_an_operation_become_one_entry():
    officer = UserFactory(full_name="Asha Patel", email="asha@example.org")
    council = LocalAuthorityFactory()
    before = _last_id()
    with (
        audit.audit_context(actor=officer, reason="Imported the wards"),
        audit.bulk_operation(instance=council, action="ward_import") as op,
    ):
        for number in range(5):
            Place.objects.create(
                name=f"Ward {number}",
                slug=f"bulk-ward-{number}",
                kind=Place.Kind.WARD,
                parent=council,
            )
    entries = _entries_after(before)
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.model, entry.object_id, entry.action) == (
        "places.place",
        str(council.pk),
        "ward_import",
    )
    assert entry.actor_id == officer.pk and entry.reason == "Imported the wards"
    assert entry.after["rows"] == {"places.place": 5}
    assert entry.after["digest"] == op.digest and len(op.digest) == 64
    assert audit.verify_chain().intact


def test_bulk_created_rows_are_counted_and_their_digest_is_the_sha256_of_their_canonical_lines():
    org = OrganisationFactory()
    rows = [{"code": "A", "size": 3}, {"code": "B", "size": 4}]
    before = _last_id()
    with audit.bulk_operation(instance=org, action="list_upload", reason="A list") as op:
        op.add_rows("participation.eligibilityentry", rows)
    expected = hashlib.sha256()
    for row in rows:
        line = {
            "action": "create",
            "after": row,
            "before": None,
            "model": "participation.eligibilityentry",
            "object_id": None,
        }
        expected.update(json.dumps(line, sort_keys=True, separators=(",", ":")).encode() + b"\n")
    [entry] = _entries_after(before)
    assert entry.after == {
        "rows": {"participation.eligibilityentry": 2},
        "digest": expected.hexdigest(),
    }


def test_the_digest_tells_apart_operations_that_wrote_different_rows():
    org = OrganisationFactory()
    digests = []
    for rows in ([{"code": "A"}], [{"code": "A"}], [{"code": "B"}]):
        with audit.bulk_operation(instance=org, action="list_upload") as op:
            op.add_rows("x.row", rows)
        digests.append(op.digest)
    assert digests[0] == digests[1] != digests[2]


def test_op_bulk_create_writes_the_rows_and_records_them():
    council = LocalAuthorityFactory()
    before = _last_id()
    with audit.bulk_operation(instance=council, action="ward_import") as op:
        created = op.bulk_create(
            Place,
            [
                Place(name=f"Ward {n}", slug=f"bulk-ward-{n}", kind=Place.Kind.WARD, parent=council)
                for n in range(3)
            ],
        )
    assert Place.objects.filter(parent=council).count() == 3 and len(created) == 3
    [entry] = _entries_after(before)
    assert entry.after["rows"] == {"places.place": 3}


def test_a_failed_operation_writes_nothing_at_all():
    council = LocalAuthorityFactory()
    before = _last_id()
    with pytest.raises(RuntimeError), audit.bulk_operation(instance=council, action="ward_import"):
        Place.objects.create(name="Ward", slug="bulk-ward", kind=Place.Kind.WARD, parent=council)
        raise RuntimeError("the worker died")
    assert _entries_after(before) == []
    assert not Place.objects.filter(parent=council).exists()


def test_the_aggregate_can_be_named_inside_the_block_when_the_block_creates_it():
    before = _last_id()
    with audit.bulk_operation(action="place_import") as op:
        council = LocalAuthorityFactory()
        op.instance = council
    [entry] = _entries_after(before)
    assert entry.object_id == str(council.pk) and entry.after["rows"] == {
        "places.place": 2
    }  # and its country


def test_an_operation_without_its_record_is_refused_and_writes_nothing():
    before = _last_id()
    with pytest.raises(ValueError), audit.bulk_operation(action="place_import"):
        LocalAuthorityFactory()
    assert _entries_after(before) == []


def test_changes_after_the_operation_are_recorded_one_by_one_again():
    org = OrganisationFactory(headcount=3)
    with audit.bulk_operation(instance=org, action="noop"):
        pass
    before = _last_id()
    org.headcount = 4
    org.save()
    [entry] = _entries_after(before)
    assert entry.action == "update" and entry.object_id == str(org.pk)


def test_rows_removed_inside_an_operation_are_counted_apart_from_rows_written():
    """Replacing 2 wards by 3 reads as 3 written and 2 removed, not 5 rows."""
    council = LocalAuthorityFactory()
    old = [
        Place.objects.create(
            name=f"Old ward {n}", slug=f"old-ward-{n}", kind=Place.Kind.WARD, parent=council
        )
        for n in range(2)
    ]
    before = _last_id()
    with audit.bulk_operation(instance=council, action="ward_replace"):
        for place in old:
            place.delete()
        for number in range(3):
            Place.objects.create(
                name=f"New ward {number}",
                slug=f"new-ward-{number}",
                kind=Place.Kind.WARD,
                parent=council,
            )
    (entry,) = _entries_after(before)
    assert entry.after["rows"] == {"places.place": 3}
    assert entry.after["deleted"] == {"places.place": 2}
