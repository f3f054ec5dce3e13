"""200 bids submitted from 200 threads (each its own organisation and connection) in the last
seconds before the deadline, the deadline passing part-way: each is either submitted complete (it
opens after the deadline and its receipt matches) or refused with the deadline and left as it was.
None lost, none half-saved.

Runs on PostgreSQL only: SQLite lets one writer in at a time, so there is no race. It drives the
benchmark's own rush (bench/bid_rush.py), so the benchmark cannot rot.
"""

import sys
from pathlib import Path

import pytest
from django.db import connection  # noqa: F401  (the skip condition reads it)

sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "bench"))

import bid_rush

from commonweal.competitions.models import Bid
from commonweal.competitions.services_bids import closed_message

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="needs PostgreSQL: SQLite lets only one writer in at a time, so there is no race",
    ),
]

BIDS = 200
# PostgreSQL allows 100 connections by default: the test database and pytest hold a few.
AT_ONCE = 80


def test_200_bids_at_the_deadline_are_each_saved_complete_or_refused():
    world = bid_rush.build_world(BIDS)
    outcomes, checked = bid_rush.deadline_rush(world, connections_at_once=AT_ONCE, deadline_in=2.0)
    assert checked.problems == []
    assert checked.accepted + checked.refused == BIDS
    # The deadline passed part-way: some got in, some were refused.
    assert checked.accepted > 0 and checked.refused > 0
    refusals = {o.refusal for o in outcomes if not o.accepted}
    assert refusals == {closed_message(world.opportunity)}
    statuses = Bid.objects.filter(opportunity=world.opportunity).values_list("status", flat=True)
    assert sorted(statuses).count(Bid.Status.SUBMITTED) == checked.accepted
    assert list(statuses).count(Bid.Status.DRAFT) == checked.refused


def test_the_benchmark_sides_run_and_every_submission_is_accepted_before_the_deadline():
    world = bid_rush.build_world(20, label="quick")
    for action in (bid_rush.submit, bid_rush.save_draft):
        bid_rush.reset(world)
        outcomes = bid_rush.rush(world, action, connections_at_once=10, due=[0.0] * 20)
        assert all(o.accepted for o in outcomes), [o for o in outcomes if not o.accepted][:3]
    bid_rush.reset(world)
    assert all(o.accepted for o in bid_rush.one_thread(world, bid_rush.submit))
