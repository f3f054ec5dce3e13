"""Place staff: the one rule needs, co-design, priorities, budgets, panels and frameworks share.

Powers come from a place-staff role at a public body verified for the place or a place it is part of.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from commonweal.accounts.roles import Role
from commonweal.organisations import place_staff
from commonweal.organisations.services_verification import public_body_verification_revoke
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UnverifiedPublicBodyFactory,
    UserFactory,
    WardFactory,
    verify_public_body,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward():
    return WardFactory(parent=LocalAuthorityFactory())


@pytest.mark.parametrize("role", [Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR])
def test_staff_of_a_public_body_verified_for_the_borough_cover_its_wards(ward, role):
    council = PublicBodyFactory(places_served=[ward.parent])
    person = RoleFactory(role=role, organisation=council).user
    assert place_staff.is_place_staff(person, ward)
    assert place_staff.is_place_staff(person, ward.parent)
    assert place_staff.staff_place_ids(person) == {ward.parent.pk, ward.pk}
    assert place_staff.staff_organisation_ids(person) == {council.pk}


def test_a_public_body_verified_for_one_ward_does_not_cover_the_borough(ward):
    council = PublicBodyFactory(places_served=[ward])
    person = RoleFactory(role=Role.COMMISSIONER, organisation=council).user
    assert place_staff.is_place_staff(person, ward)
    assert not place_staff.is_place_staff(person, ward.parent)


def test_serving_a_place_without_verification_gives_no_powers(ward):
    # What registering as a public body serving the country gives: nothing, until verified.
    body = UnverifiedPublicBodyFactory(places_served=[ward.parent.parent])
    person = RoleFactory(role=Role.ADMINISTRATOR, organisation=body).user
    RoleFactory(user=person, role=Role.COMMISSIONER, organisation=body)
    assert not place_staff.is_place_staff(person, ward)
    assert not place_staff.is_place_staff(person, ward.parent.parent)
    assert place_staff.staff_place_ids(person) == set()
    assert place_staff.staff_organisation_ids(person) == set()
    assert place_staff.staff_role(person, ward) is None
    assert not place_staff.staff_bodies(person).exists()


def test_powers_follow_the_verified_place_not_the_places_it_says_it_serves(ward):
    body = UnverifiedPublicBodyFactory(places_served=[ward.parent.parent])
    verify_public_body(body, ward)
    person = RoleFactory(role=Role.COMMISSIONER, organisation=body).user
    assert place_staff.is_place_staff(person, ward)
    assert not place_staff.is_place_staff(person, ward.parent)
    assert not place_staff.is_place_staff(person, WardFactory(parent=ward.parent))


def test_a_revoked_verification_takes_the_powers_away_at_once(ward):
    council = PublicBodyFactory(places_served=[ward.parent])
    person = RoleFactory(role=Role.COMMISSIONER, organisation=council).user
    verification = council.verifications.get()
    public_body_verification_revoke(
        actor=UserFactory(is_staff=True), verification=verification, reason="It is not the council"
    )
    assert not place_staff.is_place_staff(person, ward)
    assert place_staff.staff_place_ids(person) == set()


def test_a_verified_body_that_stops_being_a_public_body_loses_its_powers(ward):
    council = PublicBodyFactory(places_served=[ward.parent])
    person = RoleFactory(role=Role.ADMINISTRATOR, organisation=council).user
    council.legal_form = council.LegalForm.CHARITY
    council.save()
    assert not place_staff.is_place_staff(person, ward)


def test_others_are_not_place_staff(ward):
    council = PublicBodyFactory(places_served=[ward.parent])
    finance = RoleFactory(role=Role.FINANCE_OFFICER, organisation=council).user
    charity = OrganisationFactory()
    charity.places_served.add(ward)
    charity_admin = RoleFactory(role=Role.ADMINISTRATOR, organisation=charity).user
    elsewhere = PublicBodyFactory(places_served=[WardFactory()])
    other_commissioner = RoleFactory(role=Role.COMMISSIONER, organisation=elsewhere).user
    for person in (finance, charity_admin, other_commissioner, UserFactory(), AnonymousUser()):
        assert not place_staff.is_place_staff(person, ward)


def test_the_back_office_is_place_staff_everywhere(ward):
    back_office = UserFactory(is_staff=True)
    assert place_staff.is_place_staff(back_office, ward)
    assert set(place_staff.staff_places(back_office)) == {ward, ward.parent, ward.parent.parent}


def test_staff_bodies_for_a_place_are_the_verified_ones_the_person_works_for(ward):
    council = PublicBodyFactory(places_served=[ward.parent], name="Council")
    trust = PublicBodyFactory(places_served=[ward.parent], name="Trust")
    UnverifiedPublicBodyFactory(places_served=[ward.parent], name="Self-declared")
    person = RoleFactory(role=Role.COMMISSIONER, organisation=council).user
    assert list(place_staff.staff_bodies(person, ward)) == [council]
    assert list(place_staff.staff_bodies(UserFactory(is_staff=True), ward)) == [council, trust]
