"""The back office for places runs the same checks as the model."""

import pytest
from django.urls import reverse

from commonweal.places.models import Place
from commonweal.testing.factories import PlaceFactory, UserFactory, WardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(sign_in):
    return sign_in(UserFactory(is_staff=True, is_superuser=True))


def form(**overrides) -> dict:
    data = {
        "name": "Northbank",
        "slug": "northbank",
        "kind": "ward",
        "parent": "",
        "gss_code": "",
        "population": "",
        "description": "",
        "children-TOTAL_FORMS": "0",
        "children-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def test_a_ward_inside_a_country_is_refused_with_a_clear_message(admin_client):
    country = PlaceFactory(name="England")
    response = admin_client.post(reverse("admin:places_place_add"), form(parent=country.pk))
    assert response.status_code == 200
    assert "A ward cannot be part of a country." in response.content.decode()
    assert not Place.objects.filter(slug="northbank").exists()


def test_a_valid_place_is_saved(admin_client):
    ward = WardFactory()
    response = admin_client.post(
        reverse("admin:places_place_add"),
        form(kind="neighbourhood", parent=ward.pk, gss_code="E05000001"),
    )
    assert response.status_code == 302
    assert Place.objects.get(slug="northbank").parent == ward


def test_the_list_searches_by_name_and_gss_code(admin_client):
    PlaceFactory(name="England", gss_code="E92000001")
    PlaceFactory(name="Wales", gss_code="W92000004")
    content = admin_client.get(
        reverse("admin:places_place_changelist"), {"q": "W9200"}
    ).content.decode()
    assert "Wales" in content and "England" not in content
