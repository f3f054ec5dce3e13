"""GET /api/me/: who the token belongs to, and their roles."""

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ME = reverse("api:me")


def test_me_needs_a_token(api):
    assert api.get(ME).status_code == 401


def test_me_shows_the_person_and_their_roles_with_where_they_hold_them(api, token_for):
    person = UserFactory(full_name="Ada Lovelace", email="ada@example.org")
    shelter = OrganisationFactory(slug="riverside-shelter")
    borough = LocalAuthorityFactory(slug="riverside")
    RoleFactory(user=person, organisation=shelter, role=Role.PROVIDER_MEMBER)
    RoleFactory(user=person, organisation=None, place=borough, role=Role.RESIDENT)
    data = api.get(ME, token=token_for(person)).json()
    assert data["name"] == "Ada Lovelace"
    assert data["email"] == "ada@example.org"
    roles = sorted((role["role"], role["organisation"], role["place"]) for role in data["roles"])
    assert roles == [
        ("provider_member", "riverside-shelter", None),
        ("resident", None, "riverside"),
    ]
    assert {role["role_label"] for role in data["roles"]} == {"Provider member", "Resident"}


def test_me_shows_only_the_tokens_owner(api, token_for):
    RoleFactory(role=Role.ADMINISTRATOR)
    person = UserFactory()
    data = api.get(ME, token=token_for(person)).json()
    assert data["email"] == person.email
    assert data["roles"] == []
