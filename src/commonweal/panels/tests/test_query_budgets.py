"""Citizens' panel pages do the same work for a pool and list ten times larger: the list of panels, a
panel, the pool, a selection run, the results, the members and the steps staff take, for each kind of
caller. The API's list has its own budgets (test_api_query_budgets.py). And the pool page is paginated:
a national assembly's pool is thousands of people."""

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.panels import members, selection, services
from commonweal.panels.models import Panel
from commonweal.panels.tests.helpers import make_panel
from commonweal.panels.views import POOL_PAGE_SIZE
from commonweal.testing.factories import UserFactory
from commonweal.testing.queries import no_growth, queries_for, queries_for_post

pytestmark = pytest.mark.django_db

CEILING = 30


def build(size: int, capture) -> dict:
    """A panel of 4 seats drawn from a pool of ``4 * size`` (selected by maximin, drawn and seated), and
    ``size`` other panels open for volunteers in the same place. Returns who is who."""
    panel, staff = make_panel(size=4, pool=4 * size)
    for number in range(size):
        services.panel_create(
            actor=staff,
            place=panel.place,
            title=f"Other panel {size}-{number}",
            description="-",
            size=4,
        )
    with capture(execute=True):
        run = selection.run_start(actor=staff, panel=panel, method="maximin", time_limit=30)
    services.draw_make(actor=staff, panel=panel, seed=f"seed {size}")
    with capture(execute=True):
        seated = members.panel_seat(actor=staff, panel=panel)
    panel.refresh_from_db()
    return {"panel": panel, "run": run, "staff": staff, "member": seated[0].user}


@pytest.fixture
def worlds(django_capture_on_commit_callbacks):
    return [build(size, django_capture_on_commit_callbacks) for size in (3, 30)]


def compare(worlds, sign_in, who: str, url_of, *, what: str) -> None:
    counts = []
    for world in worlds:
        person = world.get(who)
        client = sign_in(person) if person is not None else Client()
        counts.append(queries_for(client, url_of(world))[0])
    no_growth(*counts, ceiling=CEILING, what=f"{what} for {who}")


def panel_url(name: str):
    return lambda world: reverse(f"panels:{name}", kwargs={"pk": world["panel"].pk})


@pytest.mark.parametrize("who", ["visitor", "resident", "member", "staff"])
def test_the_list_of_panels(worlds, sign_in, who):
    worlds[0]["resident"] = worlds[1]["resident"] = UserFactory()
    compare(worlds, sign_in, who, lambda _w: reverse("panels:list"), what="the list")


def test_the_panels_a_member_sits_on(worlds, sign_in):
    compare(worlds, sign_in, "member", lambda _w: reverse("panels:mine"), what="mine")


@pytest.mark.parametrize("who", ["visitor", "member", "staff"])
@pytest.mark.parametrize("page", ["panel", "results", "results-json"])
def test_a_panel_and_its_results(worlds, sign_in, who, page):
    compare(worlds, sign_in, who, panel_url(page), what=page)


@pytest.mark.parametrize("who", ["member", "staff"])
def test_the_members(worlds, sign_in, who):
    compare(worlds, sign_in, who, panel_url("members"), what="members")


@pytest.mark.parametrize("page", ["pool", "edit", "features", "pool-import", "draw"])
def test_the_pages_staff_use(worlds, sign_in, page):
    compare(worlds, sign_in, "staff", panel_url(page), what=page)


def test_a_run_and_the_api(worlds, sign_in):
    def run_url(world):
        return reverse("panels:run", kwargs={"pk": world["panel"].pk, "run_pk": world["run"].pk})

    compare(worlds, sign_in, "staff", run_url, what="a run")
    for who in ("visitor", "staff"):
        compare(
            worlds,
            sign_in,
            who,
            lambda world: reverse("api:panel-detail", kwargs={"pk": world["panel"].pk}),
            what="the API's panel",
        )


def test_the_pool_page_is_paginated(sign_in):
    panel, staff = make_panel(size=4, pool=POOL_PAGE_SIZE + 5)
    assert panel.status == Panel.Status.POOL_OPEN
    client = sign_in(staff)
    url = reverse("panels:pool", kwargs={"pk": panel.pk})
    first = client.get(url).content.decode()
    assert f"{POOL_PAGE_SIZE + 5} people" in first
    assert f"volunteer{POOL_PAGE_SIZE}@example.net" in first
    assert f"volunteer{POOL_PAGE_SIZE + 1}@example.net" not in first
    assert 'rel="next"' in first
    second = client.get(url, {"page": "2"}).content.decode()
    assert f"volunteer{POOL_PAGE_SIZE + 5}@example.net" in second
    assert "volunteer1@example.net" not in second
    # Only those running the panel see the pool, on any page.
    assert sign_in(UserFactory()).get(url, {"page": "2"}).status_code == 403


def test_the_list_of_panels_is_paginated(client, sign_in):
    panel, staff = make_panel(pool=None)
    for number in range(30):
        services.panel_create(
            actor=staff, place=panel.place, title=f"Panel {number:02}", description="-", size=4
        )
    url = reverse("panels:list")
    assert "There are no citizens' panels yet" in client.get(url).content.decode()  # drafts
    staff_client = sign_in(staff)
    first = staff_client.get(url).content.decode()
    assert "31 panels" in first and "Panel 29" in first and "Panel 05" in first
    assert "Panel 04" not in first and 'rel="next"' in first
    second = staff_client.get(url, {"page": "2"}).content.decode()
    assert "Panel 04" in second and "Panel 00" in second and "Panel 05" not in second


@pytest.mark.parametrize("page", ["create", "edit"])
def test_choosing_a_panels_needs_among_many(sign_in, page):
    """The form lists the needs chosen and a page of 20 open needs: as many queries with 63 open
    needs (11 chosen) as with 3 (1 chosen), searched or not, by a link or sent with the form."""
    from commonweal.needs.models import Need

    panel, staff = make_panel(pool=None)
    url = reverse("panels:create") if page == "create" else reverse("panels:edit", args=[panel.pk])
    client = sign_in(staff)
    search = {"needs-q": "need", "needs-page": "2"}
    form = {"place": panel.place.pk, "title": "", "size": "4"}

    def make(numbers) -> None:
        for n in numbers:
            Need.objects.create(
                title=f"Need {n:02}", problem="-", population="-", place=panel.place
            )

    def counts(chosen: int) -> list[int]:
        needs = Need.objects.order_by("title")[:chosen]
        panel.needs.set(needs)
        sent = {**form, "needs": [need.pk for need in needs]}
        return [
            queries_for(client, url)[0],
            queries_for(client, url, search)[0],
            queries_for_post(client, url, {**sent, **search})[0],
            queries_for_post(client, url, sent)[0],  # refused: no title
        ]

    make(range(3))
    few = counts(1)
    make(range(3, 63))
    many = counts(11)
    shown = queries_for(client, url, search)[1].content.decode()
    expected = (11 if page == "edit" else 0) + 20
    assert shown.count('name="needs" type="checkbox"') == expected
    for what, small, large in zip(
        ("form", "search", "sent search", "sent"), few, many, strict=True
    ):
        no_growth(small, large, ceiling=CEILING, what=f"a panel's {page} page: {what}")
