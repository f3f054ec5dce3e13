"""The evaluation API: an evaluator's own declarations and scores, hidden from everyone else until
moderation; moderation and the result for those who run it."""

import pytest
from django.urls import reverse

from commonweal.competitions.models import ModeratedScore, Opening, Score
from commonweal.competitions.tests.fixtures_evaluation import criteria, submit_bid

pytestmark = pytest.mark.django_db


@pytest.fixture
def bids(opportunity, bidders, closed):
    made = [
        submit_bid(opportunity, bidders[0], price="1000000"),
        submit_bid(opportunity, bidders[1], price="800000"),
    ]
    closed(opportunity)
    return made


def _url(name, opportunity):
    return reverse(f"api:evaluation-{name}", args=[opportunity.pk])


def _declare(api, opportunity, bidders, token, conflicted=None):
    return api.post(
        _url("conflicts", opportunity),
        {
            "declarations": [
                {
                    "organisation": o.pk,
                    "conflict": o == conflicted,
                    "details": "My brother owns it." if o == conflicted else "",
                }
                for o in bidders[:2]
            ]
        },
        token=token,
    )


def test_evaluator_declares_then_scores_only_their_own(
    api, token_for, opportunity, bids, bidders, evaluator, staff
):
    token = token_for(evaluator)
    response = api.get(_url("conflicts", opportunity), token=token)
    assert response.status_code == 200
    assert {b["name"] for b in response.json()["bidders"]} == {bidders[0].name, bidders[1].name}
    assert api.get(_url("scores", opportunity), token=token).status_code == 403
    # Details are needed for a conflict.
    response = api.post(
        _url("conflicts", opportunity),
        {
            "declarations": [
                {"organisation": bidders[0].pk, "conflict": True},
                {"organisation": bidders[1].pk, "conflict": False},
            ]
        },
        token=token,
    )
    assert response.status_code == 400
    assert _declare(api, opportunity, bidders, token, conflicted=bidders[0]).status_code == 200
    scores = api.get(_url("scores", opportunity), token=token).json()
    assert {row["bid"] for row in scores["scores"]} == {bids[1].pk}
    c = criteria(opportunity)
    # Off the scale, and the conflicted bid, are refused.
    for body in (
        {"bid": bids[1].pk, "criterion": c["home"].pk, "score": "5", "reason": "Strong"},
        {"bid": bids[1].pk, "criterion": c["home"].pk, "score": "1.5", "reason": "Strong"},
        {"bid": bids[0].pk, "criterion": c["home"].pk, "score": "3", "reason": "Strong"},
        {"bid": 2**70, "criterion": c["home"].pk, "score": "3", "reason": "Strong"},
    ):
        assert api.post(_url("scores", opportunity), body, token=token).status_code == 400
    assert not Score.objects.exists()
    response = api.post(
        _url("scores", opportunity),
        {"bid": bids[1].pk, "criterion": c["home"].pk, "score": "3", "reason": "A secret view."},
        token=token,
    )
    assert response.status_code == 200
    assert Score.objects.get().score == 3
    # Nobody else sees it before moderation: not those who run it either.
    moderation = api.get(_url("moderation", opportunity), token=token_for(staff)).json()
    assert moderation["open"] is False and moderation["cells"] == []
    assert "A secret view." not in str(moderation)


def test_who_may_not(
    api, token_for, opportunity, bids, stranger, bidder_people, other_staff, evaluator, staff
):
    for name in ("conflicts", "scores", "moderation", "results"):
        assert api.get(_url(name, opportunity)).status_code in (401, 403)
        for person in (stranger, bidder_people[0], other_staff):
            assert api.get(_url(name, opportunity), token=token_for(person)).status_code == 403
    # An evaluator does not moderate or see results; those who run it hold no seat.
    for name in ("moderation", "results"):
        assert api.get(_url(name, opportunity), token=token_for(evaluator)).status_code == 403
    assert api.get(_url("conflicts", opportunity), token=token_for(staff)).status_code == 403
    assert not Opening.objects.exists()
    huge = reverse("api:evaluation-results", args=[2**70])
    assert api.get(huge, token=token_for(staff)).status_code == 404


def test_moderation_and_results(
    api, token_for, opportunity, bids, bidders, evaluator, staff, django_assert_max_num_queries
):
    token = token_for(evaluator)
    _declare(api, opportunity, bidders, token)
    c = criteria(opportunity)
    for bid in bids:
        for key in ("home", "listening", "jobs"):
            api.post(
                _url("scores", opportunity),
                {"bid": bid.pk, "criterion": c[key].pk, "score": "2", "reason": "Fair."},
                token=token,
            )
        api.post(
            _url("scores", opportunity),
            {"bid": bid.pk, "criterion": c["safeguarding"].pk, "passed": True, "reason": "Seen."},
            token=token,
        )
    from commonweal.competitions import services_evaluation
    from commonweal.competitions.models import Evaluator

    services_evaluation.scores_submit(
        actor=evaluator, evaluator=Evaluator.objects.get(user=evaluator)
    )
    manager = token_for(staff)
    with django_assert_max_num_queries(25):
        moderation = api.get(_url("moderation", opportunity), token=manager).json()
    assert moderation["open"] is True and len(moderation["cells"]) == 8
    assert moderation["cells"][0]["scores"][0]["reason"] in ("Fair.", "Seen.")
    for bid in bids:
        for key in ("home", "listening", "jobs"):
            response = api.post(
                _url("moderation", opportunity),
                {"bid": bid.pk, "criterion": c[key].pk, "score": "2", "reason": "Agreed."},
                token=manager,
            )
            assert response.status_code == 200
        api.post(
            _url("moderation", opportunity),
            {"bid": bid.pk, "criterion": c["safeguarding"].pk, "passed": True, "reason": "Agreed."},
            token=manager,
        )
    assert ModeratedScore.objects.count() == 8
    with django_assert_max_num_queries(40):
        result = api.get(_url("results", opportunity), token=manager).json()
    # By hand: equal scores (2/4 of 50 + 2/4 of 20 = 35); prices 1,000,000 and 800,000, out of 30:
    # 24.00 and 30.00, so totals 59.00 and 65.00, and the cheaper bid wins.
    assert result["final"] is True
    totals = {row["bid"]: row["total"] for row in result["evaluation"]["results"]}
    assert totals == {bids[0].pk: "59.00", bids[1].pk: "65.00"}
    assert result["evaluation"]["winner"] == str(bids[1].pk)
