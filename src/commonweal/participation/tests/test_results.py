"""The results page explains itself: who paid what, why others lost, the voter's own share, EJR in words."""

import re

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
        strict=True,
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


def _plain(html: str) -> str:
    """The page's words, tags taken out and spaces squeezed, to read the explanations in order."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# Worked by hand (budget £10,000; benches £3,000, youth club kit £5,000, trees £4,000, fridge £2,000;
# two voters, so each starts with £5,000 under equal shares, raised £1 at a time by the add1 completion).
# - ranked (Borda): a ballot ranking two projects gives the first 1 point and the last 0. Voter 1 backs
#   the kit (£5,000: they can pay it all), voter 2 the fridge (£2,000). Nobody's points go to trees or
#   benches, so £3,000 is left unspent. The fridge is cheaper per point, so it comes first.
# - cumulative: voter 2's 10 points on benches cost £300 a point, voter 1's fridge £500 a point, then
#   trees £667 a point; voter 1 can pay £2,000 + £4,000 once each share reaches £6,000: £9,000 in all,
#   and the kit no longer fits.
# - choose-one counted greedily by votes: trees and the fridge (one vote each, trees first as ties go
#   to the earlier project), then, as greedy does, the benches nobody chose still fit in the £4,000
#   left; the kit (£5,000) does not.
@pytest.mark.parametrize(
    "kind,rule,marks,summary,funded,lost",
    [
        (
            "ranked",
            "mes",
            [
                {"Youth club kit": 1, "Street trees": 2},
                {"Community fridge": 1, "Youth club kit": 2},
            ],
            "2 projects are funded, costing £7,000 of the £10,000 budget.",
            [
                "Community fridge (£2,000) Funded. 1 person who voted for it paid £2,000",
                "Youth club kit (£5,000) Funded. 1 person who voted for it paid £5,000",
            ],
            [
                "Street trees (£4,000) Not funded. The way votes are counted here gives it no "
                "weight: everyone who ranked it put it last",
                "Benches by the river (£3,000) Not funded. Nobody voted for it.",
            ],
        ),
        (
            "cumulative",
            "mes",
            [{"Street trees": 6, "Community fridge": 4}, {"Benches by the river": 10}],
            "3 projects are funded, costing £9,000 of the £10,000 budget.",
            [
                "Benches by the river (£3,000) Funded. 1 person who voted for it paid £3,000",
                "Community fridge (£2,000) Funded. 1 person who voted for it paid £2,000",
                "Street trees (£4,000) Funded. 1 person who voted for it paid £4,000",
            ],
            ["Youth club kit (£5,000) Not funded. Nobody voted for it."],
        ),
        (
            "choose_one",
            "greedy",
            [{"Street trees": 1}, {"Community fridge": 1}],
            "3 projects are funded, costing £9,000 of the £10,000 budget.",
            [
                "Street trees (£4,000) Funded. 1 person voted for it. £10,000 was left",
                "Community fridge (£2,000) Funded. 1 person voted for it. £6,000 was left",
                "Benches by the river (£3,000) Funded. Nobody voted for it, but it still fitted "
                "in the money left. £4,000 was left",
            ],
            ["Youth club kit (£5,000) Not funded. Nobody voted for it."],
        ),
    ],
)
def test_results_pages_say_what_won_and_why_for_every_ballot_type(
    make_round, staff, ward, client, kind, rule, marks, summary, funded, lost
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
    html = page(client, round_)
    text = _plain(html)
    assert summary in text and "2 ballots were counted." in text
    won, _, others = text.partition("Why each project won")[2].partition("Why the others lost")
    # Funded projects in the order the rule funded them, each with the reason; then the others.
    positions = [won.find(line) for line in funded]
    assert -1 not in positions and positions == sorted(positions), (funded, won)
    positions = [others.find(line) for line in lost]
    assert -1 not in positions and positions == sorted(positions), (lost, others)
    # Every project is explained by the engine: the bare fallback words never show.
    assert '<p class="govuk-body">Not funded.</p>' not in html


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
