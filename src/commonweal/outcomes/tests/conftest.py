"""A place, its council's framework with one published version, and the people around it.

The place, its council, the manager (their staff), the stranger and the back office are the
shared test world's (commonweal/testing/place_world.py)."""

import datetime
from decimal import Decimal

import pytest

from commonweal.accounts.roles import Role
from commonweal.needs.models import Need
from commonweal.organisations.models import Organisation
from commonweal.outcomes import services
from commonweal.outcomes.models import Framework, Indicator
from commonweal.testing.factories import (
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
)


@pytest.fixture
def place(riverside):
    return riverside


@pytest.fixture
def manager(staff):
    """Chris Commissioner, at the council that owns the framework."""
    return staff


@pytest.fixture
def other_commissioner(db):
    """A commissioner in another public body: not one who looks after this framework."""
    user = UserFactory(full_name="Olu Otherplace")
    RoleFactory(user=user, organisation=PublicBodyFactory(), role=Role.COMMISSIONER)
    return user


@pytest.fixture
def charity(db):
    charity = OrganisationFactory(name="Riverside Food Bank")
    assert charity.is_vcse
    return charity


@pytest.fixture
def vcse_member(charity):
    user = UserFactory(full_name="Val Voluntary")
    RoleFactory(user=user, organisation=charity, role=Role.PROVIDER_MEMBER)
    return user


@pytest.fixture
def company_member(db):
    company = OrganisationFactory(
        name="Big Services PLC",
        legal_form=Organisation.LegalForm.PLC,
        org_id="GB-COH-01234567",
        headcount=5000,
        annual_turnover=90000000,
    )
    assert not company.is_vcse
    user = UserFactory(full_name="Cam Company")
    RoleFactory(user=user, organisation=company, role=Role.PROVIDER_MEMBER)
    return user


@pytest.fixture
def need(place):
    return Need.objects.create(
        title="Nowhere safe to sleep",
        problem="People sleep rough by the river.",
        population="People who are homeless",
        place=place,
    )


def indicator_values(code="I1", **overrides) -> dict:
    values = {
        "code": code,
        "name": "People sleeping rough on a single night",
        "definition": "The autumn count.",
        "unit": "people",
        "direction": Indicator.Direction.LOWER,
        "baseline_value": Decimal("42"),
        "baseline_date": datetime.date(2025, 11, 1),
        "target_value": Decimal("10"),
        "target_date": datetime.date(2028, 3, 31),
        "data_source": "Council street count",
        "frequency": Indicator.Frequency.YEARLY,
        "validation_method": "Checked by outreach teams",
        "breakdowns": [Indicator.Breakdown.AGE, Indicator.Breakdown.WARD],
    }
    return {**values, **overrides}


@pytest.fixture
def framework(council, place, manager, need):
    framework = Framework.objects.create(
        place=place,
        name="Riverside outcomes framework",
        slug="riverside-outcomes",
        summary="What we all work towards.",
        owner=council,
    )
    version = services.framework_version_create(
        framework=framework, actor=manager, change_note="First version"
    )
    area = services.outcome_area_save(version=version, actor=manager, code="A1", name="Housing")
    outcome = services.outcome_save(
        version=version, actor=manager, area=area, code="O1", title="People keep their home"
    )
    services.indicator_save(outcome=outcome, actor=manager, **indicator_values("I1"))
    services.indicator_save(
        outcome=outcome,
        actor=manager,
        **indicator_values(
            "I2",
            name="Evictions prevented",
            direction=Indicator.Direction.HIGHER,
            breakdowns=[],
            baseline_value=None,
            baseline_date=None,
            validation_method="",
        ),
    )
    services.outcome_area_save(
        version=version, actor=manager, code="A2", name="Mental health and wellbeing"
    )
    services.outcome_needs_set(outcome=outcome, actor=manager, needs=[need])
    services.framework_version_publish(version=version, actor=manager, change_note="First version")
    return framework


@pytest.fixture
def published(framework):
    return framework.versions.get(number=1)


@pytest.fixture
def draft(framework, manager):
    return services.framework_version_create(
        framework=framework, actor=manager, change_note="Second version"
    )
