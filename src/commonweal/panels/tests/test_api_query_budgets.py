"""The API's list of panels does the same work for 3 panels as for 30: no query per panel, per need or
per draft the person may manage."""

import pytest
from django.urls import reverse

from commonweal.needs import services as need_services
from commonweal.panels.models import Panel
from commonweal.testing import queries

pytestmark = pytest.mark.django_db

CEILING = 12
URL = reverse("api:panel-list")


def build(size: int, *, place, staff) -> None:
    """``size`` open panels and ``size`` drafts in the place, each for two needs."""
    needs = [
        need_services.need_raise(
            actor=staff,
            place=place,
            title=f"Need {size}-{n}",
            problem="A problem.",
            population="Some",
        )
        for n in range(2)
    ]
    for number in range(size):
        for status in (Panel.Status.DRAFT, Panel.Status.POOL_OPEN):
            panel = Panel.objects.create(
                place=place,
                title=f"Panel {size}-{number}",
                size=10,
                status=status,
                created_by=staff,
            )
            panel.needs.set(needs)


def queries_for(client) -> tuple[int, int]:
    count, response = queries.queries_for(client, URL)
    return count, response.json()["count"]


@pytest.mark.parametrize("who", ["visitor", "resident", "place staff", "back office"])
def test_the_list_of_panels(who, client, sign_in, ward, staff, resident, back_office):
    person = {"resident": resident, "place staff": staff, "back office": back_office}.get(who)
    if person is not None:
        sign_in(person)
    build(3, place=ward, staff=staff)
    few, listed_few = queries_for(client)
    build(27, place=ward, staff=staff)
    many, listed_many = queries_for(client)
    assert listed_many == 10 * listed_few  # the larger list really is larger
    queries.no_growth(few, many, ceiling=CEILING, what=f"the API's panels for {who}")


def test_the_list_shows_drafts_only_to_those_who_manage_their_place(
    client, sign_in, ward, elsewhere, staff, other_staff, resident, back_office
):
    """What the faster list still decides: a ward's draft is for staff of a body verified for the ward
    or a place it is part of, and for the back office; nobody else."""
    build(1, place=ward, staff=staff)
    draft = Panel.objects.get(status=Panel.Status.DRAFT)

    def listed(person) -> set[int]:
        if person is not None:
            sign_in(person)
        return {panel["id"] for panel in client.get(URL).json()["results"]}

    assert draft.pk not in listed(None)
    assert draft.pk not in listed(resident)
    assert draft.pk not in listed(other_staff)
    assert draft.pk in listed(staff)
    assert draft.pk in listed(back_office)
