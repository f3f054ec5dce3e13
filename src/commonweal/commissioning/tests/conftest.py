"""A plan and the people around it, on the shared test world (commonweal/testing/place_world.py):
Riverside, its Quayside ward, its council and Chris Commissioner (`staff`), a resident, a stranger,
another place's commissioner (`other_staff`) and the back office."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.commissioning import services
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import (
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UnverifiedPublicBodyFactory,
    UserFactory,
)


@pytest.fixture
def plan(riverside, council, staff):
    """A draft plan for Riverside, led by its council, with £1.2m pooled over two years."""
    plan = services.plan_create(
        actor=staff,
        place=riverside,
        lead=council,
        title="Homelessness and recovery",
        summary="One joined-up service for people without a home and with addictions.",
        service_starts_on=datetime.date(2027, 10, 1),
        duration_months=60,
        procurement_starts_on=datetime.date(2027, 3, 1),
    )
    for year in (2027, 2028):
        services.contribution_save(
            actor=staff,
            plan=plan,
            organisation=council,
            financial_year=year,
            amount=Decimal("600000"),
        )
    return plan


@pytest.fixture
def health_body(riverside):
    """Another verified public body for Riverside that can pool money into a plan."""
    return PublicBodyFactory(name="Riverside Health Board", places_served=[riverside])


@pytest.fixture
def health_staff(health_body):
    user = UserFactory(full_name="Hana Health")
    RoleFactory(user=user, organisation=health_body, role=Role.COMMISSIONER)
    return user


@pytest.fixture
def self_made(riverside):
    """A person who made their own account and registered their own 'public body' for Riverside:
    nobody has verified it, so it gives no powers."""
    body = UnverifiedPublicBodyFactory(name="Totally Real Council", places_served=[riverside])
    user = UserFactory(full_name="Sam Selfmade")
    RoleFactory(user=user, organisation=body, role=Role.COMMISSIONER)
    return user


@pytest.fixture
def providers(riverside):
    """Three providers serving Riverside, small to large."""
    made = []
    for name, turnover, form in (
        ("Harbour Housing Co-op", Decimal("180000"), Organisation.LegalForm.COOPERATIVE),
        ("Riverside Recovery", Decimal("900000"), Organisation.LegalForm.CHARITY),
        ("Nationwide Care plc", Decimal("90000000"), Organisation.LegalForm.PLC),
    ):
        provider = OrganisationFactory(name=name, annual_turnover=turnover, legal_form=form)
        provider.places_served.add(riverside)
        made.append(provider)
    return made


@pytest.fixture
def provider_member(providers):
    """Someone who works for the small co-op."""
    user = UserFactory(full_name="Pat Provider")
    RoleFactory(user=user, organisation=providers[0], role=Role.PROVIDER_MEMBER)
    return user


@pytest.fixture
def published(plan):
    """The plan, published to the pipeline (without its open data release: that needs the schema)."""
    plan.published_at = timezone.now()
    plan.save()
    return plan


@pytest.fixture
def as_caller(request, client, sign_in):
    """A client for a caller named as a fixture ("anonymous" for nobody signed in)."""

    def _as(name: str):
        if name == "anonymous":
            return client
        return sign_in(request.getfixturevalue(name))

    return _as
