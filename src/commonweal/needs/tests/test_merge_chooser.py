"""Choosing the need to merge a duplicate into, without JavaScript, in a register of thousands: a search
by reference number or words of the title lists a page of open needs in places the person manages, as
radios. The rules stay those of test_status_and_merge.py: place staff only, open needs only, never the
need itself, and only into a need for a place they manage."""

import re

import pytest
from django.urls import reverse

from commonweal.needs import services
from commonweal.needs.models import Need
from commonweal.needs.tests.conftest import raise_need
from commonweal.needs.views.manage import MERGE_PAGE_SIZE
from commonweal.testing.factories import WardFactory

pytestmark = pytest.mark.django_db


def merge_url(need):
    return reverse("needs:merge", kwargs={"pk": need.pk})


def offered(page: str) -> list[str]:
    """The needs offered as radios, by the title in each label, in order."""
    return re.findall(r'class="govuk-label govuk-radios__label"[^>]*>([^<(]+) \(', page)


@pytest.fixture
def world(need, raiser, ward, borough, other_borough, place_staff):
    """Besides the need: open needs in its ward and elsewhere in its borough, a closed one, one already
    merged away, and one in a borough its staff do not manage."""
    ward_too = raise_need(raiser, ward, title="Care leavers sleep rough by the river")
    east = WardFactory(name="Eastbank", parent=borough)
    borough_too = raise_need(raiser, east, title="Care leavers have no deposit for a flat")
    closed = raise_need(raiser, ward, title="Care leavers closed need")
    services.need_status_set(need=closed, status="addressed", reason="Done.", actor=place_staff)
    merged = raise_need(raiser, ward, title="Care leavers merged need")
    services.need_merge(source=merged, target=ward_too, actor=place_staff, reason="Same")
    raise_need(raiser, other_borough, title="Care leavers in Hillside")
    return {"ward": ward_too, "borough": borough_too}


def test_the_page_offers_open_needs_in_places_they_manage_its_own_place_first(
    sign_in, place_staff, need, world
):
    page = sign_in(place_staff).get(merge_url(need)).content.decode()
    assert offered(page) == [
        "Care leavers sleep rough by the river",  # in the need's own ward
        "Care leavers have no deposit for a flat",  # elsewhere in the borough they manage
    ]
    assert f"reference {world['ward'].pk}" in page
    assert 'type="radio"' in page and "<select" not in page


def test_words_find_needs_with_every_word_in_the_title(sign_in, place_staff, need, world):
    client = sign_in(place_staff)
    page = client.get(merge_url(need), {"q": "  RIVER care "}).content.decode()
    assert offered(page) == ["Care leavers sleep rough by the river"]
    assert "1 open need matches “RIVER care”" in page
    page = client.get(merge_url(need), {"q": "closed"}).content.decode()
    assert offered(page) == []
    assert "No open need in a place you manage matches “closed”" in page


def test_a_reference_number_finds_that_need(sign_in, place_staff, need, world):
    client = sign_in(place_staff)
    for q in (str(world["borough"].pk), f"#{world['borough'].pk}"):
        page = client.get(merge_url(need), {"q": q}).content.decode()
        assert offered(page) == ["Care leavers have no deposit for a flat"]
    # Never the need itself.
    assert offered(client.get(merge_url(need), {"q": str(need.pk)}).content.decode()) == []


def test_the_back_office_finds_needs_anywhere(sign_in, back_office, need, world):
    page = sign_in(back_office).get(merge_url(need), {"q": "care leavers"}).content.decode()
    assert "Care leavers in Hillside" in offered(page)
    assert "Care leavers closed need" not in offered(page)


def test_a_long_list_comes_a_page_at_a_time_and_merging_from_any_page_works(
    sign_in, place_staff, need, raiser, ward
):
    for number in range(MERGE_PAGE_SIZE + 5):
        raise_need(raiser, ward, title=f"Duplicate {number:02}")
    client = sign_in(place_staff)
    first = client.get(merge_url(need), {"q": "duplicate"}).content.decode()
    assert len(offered(first)) == MERGE_PAGE_SIZE
    assert f"{MERGE_PAGE_SIZE + 5} open needs match" in first
    assert "?q=duplicate&amp;page=2" in first
    second = client.get(merge_url(need), {"q": "duplicate", "page": "2"}).content.decode()
    assert offered(second) == [
        f"Duplicate {n:02}" for n in range(MERGE_PAGE_SIZE, MERGE_PAGE_SIZE + 5)
    ]
    assert 'action="?q=duplicate&amp;page=2"' in second  # a refused choice comes back to this page
    last = Need.objects.get(title=f"Duplicate {MERGE_PAGE_SIZE + 4}")
    response = client.post(
        merge_url(need) + "?q=duplicate&page=2", {"target": last.pk, "reason": "The same"}
    )
    assert response.status_code == 302 and response.url == last.get_absolute_url()
    assert Need.objects.get(pk=need.pk).merged_into == last


def test_a_refused_choice_shows_the_search_again_with_the_reason(sign_in, place_staff, need, world):
    response = sign_in(place_staff).post(
        merge_url(need) + "?q=river", {"target": world["ward"].pk, "reason": ""}
    )
    page = response.content.decode()
    assert "Enter the reason for the merge, so everyone can see why" in page
    assert offered(page) == ["Care leavers sleep rough by the river"]
    assert 'value="river"' in page
    assert re.search(rf'value="{world["ward"].pk}" checked', page)
    assert Need.objects.get(pk=need.pk).status == "raised"


def test_others_still_may_not_search(sign_in, other_staff, need, world):
    assert sign_in(other_staff).get(merge_url(need), {"q": "care"}).status_code == 403


def test_the_pages_run_through_its_own_place_then_the_rest_and_count_a_need_raised_since(
    sign_in, place_staff, need, raiser, ward, borough
):
    """Its own place's needs by title, then the rest by title (though their titles come first), the
    page boundary falling between them; a need raised after the list was counted is counted."""
    east = WardFactory(name="Eastbank", parent=borough)
    for number in range(MERGE_PAGE_SIZE - 2):
        raise_need(raiser, ward, title=f"Ward need {number:02}")
    for number in range(5):
        raise_need(raiser, east, title=f"A borough need {number:02}")
    client = sign_in(place_staff)
    first = client.get(merge_url(need)).content.decode()
    assert offered(first) == [f"Ward need {n:02}" for n in range(MERGE_PAGE_SIZE - 2)] + [
        "A borough need 00",
        "A borough need 01",
    ]
    assert f"{MERGE_PAGE_SIZE + 3} open needs" in first
    second = client.get(merge_url(need), {"page": "2"}).content.decode()
    assert offered(second) == ["A borough need 02", "A borough need 03", "A borough need 04"]

    raise_need(raiser, east, title="A borough need 05")
    raise_need(raiser, east, title="A borough need 06")
    services.need_status_set(
        need=Need.objects.get(title="Ward need 00"),
        status="addressed",
        reason="Done.",
        actor=place_staff,
    )
    second = client.get(merge_url(need), {"page": "2"}).content.decode()
    # One need closed in its own place moves the rest up a place; the new ones come last.
    assert offered(second) == [f"A borough need {n:02}" for n in range(3, 7)]
    assert f"{MERGE_PAGE_SIZE + 4} open needs" in second  # two more, one closed
