"""Place.clean(): places sit inside the right kind of place."""

import pytest
from django.core.exceptions import ValidationError

from commonweal.places.models import Place
from commonweal.testing.factories import LocalAuthorityFactory, PlaceFactory, WardFactory

pytestmark = pytest.mark.django_db


def errors(place) -> dict:
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    return error.value.message_dict


def test_a_ward_cannot_sit_directly_in_a_country():
    ward = Place(name="Northbank", slug="northbank", kind=Place.Kind.WARD, parent=PlaceFactory())
    assert errors(ward)["parent"] == ["A ward cannot be part of a country."]


def test_a_local_authority_needs_a_country():
    authority = Place(name="Riverside", slug="riverside", kind=Place.Kind.LOCAL_AUTHORITY)
    assert errors(authority)["parent"] == ["Choose the place this local authority is part of."]


def test_a_neighbourhood_may_sit_in_a_ward_or_a_local_authority():
    ward = WardFactory()
    Place(name="Quayside", slug="quayside", kind=Place.Kind.NEIGHBOURHOOD, parent=ward).full_clean()
    Place(
        name="Docks", slug="docks", kind=Place.Kind.NEIGHBOURHOOD, parent=ward.parent
    ).full_clean()


def test_a_place_cannot_be_inside_itself():
    authority = LocalAuthorityFactory()
    country = authority.parent
    country.kind = Place.Kind.LOCAL_AUTHORITY
    country.parent = authority
    assert "parent" in errors(country)


def test_changing_a_kind_must_keep_the_places_inside_it_valid():
    ward = WardFactory(name="Northbank")
    authority = ward.parent
    authority.kind = Place.Kind.COUNTRY
    authority.parent = None
    assert errors(authority)["kind"] == [
        "Northbank is part of this place, and a ward cannot be part of a country."
    ]


def test_gss_codes_are_checked_and_unique():
    assert "gss_code" in errors(
        Place(name="X", slug="x", kind=Place.Kind.COUNTRY, gss_code="E0900002")
    )
    PlaceFactory(gss_code="E92000001")
    assert errors(Place(name="Y", slug="y", kind=Place.Kind.COUNTRY, gss_code="E92000001"))[
        "__all__"
    ] == ["Another place already has this GSS code."]
