"""Places, people and rounds the budgeting tests share."""

from decimal import Decimal

import pytest

from commonweal.accounts.roles import Role
from commonweal.participation.models import BudgetRound, Project
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
    user = UserFactory(full_name="Chris Commissioner")
    RoleFactory(user=user, organisation=council, role=Role.COMMISSIONER)
    return user


@pytest.fixture
def other_staff(elsewhere):
    body = PublicBodyFactory(name="Elsewhere Council")
    body.places_served.add(elsewhere)
    user = UserFactory(full_name="Olu Otherplace")
    RoleFactory(user=user, organisation=body, role=Role.COMMISSIONER)
    return user


def make_resident(place, name="Rita Resident"):
    user = UserFactory(full_name=name)
    RoleFactory(user=user, organisation=None, place=place, role=Role.RESIDENT)
    return user


@pytest.fixture
def resident(ward):
    return make_resident(ward)


@pytest.fixture
def stranger(db):
    return UserFactory(full_name="Stella Stranger")


PROJECTS = [("Benches by the river", "3000"), ("Youth club kit", "5000"), ("Street trees", "4000"),
            ("Community fridge", "2000")]


@pytest.fixture
def make_round(riverside, council, staff):
    def _make(*, status=BudgetRound.Status.VOTING, projects=PROJECTS, **fields):
        fields.setdefault("budget", Decimal("10000"))
        round_ = BudgetRound.objects.create(place=riverside, run_by=council, title="Riverside decides 2027",
                                            status=status, created_by=staff, **fields)
        for title, cost in projects:
            Project.objects.create(round=round_, title=title, cost=Decimal(cost), status=Project.Status.ACCEPTED)
        return round_

    return _make


def project_pk(round_, title) -> int:
    return round_.projects.get(title=title).pk
