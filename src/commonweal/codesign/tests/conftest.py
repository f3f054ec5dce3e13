"""Places, people and a session the co-design tests share."""

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
    WardFactory,
)


@pytest.fixture
def borough(db):
    return LocalAuthorityFactory(name="Riverside", slug="riverside")


@pytest.fixture
def ward(borough):
    return WardFactory(name="Quayside", slug="quayside", parent=borough)


@pytest.fixture
def other_borough(db):
    return LocalAuthorityFactory(name="Hillbrook", slug="hillbrook")


@pytest.fixture
def council(borough):
    council = PublicBodyFactory(name="Riverside Council")
    council.places_served.add(borough)
    return council


@pytest.fixture
def commissioner(council):
    user = UserFactory(full_name="Chris Commissioner")
    RoleFactory(user=user, organisation=council, role=Role.COMMISSIONER)
    return user


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
def stranger(db):
    return UserFactory(full_name="Stella Stranger")


@pytest.fixture
def back_office(db):
    return UserFactory(full_name="Bea Backoffice", is_staff=True)


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
