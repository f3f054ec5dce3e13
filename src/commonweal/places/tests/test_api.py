"""GET /api/places/ and /api/places/{slug}/: open to anyone."""

import pytest
from django.urls import reverse

from commonweal.places.models import Place
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    PlaceFactory,
    UserFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("api:place-list")


def _slugs(response) -> list[str]:
    return [place["slug"] for place in response.json()["results"]]


@pytest.fixture
def riverside():
    england = PlaceFactory(name="England", slug="england")
    borough = LocalAuthorityFactory(
        name="Riverside", slug="riverside", parent=england, gss_code="E09000099"
    )
    WardFactory(name="Mill Bank", slug="mill-bank", parent=borough)
    WardFactory(name="Abbey", slug="abbey", parent=borough)
    LocalAuthorityFactory(name="Hillside", slug="hillside", parent=england)
    return borough


def test_anyone_can_list_places_by_name(api, riverside):
    response = api.get(LIST)
    assert response.status_code == 200
    assert _slugs(response) == ["abbey", "england", "hillside", "mill-bank", "riverside"]
    assert response.json()["count"] == 5


def test_places_can_be_filtered_by_kind(api, riverside):
    assert _slugs(api.get(LIST, {"kind": "local_authority"})) == ["hillside", "riverside"]


def test_places_can_be_filtered_by_the_place_they_are_part_of(api, riverside):
    assert _slugs(api.get(LIST, {"parent": "riverside"})) == ["abbey", "mill-bank"]


def test_an_unknown_parent_is_a_field_error(api, riverside):
    response = api.get(LIST, {"parent": "atlantis"})
    assert response.status_code == 400
    assert "atlantis" in response.json()["parent"][0]


def test_an_unknown_kind_is_a_field_error(api, riverside):
    response = api.get(LIST, {"kind": "galaxy"})
    assert response.status_code == 400
    assert "local_authority" in response.json()["kind"][0]


def test_empty_filters_are_ignored(api, riverside):
    assert api.get(LIST, {"kind": "", "parent": ""}).json()["count"] == 5


def test_a_page_number_that_is_not_a_number_is_a_field_error(api, riverside):
    response = api.get(LIST, {"page": "two"})
    assert response.status_code == 400
    assert "page" in response.json()


def test_a_page_past_the_end_is_not_found(api, riverside):
    response = api.get(LIST, {"page": "9"})
    assert response.status_code == 404
    assert response.json()["detail"]


def test_anyone_can_get_a_place_with_the_place_it_is_part_of(api, riverside):
    response = api.get(reverse("api:place-detail", kwargs={"slug": "riverside"}))
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == "Riverside"
    assert data["kind"] == Place.Kind.LOCAL_AUTHORITY
    assert data["kind_label"] == "Local authority"
    assert data["parent"] == "england"
    assert data["gss_code"] == "E09000099"


def test_a_signed_in_person_gets_the_same_place(api, token_for, riverside):
    response = api.get(
        reverse("api:place-detail", kwargs={"slug": "riverside"}), token=token_for(UserFactory())
    )
    assert response.status_code == 200
    assert response.json()["slug"] == "riverside"


def test_an_unknown_place_is_a_json_404(api):
    response = api.get(reverse("api:place-detail", kwargs={"slug": "atlantis"}))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "atlantis" in response.json()["detail"]


def test_places_cannot_be_changed_through_the_api(api, token_for, riverside):
    key = token_for(UserFactory(is_staff=True))
    response = api.patch(
        reverse("api:place-detail", kwargs={"slug": "riverside"}), {"name": "Elsewhere"}, token=key
    )
    assert response.status_code == 405
    riverside.refresh_from_db()
    assert riverside.name == "Riverside"
