"""GET /api/organisations/{slug}/members/: for members, the back office and public-body staff where it works."""

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelter():
    return OrganisationFactory(slug="riverside-shelter")


@pytest.fixture
def members_url(shelter):
    return reverse("api:organisation-members", kwargs={"slug": shelter.slug})


@pytest.fixture
def administrator(shelter):
    user = UserFactory(full_name="Bea Admin", email="bea@shelter.example")
    RoleFactory(user=user, organisation=shelter, role=Role.ADMINISTRATOR)
    RoleFactory(user=user, organisation=shelter, role=Role.PROVIDER_MEMBER)
    return user


@pytest.fixture
def member(shelter):
    user = UserFactory(full_name="Cal Member", email="cal@shelter.example")
    RoleFactory(user=user, organisation=shelter, role=Role.PROVIDER_MEMBER)
    return user


def test_anonymous_people_cannot_list_members(api, members_url, member):
    response = api.get(members_url)
    assert response.status_code == 401
    assert b"cal@shelter.example" not in response.content


def test_a_stranger_cannot_list_members_and_learns_nothing(api, token_for, members_url, member):
    response = api.get(members_url, token=token_for(UserFactory()))
    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to perform this action."}


def test_another_providers_administrator_cannot_list_members(api, token_for, members_url, member):
    assert (
        api.get(members_url, token=token_for(RoleFactory(role=Role.ADMINISTRATOR).user)).status_code
        == 403
    )


def test_a_member_sees_every_member_and_their_roles(
    api, token_for, members_url, administrator, member
):
    response = api.get(members_url, token=token_for(member))
    assert response.status_code == 200
    data = response.json()
    assert [person["name"] for person in data] == ["Bea Admin", "Cal Member"]
    assert data[0]["email"] == "bea@shelter.example"
    assert sorted(role["role"] for role in data[0]["roles"]) == ["administrator", "provider_member"]
    assert [role["role"] for role in data[1]["roles"]] == ["provider_member"]


def test_the_back_office_can_list_members(api, token_for, members_url, member):
    assert api.get(members_url, token=token_for(UserFactory(is_staff=True))).status_code == 200


def test_a_public_body_commissioner_where_it_works_can_list_members_for_due_diligence(
    api, token_for, shelter, members_url, member
):
    borough = LocalAuthorityFactory()
    shelter.places_served.add(borough)
    commissioner = RoleFactory(
        organisation=PublicBodyFactory(places_served=[borough]), role=Role.COMMISSIONER
    ).user
    assert api.get(members_url, token=token_for(commissioner)).status_code == 200
    elsewhere = RoleFactory(
        organisation=PublicBodyFactory(places_served=[LocalAuthorityFactory()]),
        role=Role.COMMISSIONER,
    ).user
    response = api.get(members_url, token=token_for(elsewhere))
    assert response.status_code == 403 and "Cal Member" not in response.content.decode()


def test_members_of_an_unknown_organisation_is_a_404(api, token_for):
    url = reverse("api:organisation-members", kwargs={"slug": "nowhere"})
    response = api.get(url, token=token_for(UserFactory(is_staff=True)))
    assert response.status_code == 404
    assert response.json()["detail"]
