"""People and organisations the organisation tests share."""

import pytest

from commonweal.accounts.roles import Role
from commonweal.testing.factories import OrganisationFactory, PublicBodyFactory, RoleFactory, UserFactory


@pytest.fixture
def provider(db):
    return OrganisationFactory(
        name="Riverside Food Bank", contact_name="Sam Okafor", contact_email="sam@riverside-food.example",
        contact_phone="020 7946 0000",
    )


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
def stranger(db):
    return UserFactory(full_name="Stella Stranger")


@pytest.fixture
def commissioner(db):
    """A commissioner in a public body: their due diligence needs providers' private details."""
    user = UserFactory(full_name="Chris Commissioner")
    RoleFactory(user=user, organisation=PublicBodyFactory(), role=Role.COMMISSIONER)
    return user


@pytest.fixture
def back_office(db):
    return UserFactory(full_name="Bea Backoffice", is_staff=True)
