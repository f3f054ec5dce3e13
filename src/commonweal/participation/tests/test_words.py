"""The words of the budgeting pages tell the truth: a ballot question that needs an answer is not
marked "(optional)", a reason asked for is not either, and every count agrees with its noun."""

import pytest

from commonweal.participation import services_voting
from commonweal.participation.models import BudgetRound
from commonweal.participation.tests.conftest import cast_ballots, make_resident, project_pk
from commonweal.participation.tests.test_bad_input import upload
from commonweal.participation.tests.test_pages import publish, url

pytestmark = pytest.mark.django_db
R = BudgetRound


@pytest.mark.parametrize(
    ("ballot", "question", "refusal"),
    [
        (R.BallotType.APPROVAL, "Which projects do you support?", "Choose at least one project."),
        (R.BallotType.CHOOSE_ONE, "Which project do you support most?", "Choose a project."),
    ],
)
def test_a_ballot_question_that_needs_an_answer_is_not_marked_optional(
    sign_in, make_round, resident, ballot, question, refusal
):
    round_ = make_round(ballot_type=ballot)
    client = sign_in(resident)
    page = client.get(url("vote", round_)).content.decode()
    assert f"{question}</legend>" in page and "(optional)" not in page
    refused = client.post(url("vote", round_), {"age_confirmed": "on"}).content.decode()
    assert "govuk-error-summary" in refused and refusal in refused


@pytest.mark.parametrize(
    ("fields", "hint"),
    [
        (
            {"ballot_type": R.BallotType.CUMULATIVE, "points_total": 1},
            "You have 1 point. Give it to the project you want most.",
        ),
        (
            {
                "ballot_type": R.BallotType.CUMULATIVE,
                "points_total": 10,
                "points_max_per_project": 1,
            },
            "Give a project no more than 1 point.",
        ),
        ({"ballot_type": R.BallotType.RANKED}, "You do not have to rank every project."),
    ],
)
def test_a_ballot_s_boxes_are_not_each_marked_optional(sign_in, make_round, resident, fields, hint):
    # Each project's box may be left empty; the question's hint says so, once.
    round_ = make_round(**fields)
    page = sign_in(resident).get(url("vote", round_)).content.decode()
    assert "Benches by the river (£3,000)</label>" in page
    assert "(optional)" not in page and hint in page


def test_the_reason_for_counting_again_is_asked_for_once_the_results_are_out(
    sign_in, make_round, staff, ward
):
    client = sign_in(staff)
    closed = make_round(status=R.Status.CLOSED)
    assert "Reason (optional)</label>" in client.get(url("count", closed)).content.decode()
    round_ = make_round()
    publish(round_, staff, ward)
    page = client.get(url("count", round_)).content.decode()
    assert "Reason</label>" in page and "(optional)" not in page
    refused = client.post(
        url("count", round_), {"rule": "mes", "satisfaction": "cost", "completion": "add1"}
    ).content.decode()
    assert "govuk-error-summary" in refused
    assert "Say why you are counting again, so everyone can see the reason." in refused


def test_counts_of_one_are_said_in_the_singular(sign_in, make_round, staff, ward):
    round_ = make_round()
    services_voting.ballot_cast(
        round_=round_,
        voter=make_resident(ward, "V1"),
        age_confirmed=True,
        marks={project_pk(round_, "Street trees"): 1},
    )
    cast_ballots(round_)  # out of the ballot box, into the count
    page = sign_in(staff).get(url("round", round_)).content.decode()
    assert "1 person with an account has taken part." in page
    assert "1 ballot in all, paper and imported ones included." in page


def test_an_eligibility_list_of_one_person_says_so(sign_in, make_round, staff):
    round_ = make_round(verification=R.Verification.LIST)
    client = sign_in(staff)
    response = client.post(
        url("eligibility", round_), {"file": upload(b"one@example.org\n")}, follow=True
    )
    assert "The list has 1 person on it." in response.content.decode()
