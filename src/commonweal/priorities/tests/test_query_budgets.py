"""Priority pages and API reads do the same work for 3 of everything as for 30: the list of rounds, a
round while voting and with its results, the voting page, prioritising and the API, for each kind of
caller."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonweal.priorities.models import Ballot, PriorityRound
from commonweal.priorities.tests.conftest import make_need
from commonweal.testing.forms import date_boxes
from commonweal.testing.place_world import make_resident
from commonweal.testing.queries import no_growth, queries_for, queries_for_post

pytestmark = pytest.mark.django_db

S = PriorityRound.Status
CEILING = 25


def build(size: int, *, place, body, staff, status=S.OPEN, method=PriorityRound.Method.BORDA):
    """``size`` rounds of ``size`` needs each, with ``size`` ballots ranking three needs; the first
    (returned) has ``status``, the others are open, closed and drafts in turn."""
    now = timezone.now()
    rounds = []
    for number in range(size):
        round_ = PriorityRound.objects.create(
            place=place,
            run_by=body,
            title=f"Round {size}-{number}",
            method=method,
            eligibility=PriorityRound.Eligibility.RESIDENTS,
            status=status if number == 0 else (S.OPEN, S.CLOSED, S.DRAFT)[number % 3],
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=7),
            created_by=staff,
        )
        needs = [make_need(place, f"Need {size}-{number}-{n}") for n in range(size)]
        round_.needs.set(needs)
        Ballot.objects.bulk_create(
            Ballot(
                round=round_,
                key=f"k{size}-{number}-{voter}",
                marks={
                    str(need.pk): rank + 1
                    for rank, need in enumerate(needs[voter % size : voter % size + 3])
                },
            )
            for voter in range(size)
        )
        rounds.append(round_)
    return rounds[0]


@pytest.fixture
def grow(riverside, council, staff):
    return lambda size, **kw: build(size, place=riverside, body=council, staff=staff, **kw)


@pytest.fixture(params=["visitor", "resident", "staff"])
def caller(request, sign_in, ward, staff):
    return {
        "visitor": Client,
        "resident": lambda: sign_in(make_resident(ward)),
        "staff": lambda: sign_in(staff),
    }[request.param]()


def small_and_large(client, grow, url_of, *, what: str, shows: str = "", **kw) -> None:
    few, _page = queries_for(client, url_of(grow(3, **kw)))
    many, page = queries_for(client, url_of(grow(30, **kw)))
    if shows:
        assert shows in page.content.decode()  # the larger page really is larger
    no_growth(few, many, ceiling=CEILING, what=what)


def round_url(name: str):
    return lambda round_: reverse(f"priorities:{name}", kwargs={"pk": round_.pk})


def test_the_list_of_rounds(caller, grow):
    small_and_large(
        caller, grow, lambda _r: reverse("priorities:list"), what="rounds", shows="Round 30-28"
    )


@pytest.mark.parametrize("status", [S.OPEN, S.PUBLISHED])
def test_a_round(caller, grow, status):
    small_and_large(
        caller,
        grow,
        round_url("round"),
        what=f"a {status} round",
        shows="Need 30-0-29",
        status=status,
    )


@pytest.mark.parametrize("method", list(PriorityRound.Method))
def test_the_results_for_every_method(client, grow, method):
    small_and_large(
        client, grow, round_url("round"), what=method, status=S.PUBLISHED, method=method
    )


def test_the_voting_page(sign_in, ward, grow):
    small_and_large(
        sign_in(make_resident(ward)), grow, round_url("vote"), what="voting", shows="Need 30-0-29"
    )


def test_prioritising_after_the_results(sign_in, staff, grow):
    small_and_large(
        sign_in(staff), grow, round_url("prioritise"), what="prioritise", status=S.PUBLISHED
    )


@pytest.mark.parametrize("action", ["open", "close", "publish"])
def test_the_steps_for_staff(sign_in, staff, grow, action):
    status = {"open": S.DRAFT, "close": S.OPEN, "publish": S.CLOSED}[action]
    small_and_large(sign_in(staff), grow, round_url(action), what=action, status=status)


def test_the_apis_list(caller, grow):
    small_and_large(caller, grow, lambda _r: reverse("api:round-list"), what="the API's rounds")


@pytest.mark.parametrize("status", [S.OPEN, S.PUBLISHED])
def test_the_apis_round(caller, grow, status):
    small_and_large(
        caller,
        grow,
        lambda round_: reverse("api:round-detail", kwargs={"pk": round_.pk}),
        what="the API's round",
        shows="Need 30-0-29" if status == S.PUBLISHED else "Round 30-0",
        status=status,
    )


def test_the_list_of_rounds_is_paginated(client, grow):
    grow(30)  # 30 rounds: 10 of them drafts, which a visitor does not see
    url = reverse("priorities:list")
    first = client.get(url).content.decode()
    assert "20 rounds" in first and 'rel="next"' not in first
    for _number in range(3):
        grow(3)  # two more a visitor sees each time
    first = client.get(url).content.decode()
    assert "26 rounds" in first and first.count("govuk-table__row") == 1 + 25
    assert 'rel="next"' in first
    second = client.get(url, {"page": "2"}).content.decode()
    assert second.count("govuk-table__row") == 1 + 1
    assert "Round 30-0<" in second  # the first set up opens first


def test_the_apis_list_of_published_rounds(caller, grow):
    """Every round on the page published, with its ballots: each one's results are counted once and
    kept, so a page of them asks the database no more for 30 rounds than for 3."""

    def published(size: int) -> None:
        grow(size)
        PriorityRound.objects.exclude(status=S.DRAFT).update(status=S.PUBLISHED)

    url = reverse("api:round-list")
    published(3)
    queries_for(caller, url)  # the first view counts them
    few, _page = queries_for(caller, url)
    published(30)
    queries_for(caller, url)
    many, page = queries_for(caller, url)
    rounds = page.json()["results"]
    assert len(rounds) == 22 and all(row["results"]["ballots"] == 30 for row in rounds[:20])
    no_growth(few, many, ceiling=CEILING, what="the API's published rounds")


def test_setting_up_a_round_among_many_needs(sign_in, staff, riverside, council):
    """The form lists the needs chosen and a page of 20 of the place's open needs: as many queries
    with 63 needs (11 chosen) as with 3 (1 chosen), searched or not, by a link or sent with the form."""
    url = reverse("priorities:create", kwargs={"place_pk": riverside.pk})
    client = sign_in(staff)
    search = {"needs-q": "need", "needs-page": "2"}
    form = {"title": "", "run_by": council.pk, "method": "borda", "eligibility": "residents"}

    def counts(chosen) -> list[int]:
        sent = {**form, "needs": [need.pk for need in chosen]}
        return [
            queries_for(client, url)[0],
            queries_for(client, url, search)[0],
            queries_for_post(client, url, {**sent, **search})[0],
            queries_for_post(client, url, sent)[0],  # refused: no title, no dates
        ]

    needs = [make_need(riverside, f"Need {n:02}") for n in range(3)]
    few = counts(needs[:1])
    needs += [make_need(riverside, f"Need {n:02}") for n in range(3, 63)]
    many = counts(needs[:11])
    page = queries_for_post(client, url, {**form, "needs": [n.pk for n in needs[:11]], **search})
    assert page[1].content.decode().count('name="needs" type="checkbox"') == 11 + 20
    for what, small, large in zip(
        ("form", "search", "sent search", "sent"), few, many, strict=True
    ):
        no_growth(small, large, ceiling=CEILING, what=f"setting up a round: {what}")


def test_changing_a_draft_among_many_needs(sign_in, staff, riverside, council):
    """The page that changes a draft asks as often for a round of 45 needs among 63 (more than two
    pages of them chosen) as for one of 3 among 3: shown, searched, and sent back unchanged (which
    writes nothing)."""
    client = sign_in(staff)
    now = timezone.now()

    def draft(needs) -> PriorityRound:
        round_ = PriorityRound.objects.create(
            place=riverside,
            run_by=council,
            title=f"A draft of {len(needs)}",
            description="What it is for",
            method=PriorityRound.Method.BORDA,
            eligibility=PriorityRound.Eligibility.RESIDENTS,
            status=S.DRAFT,
            opens_at=now + timedelta(days=2),
            closes_at=now + timedelta(days=9),
            created_by=staff,
        )
        round_.needs.set(needs)
        return round_

    def counts(round_) -> list[int]:
        url = reverse("priorities:edit", kwargs={"pk": round_.pk})
        opens = timezone.localtime(round_.opens_at).date()
        closes = timezone.localtime(round_.closes_at).date()
        unchanged = {
            "title": round_.title,
            "description": round_.description,
            "run_by": council.pk,
            "method": round_.method,
            "eligibility": round_.eligibility,
            "needs": list(round_.needs.values_list("pk", flat=True)),
            **date_boxes("opens_on", opens.day, opens.month, opens.year),
            **date_boxes("closes_on", closes.day, closes.month, closes.year),
        }
        return [
            queries_for(client, url)[0],
            queries_for(client, url, {"needs-q": "need", "needs-page": "2"})[0],
            queries_for_post(client, url, unchanged, status=302)[0],
        ]

    needs = [make_need(riverside, f"Need {n:02}") for n in range(3)]
    few = counts(draft(needs))
    needs += [make_need(riverside, f"Need {n:02}") for n in range(3, 63)]
    many = counts(draft(needs[:45]))
    for what, small, large in zip(("form", "search", "sent unchanged"), few, many, strict=True):
        no_growth(small, large, ceiling=CEILING, what=f"changing a draft round: {what}")
