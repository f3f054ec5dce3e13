"""Setting up a round in a place with thousands of needs: the needs chosen, a search and a page of
20 results (needs.choosers). Searching or turning a page keeps what was typed and ticked, and saves
nothing; only open needs of the place (or a place in it) may be in the round."""

import re

import pytest
from django.urls import reverse

from commonweal.needs.choosers import PAGE_SIZE
from commonweal.needs.models import Need
from commonweal.priorities.models import PriorityRound

from .conftest import make_need
from .test_running_rounds import round_data

pytestmark = pytest.mark.django_db

CHOSEN = re.compile(r'name="needs" type="checkbox" value="(\d+)" checked')
OFFERED = re.compile(r'name="needs" type="checkbox" value="(\d+)">')


def create_url(place) -> str:
    return reverse("priorities:create", kwargs={"place_pk": place.pk})


@pytest.fixture
def duplicates(riverside, ward):
    return [make_need(ward, f"Duplicate {number:02}") for number in range(PAGE_SIZE + 3)]


def test_staff_choose_needs_from_a_search_and_its_second_page(
    sign_in, staff, riverside, council, duplicates
):
    client = sign_in(staff)
    first = client.get(create_url(riverside)).content.decode()
    assert OFFERED.findall(first) == [str(need.pk) for need in duplicates[:PAGE_SIZE]]
    picked = duplicates[2]
    data = round_data(council, [picked], **{"needs-q": "duplicate", "needs-page": "2"})
    page = client.post(create_url(riverside), data).content.decode()
    assert OFFERED.findall(page) == [str(need.pk) for need in duplicates[PAGE_SIZE:]]
    assert CHOSEN.findall(page) == [str(picked.pk)]
    assert 'value="Which needs first in 2027?"' in page and "There is a problem" not in page
    assert not PriorityRound.objects.exists()  # turning a page saves nothing
    last = duplicates[-1]
    response = client.post(create_url(riverside), round_data(council, [picked, last]))
    round_ = PriorityRound.objects.get()
    assert response.url == round_.get_absolute_url()
    assert set(round_.needs.all()) == {picked, last}


def test_needs_chosen_are_kept_when_searching_again(
    sign_in, staff, riverside, council, needs, duplicates
):
    data = round_data(council, needs[:2], **{"needs-q": f"#{duplicates[0].pk}", "needs-page": "1"})
    page = sign_in(staff).post(create_url(riverside), data).content.decode()
    assert set(CHOSEN.findall(page)) == {str(needs[0].pk), str(needs[1].pk)}
    assert OFFERED.findall(page) == [str(duplicates[0].pk)]
    assert "2 needs chosen" in page and "1 need matches" in page


def test_a_need_of_another_place_or_closed_is_refused_with_a_message(
    sign_in, staff, riverside, council, needs, elsewhere
):
    addressed = make_need(riverside, "Already fixed", status=Need.Status.ADDRESSED)
    client = sign_in(staff)
    for refused in (make_need(elsewhere, "Somewhere else"), addressed):
        content = client.post(
            create_url(riverside), round_data(council, [*needs[:2], refused])
        ).content.decode()
        assert "Choose open needs for this place or a place in it" in content
        assert 'href="#id_needs-0"' in content and 'id="id_needs-0"' in content
        # The needs that may be in the round stay chosen; the refused one is gone.
        assert set(CHOSEN.findall(content)) == {str(needs[0].pk), str(needs[1].pk)}
    assert not PriorityRound.objects.exists()


def test_a_search_finding_nothing_says_so(sign_in, staff, riverside, council, needs):
    data = round_data(council, [], **{"needs-q": "no such words", "needs-page": "1"})
    page = sign_in(staff).post(create_url(riverside), data).content.decode()
    assert "No need matches “no such words”" in page and not OFFERED.findall(page)


def test_a_place_without_open_needs_says_a_round_cannot_be_set_up(sign_in, staff, riverside):
    page = sign_in(staff).get(create_url(riverside)).content.decode()
    assert "There are no open needs for this place yet" in page
