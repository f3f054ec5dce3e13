"""Published results are counted once (and stored: test_stored_results.py) and kept in the pages cache
(core/pagecache.py), on the round's page and in the API, until the round, its ballots or one of its
needs changes (ballots written to one round leave the others kept); those who run the round still
see their steps."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commonweal.needs import services as needs_services
from commonweal.priorities import ballot_box
from commonweal.priorities.models import PriorityRound
from commonweal.priorities.tests.test_pages import vote
from commonweal.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(make_round, needs):
    round_ = make_round(status=PriorityRound.Status.PUBLISHED, closes_in_days=-1)
    vote(round_, UserFactory(), (needs[0], None), (needs[1], None))
    vote(round_, UserFactory(), (needs[0], None))
    return round_


def results(client, round_) -> str:
    content = client.get(round_.get_absolute_url()).content.decode()
    return content[content.index('<h2 class="govuk-heading-m" id="results">Results</h2>') :]


def test_the_ballots_are_counted_once(client, published):
    with CaptureQueriesContext(connection) as first:
        assert "2 people voted" in results(client, published)
    with CaptureQueriesContext(connection) as second:
        assert "2 people voted" in results(client, published)
    assert any("priorities_ballot" in q["sql"] for q in first.captured_queries)
    assert not any("priorities_ballot" in q["sql"] for q in second.captured_queries)


def test_a_need_renamed_or_prioritised_shows_at_once(client, published, needs, staff):
    assert "Rough sleeping by the river" in results(client, published)
    needs_services.need_update(need=needs[0], actor=staff, title="Rough sleeping by the quay")
    assert "Rough sleeping by the quay" in results(client, published)
    needs_services.need_status_set(
        need=needs[0], status="prioritised", reason="Top of the round", actor=staff
    )
    assert "Prioritised" in results(client, published)


def test_ballots_written_by_the_ballot_box_are_counted_at_once(client, published, needs):
    assert "2 people voted" in results(client, published)
    ballot_box.write_ballots(
        str(published.pk), [("a-later-key", {"marks": {str(needs[1].pk): None}})]
    )
    assert "3 people voted" in results(client, published)


def test_the_round_changed_in_the_back_office_shows_at_once(client, published):
    assert "Needs by number of approvals" in results(client, published)
    published.method = PriorityRound.Method.BORDA
    published.save()
    assert "Needs by Borda points" in results(client, published)


def test_those_who_run_the_round_keep_their_steps_and_visitors_never_see_them(
    sign_in, published, staff
):
    runners_page = sign_in(staff).get(published.get_absolute_url()).content.decode()
    assert "Run this round" in runners_page and "2 people voted" in runners_page
    visitors_page = Client().get(published.get_absolute_url()).content.decode()
    assert "Run this round" not in visitors_page and "2 people voted" in visitors_page


def api_results(client) -> dict[int, dict | None]:
    return {
        row["id"]: row["results"] for row in client.get(reverse("api:round-list")).json()["results"]
    }


def ballot_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "priorities_ballot" in q["sql"]]


def test_the_apis_rounds_are_counted_once_and_kept(client, published, make_round, needs):
    other = make_round(status=PriorityRound.Status.PUBLISHED, closes_in_days=-1, title="Another")
    vote(other, UserFactory(), (needs[2], None))
    with CaptureQueriesContext(connection) as first:
        listed = api_results(client)
    assert listed[published.pk]["ballots"] == 2 and listed[other.pk]["ballots"] == 1
    assert ballot_queries(first)
    with CaptureQueriesContext(connection) as second:
        assert api_results(client) == listed
        detail = client.get(reverse("api:round-detail", kwargs={"pk": other.pk})).json()
    assert detail["results"] == listed[other.pk]
    assert not ballot_queries(second)


def test_ballots_written_to_one_round_count_again_only_that_round(
    client, published, make_round, needs
):
    other = make_round(status=PriorityRound.Status.PUBLISHED, closes_in_days=-1, title="Another")
    api_results(client)
    with CaptureQueriesContext(connection) as writing:
        ballot_box.write_ballots(
            str(other.pk), [("a-later-key", {"marks": {str(needs[1].pk): None}})]
        )
    counted = [sql for sql in ballot_queries(writing) if sql.lstrip().upper().startswith("SELECT")]
    assert counted and all(f"= {other.pk}" in sql for sql in counted)  # counted as written
    with CaptureQueriesContext(connection) as captured:
        listed = api_results(client)
    assert listed[other.pk]["ballots"] == 1 and listed[published.pk]["ballots"] == 2
    assert not ballot_queries(captured)  # read from the stored counts
    assert "2 people voted" in results(client, published)


def test_a_need_renamed_shows_at_once_in_the_api(client, published, needs, staff):
    def titles() -> set[str]:
        return {row["title"] for row in api_results(client)[published.pk]["standings"]}

    assert "Rough sleeping by the river" in titles()
    needs_services.need_update(need=needs[0], actor=staff, title="Rough sleeping by the quay")
    assert "Rough sleeping by the quay" in titles()
