"""People and organisations the organisation tests share, in the shared test world's Riverside
(commonweal/testing/place_world.py; its stranger and back office too)."""

import pytest

from commonweal.accounts.roles import Role
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
    WardFactory,
)


@pytest.fixture
def provider(riverside):
    """A provider working in a ward of Riverside."""
    provider = OrganisationFactory(
        name="Riverside Food Bank",
        contact_name="Sam Okafor",
        contact_email="sam@riverside-food.example",
        contact_phone="020 7946 0000",
    )
    provider.places_served.add(WardFactory(name="Quayside", parent=riverside))
    return provider


@pytest.fixture
def administrator(provider):
    user = UserFactory(full_name="Ada Administrator")
    RoleFactory(user=user, organisation=provider, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def member(provider):
    user = UserFactory(full_name="Mo Member")
    RoleFactory(user=user, organisation=provider, role=Role.PROVIDER_MEMBER)
    return user


@pytest.fixture
def commissioner(riverside):
    """A commissioner in a public body verified for Riverside, where the provider works: their due
    diligence needs its private details."""
    user = UserFactory(full_name="Chris Commissioner")
    RoleFactory(
        user=user, organisation=PublicBodyFactory(places_served=[riverside]), role=Role.COMMISSIONER
    )
    return user


@pytest.fixture
def far_commissioner(db):
    """A commissioner in a public body verified for another borough: no reason to see the provider's details."""
    user = UserFactory(full_name="Olu Otherplace")
    RoleFactory(
        user=user,
        organisation=PublicBodyFactory(places_served=[LocalAuthorityFactory()]),
        role=Role.COMMISSIONER,
    )
    return user
