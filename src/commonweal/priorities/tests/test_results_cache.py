"""Published results are counted once and kept in the pages cache (core/pagecache.py), until the
round, a ballot or one of its needs changes; those who run the round still see their steps."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

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
    return content[content.index('<h2 class="govuk-heading-m">Results</h2>') :]


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
