"""A small shared world for tests: Riverside with a ward, the council serving it, and people.

The root ``conftest.py`` registers these fixtures for every test (``pytest_plugins``): a test
asks for them by name, and an app's ``tests/conftest.py`` builds on them (or, for a place with
another name, overrides one), never importing them.

- ``riverside``: a local authority; ``ward``: Quayside, inside it; ``elsewhere``: another place.
- ``council``: the public body serving Riverside; ``staff``: a commissioner there
  (Chris Commissioner); ``other_staff``: a commissioner for Elsewhere (Olu Otherplace).
- ``resident``: Rita Resident, living in the ward; :func:`make_resident` makes more.
- ``stranger``: signed in, but neither a resident of Riverside nor staff (Stella Stranger).
- ``back_office``: Commonweal's own staff (Bea Backoffice), who work in the back office.

Some tests assert these names, so change them with care.
"""

import pytest

from commonweal.accounts.roles import Role
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
    WardFactory,
)


@pytest.fixture
def riverside(db):
    return LocalAuthorityFactory(name="Riverside")


@pytest.fixture
def ward(riverside):
    return WardFactory(name="Quayside", parent=riverside)


@pytest.fixture
def elsewhere(db):
    return LocalAuthorityFactory(name="Elsewhere")


@pytest.fixture
def council(riverside):
    body = PublicBodyFactory(name="Riverside Council")
    body.places_served.add(riverside)
    return body


@pytest.fixture
def staff(council):
    """A commissioner in the public body serving Riverside."""
    user = UserFactory(full_name="Chris Commissioner")
    RoleFactory(user=user, organisation=council, role=Role.COMMISSIONER)
    return user


@pytest.fixture
def other_staff(elsewhere):
    """A commissioner in a public body serving another place."""
    body = PublicBodyFactory(name="Elsewhere Council")
    body.places_served.add(elsewhere)
    user = UserFactory(full_name="Olu Otherplace")
    RoleFactory(user=user, organisation=body, role=Role.COMMISSIONER)
    return user


def make_resident(place, name="Rita Resident"):
    """A person with the resident role for ``place``."""
    user = UserFactory(full_name=name)
    RoleFactory(user=user, organisation=None, place=place, role=Role.RESIDENT)
    return user


@pytest.fixture
def resident(ward):
    """A resident of a ward inside Riverside."""
    return make_resident(ward)


@pytest.fixture
def stranger(db):
    """Signed in, but neither a resident of Riverside nor staff."""
    return UserFactory(full_name="Stella Stranger")


@pytest.fixture
def back_office(db):
    """Commonweal's own staff: the back office."""
    return UserFactory(full_name="Bea Backoffice", is_staff=True)
