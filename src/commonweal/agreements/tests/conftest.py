"""Agreements and the people around them, on the shared test world (commonweal/testing/place_world.py):
Riverside and its council, Chris Commissioner (``staff``, who runs them), a resident, a stranger,
another place's commissioner (``other_staff``) and the back office.

- ``provider``: Harbour Housing Co-op; ``provider_person``: Pat Provider, who speaks for it.
- ``self_made``: a person who made their own account and organisation (Jo Justmade).
- ``contract``: a live five-year contract between the council and the provider, worth £1,200,000,
  from 1 April 2026 to 31 March 2031, which may be extended by 24 months; ``draft``: one being set
  up; ``award``: a tender's award to the provider, its standstill over yesterday, with no agreement
  yet; ``partnership``: a live strategic partnership with the provider, paying in 20 days.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.agreements.models import Agreement
from commonweal.commissioning.models import Plan
from commonweal.competitions.models import Award, Bid, Opportunity
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory

START = datetime.date(2026, 4, 1)
END = datetime.date(2031, 3, 31)


def make_agreement(**fields) -> Agreement:
    values = {
        "kind": Agreement.Kind.CONTRACT,
        "status": Agreement.Status.LIVE,
        "title": "Housing-led recovery service",
        "value": Decimal("1200000"),
        "starts_on": START,
        "ends_on": END,
        "original_ends_on": fields.get("ends_on", END),
        "max_extension_months": 24,
    }
    values.update(fields)
    return Agreement.objects.create(**values)


@pytest.fixture
def provider(riverside):
    organisation = OrganisationFactory(
        name="Harbour Housing Co-op", legal_form=Organisation.LegalForm.COOPERATIVE
    )
    organisation.places_served.add(riverside)
    return organisation


@pytest.fixture
def provider_person(provider):
    user = UserFactory(full_name="Pat Provider")
    RoleFactory(user=user, organisation=provider, role=Role.PROVIDER_MEMBER)
    return user


@pytest.fixture
def self_made(db):
    organisation = OrganisationFactory(
        name="Just Made Ltd", legal_form=Organisation.LegalForm.PRIVATE_COMPANY
    )
    user = UserFactory(full_name="Jo Justmade")
    RoleFactory(user=user, organisation=organisation, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def contract(riverside, council, provider, staff):
    return make_agreement(
        place=riverside, commissioner=council, provider=provider, created_by=staff
    )


@pytest.fixture
def draft(riverside, council, provider, staff):
    return make_agreement(
        place=riverside,
        commissioner=council,
        provider=provider,
        status=Agreement.Status.DRAFT,
        title="Day centre (being set up)",
        created_by=staff,
    )


@pytest.fixture
def partnership(riverside, council, provider, staff):
    return make_agreement(
        kind=Agreement.Kind.STRATEGIC_PARTNERSHIP,
        place=riverside,
        commissioner=council,
        provider=provider,
        title="Strategic partnership for early help",
        payment_terms_days=20,
        created_by=staff,
    )


@pytest.fixture
def award(riverside, council, staff, provider):
    """A tender's award to the provider, past its standstill, with the contract's dates."""
    plan = Plan.objects.create(
        place=riverside,
        lead=council,
        title="Recovery",
        summary="One service.",
        route="open",
        status=Plan.Status.AWARDED,
        created_by=staff,
    )
    now = timezone.now()
    opportunity = Opportunity.objects.create(
        plan=plan,
        title="Recovery service",
        description="Help to recover.",
        value=Decimal("900000"),
        budget=Decimal("900000"),
        contract_months=60,
        questions_close_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=30),
        quality_weight=Decimal("60"),
        social_value_weight=Decimal("10"),
        price_weight=Decimal("30"),
        status=Opportunity.Status.AWARDED,
        published_at=now,
        created_by=staff,
    )
    bid = Bid.objects.create(
        opportunity=opportunity,
        organisation=provider,
        status=Bid.Status.SUBMITTED,
        submitted_at=now,
        receipt="r",
    )
    return Award.objects.create(
        opportunity=opportunity,
        bid=bid,
        value=Decimal("880000"),
        reason="Best",
        standstill_ends_on=timezone.localdate() - datetime.timedelta(days=1),
        contract_starts_on=START,
        contract_ends_on=END,
    )
