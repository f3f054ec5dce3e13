"""The places inside, and the places around, a set of places: one query a level, whatever their number."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commonweal.places import selectors
from commonweal.places.models import Place
from commonweal.testing.factories import LocalAuthorityFactory, PlaceFactory, WardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """A country with two boroughs; the first has two wards, one of them with a neighbourhood."""
    country = PlaceFactory(name="Country")
    north, south = (LocalAuthorityFactory(name=n, parent=country) for n in ("North", "South"))
    quay, hill = (WardFactory(name=n, parent=north) for n in ("Quay", "Hill"))
    dock = Place.objects.create(
        name="Dock", slug="dock", kind=Place.Kind.NEIGHBOURHOOD, parent=quay
    )
    return {p.name: p.pk for p in (country, north, south, quay, hill, dock)}


def test_the_places_inside(tree):
    inside = selectors.places_and_inside_ids
    assert inside([tree["North"]]) == {tree[n] for n in ("North", "Quay", "Hill", "Dock")}
    assert inside([tree["Quay"], tree["South"]]) == {tree[n] for n in ("Quay", "Dock", "South")}
    assert inside([tree["Dock"]]) == {tree["Dock"]}
    assert inside([tree["Country"]]) == set(tree.values())
    assert inside([]) == set()
    assert set(selectors.place_with_descendant_ids(Place.objects.get(name="North"))) == inside(
        [tree["North"]]
    )


def test_the_places_around(tree):
    around = selectors.places_and_around_ids
    assert around([tree["Dock"]]) == {tree[n] for n in ("Dock", "Quay", "North", "Country")}
    assert around([tree["Hill"], tree["South"]]) == {
        tree[n] for n in ("Hill", "South", "North", "Country")
    }
    assert around([tree["Country"]]) == {tree["Country"]}
    assert around([]) == set()


def test_many_places_cost_no_more_than_one():
    country = PlaceFactory(name="Country")
    boroughs = [LocalAuthorityFactory(parent=country) for _n in range(10)]
    wards = [WardFactory(parent=borough) for borough in boroughs]

    def queries(function, ids) -> int:
        with CaptureQueriesContext(connection) as captured:
            function(ids)
        return len(captured)

    for function, one, many in (
        (selectors.places_and_inside_ids, [boroughs[0].pk], [b.pk for b in boroughs]),
        (selectors.places_and_around_ids, [wards[0].pk], [w.pk for w in wards]),
    ):
        assert queries(function, many) == queries(function, one)
