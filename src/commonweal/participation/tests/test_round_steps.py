"""A budgeting round's page offers those who run it each step only when the step can be taken."""

import pytest
from django.urls import reverse

from commonweal.participation import services_counting
from commonweal.participation.models import BudgetRound

pytestmark = pytest.mark.django_db

R = BudgetRound.Status
BEFORE_VOTING = {"edit", "add_project", "review_projects", "open_voting"}
OFFERED = {
    R.DRAFT: BEFORE_VOTING | {"take_ideas"},
    R.PROPOSALS: BEFORE_VOTING | {"check_ideas"},
    R.REVIEW: BEFORE_VOTING,
    R.VOTING: {"close_voting", "paper_ballots"},
    R.CLOSED: {"paper_ballots", "count"},  # publishing waits for a count
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
    assert _offered(sign_in(staff), round_) == {"paper_ballots", "count", "publish"}


@pytest.mark.parametrize("status", [R.PROPOSALS, R.VOTING, R.CLOSED])
def test_people_who_do_not_run_the_round_are_offered_no_steps(
    client, sign_in, make_round, resident, status
):
    round_ = make_round(status=status)
    for viewer in (client, sign_in(resident)):
        assert _offered(viewer, round_) == set()
