"""Ballots cast elsewhere, brought into a round whose voting has ended (``ballots_import``): who voted
in one table, the ballots through the ballot box apart, and a count that sees them all."""

import pytest
from django.core.exceptions import ValidationError

from commonweal.core.models import AuditEntry
from commonweal.priorities import selectors, services
from commonweal.priorities.models import Ballot, Participation, PriorityRound
from commonweal.testing.place_world import make_resident

pytestmark = pytest.mark.django_db


def test_imported_ballots_are_counted_and_kept_apart_from_who_voted(make_round, needs, ward):
    round_ = make_round(status=PriorityRound.Status.CLOSED, opens_in_days=-9, closes_in_days=-2)
    voters = [make_resident(ward, f"Voter {n}") for n in range(12)]
    votes = [(voter, {needs[n % 3].pk: None, needs[0].pk: None}) for n, voter in enumerate(voters)]
    assert services.ballots_import(round_=round_, votes=votes, reason="Paper count") == 12
    assert Participation.objects.filter(round=round_).count() == 12
    assert Ballot.objects.filter(round=round_).count() == 12
    results = {need.title: s.points for need, s in selectors.round_results(round_).standings}
    assert results == {
        "Rough sleeping by the river": 12,
        "Lonely older people": 4,
        "No youth club": 4,
    }
    # Who voted is one audited entry; the ballots another, which says only how many.
    assert AuditEntry.objects.get(action="voters_import").after["rows"] == {
        "priorities.participation": 12
    }
    committed = AuditEntry.objects.get(action="ballots_committed")
    assert committed.after["rows"] == {"priorities.round.ballot": 12}


def test_ballots_are_refused_while_voting_is_open_and_for_a_second_vote(make_round, needs, ward):
    voter = make_resident(ward)
    with pytest.raises(ValidationError, match="voting has ended"):
        services.ballots_import(
            round_=make_round(), votes=[(voter, {needs[0].pk: None})], reason="Import"
        )
    closed = make_round(
        status=PriorityRound.Status.CLOSED, opens_in_days=-9, closes_in_days=-2, title="Closed"
    )
    with pytest.raises(ValidationError, match="only once"):
        services.ballots_import(
            round_=closed,
            votes=[(voter, {needs[0].pk: None}), (voter, {needs[1].pk: None})],
            reason="Import",
        )
    assert not Participation.objects.exists() and not Ballot.objects.exists()
