"""Places, people and a need the needs tests share.

Borough has a ward; the council serves the borough. Another council serves another borough.
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
def council(borough):
    council = PublicBodyFactory(name="Riverside Council")
    council.places_served.add(borough)
    return council


@pytest.fixture
def place_staff(council):
    """A commissioner at the council serving the borough the need is in."""
    user = UserFactory(full_name="Chris Commissioner")
    RoleFactory(user=user, organisation=council, role=Role.COMMISSIONER)
    return user


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


@pytest.fixture
def stranger(db):
    return UserFactory(full_name="Stella Stranger")


@pytest.fixture
def back_office(db):
    return UserFactory(full_name="Bea Backoffice", is_staff=True)


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
