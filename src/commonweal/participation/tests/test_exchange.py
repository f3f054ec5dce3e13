"""Pabulib import and export: errors by line with nothing saved, and the round trip to the same election."""

import os
from collections import Counter
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from commonweal.participation import exchange, services, services_counting
from commonweal.participation.models import Ballot, BudgetRound, Project
from commonweal.participation.pb import pabulib

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[4].parent / "shared" / "data" / "pabulib"

SMALL = """META
key;value
description;Little round
budget;1000
vote_type;cumulative
max_sum_points;5
PROJECTS
project_id;cost;name
a;600;Swings
b;400.50;Benches
c;300;Bins
VOTES
voter_id;vote;points
1;a,b;3,2
2;c;5
3;a;1
"""


def shared_file(name: str) -> str:
    path = SHARED / name
    if not path.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared Pabulib data not found at {path} but CI=true")
        pytest.skip(f"shared Pabulib data not found at {path}")
    return path.read_text(encoding="utf-8-sig")


def same_election(first: pabulib.Election, second: pabulib.Election) -> None:
    assert first.vote_type == second.vote_type and first.budget == second.budget
    assert [(p.id, p.cost, p.name) for p in first.projects] == [
        (p.id, p.cost, p.name) for p in second.projects
    ]

    def ballots(election):
        return Counter(
            (
                b.projects if election.vote_type == "ordinal" else tuple(sorted(b.projects)),
                b.points
                and tuple(
                    dict(zip(b.projects, b.points, strict=True))[p] for p in sorted(b.projects)
                ),
            )
            for b in election.ballots
        )

    assert ballots(first) == ballots(second)


def test_a_small_cumulative_file_imports_and_exports_to_the_same_election(staff, riverside):
    round_ = exchange.round_import(actor=staff, place=riverside, text=SMALL)
    assert (
        round_.status == BudgetRound.Status.DRAFT and round_.imported and round_.points_total == 5
    )
    assert round_.ballot_type == "cumulative" and round_.budget == 1000
    assert Project.objects.get(pabulib_id="b").cost == pytest.approx(400.5)
    assert Ballot.objects.filter(round=round_, source="imported").count() == 3
    same_election(pabulib.parse(SMALL), pabulib.parse(exchange.round_export(round_)))


RANKED = """META
key;value
description;Ranked round
budget;900
vote_type;ordinal
PROJECTS
project_id;cost;name
1;500;Library
2;400;Park
3;300;Pool
VOTES
voter_id;vote
a;3,1,2
b;2,3
c;1
"""


def test_ranked_ballots_keep_their_order_through_the_round_trip(staff, riverside):
    round_ = exchange.round_import(actor=staff, place=riverside, text=RANKED)
    assert round_.ballot_type == "ranked"
    pool = str(Project.objects.get(pabulib_id="3").pk)
    assert sorted(
        marks[pool] for marks in Ballot.objects.values_list("marks", flat=True) if pool in marks
    ) == [1, 2]
    same_election(pabulib.parse(RANKED), pabulib.parse(exchange.round_export(round_)))


def test_assen_2024_round_trips_and_counts_to_the_citys_official_outcome(staff, riverside):
    text = shared_file("Netherlands_Assen_2024.pb")
    original = pabulib.parse(text)
    round_ = exchange.round_import(actor=staff, place=riverside, text=text)
    same_election(original, pabulib.parse(exchange.round_export(round_)))
    # The city's own result is in the file's "selected" column: an outcome we did not compute.
    official = {p.id for p in original.projects if dict(p.fields).get("selected") == "1"}
    services.round_move(round_=round_, actor=staff, to=BudgetRound.Status.CLOSED)
    count = services_counting.round_count(
        round_=round_, actor=staff, rule="mes", satisfaction="cost", completion="add1"
    )
    assert {Project.objects.get(pk=pk).pabulib_id for pk in count.selected} == official


@pytest.mark.parametrize(
    "text,problem",
    [
        (
            SMALL.replace("a;600;Swings", "a;lots;Swings"),
            "Line 9: project 'a': cost 'lots' is not a number",
        ),
        (SMALL.replace("3;a;1", "3;z;1"), "Line 16: voter '3' votes for unknown project 'z'"),
        (SMALL.replace("vote_type;cumulative\n", ""), "META has no vote_type"),
    ],
)
def test_a_file_with_errors_is_refused_with_the_line_and_nothing_is_saved(
    staff, riverside, text, problem
):
    with pytest.raises(ValidationError) as excinfo:
        exchange.round_import(actor=staff, place=riverside, text=text)
    assert excinfo.value.message_dict["file"] == [problem]
    assert (
        not BudgetRound.objects.exists()
        and not Project.objects.exists()
        and not Ballot.objects.exists()
    )


def test_the_import_page_shows_the_line_and_problem(sign_in, staff, riverside):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    bad = SimpleUploadedFile("round.pb", SMALL.replace("3;a;1", "3;z;1").encode())
    page = sign_in(staff).post(
        reverse("participation:import"), {"place": riverside.pk, "file": bad}
    )
    assert "govuk-error-summary" in page.content.decode()
    assert (
        "Line 16: voter &#x27;3&#x27; votes for unknown project &#x27;z&#x27;"
        in page.content.decode()
    )
    good = SimpleUploadedFile("round.pb", SMALL.encode())
    assert (
        sign_in(staff)
        .post(reverse("participation:import"), {"place": riverside.pk, "file": good})
        .status_code
        == 302
    )


@pytest.mark.parametrize("seed", range(10))
def test_any_file_either_imports_whole_or_is_refused_with_a_message(seed, staff, riverside):
    import random

    from commonweal.participation.pb.tests.test_pabulib import _random_file

    rng = random.Random(seed)
    for _ in range(8):
        text = _random_file(rng)
        before = BudgetRound.objects.count()
        try:
            round_ = exchange.round_import(actor=staff, place=riverside, text=text)
        except ValidationError as error:
            assert error.messages and all(message.strip() for message in error.messages)
            assert BudgetRound.objects.count() == before  # nothing saved
        else:
            election = pabulib.parse(text)
            assert round_.projects.count() == len(election.projects)
            assert round_.ballots.count() == len(election.ballots)


@pytest.mark.parametrize(
    "what, text",
    [
        (
            "The cost of project 1",
            "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
            "1;123456789012345678\nVOTES\nvoter_id;vote\na;1\n",
        ),
        (
            "budget",
            "META\nkey;value\nbudget;123456789012345678\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
            "1;5\nVOTES\nvoter_id;vote\na;1\n",
        ),
        (
            "at least 40000 projects, but it has only 1",
            "META\nkey;value\nbudget;100\nvote_type;approval\n"
            "min_length;40000\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\na;1\n",
        ),
    ],
)
def test_numbers_too_big_to_store_are_refused_with_a_message(what, text, staff, riverside):
    with pytest.raises(ValidationError) as error:
        exchange.round_import(actor=staff, place=riverside, text=text)
    assert what.lower() in " ".join(error.value.messages).lower()
    assert not BudgetRound.objects.exists()


def test_a_most_projects_limit_above_the_number_of_projects_limits_nothing(staff, riverside):
    text = (
        "META\nkey;value\nbudget;100\nvote_type;approval\nmax_length;99999\nmin_length;1\nPROJECTS\n"
        "project_id;cost\n1;5\n2;7\nVOTES\nvoter_id;vote\na;1\n"
    )
    round_ = exchange.round_import(actor=staff, place=riverside, text=text)
    assert (round_.min_projects, round_.max_projects) == (1, None)
