"""GET /api/needs/, /api/needs/{id}/ and /api/needs/{id}/evidence/: public reads, with stories kept private."""

import json

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.api.tests import cycle_records as make
from commonweal.core.models import AuditEntry
from commonweal.needs.models import Evidence, Need
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    PublicBodyFactory,
    RoleFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("api:need-list")


def _detail(need) -> str:
    return reverse("api:need-detail", kwargs={"pk": need.pk})


def _evidence(need) -> str:
    return reverse("api:need-evidence", kwargs={"pk": need.pk})


def _titles(response) -> list[str]:
    return [need["title"] for need in response.json()["results"]]


@pytest.fixture
def riverside():
    return LocalAuthorityFactory(name="Riverside", slug="riverside")


@pytest.fixture
def wharf(riverside):
    return WardFactory(name="Old Wharf", slug="old-wharf", parent=riverside)


@pytest.fixture
def register(riverside, wharf):
    """Three needs: two in Riverside's ward, one in another borough; one of them merged."""
    homeless = make.term("beneficiary_group", "people-who-are-homeless", "People who are homeless")
    housing = make.term("agency", "housing", "Housing")
    older = make.term("beneficiary_group", "older-people", "Older people")
    shelter = make.need(wharf, "Nowhere to go in the day", themes=[homeless, housing])
    lonely = make.need(riverside, "Older people are lonely", themes=[older])
    elsewhere = make.need(LocalAuthorityFactory(name="Hillside"), "Hillside buses were cut")
    make.need(wharf, "Nowhere to keep belongings", status=Need.Status.MERGED, merged_into=shelter)
    return {"shelter": shelter, "lonely": lonely, "elsewhere": elsewhere}


# --- the list --------------------------------------------------------------------------------


def test_anyone_can_list_needs_without_merged_ones(api, register):
    response = api.get(LIST)
    assert response.status_code == 200
    assert set(_titles(response)) == {
        "Nowhere to go in the day",
        "Older people are lonely",
        "Hillside buses were cut",
    }
    assert response.json()["count"] == 3


def test_a_need_in_the_list_says_its_place_status_themes_agencies_and_support(api, register):
    make.supporters(register["shelter"], 2)
    row = next(
        need
        for need in api.get(LIST).json()["results"]
        if need["title"] == "Nowhere to go in the day"
    )
    assert row["place"] == "old-wharf"
    assert row["status"] == "raised" and row["status_label"] == "Raised"
    assert row["themes"] == [
        {
            "vocabulary": "beneficiary_group",
            "slug": "people-who-are-homeless",
            "name": "People who are homeless",
        }
    ]
    assert row["agencies"] == [{"slug": "housing", "name": "Housing"}]
    assert row["supporter_count"] == 2
    assert row["web_address"] == reverse("needs:detail", kwargs={"pk": register["shelter"].pk})


def test_the_place_filter_includes_the_places_inside_it(api, register):
    assert set(_titles(api.get(LIST, {"place": "riverside"}))) == {
        "Nowhere to go in the day",
        "Older people are lonely",
    }
    assert _titles(api.get(LIST, {"place": "old-wharf"})) == ["Nowhere to go in the day"]


def test_needs_can_be_filtered_by_theme_agency_status_and_words(api, register):
    assert _titles(api.get(LIST, {"theme": "older-people"})) == ["Older people are lonely"]
    assert _titles(api.get(LIST, {"theme": "housing"})) == ["Nowhere to go in the day"]
    assert _titles(api.get(LIST, {"status": "merged"})) == ["Nowhere to keep belongings"]
    assert _titles(api.get(LIST, {"q": "buses"})) == ["Hillside buses were cut"]


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("place", "atlantis", "atlantis"),
        ("status", "solved", "under_review"),
        ("theme", "unicorns", "unicorns"),
        ("q", "x" * 201, "200"),
        ("page", "two", "page number"),
    ],
)
def test_a_bad_filter_is_a_field_error(api, register, name, value, expected):
    response = api.get(LIST, {name: value})
    assert response.status_code == 400
    assert expected in response.json()[name][0]


def test_empty_filters_are_ignored(api, register):
    assert api.get(LIST, {"place": "", "status": "", "theme": "", "q": " "}).json()["count"] == 3


