"""The opportunities API: published ones to everyone with the same filters as the page; a draft is
the same 404 as no opportunity for those who may not see it; a provider registers interest."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.competitions.models import Interest, Opportunity
from commonweal.competitions.tests.conftest import make_opportunity
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

OUTSIDERS = ["anonymous", "resident", "stranger", "self_made_bidder", "other_staff"]
RUNNERS = ["staff", "back_office"]


@pytest.fixture
def self_made_bidder(db):
    organisation = OrganisationFactory(
        name="Just Made Ltd", legal_form=Organisation.LegalForm.PRIVATE_COMPANY
    )
    user = UserFactory(full_name="Jo Justmade")
    RoleFactory(user=user, organisation=organisation, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def draft(plan, staff):
    return make_opportunity(
        plan,
        created_by=staff,
        status=Opportunity.Status.DRAFT,
        published_at=None,
        title="Draft recovery service",
    )


def token(request, token_for, who):
    return None if who == "anonymous" else token_for(request.getfixturevalue(who))


@pytest.mark.parametrize("who", OUTSIDERS + RUNNERS)
def test_a_published_opportunity_is_listed_and_read_by_everyone(
    request, api, token_for, who, opportunity
):
    key = token(request, token_for, who)
    listed = api.get(reverse("api:opportunity-list"), token=key)
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == [opportunity.pk]
    detail = api.get(reverse("api:opportunity-detail", kwargs={"pk": opportunity.pk}), token=key)
    assert detail.status_code == 200
    body = detail.json()
    assert body["title"] == "Housing-led recovery service"
    assert body["price_explanation"].startswith("The lowest price gets full marks.")
    questions = [row["question"] for row in body["criteria"] if row["question"]]
    assert "Tell us how you will help people find and keep a home." in questions
    assert "guidance" not in body["criteria"][0]  # evaluators' guidance stays with them
    assert "cost_model_hours" not in body


@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_draft_is_the_same_404_as_no_opportunity(request, api, token_for, who, draft):
    key = token(request, token_for, who)
    missing = api.get(reverse("api:opportunity-detail", kwargs={"pk": draft.pk + 1000}), token=key)
    hidden = api.get(reverse("api:opportunity-detail", kwargs={"pk": draft.pk}), token=key)
    assert hidden.status_code == missing.status_code == 404
    assert "Draft recovery" not in hidden.content.decode()
    listed = api.get(reverse("api:opportunity-list"), token=key).json()["results"]
    assert listed == []


@pytest.mark.parametrize("who", RUNNERS)
def test_those_who_run_a_draft_read_it(request, api, token_for, who, draft):
    key = token(request, token_for, who)
    detail = api.get(reverse("api:opportunity-detail", kwargs={"pk": draft.pk}), token=key)
    assert detail.status_code == 200
    assert detail.json()["published_at"] is None


def test_huge_ids_are_not_found(api, token_for, bidder_people, bidders):
    key = token_for(bidder_people[0])
    detail = api.get(reverse("api:opportunity-detail", kwargs={"pk": 2**70}), token=key)
    interest = api.post(
        reverse("api:opportunity-interest", kwargs={"pk": 2**70}),
        {"organisation": bidders[0].slug},
        token=key,
    )
    assert detail.status_code == interest.status_code == 404


def test_the_list_filters_as_the_page_does(api, plan, staff, ward):
    make_opportunity(plan, created_by=staff, title="Small", value=Decimal("50000"))
    make_opportunity(
        plan,
        created_by=staff,
        title="Grant",
        kind=Opportunity.Kind.GRANT_ROUND,
        closes_in=datetime.timedelta(days=40),
    )
    url = reverse("api:opportunity-list")

    def titles(**query):
        response = api.get(url, query)
        assert response.status_code == 200, response.json()
        return [row["title"] for row in response.json()["results"]]

    assert titles(value_max="100000") == ["Small"]
    assert titles(kind="grant_round") == ["Grant"]
    assert titles(place=ward.slug) == ["Small", "Grant"]
    before = (datetime.date.today() + datetime.timedelta(days=20)).isoformat()
    assert titles(closes_before=before) == ["Small"]


def test_bad_filters_are_a_400_naming_them(api):
    response = api.get(reverse("api:opportunity-list"), {"value_min": "lots", "place": "nowhere"})
    assert response.status_code == 400
    assert set(response.json()) >= {"value_min", "place"}


def test_the_list_reads_a_page_in_a_fixed_number_of_queries(
    api, plan, staff, django_assert_max_num_queries
):
    for number in range(20):
        make_opportunity(plan, created_by=staff, title=f"Opportunity {number}")
    with django_assert_max_num_queries(8):
        assert api.get(reverse("api:opportunity-list")).status_code == 200


def test_a_provider_registers_interest_once(api, token_for, bidders, bidder_people, opportunity):
    key = token_for(bidder_people[0])
    url = reverse("api:opportunity-interest", kwargs={"pk": opportunity.pk})
    first = api.post(url, {"organisation": bidders[0].slug}, token=key)
    assert first.status_code == 201
    assert first.json()["organisation"] == bidders[0].slug
    assert api.post(url, {"organisation": bidders[0].slug}, token=key).status_code == 201
    assert Interest.objects.filter(opportunity=opportunity).count() == 1


@pytest.mark.parametrize("who", ["resident", "stranger", "other_staff", "staff"])
def test_nobody_registers_interest_for_a_provider_they_do_not_speak_for(
    request, api, token_for, who, bidders, opportunity
):
    key = token(request, token_for, who)
    url = reverse("api:opportunity-interest", kwargs={"pk": opportunity.pk})
    response = api.post(url, {"organisation": bidders[0].slug}, token=key)
    assert response.status_code == 400
    assert "organisation" in response.json()
    assert not Interest.objects.exists()


def test_interest_needs_a_signed_in_person(api, bidders, opportunity):
    url = reverse("api:opportunity-interest", kwargs={"pk": opportunity.pk})
    assert api.post(url, {"organisation": bidders[0].slug}).status_code == 401


def test_interest_in_a_draft_is_the_same_404(api, token_for, bidders, bidder_people, draft):
    url = reverse("api:opportunity-interest", kwargs={"pk": draft.pk})
    response = api.post(url, {"organisation": bidders[0].slug}, token=token_for(bidder_people[0]))
    assert response.status_code == 404
