"""An alliance and the people around it, for the governance tests (import the fixtures by name).

On the shared test world and agreements/tests/conftest.py (``provider``: Harbour Housing Co-op,
``provider_person``: Pat Provider; ``self_made``: Jo Justmade, who made their own account and
organisation):

- ``alliance``: a live ten-year alliance led by Riverside Council, target cost £1,000,000 a year,
  gain cap £60,000, pain collar £50,000, unanimity; members the council (50%), Harbour Housing
  (30%) and Riverside Recovery (20%), all on the leadership team, and Quiet Partners (0%), a
  member not on the team.
- ``recovery_person`` speaks for Riverside Recovery; ``quiet_person`` for Quiet Partners;
  ``outsider``: a person at a provider not in the alliance.
"""

import datetime
from decimal import Decimal

import pytest

from commonweal.accounts.roles import Role
from commonweal.agreements.models import Agreement, Member
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory

# The fixtures, for ``from ...fixtures_alliance import *`` in a test module.
__all__ = [
    "alliance",
    "outsider",
    "quiet",
    "quiet_person",
    "recovery",
    "recovery_person",
    "seats",
]

START = datetime.date(2026, 4, 1)
END = datetime.date(2036, 3, 31)


def make_alliance(*, place, council, created_by, **fields) -> Agreement:
    values = {
        "kind": Agreement.Kind.ALLIANCE,
        "status": Agreement.Status.LIVE,
        "title": "Homelessness and recovery alliance",
        "place": place,
        "commissioner": council,
        "value": Decimal("10000000"),
        "starts_on": START,
        "ends_on": END,
        "original_ends_on": END,
        "principle": "Best for the people who use the service.",
        "target_cost": Decimal("1000000"),
        "gain_cap": Decimal("60000"),
        "pain_collar": Decimal("50000"),
        "pooled_budget": Decimal("1000000"),
        "created_by": created_by,
    }
    values.update(fields)
    return Agreement.objects.create(**values)


def person_for(organisation: Organisation, name: str):
    user = UserFactory(full_name=name)
    RoleFactory(user=user, organisation=organisation, role=Role.PROVIDER_MEMBER)
    return user


@pytest.fixture
def recovery(riverside):
    return OrganisationFactory(name="Riverside Recovery", legal_form=Organisation.LegalForm.CHARITY)


@pytest.fixture
def quiet(riverside):
    return OrganisationFactory(name="Quiet Partners", legal_form=Organisation.LegalForm.CHARITY)


@pytest.fixture
def alliance(riverside, council, staff, provider, recovery, quiet):
    agreement = make_alliance(place=riverside, council=council, created_by=staff)
    for organisation, role, share, team in (
        (council, Member.Role.COMMISSIONER, "50", True),
        (provider, Member.Role.PROVIDER, "30", True),
        (recovery, Member.Role.PROVIDER, "20", True),
        (quiet, Member.Role.PROVIDER, "0", False),
    ):
        Member.objects.create(
            agreement=agreement,
            organisation=organisation,
            role=role,
            share=Decimal(share),
            on_leadership_team=team,
        )
    return agreement


@pytest.fixture
def seats(alliance) -> dict[str, Member]:
    return {m.organisation.name: m for m in alliance.members.select_related("organisation")}


@pytest.fixture
def recovery_person(recovery):
    return person_for(recovery, "Rowan Recovery")


@pytest.fixture
def quiet_person(quiet):
    return person_for(quiet, "Quinn Quiet")


@pytest.fixture
def outsider(riverside):
    organisation = OrganisationFactory(
        name="Nationwide Care plc", legal_form=Organisation.LegalForm.PLC
    )
    return person_for(organisation, "Nat National")
