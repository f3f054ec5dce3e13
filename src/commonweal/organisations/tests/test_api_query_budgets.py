"""The API's list of organisations does the same work for 3 organisations as for 30: no query per
organisation, per place it serves, per verification or per contact check."""

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

CEILING = 20  # a commissioner: 16 (which organisations overlap their places, by place level)
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
