"""Places, people and a need the needs tests share, on the shared test world.

Borough has a ward; the council serves the borough (the shared world's council and staff,
commonweal/testing/place_world.py, with this borough as their Riverside). Another council serves
another borough. The stranger and the back office are the shared world's.
"""

import pytest

from commonweal.accounts.roles import Role
from commonweal.needs import services
from commonweal.needs.models import Term
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
    WardFactory,
)


@pytest.fixture
def borough(db):
    return LocalAuthorityFactory(name="Riverside Borough", slug="riverside-borough")


@pytest.fixture
def ward(borough):
    return WardFactory(name="Northbank", slug="northbank", parent=borough)


@pytest.fixture
def other_borough(db):
    return LocalAuthorityFactory(name="Hillside Borough", slug="hillside-borough")


@pytest.fixture
def riverside(borough):
    """The shared world (commonweal/testing/place_world.py) is built on this app's borough: its
    council serves the borough, and its staff (Chris Commissioner) works there."""
    return borough


@pytest.fixture
def place_staff(staff):
    """A commissioner at the council serving the borough the need is in."""
    return staff


@pytest.fixture
def other_staff(other_borough):
    """A commissioner at a council serving a different borough."""
    other_council = PublicBodyFactory(name="Hillside Council")
    other_council.places_served.add(other_borough)
    user = UserFactory(full_name="Olu Othercouncil")
    RoleFactory(user=user, organisation=other_council, role=Role.COMMISSIONER)
    return user


@pytest.fixture
def raiser(db):
    return UserFactory(full_name="Rita Raiser")


def term(vocabulary: str, slug: str) -> Term:
    return Term.objects.get(vocabulary=vocabulary, slug=slug)


@pytest.fixture
def need(raiser, ward):
    return services.need_raise(
        actor=raiser,
        place=ward,
        title="Young people leaving care have nowhere safe to stay",
        problem="Care leavers end up sofa surfing or sleeping rough.",
        population="Care leavers aged 18 to 25",
        themes=[
            term("outcome_area", "housing-and-local-facilities"),
            term("beneficiary_group", "care-leavers"),
            term("agency", "childrens-services"),
        ],
    )


def raise_need(actor, place, title="Another need", themes=()):
    return services.need_raise(
        actor=actor,
        place=place,
        title=title,
        problem="A problem.",
        population="Some people",
        themes=themes,
    )
