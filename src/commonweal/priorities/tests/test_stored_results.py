"""A round's results are counted once, when they are published (and again when ballots come in after),
and stored: the API and the round's page read the stored count and never count a ballot, even with
the pages cache empty, and the stored count is the one a fresh count gives."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commonweal.needs import services as needs_services
from commonweal.priorities import ballot_box, results, services
from commonweal.priorities.models import Ballot, PriorityRound, RoundResults
from commonweal.priorities.tests.conftest import make_need
from commonweal.testing.queries import no_growth

pytestmark = pytest.mark.django_db

S = PriorityRound.Status


def table(counted: results.Results) -> tuple:
    return counted.ballots, [
        (need.pk, need.title, s.points, s.position) for need, s in counted.standings
    ]


def ballot_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "priorities_ballot" in q["sql"]]


def cold_get(client, url: str):
    """One GET with the pages cache empty, as after any change: its queries and its answer."""
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return captured, response


def build(size: int, *, place, body, staff, method=PriorityRound.Method.BORDA) -> list:
    """``size`` rounds of 6 needs each, with ``size`` ballots each (ranking three needs, or approving
    them), closed and then published through the service."""
    now = timezone.now()
    rounds = []
    for number in range(size):
        round_ = PriorityRound.objects.create(
            place=place,
            run_by=body,
            title=f"Round {size}-{number}",
            method=method,
            eligibility=PriorityRound.Eligibility.RESIDENTS,
            status=S.CLOSED,
            opens_at=now - timedelta(days=9),
            closes_at=now - timedelta(days=1),
            created_by=staff,
        )
        needs = [make_need(place, f"Need {size}-{number}-{n}") for n in range(6)]
        round_.needs.set(needs)
        Ballot.objects.bulk_create(
            Ballot(
                round=round_,
                key=f"k{size}-{number}-{voter}",
                marks={
                    str(need.pk): (rank + 1 if method == PriorityRound.Method.BORDA else None)
                    for rank, need in enumerate(needs[voter % 6 : voter % 6 + 3])
                },
            )
            for voter in range(size)
        )
        services.round_publish(round_=round_, actor=staff, reason="Counted")
        rounds.append(round_)
    return rounds


@pytest.fixture
def grow(riverside, council, staff):
    return lambda size, **kw: build(size, place=riverside, body=council, staff=staff, **kw)


@pytest.mark.parametrize("method", list(PriorityRound.Method))
def test_publishing_stores_the_count_a_fresh_count_gives(grow, method):
    for round_ in grow(3, method=method):
        stored = RoundResults.objects.get(round=round_)
        assert stored.method == method and stored.ballots == 3
        assert table(results.round_results(round_)) == table(results.round_count(round_))


@pytest.mark.parametrize("method", list(PriorityRound.Method))
def test_the_apis_rounds_read_the_stored_counts_for_3_rounds_as_for_30(client, grow, method):
    url = reverse("api:round-list")
    grow(3, method=method)
    few, _page = cold_get(client, url)
    grow(27, method=method)
    many, page = cold_get(client, url)
    rounds = page.json()["results"]
    assert len(rounds) == 30 and all(row["results"]["ballots"] in (3, 27) for row in rounds)
    assert not ballot_queries(few) and not ballot_queries(many)
    no_growth(len(few.captured_queries), len(many.captured_queries), ceiling=12, what="API")
    # The answer is the one a fresh count gives.
    for row in rounds:
        fresh = results.round_count(PriorityRound.objects.get(pk=row["id"]))
        assert row["results"]["ballots"] == fresh.ballots
        assert [
            (s["need"], s["title"], s["points"], s["position"]) for s in row["results"]["standings"]
        ] == [(s.key, s.title, s.points, s.position) for _need, s in fresh.standings]


def test_a_round_and_its_page_read_the_stored_count(client, grow):
    round_ = grow(1)[0]
    captured, response = cold_get(client, reverse("api:round-detail", kwargs={"pk": round_.pk}))
    assert response.json()["results"]["ballots"] == 1 and not ballot_queries(captured)
    captured, response = cold_get(client, round_.get_absolute_url())
    assert "1 person voted" in response.content.decode() and not ballot_queries(captured)


def test_a_need_renamed_after_the_count_shows_its_new_title_and_place_among_ties(grow, staff):
    round_ = grow(1, method=PriorityRound.Method.APPROVAL)[0]
    # One ballot approving three of six needs: three tie on 1 point, three on 0, listed by title.
    tied = [need for need, s in results.round_results(round_).standings if s.points == 1]
    needs_services.need_update(need=tied[0], actor=staff, title="Zebra crossing")
    with CaptureQueriesContext(connection) as captured:
        after = results.round_results(round_)
    assert not ballot_queries(captured)
    assert table(after) == table(results.round_count(round_))
    assert [need.title for need, s in after.standings if s.points == 1][-1] == "Zebra crossing"


def test_ballots_brought_in_after_publishing_are_counted_as_they_are_written(client, grow):
    round_ = grow(1)[0]
    ballot_box.write_ballots(
        str(round_.pk), [("a-later-key", {"marks": {str(round_.needs.first().pk): 1}})]
    )
    assert RoundResults.objects.get(round=round_).ballots == 2
    captured, response = cold_get(client, reverse("api:round-detail", kwargs={"pk": round_.pk}))
    assert response.json()["results"]["ballots"] == 2 and not ballot_queries(captured)


def test_a_round_changed_in_the_back_office_is_counted_again_once(client, grow):
    round_ = grow(1)[0]
    round_.method = PriorityRound.Method.APPROVAL
    round_.save()
    round_.needs.remove(round_.needs.order_by("pk").first())
    url = reverse("api:round-detail", kwargs={"pk": round_.pk})
    first, response = cold_get(client, url)
    assert ballot_queries(first)  # counted again: the method and the needs changed
    second, again = cold_get(client, url)
    assert not ballot_queries(second) and again.json() == response.json()
    assert len(response.json()["results"]["standings"]) == 5
    assert table(results.round_results(round_)) == table(results.round_count(round_))


def test_ballots_written_while_not_published_drop_a_stored_count(grow):
    round_ = grow(1)[0]
    PriorityRound.objects.filter(pk=round_.pk).update(status=S.CLOSED)  # unpublished by hand
    ballot_box.write_ballots(str(round_.pk), [("later", {"marks": {}})])
    assert not RoundResults.objects.filter(round=round_).exists()
    PriorityRound.objects.filter(pk=round_.pk).update(status=S.PUBLISHED)  # and published again
    round_.refresh_from_db()
    assert results.round_results(round_).ballots == 2


@pytest.mark.django_db(transaction=True)
def test_the_migration_stores_the_count_of_rounds_already_published(
    riverside, council, needs, staff
):
    executor = MigrationExecutor(connection)
    executor.migrate([("priorities", "0004_round_results")])
    now = timezone.now()
    borda, approval, closed = (
        PriorityRound.objects.create(
            place=riverside,
            run_by=council,
            title=title,
            method=method,
            eligibility=PriorityRound.Eligibility.RESIDENTS,
            status=status,
            opens_at=now - timedelta(days=9),
            closes_at=now - timedelta(days=1),
        )
        for title, method, status in (
            ("Borda", "borda", "published"),
            ("Approval", "approval", "published"),
            ("Closed", "approval", "closed"),
        )
    )
    for round_ in (borda, approval, closed):
        round_.needs.set(needs)
    for number, ranking in enumerate([(0, 1, 2), (2, 0), (1,), ()]):
        for round_ in (borda, approval, closed):
            ranked = round_.method == "borda"
            Ballot.objects.create(
                round=round_,
                key=f"{round_.pk}-{number}",
                marks={
                    str(needs[i].pk): (rank if ranked else None)
                    for rank, i in enumerate(ranking, start=1)
                },
            )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert set(RoundResults.objects.values_list("round_id", flat=True)) == {borda.pk, approval.pk}
    for round_ in (borda, approval):
        round_.refresh_from_db()
        with CaptureQueriesContext(connection) as captured:
            stored = results.round_results(round_)
        assert not ballot_queries(captured)
        assert table(stored) == table(results.round_count(round_))
        assert stored.ballots == 4
