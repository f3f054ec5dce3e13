"""An agreement and the people on both sides of its invoices, on the shared test world
(commonweal/testing/place_world.py): Riverside Council (``council``) pays; Chris Commissioner
(``staff``) runs the agreement.

- ``provider``: Harbour Housing, a VCSE; ``provider_person``: speaks for it.
- ``agreement``: a contract in force from 1 January 2025 to 31 December 2027, £120,000, paid
  monthly in arrears within 30 days.
- ``finance_officer``: a finance officer at the council.
- ``self_made``: a person who made their own account and organisation.
- ``make_invoice``: an invoice received on a day (1 January 2025 by default: due 31 January).

Test modules import what they use: ``from commonweal.payments.tests.fixtures_invoices import *``.
"""

import datetime
from decimal import Decimal

import pytest

from commonweal.accounts.roles import Role
from commonweal.agreements.models import Agreement
from commonweal.organisations.models import Organisation
from commonweal.payments import services_invoices
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory

__all__ = [
    "agreement",
    "finance_officer",
    "make_agreement",
    "make_invoice",
    "provider",
    "provider_person",
    "self_made",
]


@pytest.fixture
def provider(db):
    return OrganisationFactory(name="Harbour Housing", is_vcse=True, size_band="small")


@pytest.fixture
def provider_person(provider):
    user = UserFactory(full_name="Pat Provider")
    RoleFactory(user=user, organisation=provider, role=Role.PROVIDER_MEMBER)
    return user


def make_agreement(place, commissioner, provider, **fields) -> Agreement:
    values = {
        "place": place,
        "kind": Agreement.Kind.CONTRACT,
        "status": Agreement.Status.LIVE,
        "title": "Housing-led recovery service",
        "commissioner": commissioner,
        "provider": provider,
        "value": Decimal("120000"),
        "starts_on": datetime.date(2025, 1, 1),
        "ends_on": datetime.date(2027, 12, 31),
        "original_ends_on": datetime.date(2027, 12, 31),
        "payment_terms_days": 30,
        **fields,
    }
    return Agreement.objects.create(**values)


@pytest.fixture
def agreement(riverside, council, provider):
    return make_agreement(riverside, council, provider)


@pytest.fixture
def finance_officer(council):
    user = UserFactory(full_name="Fran Finance")
    RoleFactory(user=user, organisation=council, role=Role.FINANCE_OFFICER)
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
def make_invoice(agreement, provider_person):
    counter = iter(range(1, 10_000))

    def _make(amount="12000", received_on=datetime.date(2025, 1, 1), on=None, number=None, **more):
        return services_invoices.invoice_receive(
            actor=more.pop("actor", provider_person),
            agreement=on or agreement,
            number=number or f"INV-{next(counter):04d}",
            description=more.pop("description", "Support in January"),
            amount=Decimal(amount),
            received_on=received_on,
            **more,
        )

    return _make
