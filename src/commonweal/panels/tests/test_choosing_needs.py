"""Setting up and changing a panel with thousands of open needs about: the needs chosen, a search and
a page of 20 results (needs.choosers). Searching or turning a page keeps what was typed and ticked,
and saves nothing; a panel saved unchanged keeps its needs, even one closed since."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from commonweal.needs.choosers import PAGE_SIZE
from commonweal.needs.models import Need
from commonweal.panels import services
from commonweal.panels.models import Panel
from commonweal.panels.tests.helpers import make_panel
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

CHOSEN = re.compile(r'name="needs" type="checkbox" value="(\d+)" checked')
OFFERED = re.compile(r'name="needs" type="checkbox" value="(\d+)">')


def make_needs(place, count: int, title: str = "Duplicate", **fields) -> list[Need]:
    return [
        Need.objects.create(
            title=f"{title} {n:02}", problem="-", population="-", place=place, **fields
        )
        for n in range(count)
    ]


def panel_data(panel, **changes) -> dict:
    """The edit form as the page fills it in, sent back."""
    data = {
        "title": panel.title,
        "description": panel.description,
        "size": panel.size,
        "framework": panel.framework_id or "",
    }
    if panel.one_per_household:
        data["one_per_household"] = "on"
    return {**data, **changes}


def edit_url(panel) -> str:
    return reverse("panels:edit", kwargs={"pk": panel.pk})


def test_staff_choose_needs_from_a_search_and_its_second_page(sign_in):
    panel, staff = make_panel(pool=None)
    duplicates = make_needs(panel.place, PAGE_SIZE + 3)
    client = sign_in(staff)
    first = client.get(reverse("panels:create")).content.decode()
    assert OFFERED.findall(first) == [str(need.pk) for need in duplicates[:PAGE_SIZE]]
    data = {"place": panel.place.pk, "title": "New panel", "size": "12"}
    page = client.post(
        reverse("panels:create"),
        {**data, "needs": [duplicates[0].pk], "needs-q": "duplicate", "needs-page": "2"},
    ).content.decode()
    assert OFFERED.findall(page) == [str(need.pk) for need in duplicates[PAGE_SIZE:]]
    assert CHOSEN.findall(page) == [str(duplicates[0].pk)]
    assert 'value="New panel"' in page and "There is a problem" not in page
    assert not Panel.objects.filter(title="New panel").exists()  # turning a page saves nothing
    response = client.post(
        reverse("panels:create"), {**data, "needs": [duplicates[0].pk, duplicates[-1].pk]}
    )
    created = Panel.objects.get(title="New panel")
    assert response.status_code == 302
    assert set(created.needs.all()) == {duplicates[0], duplicates[-1]}


def test_needs_chosen_and_words_typed_are_kept_when_searching_again(sign_in):
    panel, staff = make_panel(pool=None)
    first, second = make_needs(panel.place, 2)
    other = make_needs(panel.place, 1, "Nowhere to meet")[0]
    data = panel_data(panel, title="A new title", needs=[first.pk, second.pk])
    page = (
        sign_in(staff)
        .post(edit_url(panel), {**data, "needs-q": "nowhere", "needs-page": "1"})
        .content.decode()
    )
    assert set(CHOSEN.findall(page)) == {str(first.pk), str(second.pk)}
    assert OFFERED.findall(page) == [str(other.pk)]
    assert 'value="A new title"' in page
    panel.refresh_from_db()
    assert panel.title == "Panel on youth services" and not panel.needs.exists()


def test_a_need_no_longer_open_is_refused_with_a_message(sign_in):
    panel, staff = make_panel(pool=None)
    [open_need] = make_needs(panel.place, 1)
    [addressed] = make_needs(panel.place, 1, "Fixed", status=Need.Status.ADDRESSED)
    response = sign_in(staff).post(
        edit_url(panel), panel_data(panel, needs=[open_need.pk, addressed.pk])
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Choose needs that are still open" in page
    assert CHOSEN.findall(page) == [str(open_need.pk)]
    assert not panel.needs.exists()


def test_saved_unchanged_the_panel_keeps_its_needs_even_one_closed_since(sign_in):
    panel, staff = make_panel(pool=None)
    make_needs(panel.place, PAGE_SIZE * 2)
    held = make_needs(panel.place, 2, "Held")
    services.panel_update(
        actor=staff,
        panel=panel,
        title=panel.title,
        description=panel.description,
        size=panel.size,
        one_per_household=panel.one_per_household,
        needs=held,
    )
    Need.objects.filter(pk=held[1].pk).update(status=Need.Status.ADDRESSED)
    client = sign_in(staff)
    chosen = CHOSEN.findall(client.get(edit_url(panel)).content.decode())
    assert set(chosen) == {str(need.pk) for need in held}
    response = client.post(edit_url(panel), panel_data(panel, needs=chosen))
    assert response.status_code == 302
    assert set(panel.needs.all()) == set(held)


def test_only_staff_for_the_place_may_search_its_needs(sign_in):
    panel, _staff = make_panel(pool=None)
    make_needs(panel.place, 3)
    search = {**panel_data(panel), "needs-q": "duplicate", "needs-page": "1"}
    assert sign_in(UserFactory()).post(edit_url(panel), search).status_code == 403
    assert Client().post(edit_url(panel), search).status_code == 302  # to sign in
