"""Raising a need: anyone signed in, for a local authority, ward or neighbourhood, problem not solution."""

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.needs.models import Need, StatusChange
from commonweal.needs.tests.conftest import term
from commonweal.testing.factories import OrganisationFactory, RoleFactory

pytestmark = pytest.mark.django_db
URL = reverse("needs:raise")


def answers(where, **overrides):
    data = {
        "title": "Older people are lonely after the day centre closed",
        "problem": "Since the day centre closed, many older people see nobody all week.",
        "population": "Older people living alone in Northbank",
        "place": where.pk,
        "outcome_areas": [term("outcome_area", "mental-health-and-wellbeing").pk],
        "groups": [term("beneficiary_group", "older-people").pk],
        "agencies": [term("agency", "adult-social-care").pk, term("agency", "health").pk],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_anonymous_people_are_asked_to_sign_in(client, ward):
    assert client.get(URL).status_code == 302
    assert client.post(URL, answers(ward)).status_code == 302
    assert not Need.objects.exists()


def test_the_form_asks_for_the_problem_not_a_solution_and_says_why(sign_in, stranger):
    content = sign_in(stranger).get(URL).content.decode()
    assert "Describe the problem, not a solution." in content
    assert "shape it together" in content


@pytest.mark.parametrize("who", ["stranger", "place_staff", "other_staff"])
def test_anyone_signed_in_raises_a_need(sign_in, ward, request, who):
    user = request.getfixturevalue(who)
    response = sign_in(user).post(URL, answers(ward))
    need = Need.objects.get()
    assert response.status_code == 302 and response.url == need.get_absolute_url()
    assert need.raised_by == user and need.place == ward and need.status == Need.Status.RAISED
    assert {t.slug for t in need.themes.all()} == {
        "mental-health-and-wellbeing",
        "older-people",
        "adult-social-care",
        "health",
    }
    assert StatusChange.objects.get(need=need).to_status == Need.Status.RAISED


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter the need in a sentence"),
        ({"problem": "  "}, "Describe the problem"),
        ({"population": ""}, "Say who it affects"),
        ({"place": ""}, "Select the place where the need is"),
        ({"place": "999999"}, "Select the place where the need is"),
        ({"groups": ["999999"]}, "Choose from the list"),
    ],
)
def test_problems_are_explained_and_what_was_typed_is_kept(
    sign_in, stranger, ward, overrides, message
):
    response = sign_in(stranger).post(URL, answers(ward, **overrides))
    content = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in content and message in content
    assert "Older people living alone in Northbank" in content or overrides.get("population") == ""
    assert not Need.objects.exists()


def test_a_country_is_not_a_place_a_need_can_be_raised_for(sign_in, stranger, ward):
    country = ward.parent.parent
    assert country.kind == "country"
    response = sign_in(stranger).post(URL, answers(ward, place=country.pk))
    assert "Select the place where the need is" in response.content.decode()
    assert not Need.objects.exists()


def test_a_need_can_be_raised_for_an_organisation_the_person_belongs_to(sign_in, stranger, ward):
    charity = OrganisationFactory(name="Riverside Age Concern")
    RoleFactory(user=stranger, organisation=charity, role=Role.PROVIDER_MEMBER)
    client = sign_in(stranger)
    assert "Riverside Age Concern" in client.get(URL).content.decode()
    client.post(URL, answers(ward, raised_for=charity.pk))
    assert Need.objects.get().raised_for == charity


def test_a_need_cannot_be_raised_for_someone_elses_organisation(sign_in, stranger, ward):
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    RoleFactory(user=stranger, organisation=mine)
    response = sign_in(stranger).post(URL, answers(ward, raised_for=theirs.pk))
    assert "Choose an organisation you belong to" in response.content.decode()
    assert not Need.objects.exists()


def test_a_person_with_no_organisation_is_not_asked_about_one(sign_in, stranger):
    assert "Raise it on behalf of" not in sign_in(stranger).get(URL).content.decode()
