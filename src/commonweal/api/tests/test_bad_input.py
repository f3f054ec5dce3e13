"""Input the database or Python cannot take is a 400 with a plain message, never a 500.

The attacks from the security review, replayed: a null character in a query parameter
(``?place=%00``; PostgreSQL refuses it in text), JSON nested a thousand deep, and their kin:
an unpaired surrogate escape, bytes that are not UTF-8, numbers too long to read. Run these on
PostgreSQL too (DATABASE_URL=postgres://...): there the null character used to be a server error.
"""

import json

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.needs.models import Need
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NEEDS = reverse("api:need-list")
NULL = "This has a null character in it, which cannot be stored. Remove it and try again."


@pytest.fixture
def riverside():
    return LocalAuthorityFactory(name="Riverside", slug="riverside")


@pytest.fixture
def token(token_for):
    return token_for(UserFactory())


def _post(client, body: bytes | str, token, content_type="application/json"):
    return client.generic(
        "POST", NEEDS, body, content_type=content_type, headers={"Authorization": f"Bearer {token}"}
    )


def _need(riverside, **changes) -> dict:
    return {
        "title": "Nowhere to go in the day",
        "problem": "The shelter closes at 8am.",
        "population": "People sleeping rough",
        "place": riverside.slug,
        **changes,
    }


# --- query strings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        reverse("api:need-list"),
        reverse("api:organisation-list"),
        reverse("api:place-list"),
        reverse("api:panel-list"),
    ],
)
def test_a_null_character_in_a_query_parameter_is_a_400_naming_it(client, riverside, url):
    response = client.get(url + "?place=%00")
    assert response.status_code == 400
    assert response.json() == {"place": [NULL]}


def test_a_null_character_in_a_search_is_a_400_even_for_someone_signed_in(client, token):
    response = client.get(
        reverse("api:organisation-list") + "?q=shelter%00",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400 and response.json() == {"q": [NULL]}


def test_a_null_character_in_a_parameter_name_is_a_400(client):
    response = client.get(reverse("api:need-list") + "?pl%00ace=riverside")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [NULL]}


def test_a_query_string_that_is_not_utf8_is_a_400(client):
    response = client.get(reverse("api:organisation-list") + "?q=caf%E9")
    assert response.status_code == 400
    assert response.json() == {"q": ["This is not valid text: send it encoded as UTF-8."]}


def test_a_null_character_in_the_address_is_a_400(client):
    response = client.get("/api/organisations/a%00b/")
    assert response.status_code == 400
    assert response.json() == {"detail": NULL}


def test_ordinary_text_in_a_query_still_works(client, riverside):
    response = client.get(reverse("api:organisation-list") + "?q=Caf%C3%A9+%26+Co")
    assert response.status_code == 200


# --- page numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["0", "-1", "two", "²", "1.5", "1e3"])
def test_a_page_that_is_not_a_whole_number_of_1_or_more_is_a_400(client, page):
    response = client.get(NEEDS, {"page": page})
    assert response.status_code == 400
    assert response.json() == {"page": ["Enter a page number: a whole number, 1 or more."]}


@pytest.mark.parametrize("page", ["2", "99999999999999999999", "9" * 5000])
def test_a_page_past_the_last_is_a_404_saying_which_is_last(client, page):
    response = client.get(NEEDS, {"page": page})
    assert response.status_code == 404
    assert response.json()["detail"].endswith("The last page is 1.")


def test_the_first_page_of_an_empty_list_is_there(client):
    response = client.get(NEEDS, {"page": "1"})
    assert response.status_code == 200 and response.json()["results"] == []


# --- JSON bodies --------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_deeply_nested_json_is_a_400(client, token, depth):
    response = _post(client, "[" * depth + "]" * depth, token)
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_unclosed_deep_json_is_a_400(client, token):
    response = _post(client, "[" * 1000, token)
    assert response.status_code == 400
    assert set(response.json()) == {"detail"}


def test_nesting_just_past_the_limit_is_refused_and_real_bodies_pass(client, token, riverside):
    too_deep = _need(riverside, themes=json.loads("[" * 20 + "]" * 20))
    response = _post(client, json.dumps(too_deep), token)
    assert response.status_code == 400 and "nested too deeply" in response.json()["detail"]
    assert _post(client, json.dumps(_need(riverside)), token).status_code == 201


@pytest.mark.parametrize("escape", ["\\u0000", "\\ud800", "\\udfff"])
def test_text_a_database_cannot_store_is_a_400_naming_the_field_and_nothing_is_saved(
    client, token, riverside, escape
):
    body = json.dumps(_need(riverside)).replace("Nowhere to go", "Nowhere" + escape + " to go")
    response = _post(client, body, token)
    assert response.status_code == 400
    assert list(response.json()) == ["title"]
    assert not Need.objects.exists()


def test_a_null_character_in_a_key_is_a_400(client, token, riverside):
    body = json.dumps(_need(riverside))[:-1] + ', "ti\\u0000tle": "x"}'
    response = _post(client, body, token)
    assert response.status_code == 400 and response.json() == {"non_field_errors": [NULL]}


def test_a_body_that_is_not_utf8_is_a_400(client, token, riverside):
    body = (
        json.dumps(_need(riverside, title="Café"), ensure_ascii=False)
        .encode("utf-8")
        .replace("é".encode(), b"\xe9")
    )
    response = _post(client, body, token)
    assert response.status_code == 400
    assert response.json() == {"detail": "The request is not valid utf-8 text."}


@pytest.mark.parametrize("body", ["{", "{'title': 1}", "NaN", '{"title": Infinity}', ""])
def test_a_body_that_is_not_json_is_a_400(client, token, body):
    response = _post(client, body, token)
    assert response.status_code == 400
    assert set(response.json()) <= {"detail", "title", "problem", "population", "place"}


@pytest.mark.parametrize("number", ["1" * 5000, "1e400", "-1e400"])
def test_a_number_too_long_or_large_to_read_is_a_400(client, token, number):
    response = _post(client, '{"title": ' + number + "}", token)
    assert response.status_code == 400
    assert response.json() == {"detail": "The request has a number too long or too large to read."}


def test_form_data_is_not_what_the_api_reads(client, token, riverside):
    response = _post(client, "title=x", token, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


def test_a_change_to_an_organisation_with_a_null_character_is_refused_and_nothing_changes(
    client, token_for
):
    organisation = OrganisationFactory(name="Riverside Shelter")
    admin = RoleFactory(role=Role.ADMINISTRATOR, organisation=organisation).user
    url = reverse("api:organisation-detail", kwargs={"slug": organisation.slug})
    response = client.patch(
        url,
        '{"name": "Riverside\\u0000Shelter"}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(admin)}"},
    )
    assert response.status_code == 400 and response.json() == {"name": [NULL]}
    organisation.refresh_from_db()
    assert organisation.name == "Riverside Shelter"
