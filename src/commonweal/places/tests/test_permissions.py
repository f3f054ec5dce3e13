"""Public-body staff for a place: the one rule needs, co-design, priorities and frameworks share."""

import pytest

from commonweal.accounts.roles import Role
from commonweal.places.permissions import is_public_body_staff_for
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward():
    return WardFactory(parent=LocalAuthorityFactory())


@pytest.mark.parametrize("role", [Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR])
def test_managing_roles_of_a_public_body_serving_the_borough_cover_its_wards(ward, role):
    council = PublicBodyFactory()
    council.places_served.add(ward.parent)
    person = RoleFactory(role=role, organisation=council).user
    assert is_public_body_staff_for(person, ward)
    assert is_public_body_staff_for(person, ward.parent)


def test_a_public_body_serving_only_one_ward_does_not_cover_the_borough(ward):
    council = PublicBodyFactory()
    council.places_served.add(ward)
    person = RoleFactory(role=Role.COMMISSIONER, organisation=council).user
    assert is_public_body_staff_for(person, ward)
    assert not is_public_body_staff_for(person, ward.parent)


def test_others_are_not_place_staff(ward, client):
    council = PublicBodyFactory()
    council.places_served.add(ward.parent)
    finance = RoleFactory(role=Role.FINANCE_OFFICER, organisation=council).user
    charity = OrganisationFactory()
    charity.places_served.add(ward)
    charity_admin = RoleFactory(role=Role.ADMINISTRATOR, organisation=charity).user
    elsewhere = PublicBodyFactory()
    elsewhere.places_served.add(WardFactory())
    other_commissioner = RoleFactory(role=Role.COMMISSIONER, organisation=elsewhere).user
    for person in (finance, charity_admin, other_commissioner, UserFactory()):
        assert not is_public_body_staff_for(person, ward)
    from django.contrib.auth.models import AnonymousUser

    assert not is_public_body_staff_for(AnonymousUser(), ward)


def test_the_back_office_is_place_staff_everywhere(ward):
    assert is_public_body_staff_for(UserFactory(is_staff=True), ward)
