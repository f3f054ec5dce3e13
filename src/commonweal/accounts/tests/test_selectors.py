"""Reads about people."""

import pytest

from commonweal.accounts import selectors
from commonweal.places.models import Place
from commonweal.testing.factories import LocalAuthorityFactory, PlaceFactory, WardFactory

pytestmark = pytest.mark.django_db


def test_places_to_live_come_borough_first_then_its_wards_then_neighbourhoods():
    england = PlaceFactory(name="England")
    zed = LocalAuthorityFactory(name="Zedford", parent=england)
    riverside = LocalAuthorityFactory(name="Riverside", parent=england)
    westbank = WardFactory(name="Westbank", parent=riverside)
    WardFactory(name="Eastbank", parent=riverside)
    Place.objects.create(
        name="Mill Lane", slug="mill-lane", kind=Place.Kind.NEIGHBOURHOOD, parent=westbank
    )
    WardFactory(name="Abbey", parent=zed)
    labels = [label for _place, label in selectors.residence_choices()]
    assert labels == [
        "Riverside",
        "Eastbank, Riverside",
        "Westbank, Riverside",
        "Mill Lane, Westbank, Riverside",
        "Zedford",
        "Abbey, Zedford",
    ]


def test_residence_label_names_the_borough():
    ward = WardFactory(name="Eastbank", parent=LocalAuthorityFactory(name="Riverside"))
    assert selectors.residence_label(ward) == "Eastbank, Riverside"
