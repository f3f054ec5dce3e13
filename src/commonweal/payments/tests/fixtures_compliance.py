"""The payers and payees of the compliance tests, on the shared test world
(commonweal/testing/place_world.py): Riverside Council (``council``) pays; Chris Commissioner
(``staff``) is its staff.

- ``supplier``: Harbour Housing, a provider serving Riverside; ``supplier_person``: speaks for it.
- ``finance_officer``: a finance officer at the council (approves the notice).
- ``self_made``: a person who made their own account and their own organisation.
- ``contract``: a live contract in Riverside's ward between the council and the supplier.

Test modules import what they use: ``from commonweal.payments.tests.fixtures_compliance import *``.
"""

import pytest

from commonweal.accounts.roles import Role
from commonweal.organisations.models import Organisation
from commonweal.payments.tests.compliance_world import make_agreement
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory

__all__ = ["contract", "finance_officer", "self_made", "supplier", "supplier_person"]


@pytest.fixture
def supplier(riverside):
    organisation = OrganisationFactory(
        name="Harbour Housing", legal_form=Organisation.LegalForm.CHARITY
    )
    organisation.places_served.add(riverside)
    return organisation


@pytest.fixture
def supplier_person(supplier):
    user = UserFactory(full_name="Pat Provider")
    RoleFactory(user=user, organisation=supplier, role=Role.PROVIDER_MEMBER)
    return user


@pytest.fixture
def finance_officer(council):
    user = UserFactory(full_name="Fran Finance")
    RoleFactory(user=user, organisation=council, role=Role.FINANCE_OFFICER)
    return user


@pytest.fixture
def self_made(db):
    user = UserFactory(full_name="Jo Justmade")
    own = OrganisationFactory(name="Jo's Own Charity", legal_form=Organisation.LegalForm.CHARITY)
    RoleFactory(user=user, organisation=own, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def contract(ward, council, supplier):
    return make_agreement(ward, council, supplier, title="Quayside housing support")
