"""Places, people, needs and rounds the priority tests share."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.needs.models import Need
from commonweal.priorities.models import Round
from commonweal.testing.factories import (
    LocalAuthorityFactory, PublicBodyFactory, RoleFactory, UserFactory, WardFactory,
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


@pytest.fixture
def resident(ward):
    """A resident of a ward inside Riverside."""
    user = UserFactory(full_name="Rita Resident")
    RoleFactory(user=user, organisation=None, place=ward, role=Role.RESIDENT)
    return user


@pytest.fixture
def stranger(db):
    """Signed in, but neither a resident of Riverside nor staff."""
    return UserFactory(full_name="Stella Stranger")


def make_need(place, title: str, **fields) -> Need:
    return Need.objects.create(place=place, title=title, problem=f"The problem: {title}.",
                               population="People in the place", **fields)


@pytest.fixture
def needs(riverside, ward):
    return [make_need(riverside, "Rough sleeping by the river"), make_need(ward, "Lonely older people"),
            make_need(riverside, "No youth club")]


@pytest.fixture
def make_round(riverside, council, needs, staff):
    def _make(*, status=Round.Status.OPEN, method=Round.Method.APPROVAL, eligibility=Round.Eligibility.RESIDENTS,
              opens_in_days=-1, closes_in_days=7, title="Which needs first in 2027?"):
        now = timezone.now()
        round_ = Round.objects.create(
            place=riverside, run_by=council, title=title, method=method, eligibility=eligibility, status=status,
            opens_at=now + timedelta(days=opens_in_days), closes_at=now + timedelta(days=closes_in_days),
            created_by=staff,
        )
        round_.needs.set(needs)
        return round_

    return _make
