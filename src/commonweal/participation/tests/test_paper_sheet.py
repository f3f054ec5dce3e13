"""A tally sheet of paper ballots: a row a ballot, a tick for each project it marks, many entered in
one go through the ballot box, each counted once, with the checks a single paper ballot has. A bad
row is named by its number, and then nothing is saved.

Totals per project are not asked for instead of the rows: the Method of Equal Shares counts which
projects each voter chose together, and different piles of ballots give the same totals but not
the same result (test_totals_cannot_stand_in_for_the_ballots)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.ballots import selectors as box_selectors
from commonweal.core.models import AuditEntry
from commonweal.participation import keys, services, services_counting, services_voting
from commonweal.participation.models import Ballot, BudgetRound, Participation
from commonweal.participation.pb import pabulib, rules
from commonweal.participation.tests.conftest import (
    PROJECTS,
    cast_ballots,
    make_resident,
    project_pk,
)
from commonweal.testing.factories import PublicBodyFactory, RoleFactory

pytestmark = pytest.mark.django_db

R = BudgetRound.Status


def url(round_) -> str:
    return reverse("participation:paper-sheet", kwargs={"pk": round_.pk})


def sheet(round_, rows: dict[int, list[str]], *, emails=None, batch="Box 7", ballots=None) -> dict:
    """The form as a browser sends it: ticks by row (project titles), emails by row."""
    data = {"batch": batch, "ballots": str(len(rows) if ballots is None else ballots)}
    for row, titles in rows.items():
        data[f"row_{row}"] = [str(project_pk(round_, title)) for title in titles]
    for row, email in (emails or {}).items():
        data[f"email_{row}"] = email
    return data


def nothing_saved(round_) -> bool:
    return (
        not Ballot.objects.filter(round=round_).exists()
        and not box_selectors.waiting_count(keys.box(round_.pk))
        and not Participation.objects.filter(round=round_).exists()
    )


def test_an_officer_enters_a_sheet_and_each_row_is_one_ballot(make_round, staff, resident, sign_in):
    round_ = make_round()
    client = sign_in(staff)
    response = client.post(
        url(round_),
        sheet(
            round_,
            {
                1: ["Benches by the river", "Street trees"],
                2: ["Street trees"],
                3: ["Youth club kit", "Community fridge", "Street trees"],
            },
            emails={2: resident.email.upper()},
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url(round_)}?batch=Box+7"
    # While voting is open they wait in the ballot box, like every other ballot, none written yet.
    assert box_selectors.waiting_count(keys.box(round_.pk)) == 3
    assert not Ballot.objects.filter(round=round_).exists()
    ballots = cast_ballots(round_)
    assert ballots.count() == 3
    assert {ballot.source for ballot in ballots} == {"paper"}
    assert {ballot.batch for ballot in ballots} == {"Box 7"}
    pk = {title: str(project_pk(round_, title)) for title, _cost in PROJECTS}
    assert sorted(sorted(ballot.marks) for ballot in ballots) == sorted(
        [
            sorted([pk["Benches by the river"], pk["Street trees"]]),
            [pk["Street trees"]],
            sorted([pk["Youth club kit"], pk["Community fridge"], pk["Street trees"]]),
        ]
    )
    # The named voter is marked as having voted on paper, so they cannot vote online too.
    took_part = Participation.objects.get(round=round_)
    assert (took_part.person, took_part.channel, took_part.batch) == (resident, "paper", "Box 7")
    with pytest.raises(ValidationError, match="already voted on paper"):
        services_voting.ballot_cast(
            round_=round_,
            voter=resident,
            age_confirmed=True,
            marks={project_pk(round_, "Street trees"): 1},
        )
    # The page the officer comes back to keeps the batch for the next sheet.
    assert 'value="Box 7"' in client.get(response["Location"]).content.decode()


def test_each_ballot_is_counted_once(make_round, staff, sign_in):
    round_ = make_round(rule="greedy", completion="none")
    sign_in(staff).post(
        url(round_),
        sheet(
            round_,
            {1: ["Street trees"], 2: ["Street trees", "Community fridge"], 3: ["Street trees"]},
        ),
    )
    services.round_move(round_=round_, actor=staff, to=R.CLOSED)
    cast_ballots(round_)
    cast_ballots(round_)  # emptying the box again adds nothing
    count = services_counting.round_count(round_=round_, actor=staff)
    assert count.ballots == 3
    assert count.votes[str(project_pk(round_, "Street trees"))] == 3
    assert count.votes[str(project_pk(round_, "Community fridge"))] == 1
    assert count.votes[str(project_pk(round_, "Youth club kit"))] == 0


def test_the_sheet_is_recorded_with_who_entered_how_many_and_when(make_round, staff, sign_in):
    round_ = make_round()
    sign_in(staff).post(url(round_), sheet(round_, {1: ["Street trees"], 2: ["Youth club kit"]}))
    entry = AuditEntry.objects.get(action="paper_ballots_enter")
    assert entry.actor == staff and entry.object_id == str(round_.pk)
    assert entry.reason == "Entered a sheet of 2 paper ballots from batch Box 7"
    assert entry.after["rows"] == {"participation.paper_ballot": 2}


def test_a_person_votes_once(make_round, staff, resident, ward, sign_in):
    round_ = make_round()
    client = sign_in(staff)
    # Named on two rows of the same sheet.
    twice = client.post(
        url(round_),
        sheet(
            round_,
            {1: ["Street trees"], 2: ["Youth club kit"]},
            emails={1: resident.email, 2: resident.email},
        ),
    ).content.decode()
    assert "Row 2: This voter is also on row 1. A person&#x27;s vote counts once." in twice
    assert nothing_saved(round_)
    # Already voted online.
    services_voting.ballot_cast(
        round_=round_,
        voter=resident,
        age_confirmed=True,
        marks={project_pk(round_, "Benches by the river"): 1},
    )
    voted = client.post(
        url(round_),
        sheet(round_, {1: ["Street trees"], 2: ["Youth club kit"]}, emails={2: resident.email}),
    ).content.decode()
    assert "Row 2: This person has already voted, so their paper ballot cannot be counted." in voted
    assert box_selectors.waiting_count(keys.box(round_.pk)) == 1  # their online ballot only
    # On paper, on an earlier sheet.
    neighbour = make_resident(ward, "Nia Neighbour")
    first = client.post(
        url(round_), sheet(round_, {1: ["Street trees"]}, emails={1: neighbour.email})
    )
    assert first.status_code == 302
    again = client.post(
        url(round_),
        sheet(round_, {1: ["Youth club kit"]}, emails={1: neighbour.email}, batch="Box 8"),
    ).content.decode()
    assert "Row 1: This person has already voted" in again
    assert box_selectors.waiting_count(keys.box(round_.pk)) == 2
    assert Participation.objects.get(round=round_, person=neighbour).batch == "Box 7"


def test_bad_rows_are_named_by_number_and_nothing_is_saved(make_round, staff, sign_in):
    round_ = make_round(max_projects=2)
    text = (
        sign_in(staff)
        .post(
            url(round_),
            sheet(
                round_,
                {
                    1: ["Street trees"],
                    3: ["Street trees", "Youth club kit", "Community fridge"],
                    4: [],
                },
                emails={4: "someone@example.org", 5: "not an address"},
                ballots=4,
            ),
        )
        .content.decode()
    )
    assert "govuk-error-summary" in text
    assert "Row 5: Enter an email address like name@example.org" in text
    # The rows' own checks come once the boxes are readable: sent again without row 5's address.
    data = sheet(
        round_,
        {1: ["Street trees"], 3: ["Street trees", "Youth club kit", "Community fridge"], 4: []},
        emails={4: "nobody@example.org"},
        ballots=3,
    )
    text = sign_in(staff).post(url(round_), data).content.decode()
    assert "Row 3: Choose no more than 2 projects. You chose 3." in text
    assert "Row 4: Choose at least one project." in text
    assert "Row 4: Nobody has an account with that email address." in text
    assert "Row 1:" not in text
    assert 'href="#id_row_3-0"' in text  # the summary links to the row
    assert nothing_saved(round_)


def test_the_number_of_ballots_is_checked_against_the_rows(make_round, staff, sign_in):
    round_ = make_round()
    text = (
        sign_in(staff)
        .post(url(round_), sheet(round_, {1: ["Street trees"], 2: ["Street trees"]}, ballots=3))
        .content.decode()
    )
    assert "You filled in 2 rows but said there are 3 ballots." in text
    assert nothing_saved(round_)


def test_a_choose_one_ballot_with_two_ticks_is_refused_by_its_row(make_round, staff, sign_in):
    round_ = make_round(ballot_type=BudgetRound.BallotType.CHOOSE_ONE)
    text = (
        sign_in(staff)
        .post(
            url(round_), sheet(round_, {1: ["Street trees"], 2: ["Street trees", "Youth club kit"]})
        )
        .content.decode()
    )
    assert "Row 2: Choose only one project." in text
    assert nothing_saved(round_)


@pytest.fixture
def self_made(riverside):
    body = PublicBodyFactory(name="Ministry of Everything", verified=False)
    body.places_served.add(riverside)
    return RoleFactory(role=Role.COMMISSIONER, organisation=body).user


@pytest.mark.parametrize("who", ["resident", "stranger", "other_staff", "self_made"])
def test_only_those_who_run_the_round_enter_a_sheet(
    make_round, resident, stranger, other_staff, self_made, sign_in, who
):
    round_ = make_round()
    person = {
        "resident": resident,
        "stranger": stranger,
        "other_staff": other_staff,
        "self_made": self_made,
    }[who]
    client = sign_in(person)
    assert client.get(url(round_)).status_code == 403
    assert client.post(url(round_), sheet(round_, {1: ["Street trees"]})).status_code == 403
    assert (
        "/sign-in" in Client().post(url(round_), sheet(round_, {1: ["Street trees"]}))["Location"]
    )
    assert nothing_saved(round_)


def test_points_and_ranks_have_no_sheet(make_round, staff, sign_in):
    round_ = make_round(ballot_type=BudgetRound.BallotType.RANKED)
    assert sign_in(staff).get(url(round_)).status_code == 404


def test_once_published_the_sheet_is_not_offered_and_is_refused(make_round, staff, sign_in):
    round_ = make_round(status=R.PUBLISHED)
    client = sign_in(staff)
    text = client.get(url(round_)).content.decode()
    assert "Enter these ballots" not in text
    assert "Paper ballots can be entered only while voting is open" in text
    refused = client.post(url(round_), sheet(round_, {1: ["Street trees"]})).content.decode()
    assert "A sheet of paper ballots can be entered only while voting is open" in refused
    assert nothing_saved(round_)


def test_totals_cannot_stand_in_for_the_ballots():
    """Why the sheet takes ballots, not totals: the same totals, different results."""
    head = "META\nkey;value\nbudget;3000\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
    projects = "A;1500\nB;1500\nC;1500\n"
    together = pabulib.parse(head + projects + "VOTES\nvoter_id;vote\nv1;A,B\nv2;C\n")
    apart = pabulib.parse(head + projects + "VOTES\nvoter_id;vote\nv1;A,C\nv2;B\n")
    outcome = {
        name: rules.tally(election, rule="mes", satisfaction="cost").selected
        for name, election in (("together", together), ("apart", apart))
    }
    # One vote for each project either way. Each voter has £1,500: together, the first voter pays
    # for A and the second for C; apart, the first pays for A and the second for B.
    assert outcome == {"together": ("A", "C"), "apart": ("A", "B")}
