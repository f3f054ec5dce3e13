"""A place's page: its facts, the places around it, everyone serving it, and its history for the back office."""

import pytest
from django.urls import reverse

from commonweal.core import audit
from commonweal.places.models import Place
from commonweal.testing.factories import (
    LocalAuthorityFactory,
    OrganisationFactory,
    PlaceFactory,
    PublicBodyFactory,
    UserFactory,
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


def test_a_local_authority_shows_its_facts_wards_and_everyone_serving_it_or_its_wards(
    client, riverside
):
    content = client.get(riverside.get_absolute_url()).content.decode()
    assert "<h1" in content and "Riverside" in content and "Local authority" in content
    assert "E09000099" in content and "312,000" in content and "A river borough." in content
    assert "govuk-tag--yellow" in content and "This place is fictional." in content
    assert 'class="govuk-breadcrumbs__link" href="/places/england/"' in content
    assert "Northbank" in content and "Southbank" in content
    for name in ("Riverside Council", "Riverside Food Bank", "Quayside Tenants"):
        assert name in content
    assert "Hilltown Helpers" not in content
    assert ">VCSE<" in content and ">SME<" in content
    assert reverse("organisations:list") + "?place=riverside" in content


def test_a_ward_shows_the_organisations_serving_it_and_its_neighbourhoods(client, riverside):
    content = client.get(reverse("places:detail", kwargs={"slug": "northbank"})).content.decode()
    assert "Riverside Food Bank" in content and "Quayside Tenants" in content
    assert "Riverside Council" not in content
    assert 'href="/places/riverside/"' in content  # part of


def test_a_real_place_has_no_fictional_tag(client, riverside):
    content = client.get(reverse("places:detail", kwargs={"slug": "england"})).content.decode()
    assert "This place is fictional." not in content


def test_an_unknown_place_is_not_found(client):
    assert client.get(reverse("places:detail", kwargs={"slug": "atlantis"})).status_code == 404


class TestHistory:
    def test_back_office_staff_see_the_records_history(self, sign_in, riverside):
        officer = UserFactory(full_name="Bea Backoffice", is_staff=True)
        with audit.audit_context(actor=officer, reason="Mid-year estimate"):
            riverside.population = 315000
            riverside.save()
        content = sign_in(officer).get(riverside.get_absolute_url()).content.decode()
        assert "History of this record" in content
        assert "Mid-year estimate" in content and "Bea Backoffice" in content
        assert "Population: 312000" in content and "315000" in content

    @pytest.mark.parametrize("who", ["anonymous", "signed_in"])
    def test_others_do_not(self, client, sign_in, riverside, who):
        if who == "signed_in":
            sign_in(UserFactory())
        assert (
            "History of this record"
            not in client.get(riverside.get_absolute_url()).content.decode()
        )


def test_who_serves_a_place_shows_at_once_when_it_changes(client, riverside):
    """The list is kept between views (the same for everyone); every change shows on the next."""
    page = riverside.get_absolute_url()
    client.get(page)
    newcomer = OrganisationFactory(name="Newcomer Trust")
    assert "Newcomer Trust" not in client.get(page).content.decode()
    newcomer.places_served.add(riverside)
    assert "Newcomer Trust" in client.get(page).content.decode()
    newcomer.name = "Newcomer Community Trust"
    newcomer.save()
    assert "Newcomer Community Trust" in client.get(page).content.decode()
    riverside.name = "Riverside Borough"
    riverside.save()
    assert "Organisations serving Riverside Borough" in client.get(page).content.decode()
    newcomer.places_served.remove(riverside)
    assert "Newcomer" not in client.get(page).content.decode()
