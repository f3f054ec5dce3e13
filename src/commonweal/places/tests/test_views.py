"""The list of places: countries, then local authorities, then wards, nested."""

import pytest
from django.urls import reverse

from commonweal.places.models import Place
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PlaceFactory,
    PublicBodyFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def riverside():
    england = PlaceFactory(name="England", slug="england", gss_code="E92000001")
    borough = LocalAuthorityFactory(
        name="Riverside",
        slug="riverside",
        parent=england,
        population=312000,
        gss_code="E09000099",
        is_fictional=True,
        description="A river borough.",
    )
    northbank = WardFactory(name="Northbank", slug="northbank", parent=borough)
    WardFactory(name="Southbank", slug="southbank", parent=borough)
    quayside = WardFactory(
        name="Quayside Estate", slug="quayside", kind=Place.Kind.NEIGHBOURHOOD, parent=northbank
    )
    LocalAuthorityFactory(name="Hilltown", slug="hilltown", parent=england)
    food_bank = OrganisationFactory(name="Riverside Food Bank")
    food_bank.places_served.add(northbank)
    tenants = OrganisationFactory(name="Quayside Tenants")
    tenants.places_served.add(quayside)
    council = PublicBodyFactory(name="Riverside Council")
    council.places_served.add(borough)
    OrganisationFactory(name="Hilltown Helpers").places_served.add(
        Place.objects.get(slug="hilltown")
    )
    return borough


def test_the_list_nests_countries_local_authorities_and_wards(client, riverside):
    response = client.get(reverse("places:list"))
    assert response.status_code == 200
    content = response.content.decode()
    order = [
        content.index(name)
        for name in (
            "England",
            "Hilltown",
            "Riverside",
            "Northbank",
            "Quayside Estate",
            "Southbank",
        )
    ]
    assert order == sorted(order)
    assert "Fictional" in content
    assert "312,000" in content
    tree = response.context["tree"]
    assert [node.place.name for node in tree] == ["England"]
    assert [node.place.name for node in tree[0].children] == ["Hilltown", "Riverside"]
    assert [node.place.name for node in tree[0].children[1].children] == ["Northbank", "Southbank"]


def test_the_list_says_so_when_there_are_no_places(client):
    assert "No places have been set up yet" in client.get(reverse("places:list")).content.decode()
