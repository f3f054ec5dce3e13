"""A finished vote brought in at once (``projects_add_bulk``, ``ballots_import``): checked as ballots cast
here are, who voted kept apart from the ballots, each write one audit entry, and the count sees them all."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from commonweal.core.models import AuditEntry
from commonweal.participation import services, services_counting, services_voting
from commonweal.participation.models import Ballot, BudgetRound, Participation, Project

from .conftest import make_resident, project_pk

pytestmark = pytest.mark.django_db


def test_a_finished_vote_is_brought_in_and_counted(make_round, ward, staff):
    round_ = make_round(
        status=BudgetRound.Status.CLOSED, projects=[], ballot_type=BudgetRound.BallotType.APPROVAL
    )
    services.projects_add_bulk(
        round_=round_,
        projects=[
            {"title": " Benches ", "cost": Decimal("3000"), "status": Project.Status.ACCEPTED},
            {"title": "Trees", "cost": Decimal("9000"), "status": Project.Status.ACCEPTED},
        ],
        reason="Imported from the council's own vote",
    )
    benches, trees = str(project_pk(round_, "Benches")), str(project_pk(round_, "Trees"))
    online = [(make_resident(ward, f"Voter {n}"), {benches: 1}) for n in range(3)]
    paper = [("Library box", {trees: 1}), ("Library box", {trees: 1, benches: 1})]
    committed = services_voting.ballots_import(
        round_=round_, online=online, paper=paper, reason="Imported"
    )
    assert committed == 5
    assert Participation.objects.filter(round=round_).count() == 3  # paper voters are not known
    assert Ballot.objects.filter(round=round_, source=Ballot.Source.PAPER).count() == 2
    count = services_counting.round_count(round_=round_, actor=staff)
    assert count.ballots == 5 and count.votes == {benches: 4, trees: 2}
    assert AuditEntry.objects.get(action="projects_import").after["rows"] == {
        "participation.project": 2
    }
    assert AuditEntry.objects.get(action="voters_import").after["rows"] == {
        "participation.participation": 3
    }
    assert AuditEntry.objects.get(action="ballots_committed").after["rows"] == {
        "participation.round.ballot": 5
    }


def test_ballots_are_refused_while_voting_is_open_and_when_they_break_the_rules(make_round, ward):
    open_round = make_round()
    voter = make_resident(ward)
    marks = {str(project_pk(open_round, "Youth club kit")): 1}
    with pytest.raises(ValidationError, match="voting has ended"):
        services_voting.ballots_import(round_=open_round, online=[(voter, marks)], reason="Import")
    closed = make_round(status=BudgetRound.Status.CLOSED, max_projects=1)
    too_many = {str(project.pk): 1 for project in closed.projects.all()}
    with pytest.raises(ValidationError):
        services_voting.ballots_import(round_=closed, paper=[("Box 1", too_many)], reason="Import")
    with pytest.raises(ValidationError, match="only once"):
        services_voting.ballots_import(
            round_=closed, online=[(voter, {}), (voter, {})], reason="Import"
        )
    with pytest.raises(ValidationError, match="once voting has started"):
        services.projects_add_bulk(
            round_=open_round, projects=[{"title": "Late", "cost": Decimal("1")}], reason="Import"
        )
    assert not Ballot.objects.exists() and not Participation.objects.exists()
