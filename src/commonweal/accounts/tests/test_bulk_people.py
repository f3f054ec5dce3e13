"""Accounts for many people at once (``users_add_bulk``): residents where they live, no usable password,
nothing written when an address is taken, and one audit entry for them all."""

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError

from commonweal.accounts import services
from commonweal.accounts.models import RoleAssignment, User
from commonweal.accounts.roles import Role
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import UserFactory, WardFactory

pytestmark = pytest.mark.django_db


def test_people_are_added_as_residents_with_no_password_and_one_audit_entry(riverside):
    ward = WardFactory(parent=riverside)
    people = services.users_add_bulk(
        place=riverside,
        people=[
            services.NewPerson(email=" Ann@Example.org ", full_name="Ann Able", lives_in=ward),
            services.NewPerson(email="bob@example.org", full_name="Bob Baker"),
        ],
        reason="Imported from the old system",
        email_confirmed=True,
    )
    ann = User.objects.get(email="ann@example.org")
    assert [person.pk for person in people] == [ann.pk, User.objects.get(full_name="Bob Baker").pk]
    assert ann.email_confirmed_at is not None and not ann.has_usable_password()
    assert authenticate(email="ann@example.org", password="") is None
    assert RoleAssignment.objects.get(role=Role.RESIDENT).user == ann
    entry = AuditEntry.objects.get(action="people_import")
    assert entry.after["rows"] == {"accounts.roleassignment": 1, "accounts.user": 2}
    assert "password" not in str(entry.after)


def test_an_address_already_taken_or_given_twice_stops_the_whole_import(riverside):
    UserFactory(email="taken@example.org")
    for emails in (["new@example.org", "TAKEN@example.org"], ["two@example.org"] * 2):
        with pytest.raises(ValidationError):
            services.users_add_bulk(
                place=riverside,
                people=[services.NewPerson(email=e, full_name="Someone") for e in emails],
                reason="Import",
            )
    assert User.objects.count() == 1
