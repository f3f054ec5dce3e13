"""Fixtures for the bid tests (their own, beside the shared conftest)."""

import pytest

from commonweal.accounts.roles import Role
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory


@pytest.fixture
def self_made(db):
    """A person who made their own account and their own organisation (may bid for it alone)."""
    organisation = OrganisationFactory(
        name="Just Made Ltd", legal_form=Organisation.LegalForm.PRIVATE_COMPANY
    )
    user = UserFactory(full_name="Jo Justmade")
    RoleFactory(user=user, organisation=organisation, role=Role.ADMINISTRATOR)
    return user
