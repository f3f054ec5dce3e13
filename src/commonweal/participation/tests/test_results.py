"""The results page explains itself: who paid what, why others lost, the voter's own share, EJR in words."""

import pytest
from django.urls import reverse

from commonweal.participation import services, services_counting, services_voting
from commonweal.participation.models import BudgetRound
from commonweal.participation.tests.conftest import make_resident, project_pk

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(make_round, staff, ward):
    """Budget £10,000 and three voters, so each starts with £3,333.33 under equal shares (no completion).

    Worked by hand: benches (£3,000) are backed by two voters, who pay £1,500 each (the lowest price per
    pound, 0.5). The youth club kit (£5,000) has one backer, who cannot pay for it. Trees (£4,000) have one
    backer with £3,333.33: not enough. The fridge (£2,000) has that same backer, who pays it all.
    """
    round_ = make_round(rule="mes", completion="none")
    voters = [make_resident(ward, name) for name in ("Ann", "Ben", "Cat")]
    for voter, titles in zip(
        voters,
        [
            ["Benches by the river", "Youth club kit"],
            ["Benches by the river"],
            ["Street trees", "Community fridge"],
        ],
    ):
        services_voting.ballot_cast(
            round_=round_,
            voter=voter,
            age_confirmed=True,
            marks={project_pk(round_, t): 1 for t in titles},
        )
    services.round_move(round_=round_, actor=staff, to=BudgetRound.Status.CLOSED)
    services_counting.round_count(round_=round_, actor=staff)
    services_counting.round_publish(round_=round_, actor=staff)
    return round_, voters


def page(client, round_) -> str:
    response = client.get(reverse("participation:results", kwargs={"pk": round_.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_funded_projects_say_who_paid_what_and_the_others_why_not(published, client):
    round_, _voters = published
    text = page(client, round_)
    assert "2 projects are funded, costing £5,000 of the £10,000 budget." in text
    assert "2 people who voted for it each paid £1,500" in text
    assert "Youth club kit" in text and "Why the others lost" in text
    assert "Yes. The result passes the test of extended justified representation" in text
    assert "<svg" in text and "<caption" in text


def test_each_voter_sees_their_own_share(published, sign_in):
    round_, (ann, _ben, cat) = published
    assert "Your ballot paid £1,500 towards Benches by the river." in page(sign_in(ann), round_)
    text = page(sign_in(cat), round_)
    assert "Your ballot paid £2,000 towards Community fridge." in text
    assert "Benches by the river." not in text.split("Your ballot")[1].split("</ul>")[0]


@pytest.mark.parametrize(
    "kind,rule,marks",
    [
        (
            "ranked",
            "mes",
            [
                {"Youth club kit": 1, "Street trees": 2},
                {"Community fridge": 1, "Youth club kit": 2},
            ],
        ),
        (
            "cumulative",
            "mes",
            [{"Street trees": 6, "Community fridge": 4}, {"Benches by the river": 10}],
        ),
        ("choose_one", "greedy", [{"Street trees": 1}, {"Community fridge": 1}]),
    ],
)
def test_results_pages_work_for_every_ballot_type(
    make_round, staff, ward, client, kind, rule, marks
):
    round_ = make_round(ballot_type=kind, rule=rule, points_total=10)
    for n, chosen in enumerate(marks):
        services_voting.ballot_cast(
            round_=round_,
            voter=make_resident(ward, f"V{n}"),
            age_confirmed=True,
            marks={project_pk(round_, t): v for t, v in chosen.items()},
        )
    services.round_move(round_=round_, actor=staff, to=BudgetRound.Status.CLOSED)
    services_counting.round_count(round_=round_, actor=staff)
    services_counting.round_publish(round_=round_, actor=staff)
    text = page(client, round_)
    # Every project is explained by the engine: the bare fallback words never show.
    assert "Why each project won" in text and '<p class="govuk-body">Not funded.</p>' not in text


def test_publishing_works_out_the_explanation_once_for_every_visitor(
    make_round, staff, ward, sign_in, django_capture_on_commit_callbacks, monkeypatch
):
    from commonweal.participation.pb import explain

    round_ = make_round(rule="mes", completion="none")
    ann, ben = make_resident(ward, "Ann"), make_resident(ward, "Ben")
    for voter in (ann, ben):
        services_voting.ballot_cast(
            round_=round_,
            voter=voter,
            age_confirmed=True,
            marks={project_pk(round_, "Benches by the river"): 1},
        )
    services.round_move(round_=round_, actor=staff, to=BudgetRound.Status.CLOSED)
    services_counting.round_count(round_=round_, actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services_counting.round_publish(
            round_=round_, actor=staff
        )  # the background task works it out

    def no_more_replays(*args, **kwargs):
        raise AssertionError("the explanation was worked out again")

    monkeypatch.setattr(explain, "explain", no_more_replays)
    for voter in (ann, ben):  # each voter's own share comes from the same worked-out explanation
        assert "Your ballot paid £1,500 towards Benches by the river." in page(
            sign_in(voter), round_
        )
