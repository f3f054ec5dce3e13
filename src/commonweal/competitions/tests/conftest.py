"""A tender and the people around it, on the shared test world (commonweal/testing/place_world.py):
Riverside and its council, Chris Commissioner (`staff`, who runs it), a resident, a stranger,
another place's commissioner (`other_staff`) and the back office.

- ``plan``: a published plan led by the council, route chosen (open procedure).
- ``opportunity``: a published tender from it, open for bids for 7 more days, with two quality
  questions (one open to citizens), one social value question and one pass/fail criterion.
- ``bidders``: three providers; ``bidder_people``: one person speaking for each.
- ``self_made_bidder``: a person who made their own account and organisation (may bid; sees no
  other bid).
- ``evaluator``: an evaluator at the council with a seat; ``citizen``: a citizen commissioner of
  the plan with a citizen seat.
- ``closed``: a helper that moves the opportunity's deadline into the past (bids stay sealed with
  the same key: the deadline is not part of it).
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.commissioning.models import Plan
from commonweal.competitions.models import Criterion, Evaluator, Opportunity
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory


@pytest.fixture
def plan(riverside, council, staff):
    plan = Plan.objects.create(
        place=riverside,
        lead=council,
        title="Homelessness and recovery",
        summary="One joined-up service for people without a home and with addictions.",
        service_starts_on=datetime.date(2027, 10, 1),
        duration_months=60,
        procurement_starts_on=datetime.date(2027, 3, 1),
        route="open",
        route_reason="Many providers could do this.",
        status=Plan.Status.IN_COMPETITION,
        published_at=timezone.now(),
        created_by=staff,
    )
    plan.contributions.create(organisation=council, financial_year=2027, amount=Decimal("600000"))
    return plan


def make_opportunity(plan, *, created_by, closes_in=datetime.timedelta(days=7), **fields):
    now = timezone.now()
    values = {
        "plan": plan,
        "title": "Housing-led recovery service",
        "description": "Support for people without a home to recover and keep a tenancy.",
        "value": Decimal("1200000"),
        "budget": Decimal("1200000"),
        "contract_months": 60,
        "questions_close_at": now + closes_in - datetime.timedelta(days=2),
        "closes_at": now + closes_in,
        "quality_weight": Decimal("50"),
        "social_value_weight": Decimal("20"),
        "price_weight": Decimal("30"),
        "status": Opportunity.Status.OPEN,
        "published_at": now,
        "created_by": created_by,
    }
    values.update(fields)
    if values["questions_close_at"] > values["closes_at"]:
        values["questions_close_at"] = values["closes_at"]
    opportunity = Opportunity.objects.create(**values)
    quality = Criterion.objects.create(
        opportunity=opportunity, part=Criterion.Part.QUALITY, title="Quality", weight=100
    )
    Criterion.objects.create(
        opportunity=opportunity,
        parent=quality,
        part=Criterion.Part.QUALITY,
        title="How you will help people keep a home",
        question="Tell us how you will help people find and keep a home.",
        guidance="Look for a clear plan, named partners and evidence it works.",
        weight=60,
        position=1,
    )
    Criterion.objects.create(
        opportunity=opportunity,
        parent=quality,
        part=Criterion.Part.QUALITY,
        title="Listening to the people you support",
        question="How will the people you support shape the service?",
        plain_guidance="Would you feel listened to? Score higher where people have a real say.",
        open_to_citizens=True,
        weight=40,
        position=2,
    )
    Criterion.objects.create(
        opportunity=opportunity,
        part=Criterion.Part.QUALITY,
        title="Safeguarding policy in place",
        question="Attach or describe your safeguarding policy.",
        pass_fail=True,
        position=3,
    )
    Criterion.objects.create(
        opportunity=opportunity,
        part=Criterion.Part.SOCIAL_VALUE,
        title="Local jobs and training",
        question="What local jobs and training will the contract bring?",
        weight=100,
        position=1,
    )
    return opportunity


@pytest.fixture
def opportunity(plan, staff):
    return make_opportunity(plan, created_by=staff)


@pytest.fixture
def bidders(riverside):
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
def bidder_people(bidders):
    people = []
    for provider, name in zip(
        bidders, ("Pat Provider", "Rowan Recovery", "Nat National"), strict=True
    ):
        user = UserFactory(full_name=name)
        RoleFactory(user=user, organisation=provider, role=Role.PROVIDER_MEMBER)
        people.append(user)
    return people


@pytest.fixture
def self_made_bidder(db):
    """A person who made their own account and their own organisation."""
    organisation = OrganisationFactory(
        name="Just Made Ltd", legal_form=Organisation.LegalForm.PRIVATE_COMPANY
    )
    user = UserFactory(full_name="Jo Justmade")
    RoleFactory(user=user, organisation=organisation, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def evaluator(opportunity, council, staff):
    user = UserFactory(full_name="Eve Evaluator")
    RoleFactory(user=user, organisation=council, role=Role.EVALUATOR)
    Evaluator.objects.create(opportunity=opportunity, user=user, added_by=staff)
    return user


@pytest.fixture
def citizen(opportunity, riverside, staff):
    user = UserFactory(full_name="Cal Citizen")
    RoleFactory(user=user, organisation=None, place=riverside, role=Role.CITIZEN_COMMISSIONER)
    opportunity.plan.citizen_commissioners.add(user)
    Evaluator.objects.create(
        opportunity=opportunity, user=user, kind=Evaluator.Kind.CITIZEN, added_by=staff
    )
    return user


@pytest.fixture
def closed():
    """Move an opportunity's deadline into the past (as if the time had come)."""

    def _close(opportunity):
        past = timezone.now() - datetime.timedelta(minutes=1)
        Opportunity.objects.filter(pk=opportunity.pk).update(
            closes_at=past, questions_close_at=past - datetime.timedelta(days=1)
        )
        opportunity.refresh_from_db()
        return opportunity

    return _close
