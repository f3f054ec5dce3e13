"""The API's list of panels does the same work for 3 panels as for 30: no query per panel, per need or
per draft the person may manage. One panel and a page of its pool do the same work for a pool of 3 as
of 30."""

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.needs import services as need_services
from commonweal.panels import selection, services
from commonweal.panels.models import Panel
from commonweal.panels.tests.helpers import make_panel
from commonweal.testing import queries
from commonweal.testing.factories import UserFactory

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


def drawn_panel(pool: int, capture):
    """A panel of 2 seats with a pool of ``pool``, its lottery worked out (maximin) and drawn."""
    panel, staff = make_panel(size=2, pool=pool)
    with capture(execute=True):
        selection.run_start(actor=staff, panel=panel, method="maximin", time_limit=30)
    services.draw_make(actor=staff, panel=panel, seed=f"seed {pool}")
    return panel, staff


@pytest.mark.parametrize("who", ["visitor", "resident", "place staff", "back office"])
def test_a_panel_and_its_pool(who, client, sign_in, django_capture_on_commit_callbacks):
    """One panel's answer and a page of its pool: the same queries for a pool of 3 as of 30, and the
    panel's answer no longer for the larger pool (its people are in the pool's pages)."""
    found = {}
    for pool in (3, 30):
        panel, staff = drawn_panel(pool, django_capture_on_commit_callbacks)
        person = {
            "resident": UserFactory(),
            "place staff": staff,
            "back office": UserFactory(is_staff=True),
        }.get(who)
        asking = sign_in(person) if person is not None else Client()
        detail = queries.queries_for(asking, reverse("api:panel-detail", kwargs={"pk": panel.pk}))
        listed = queries.queries_for(asking, reverse("api:panel-pool", kwargs={"pk": panel.pk}))
        found[pool] = (detail, listed)
    (few_detail, small), (few_pool, small_pool) = found[3]
    (many_detail, large), (many_pool, large_pool) = found[30]
    assert small.json()["pool"]["count"] == 3 and large.json()["pool"]["count"] == 30
    assert len(large.content) <= len(small.content) + 40  # a few digits, not 27 more people
    assert len(small_pool.json()["results"]) == 3 and len(large_pool.json()["results"]) == 30
    queries.no_growth(few_detail, many_detail, ceiling=CEILING, what=f"the API's panel for {who}")
    queries.no_growth(few_pool, many_pool, ceiling=CEILING, what=f"the API's pool for {who}")


def test_a_row_of_the_list_says_what_the_panel_says(client, ward, staff):
    """The list reads its page's needs at once, the panel its own: the same numbers, in the same
    order (newest need first), the same status in words and the panel's page as its address."""
    build(1, place=ward, staff=staff)
    panel = Panel.objects.get(status=Panel.Status.POOL_OPEN)
    row = next(row for row in client.get(URL).json()["results"] if row["id"] == panel.pk)
    one = client.get(reverse("api:panel-detail", kwargs={"pk": panel.pk})).json()
    assert row["needs"] == one["needs"] == list(panel.needs.values_list("pk", flat=True))
    assert len(row["needs"]) == 2
    assert row["status_label"] == one["status_label"] == panel.get_status_display()
    assert row["web_address"] == one["web_address"] == panel.get_absolute_url()
