"""A budgeting round's page offers those who run it each step only when the step can be taken."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commonweal.participation import services_counting, services_voting
from commonweal.participation.models import BudgetRound

pytestmark = pytest.mark.django_db

R = BudgetRound.Status
BEFORE_VOTING = {"edit", "add_project", "review_projects", "open_voting"}
OFFERED = {
    R.DRAFT: BEFORE_VOTING | {"take_ideas"},
    R.PROPOSALS: BEFORE_VOTING | {"check_ideas"},
    R.REVIEW: BEFORE_VOTING,
    R.VOTING: {"close_voting", "paper_ballots", "paper_sheet"},
    R.CLOSED: {"paper_ballots", "paper_sheet", "count"},  # publishing waits for a count
    R.PUBLISHED: {"count"},
}


def _links(round_) -> dict[str, str]:
    project = round_.projects.first()
    return {
        "edit": reverse("participation:edit", args=[round_.pk]),
        "add_project": reverse("participation:project-add", args=[round_.pk]),
        "review_projects": reverse("participation:review", args=[round_.pk, project.pk]),
        "take_ideas": reverse("participation:move", args=[round_.pk, "proposals"]),
        "check_ideas": reverse("participation:move", args=[round_.pk, "review"]),
        "open_voting": reverse("participation:move", args=[round_.pk, "voting"]),
        "close_voting": reverse("participation:move", args=[round_.pk, "closed"]),
        "paper_ballots": reverse("participation:paper", args=[round_.pk]),
        "paper_sheet": reverse("participation:paper-sheet", args=[round_.pk]),
        "count": reverse("participation:count", args=[round_.pk]),
        "publish": reverse("participation:publish", args=[round_.pk]),
    }


def _offered(client, round_) -> set[str]:
    html = client.get(round_.get_absolute_url()).content.decode()
    return {step for step, link in _links(round_).items() if f'href="{link}"' in html}


@pytest.mark.parametrize("status", list(OFFERED))
def test_staff_are_offered_the_steps_of_this_phase_and_no_others(
    sign_in, make_round, staff, status
):
    round_ = make_round(status=status)
    assert _offered(sign_in(staff), round_) == OFFERED[status]


def test_a_closed_round_can_be_published_once_it_is_counted(sign_in, make_round, staff):
    round_ = make_round(status=R.CLOSED)
    services_counting.round_count(round_=round_, actor=staff)
    assert _offered(sign_in(staff), round_) == {"paper_ballots", "paper_sheet", "count", "publish"}


def test_while_the_votes_are_being_counted_neither_counting_nor_publishing_is_offered(
    sign_in, make_round, staff, django_capture_on_commit_callbacks
):
    round_ = make_round(status=R.CLOSED)
    services_counting.round_count(round_=round_, actor=staff)
    with django_capture_on_commit_callbacks(execute=False):  # no worker takes it yet
        services_counting.round_count_queue(round_=round_, actor=staff)
    assert _offered(sign_in(staff), round_) == {"paper_ballots", "paper_sheet"}


def test_a_ballot_entered_after_the_count_means_counting_again_before_publishing(
    sign_in, make_round, staff
):
    round_ = make_round(status=R.CLOSED)
    services_counting.round_count(round_=round_, actor=staff)
    services_voting.paper_ballot_enter(
        round_=round_, actor=staff, marks={round_.projects.first().pk: 1}, batch="Late box"
    )
    client = sign_in(staff)
    assert _offered(client, round_) == {"paper_ballots", "paper_sheet", "count"}
    page = client.get(round_.get_absolute_url()).content.decode()
    assert "1 ballot came in after the votes were last counted." in page
    # The publishing service gives the same answer as the page.
    with pytest.raises(ValidationError, match="Some ballots arrived after the votes were counted"):
        services_counting.round_publish(round_=round_, actor=staff)
    services_counting.round_count(round_=round_, actor=staff)
    assert "publish" in _offered(client, round_)


@pytest.mark.parametrize("kind", [BudgetRound.BallotType.CUMULATIVE, BudgetRound.BallotType.RANKED])
def test_points_and_ranks_are_not_offered_a_sheet_of_ticks(sign_in, make_round, staff, kind):
    round_ = make_round(ballot_type=kind, points_total=10)
    assert _offered(sign_in(staff), round_) == {"close_voting", "paper_ballots"}


@pytest.mark.parametrize("status", [R.PROPOSALS, R.VOTING, R.CLOSED])
def test_people_who_do_not_run_the_round_are_offered_no_steps(
    client, sign_in, make_round, resident, status
):
    round_ = make_round(status=status)
    for viewer in (client, sign_in(resident)):
        assert _offered(viewer, round_) == set()
