"""Places, people and a session the co-design tests share, on the shared test world
(commonweal/testing/place_world.py): Riverside, its Quayside ward, its council and Chris Commissioner."""

import datetime

import pytest
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.codesign import services
from commonweal.codesign.models import Participant
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
)


@pytest.fixture
def riverside(db):
    """The shared world's Riverside, with the short name its pages are linked by."""
    return LocalAuthorityFactory(name="Riverside", slug="riverside")


@pytest.fixture
def borough(riverside):
    return riverside


@pytest.fixture
def other_borough(db):
    return LocalAuthorityFactory(name="Hillbrook", slug="hillbrook")


@pytest.fixture
def commissioner(staff):
    """Chris Commissioner, at the council serving Riverside (the shared world's staff)."""
    return staff


@pytest.fixture
def other_commissioner(other_borough):
    """A commissioner in a public body that serves another place."""
    body = PublicBodyFactory(name="Hillbrook Council")
    body.places_served.add(other_borough)
    user = UserFactory(full_name="Olu Otherplace")
    RoleFactory(user=user, organisation=body, role=Role.COMMISSIONER)
    return user


@pytest.fixture
def charity(borough):
    charity = OrganisationFactory(name="Riverside Mind")
    charity.places_served.add(borough)
    return charity


@pytest.fixture
def charity_administrator(charity):
    user = UserFactory(full_name="Ada Administrator")
    RoleFactory(user=user, organisation=charity, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def charity_member(charity):
    user = UserFactory(full_name="Mo Member")
    RoleFactory(user=user, organisation=charity, role=Role.PROVIDER_MEMBER)
    return user


@pytest.fixture
def session(borough, council, commissioner):
    return services.session_create(
        actor=commissioner,
        place=borough,
        organised_by=council,
        title="Rough sleeping: what would help?",
        kind="workshop",
        starts_at=timezone.now() - datetime.timedelta(days=3),
        location="Riverside Library",
        agenda="Welcome. What we heard. What next.",
    )


@pytest.fixture
def participants(session, commissioner):
    resident = services.participant_add(
        session=session,
        actor=commissioner,
        kind=Participant.Kind.RESIDENT,
        display_name="Jo Resident",
    )
    service_user = services.participant_add(
        session=session,
        actor=commissioner,
        kind=Participant.Kind.SERVICE_USER,
        display_name="Participant 3",
    )
    return resident, service_user
