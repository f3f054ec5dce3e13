"""The list of places does the same work for 3 places as for 30: no query per place or per parent.
(A place's page gathers from every app: its budget is in home/tests/test_query_budgets.py.)"""

import pytest
from django.urls import reverse

from commonweal.places.tests.test_api_query_budgets import build
from commonweal.testing.factories import LocalAuthorityFactory, UserFactory, WardFactory
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["visitor", "signed in"])
def test_the_list_of_places(client, sign_in, who):
    if who == "signed in":
        sign_in(UserFactory())
    build(3)
    few, _page = queries_for(client, reverse("places:list"))
    build(27)
    many, page = queries_for(client, reverse("places:list"))
    assert "Ward 27-26" in page.content.decode()  # the larger page really is larger
    no_growth(few, many, ceiling=6, what=f"places for {who}")


@pytest.mark.parametrize("who", ["visitor", "signed in"])
def test_the_apis_place(client, sign_in, who):
    """A local authority with 3, then 30, wards inside it."""
    if who == "signed in":
        sign_in(UserFactory())
    authority = LocalAuthorityFactory(name="Riverside", slug="riverside")
    url = reverse("api:place-detail", kwargs={"slug": authority.slug})
    for _number in range(3):
        WardFactory(parent=authority)
    few, _answer = queries_for(client, url)
    for _number in range(27):
        WardFactory(parent=authority)
    many, _answer = queries_for(client, url)
    no_growth(few, many, ceiling=8, what=f"the API's place for {who}")
