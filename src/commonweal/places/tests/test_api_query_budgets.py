"""The API's list of places does the same work for 3 places as for 30: no query per place or per parent."""

import pytest
from django.urls import reverse

from commonweal.testing import queries
from commonweal.testing.factories import LocalAuthorityFactory, WardFactory

pytestmark = pytest.mark.django_db

CEILING = 6
URL = reverse("api:place-list")


def build(size: int) -> None:
    """``size`` local authorities, each with a ward (so each listed ward names its own parent)."""
    for number in range(size):
        authority = LocalAuthorityFactory(name=f"Authority {size}-{number}")
        WardFactory(name=f"Ward {size}-{number}", parent=authority)


def queries_for(client, params=None) -> tuple[int, int]:
    count, response = queries.queries_for(client, URL, params)
    return count, response.json()["count"]


@pytest.mark.parametrize("params", [{}, {"kind": "ward"}])
def test_the_list_of_places(client, params):
    build(3)
    few, listed_few = queries_for(client, params)
    build(27)
    many, listed_many = queries_for(client, params)
    assert listed_many == 10 * listed_few  # the larger list really is larger
    queries.no_growth(few, many, ceiling=CEILING, what="the API's places")
