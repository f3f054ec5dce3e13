"""The account services: roles granted and revoked by the rules, each change recorded with who did it."""

import pytest
from django.core.exceptions import ValidationError

from commonweal.accounts import services
from commonweal.accounts.models import RoleAssignment
from commonweal.accounts.roles import Role
from commonweal.core.models import AuditEntry
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PlaceFactory,
    PublicBodyFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db


def _messages(error: ValidationError) -> list[str]:
    return [message for messages in error.message_dict.values() for message in messages]


def test_granting_a_role_records_who_granted_it_and_why():
    admin, person, council = UserFactory(), UserFactory(), PublicBodyFactory()
    assignment = services.role_grant(
        actor=admin,
        user=person,
        role=Role.COMMISSIONER,
        organisation=council,
        reason="Joined the commissioning team",
    )
    assert assignment.pk and assignment.organisation == council
    entry = AuditEntry.objects.get(model="accounts.roleassignment", object_id=str(assignment.pk))
    assert entry.action == "create"
    assert entry.actor_id == admin.pk
    assert entry.reason == "Joined the commissioning team"
    assert entry.after["role"] == "commissioner" and entry.after["user_id"] == person.pk


def test_revoking_a_role_records_who_revoked_it_and_why():
    admin = UserFactory()
    assignment = RoleAssignment.objects.create(
        user=UserFactory(), role=Role.PROVIDER_MEMBER, organisation=OrganisationFactory()
    )
    assignment_id = assignment.pk
    services.role_revoke(actor=admin, assignment=assignment, reason="Left the charity")
    assert not RoleAssignment.objects.filter(pk=assignment_id).exists()
    entry = AuditEntry.objects.filter(
        model="accounts.roleassignment", object_id=str(assignment_id)
    ).last()
    assert (
        entry.action == "delete"
        and entry.actor_id == admin.pk
        and entry.reason == "Left the charity"
    )


def test_a_public_body_role_cannot_be_held_for_a_charity():
    with pytest.raises(ValidationError) as error:
        services.role_grant(
            actor=None,
            user=UserFactory(),
            role=Role.COMMISSIONER,
            organisation=OrganisationFactory(),
            reason="",
        )
    assert _messages(error.value) == ["Commissioner is a role for people in a public body."]
    assert not RoleAssignment.objects.exists()


def test_a_place_role_cannot_be_held_for_an_organisation_and_the_other_way_round():
    with pytest.raises(ValidationError) as error:
        services.role_grant(
            actor=None,
            user=UserFactory(),
            role=Role.RESIDENT,
            organisation=OrganisationFactory(),
            reason="",
        )
    assert _messages(error.value) == ["Resident is a role held for a place, not an organisation."]
    with pytest.raises(ValidationError) as error:
        services.role_grant(
            actor=None, user=UserFactory(), role=Role.EVALUATOR, place=WardFactory(), reason=""
        )
    assert _messages(error.value) == ["Evaluator is a role held for an organisation, not a place."]


def test_a_role_needs_exactly_one_of_organisation_or_place():
    with pytest.raises(ValidationError) as error:
        services.role_grant(actor=None, user=UserFactory(), role=Role.ADMINISTRATOR, reason="")
    assert _messages(error.value) == ["Choose the organisation or place this role is held for."]
    with pytest.raises(ValidationError) as error:
        services.role_grant(
            actor=None,
            user=UserFactory(),
            role=Role.ADMINISTRATOR,
            organisation=OrganisationFactory(),
            place=WardFactory(),
            reason="",
        )
    assert _messages(error.value) == ["Choose an organisation or a place, not both."]


def test_the_same_role_twice_is_refused_with_a_clear_message():
    person = UserFactory(full_name="Kofi Mensah")
    org = OrganisationFactory(name="Riverside Food Bank")
    services.role_grant(
        actor=None, user=person, role=Role.PROVIDER_MEMBER, organisation=org, reason=""
    )
    with pytest.raises(ValidationError) as error:
        services.role_grant(
            actor=None, user=person, role=Role.PROVIDER_MEMBER, organisation=org, reason=""
        )
    assert _messages(error.value) == [
        "Kofi Mensah is already provider member for Riverside Food Bank."
    ]
    assert RoleAssignment.objects.count() == 1


def test_an_unknown_role_is_refused():
    with pytest.raises(ValidationError):
        services.role_grant(
            actor=None,
            user=UserFactory(),
            role="overlord",
            organisation=OrganisationFactory(),
            reason="",
        )


def test_granting_a_staff_role_means_the_person_now_needs_two_factor():
    person = UserFactory()
    assert not person.needs_two_factor
    services.role_grant(
        actor=None, user=person, role=Role.COMMISSIONER, organisation=PublicBodyFactory(), reason=""
    )
    assert person.needs_two_factor


def test_residence_is_one_place_at_a_time_and_recorded_against_the_person():
    person = UserFactory()
    first, second = WardFactory(), LocalAuthorityFactory()
    services.residence_set(actor=person, user=person, place=first)
    again = services.residence_set(actor=person, user=person, place=first)
    assert RoleAssignment.objects.filter(user=person).count() == 1
    services.residence_set(actor=person, user=person, place=second)
    assert list(RoleAssignment.objects.filter(user=person).values_list("place", flat=True)) == [
        second.pk
    ]
    assert again.place == first
    entries = AuditEntry.objects.filter(model="accounts.roleassignment")
    assert [e.action for e in entries] == ["create", "delete", "create"]
    assert all(e.actor_id == person.pk and e.reason == "Changed where they live" for e in entries)


def test_a_country_is_not_a_residence():
    person = UserFactory()
    with pytest.raises(ValidationError):
        services.residence_set(actor=person, user=person, place=PlaceFactory())


def test_sign_up_refuses_an_email_in_use_in_another_case():
    UserFactory(email="kofi@example.org")
    with pytest.raises(ValidationError) as error:
        services.user_sign_up(full_name="Kofi", email="KOFI@example.org ", password="x" * 12)
    assert "email" in error.value.message_dict


def test_updating_details_stores_the_email_in_lower_case():
    person = UserFactory()
    services.user_update_details(
        actor=person, user=person, full_name=" Kofi Mensah ", email="Kofi@Example.ORG"
    )
    person.refresh_from_db()
    assert (person.full_name, person.email) == ("Kofi Mensah", "kofi@example.org")
