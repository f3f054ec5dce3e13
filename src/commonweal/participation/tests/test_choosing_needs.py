"""Putting forward a project in a place with thousands of needs: the needs it would meet are chosen
with the needs chooser (needs.choosers): those chosen, a search and a page of 20 results. Searching or
turning a page keeps what was typed and ticked, and saves nothing; only open needs of the round's
place (or a place in it) may be chosen."""

import re

import pytest
from django.urls import reverse

from commonweal.needs.choosers import PAGE_SIZE
from commonweal.needs.models import Need
from commonweal.participation.models import BudgetRound
from commonweal.testing import queries

pytestmark = pytest.mark.django_db

CHOSEN = re.compile(r'name="needs" type="checkbox" value="(\d+)" checked')
OFFERED = re.compile(r'name="needs" type="checkbox" value="(\d+)">')
IDEA = {"title": "Play area", "description": "Swings", "cost": "4000"}


def make_needs(place, count: int, title: str = "Duplicate", **fields) -> list[Need]:
    return [
        Need.objects.create(
            title=f"{title} {n:02}", problem="-", population="-", place=place, **fields
        )
        for n in range(count)
    ]


@pytest.fixture
def round_(make_round):
    return make_round(status=BudgetRound.Status.PROPOSALS, projects=[])


def propose_url(round_) -> str:
    return reverse("participation:propose", args=[round_.pk])


def test_a_resident_chooses_needs_from_a_search_and_its_second_page(
    sign_in, resident, round_, ward
):
    duplicates = make_needs(ward, PAGE_SIZE + 3)
    client = sign_in(resident)
    first = client.get(propose_url(round_)).content.decode()
    assert OFFERED.findall(first) == [str(need.pk) for need in duplicates[:PAGE_SIZE]]
    page = client.post(
        propose_url(round_),
        {**IDEA, "needs": [duplicates[0].pk], "needs-q": "duplicate", "needs-page": "2"},
    ).content.decode()
    assert OFFERED.findall(page) == [str(need.pk) for need in duplicates[PAGE_SIZE:]]
    assert CHOSEN.findall(page) == [str(duplicates[0].pk)]
    assert 'value="Play area"' in page and "There is a problem" not in page
    assert not round_.projects.exists()  # turning a page saves nothing
    response = client.post(
        propose_url(round_), {**IDEA, "needs": [duplicates[0].pk, duplicates[-1].pk]}
    )
    assert response.status_code == 302
    assert set(round_.projects.get().needs.all()) == {duplicates[0], duplicates[-1]}


def test_staff_adding_a_project_keep_their_ticks_across_a_search(sign_in, staff, round_, ward):
    first, second = make_needs(ward, 2)
    [other] = make_needs(ward, 1, "Nowhere to meet")
    url = reverse("participation:project-add", args=[round_.pk])
    page = (
        sign_in(staff)
        .post(
            url, {**IDEA, "needs": [first.pk, second.pk], "needs-q": "nowhere", "needs-page": "1"}
        )
        .content.decode()
    )
    assert set(CHOSEN.findall(page)) == {str(first.pk), str(second.pk)}
    assert OFFERED.findall(page) == [str(other.pk)]
    assert not round_.projects.exists()


def test_a_need_elsewhere_or_closed_is_refused_with_a_message(
    sign_in, resident, round_, ward, elsewhere
):
    [open_need] = make_needs(ward, 1)
    refused = [*make_needs(elsewhere, 1, "Far"), *make_needs(ward, 1, "Fixed", status="addressed")]
    client = sign_in(resident)
    for need in refused:
        page = client.post(
            propose_url(round_), {**IDEA, "needs": [open_need.pk, need.pk]}
        ).content.decode()
        assert "Choose open needs of this place or a place in it" in page
        assert CHOSEN.findall(page) == [str(open_need.pk)]
    assert not round_.projects.exists()


def test_the_form_asks_no_more_for_many_needs(sign_in, resident, round_, ward):
    client = sign_in(resident)
    url = propose_url(round_)
    search = {"needs-q": "duplicate", "needs-page": "2"}

    def counts(chosen) -> list[int]:
        sent = {**IDEA, "cost": "lots", "needs": [need.pk for need in chosen]}
        return [
            queries.queries_for(client, url)[0],
            queries.queries_for(client, url, search)[0],
            queries.queries_for_post(client, url, {**sent, **search})[0],
            queries.queries_for_post(client, url, sent)[0],  # refused: the cost
        ]

    needs = make_needs(ward, 3)
    few = counts(needs[:1])
    needs = [*needs, *make_needs(ward, 60, "Duplicate more")]
    many = counts(needs[:11])
    for what, small, large in zip(
        ("form", "search", "sent search", "sent"), few, many, strict=True
    ):
        queries.no_growth(small, large, ceiling=25, what=f"putting forward an idea: {what}")
