"""The API's list of organisations does the same work for 3 organisations as for 30: no query per
organisation, per place it serves, per verification or per contact check, and whose contact details a
commissioner may see is asked about the page, never about every organisation in their places."""

import pytest
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.testing import queries
from commonweal.testing.factories import (
    OrganisationFactory,
    PublicBodyFactory,
    RoleFactory,
    WardFactory,
)

pytestmark = pytest.mark.django_db

# A commissioner signed in: 14 (their session and second factor, then which of the page's
# organisations overlap their places: the places inside and around theirs, one query a level).
CEILING = 15
URL = reverse("api:organisation-list")


def build(size: int, *, place, member) -> None:
    """``size`` providers and ``size`` public bodies, each serving two wards of ``place`` (the bodies
    verified for them), with ``member`` holding a role in each provider."""
    for number in range(size):
        wards = [WardFactory(name=f"Ward {size}-{number}-{n}", parent=place) for n in range(2)]
        provider = OrganisationFactory(
            name=f"Provider {size}-{number}", contact_email=f"p{size}-{number}@example.org"
        )
        provider.places_served.add(*wards)
        RoleFactory(user=member, organisation=provider, role=Role.PROVIDER_MEMBER)
        PublicBodyFactory(name=f"Body {size}-{number}", places_served=wards)


def queries_for(client) -> tuple[int, int]:
    count, response = queries.queries_for(client, URL)
    return count, response.json()["count"]


def rows_with_contacts(client) -> int:
    return sum(row["contact_email"] is not None for row in client.get(URL).json()["results"])


@pytest.mark.parametrize("who", ["visitor", "member", "commissioner", "back office"])
def test_the_list_of_organisations(who, client, sign_in, riverside, staff, stranger, back_office):
    person = {"member": stranger, "commissioner": staff, "back office": back_office}.get(who)
    if person is not None:
        sign_in(person)
    before = queries_for(client)[1]
    build(3, place=riverside, member=stranger)
    few, listed_few = queries_for(client)
    build(27, place=riverside, member=stranger)
    many, listed_many = queries_for(client)
    assert listed_many - before == 10 * (listed_few - before)  # the larger list really is larger
    queries.no_growth(few, many, ceiling=CEILING, what=f"the API's organisations for {who}")


def test_the_list_of_organisations_for_a_commissioners_token(
    client, riverside, staff, stranger, token_for
):
    """As the load benchmark asks it: a commissioner's API token, every organisation in their places."""
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(staff)}"
    build(3, place=riverside, member=stranger)
    few, listed_few = queries_for(client)
    with_contacts_few = rows_with_contacts(client)
    build(27, place=riverside, member=stranger)
    many, listed_many = queries_for(client)
    assert listed_many - listed_few == 27 * 2
    assert (
        rows_with_contacts(client) > with_contacts_few >= 3
    )  # they see the contacts where they work
    queries.no_growth(few, many, ceiling=CEILING, what="the API's organisations for a token")