# --- one need ----------------------------------------------------------------------------------


def test_a_need_shows_its_status_history_with_public_reasons_and_evidence_links(api, register):
    need = register["shelter"]
    make.step(need, Need.Status.UNDER_REVIEW, "We are gathering evidence.")
    make.step(
        need,
        Need.Status.PRIORITISED,
        "Came first in the round.",
        evidence_label="Priorities 2026",
        evidence_url="/priorities/1/",
    )
    response = api.get(_detail(need))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "prioritised" and body["status_reason"] == "Came first in the round."
    assert [(step["to_status"], step["reason"]) for step in body["status_history"]] == [
        ("under_review", "We are gathering evidence."),
        ("prioritised", "Came first in the round."),
    ]
    assert body["status_history"][1]["evidence_label"] == "Priorities 2026"
    assert body["status_history"][1]["from_status"] == "under_review"


def test_a_need_lists_the_outcomes_that_address_it_from_the_published_framework(
    api, register, riverside
):
    _framework, _version, outcome = make.framework(riverside, "riverside-outcomes")
    register["shelter"].outcomes.add(outcome)
    body = api.get(_detail(register["shelter"])).json()
    assert body["outcomes"] == [
        {
            "framework": "riverside-outcomes",
            "version": 1,
            "code": "O1",
            "title": "People have a settled home",
        }
    ]


def test_a_merged_need_says_where_it_went(api, register):
    merged = Need.objects.get(title="Nowhere to keep belongings")
    body = api.get(_detail(merged)).json()
    assert body["status"] == "merged" and body["merged_into"] == register["shelter"].pk


def test_a_need_does_not_name_the_person_who_raised_it_or_its_supporters(api, register):
    raiser = UserFactory(full_name="Wanda Private", email="wanda@example.org")
    register["shelter"].raised_by = raiser
    register["shelter"].save()
    make.supporters(register["shelter"], 1)
    text = api.get(_detail(register["shelter"])).content.decode()
    assert "Wanda" not in text and "wanda@example.org" not in text


def test_an_unknown_need_is_a_json_404(api, register):
    for url in (
        reverse("api:need-detail", kwargs={"pk": 99999}),
        reverse("api:need-evidence", kwargs={"pk": 99999}),
    ):
        response = api.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert "99999" in response.json()["detail"]


# --- evidence and the privacy of stories -------------------------------------------------------


@pytest.fixture
def evidence(register):
    need = register["shelter"]
    make.figure(need)
    make.story(
        need, "Named story", publication=Evidence.Publication.NAMED, storyteller="Marcus Doyle"
    )
    make.story(
        need,
        "Anonymised story",
        publication=Evidence.Publication.ANONYMISED,
        storyteller="Tasha Green",
    )
    make.story(
        need, "Private story", publication=Evidence.Publication.PRIVATE, storyteller="Pat Quiet"
    )
    make.story(
        need,
        "Named without consent",
        publication=Evidence.Publication.NAMED,
        consent=False,
        storyteller="Nobody Asked",
    )
    return need


def test_figures_come_with_their_source_and_date(api, evidence):
    figure = next(item for item in api.get(_evidence(evidence)).json() if item["kind"] == "figure")
    assert figure["title"] == "People sleeping rough"
    assert figure["value"].startswith("23") and figure["unit"] == "people"
    assert figure["source"] == "Street count" and figure["as_of"] == "2025-11-13"


def test_only_stories_told_with_consent_for_publication_are_shown(api, evidence):
    titles = [
        item["title"] for item in api.get(_evidence(evidence)).json() if item["kind"] == "story"
    ]
    assert titles == ["Named story", "Anonymised story"]


def test_the_storyteller_is_named_only_when_they_asked_to_be(api, evidence):
    response = api.get(_evidence(evidence))
    stories = {item["title"]: item for item in response.json() if item["kind"] == "story"}
    assert stories["Named story"]["storyteller"] == "Marcus Doyle"
    assert stories["Anonymised story"]["storyteller"] is None
    text = response.content.decode()
    for hidden in ("Tasha Green", "Pat Quiet", "Private story", "Nobody Asked"):
        assert hidden not in text


@pytest.mark.parametrize("who", ["anonymous", "raiser", "place staff", "back office"])
def test_private_stories_stay_out_of_the_api_for_everyone(api, token_for, evidence, riverside, who):
    user = None
    if who == "raiser":
        user = UserFactory()
        evidence.raised_by = user
        evidence.save()
    elif who == "place staff":
        council = PublicBodyFactory()
        council.places_served.add(riverside)
        user = RoleFactory(role=Role.COMMISSIONER, organisation=council).user
    elif who == "back office":
        user = UserFactory(is_staff=True)
    response = api.get(_evidence(evidence), token=token_for(user) if user else None)
    assert response.status_code == 200
    assert "Private story" not in response.content.decode()
    assert "Tasha Green" not in response.content.decode()


def test_a_bad_token_is_refused_even_on_public_reads(api, register):
    response = api.get(LIST, token="cw_not-a-real-token")
    assert response.status_code == 401


# --- raising a need ----------------------------------------------------------------------------------


def _raise(client, data, *, token=None, **extra):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(
        LIST, json.dumps(data), content_type="application/json", headers=headers, **extra
    )


@pytest.fixture
def new_need(wharf):
    make.term("beneficiary_group", "older-people", "Older people")
    make.term("agency", "housing", "Housing")
    return {
        "title": "Older people cannot reach the surgery",
        "problem": "The bus was cut.",
        "population": "People over 75",
        "place": "old-wharf",
        "themes": ["older-people", "housing"],
    }


def test_anonymous_people_must_sign_in_to_raise_a_need(client, new_need):
    response = _raise(client, new_need)
    assert response.status_code == 401
    assert not Need.objects.filter(title=new_need["title"]).exists()


def test_anyone_signed_in_can_raise_a_need_and_it_starts_as_raised(client, token_for, new_need):
    resident = UserFactory()
    response = _raise(client, new_need, token=token_for(resident))
    assert response.status_code == 201
    body = response.json()
    assert (
        body["title"] == new_need["title"]
        and body["place"] == "old-wharf"
        and body["status"] == "raised"
    )
    assert [step["to_status"] for step in body["status_history"]] == ["raised"]
    assert {theme["slug"] for theme in body["themes"]} == {"older-people"}
    assert [agency["slug"] for agency in body["agencies"]] == ["housing"]
    need = Need.objects.get(pk=body["id"])
    assert need.raised_by == resident
    assert AuditEntry.objects.filter(
        model="needs.need", object_id=str(need.pk), actor=resident
    ).exists()


def test_a_member_may_raise_a_need_for_their_organisation_and_a_stranger_may_not(
    client, token_for, new_need
):
    membership = RoleFactory(role=Role.PROVIDER_MEMBER)
    organisation = membership.organisation
    response = _raise(
        client, {**new_need, "raised_for": organisation.slug}, token=token_for(membership.user)
    )
    assert response.status_code == 201 and response.json()["raised_for"] == organisation.slug
    stranger = UserFactory()
    response = _raise(
        client,
        {**new_need, "title": "Another", "raised_for": organisation.slug},
        token=token_for(stranger),
    )
    assert response.status_code == 400 and response.json()["raised_for"]
    assert not Need.objects.filter(title="Another").exists()


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", "", "Enter the need in a sentence"),
        ("problem", "  ", "Describe the problem"),
        ("place", "atlantis", "atlantis"),
        ("themes", ["older-people", "unicorns"], "unicorns"),
        ("raised_for", "no-such-organisation", "no-such-organisation"),
    ],
)
def test_bad_input_is_a_field_error_and_nothing_is_saved(
    client, token_for, new_need, field, value, expected
):
    response = _raise(client, {**new_need, field: value}, token=token_for(UserFactory()))
    assert response.status_code == 400
    assert expected in str(response.json()[field])
    assert not Need.objects.exists()


def test_a_need_cannot_be_raised_for_a_whole_country(client, token_for, new_need, riverside):
    response = _raise(
        client, {**new_need, "place": riverside.parent.slug}, token=token_for(UserFactory())
    )
    assert response.status_code == 400 and response.json()["place"]


def test_raising_with_a_browser_session_needs_the_csrf_token(new_need):
    from django.test import Client

    user = UserFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    response = _raise(browser, new_need)
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert not Need.objects.exists()
