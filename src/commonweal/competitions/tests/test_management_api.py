"""The API for those who run a competition: every question with who asked, and answering it; the
evaluation panel; the low-bid reviews. And a bidder's own people explaining a low price. Who may
and who may not, bad input refused with the field named, and the same work for 30 rows as for 3."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commonweal.accounts.roles import Role
from commonweal.competitions import services_evaluation, services_questions
from commonweal.competitions.models import (
    Evaluator,
    LowBidReview,
    Opportunity,
    Question,
    Score,
)
from commonweal.competitions.tests.fixtures_evaluation import criteria, submit_bid
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory
from commonweal.testing.queries import no_growth

pytestmark = pytest.mark.django_db

HUGE = 2**70
OUTSIDERS = ["resident", "stranger", "self_made_bidder", "other_staff", "evaluator"]


def _url(name, *args):
    return reverse(f"api:{name}", args=args)


def _count(api, url, token):
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url, token=token)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries), response


def _draft(opportunity):
    Opportunity.objects.filter(pk=opportunity.pk).update(
        status=Opportunity.Status.DRAFT, published_at=None
    )


# --- Questions -----------------------------------------------------------------------------------


@pytest.fixture
def asked(opportunity, bidder_people, bidders, staff):
    published = services_questions.question_ask(
        actor=bidder_people[0],
        opportunity=opportunity,
        organisation=bidders[0],
        text="Can the service run from two hubs?",
    )
    services_questions.question_answer(
        actor=staff, question=published, answer="Yes, both in Riverside.", publish=True
    )
    waiting = services_questions.question_ask(
        actor=bidder_people[1],
        opportunity=opportunity,
        organisation=bidders[1],
        text="What is the mobilisation period?",
    )
    return published, waiting


@pytest.mark.parametrize("who", ["staff", "back_office"])
def test_those_who_run_it_see_every_question_with_who_asked(api, token_for, asked, request, who):
    published, waiting = asked
    response = api.get(
        _url("opportunity-questions-all", published.opportunity_id),
        token=token_for(request.getfixturevalue(who)),
    )
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["results"]}
    assert rows[published.pk]["state"] == "published"
    assert rows[published.pk]["asked_by"] == "Pat Provider"
    assert rows[published.pk]["organisation_name"] == "Harbour Housing Co-op"
    assert rows[waiting.pk]["state"] == "waiting"
    assert rows[waiting.pk]["answer"] == ""


@pytest.mark.parametrize("who", OUTSIDERS)
def test_nobody_else_sees_every_question(api, token_for, asked, bidder_people, request, who):
    opportunity_pk = asked[0].opportunity_id
    for person in (request.getfixturevalue(who), bidder_people[0]):
        token = token_for(person)
        assert (
            api.get(_url("opportunity-questions-all", opportunity_pk), token=token).status_code
            == 403
        )
        response = api.post(
            _url("opportunity-question-answer", opportunity_pk, asked[1].pk),
            {"answer": "Six weeks.", "publish": True},
            token=token,
        )
        assert response.status_code == 403
    assert api.get(_url("opportunity-questions-all", opportunity_pk)).status_code == 401
    assert Question.objects.get(pk=asked[1].pk).answer == ""


def test_a_draft_is_not_found_for_others(api, token_for, opportunity, stranger, staff):
    _draft(opportunity)
    token = token_for(stranger)
    assert (
        api.get(_url("opportunity-questions-all", opportunity.pk), token=token).status_code == 404
    )
    response = api.post(
        _url("opportunity-question-answer", opportunity.pk, 1),
        {"answer": "x", "publish": True},
        token=token,
    )
    assert response.status_code == 404
    staff_token = token_for(staff)
    assert (
        api.get(_url("opportunity-questions-all", opportunity.pk), token=staff_token).status_code
        == 200
    )


def test_answering_privately_then_publishing(api, token_for, asked, staff):
    _published, waiting = asked
    token = token_for(staff)
    url = _url("opportunity-question-answer", waiting.opportunity_id, waiting.pk)
    response = api.post(url, {"answer": "Six weeks.", "publish": False}, token=token)
    assert response.status_code == 200
    assert response.json()["state"] == "private"
    response = api.post(url, {"answer": "Six weeks.", "publish": True}, token=token)
    assert response.json()["state"] == "published"
    # A published answer cannot be made private again.
    response = api.post(url, {"answer": "Six weeks.", "publish": False}, token=token)
    assert response.status_code == 400
    assert "publish" in response.json()
    assert Question.objects.get(pk=waiting.pk).published_at is not None


def test_answer_bad_input_is_refused(api, token_for, asked, staff):
    _published, waiting = asked
    token = token_for(staff)
    url = _url("opportunity-question-answer", waiting.opportunity_id, waiting.pk)
    for body, field in (
        ({"publish": True}, "answer"),
        ({"answer": "   ", "publish": True}, "answer"),
        ({"answer": "x" * 10001, "publish": True}, "answer"),
        ({"answer": "Six weeks."}, "publish"),
        ({"answer": "Six weeks.", "publish": "perhaps"}, "publish"),
    ):
        response = api.post(url, body, token=token)
        assert response.status_code == 400, body
        assert field in response.json(), body
    assert Question.objects.get(pk=waiting.pk).answer == ""
    for opportunity_pk, question_pk in ((HUGE, waiting.pk), (waiting.opportunity_id, HUGE)):
        response = api.post(
            _url("opportunity-question-answer", opportunity_pk, question_pk),
            {"answer": "Six weeks.", "publish": True},
            token=token,
        )
        assert response.status_code == 404
    assert api.get(_url("opportunity-questions-all", HUGE), token=token).status_code == 404


def test_every_question_asks_as_often_for_30_as_for_3(
    api, token_for, opportunity, bidder_people, bidders, staff
):
    def ask(count):
        start = Question.objects.count()
        for number in range(start, start + count):
            services_questions.question_ask(
                actor=bidder_people[number % 2],
                opportunity=opportunity,
                organisation=bidders[number % 2],
                text=f"Question {number}?",
            )

    token = token_for(staff)
    url = _url("opportunity-questions-all", opportunity.pk)
    ask(3)
    few, _response = _count(api, url, token)
    ask(27)
    many, response = _count(api, url, token)
    assert response.json()["count"] == 30
    no_growth(few, many, ceiling=12, what="every question")


# --- The panel -----------------------------------------------------------------------------------


@pytest.fixture
def new_citizen(opportunity, riverside):
    user = UserFactory(full_name="Nia Newcitizen")
    RoleFactory(user=user, organisation=None, place=riverside, role=Role.CITIZEN_COMMISSIONER)
    opportunity.plan.citizen_commissioners.add(user)
    return user


def test_the_panel_shows_seats_and_who_may_be_added(
    api, token_for, opportunity, evaluator, new_citizen, staff
):
    response = api.get(_url("evaluation-panel", opportunity.pk), token=token_for(staff))
    assert response.status_code == 200
    data = response.json()
    seat = next(s for s in data["seats"] if s["user"] == evaluator.pk)
    assert seat["name"] == "Eve Evaluator"
    assert seat["kind"] == "officer"
    assert seat["conflicts_declared"] is False and seat["done"] is False
    assert data["can_remove"] is True
    assert [p["name"] for p in data["eligible_citizens"]] == ["Nia Newcitizen"]
    assert evaluator.pk not in [p["id"] for p in data["eligible_officers"]]


def test_adding_and_taking_off_the_panel(api, token_for, opportunity, new_citizen, staff):
    token = token_for(staff)
    response = api.post(
        _url("evaluation-panel", opportunity.pk),
        {"user": new_citizen.pk, "kind": "citizen"},
        token=token,
    )
    assert response.status_code == 201
    seat = Evaluator.objects.get(opportunity=opportunity, user=new_citizen)
    assert seat.kind == Evaluator.Kind.CITIZEN and seat.added_by == staff
    assert new_citizen.pk in [s["user"] for s in response.json()["seats"]]
    # A second time: already on the panel.
    response = api.post(
        _url("evaluation-panel", opportunity.pk),
        {"user": new_citizen.pk, "kind": "citizen"},
        token=token,
    )
    assert response.status_code == 400 and "user" in response.json()
    response = api.delete(_url("evaluation-panel-seat", opportunity.pk, seat.pk), token=token)
    assert response.status_code == 204
    assert not Evaluator.objects.filter(pk=seat.pk).exists()
    response = api.delete(_url("evaluation-panel-seat", opportunity.pk, seat.pk), token=token)
    assert response.status_code == 404


def test_panel_bad_input_is_refused(api, token_for, opportunity, stranger, new_citizen, staff):
    token = token_for(staff)
    url = _url("evaluation-panel", opportunity.pk)
    for body, field in (
        ({"user": stranger.pk, "kind": "officer"}, "user"),
        ({"user": stranger.pk, "kind": "citizen"}, "user"),
        ({"user": new_citizen.pk, "kind": "officer"}, "user"),
        ({"user": HUGE, "kind": "citizen"}, "user"),
        ({"user": 99999999, "kind": "citizen"}, "user"),
        ({"user": "Nia", "kind": "citizen"}, "user"),
        ({"user": new_citizen.pk, "kind": "judge"}, "kind"),
        ({"user": new_citizen.pk}, "kind"),
    ):
        response = api.post(url, body, token=token)
        assert response.status_code == 400, body
        assert field in response.json(), body
    assert not Evaluator.objects.filter(user=new_citizen).exists()
    assert api.get(_url("evaluation-panel", HUGE), token=token).status_code == 404
    assert (
        api.delete(_url("evaluation-panel-seat", opportunity.pk, HUGE), token=token).status_code
        == 404
    )


def test_nobody_is_taken_off_once_scoring_started(
    api, token_for, opportunity, bidders, evaluator, closed, staff
):
    bid = submit_bid(opportunity, bidders[0], price="1000000")
    closed(opportunity)
    seat = Evaluator.objects.get(opportunity=opportunity, user=evaluator)
    Score.objects.create(
        evaluator=seat, bid=bid, criterion=criteria(opportunity)["home"], score=3, reason="Good"
    )
    response = api.delete(
        _url("evaluation-panel-seat", opportunity.pk, seat.pk), token=token_for(staff)
    )
    assert response.status_code == 400
    assert Evaluator.objects.filter(pk=seat.pk).exists()


@pytest.mark.parametrize("who", OUTSIDERS)
def test_nobody_else_chooses_the_panel(
    api, token_for, opportunity, evaluator, new_citizen, request, who
):
    token = token_for(request.getfixturevalue(who))
    seat = Evaluator.objects.get(opportunity=opportunity, user=evaluator)
    assert api.get(_url("evaluation-panel", opportunity.pk), token=token).status_code == 403
    response = api.post(
        _url("evaluation-panel", opportunity.pk),
        {"user": new_citizen.pk, "kind": "citizen"},
        token=token,
    )
    assert response.status_code == 403
    assert (
        api.delete(_url("evaluation-panel-seat", opportunity.pk, seat.pk), token=token).status_code
        == 403
    )
    assert api.get(_url("evaluation-panel", opportunity.pk)).status_code == 401
    assert Evaluator.objects.filter(pk=seat.pk).exists()
    assert not Evaluator.objects.filter(user=new_citizen).exists()


def test_a_draft_panel_is_not_found_for_others(api, token_for, opportunity, stranger):
    _draft(opportunity)
    assert (
        api.get(_url("evaluation-panel", opportunity.pk), token=token_for(stranger)).status_code
        == 404
    )


def test_the_panel_asks_as_often_for_30_seats_as_for_3(
    api, token_for, opportunity, riverside, staff
):
    def seats(count):
        for _number in range(count):
            user = UserFactory()
            opportunity.plan.citizen_commissioners.add(user)
            Evaluator.objects.create(
                opportunity=opportunity, user=user, kind=Evaluator.Kind.CITIZEN, added_by=staff
            )
            opportunity.plan.citizen_commissioners.add(UserFactory())

    token = token_for(staff)
    url = _url("evaluation-panel", opportunity.pk)
    seats(3)
    few, _response = _count(api, url, token)
    seats(27)
    many, response = _count(api, url, token)
    assert len(response.json()["seats"]) == 30
    assert len(response.json()["eligible_citizens"]) == 30
    no_growth(few, many, ceiling=15, what="the panel")


# --- Low bids ------------------------------------------------------------------------------------


@pytest.fixture
def bids(opportunity, bidders, closed):
    made = [
        submit_bid(opportunity, bidders[0], price="1000000"),
        submit_bid(opportunity, bidders[1], price="950000"),
        submit_bid(opportunity, bidders[2], price="400000"),
    ]
    closed(opportunity)
    return made


def test_checking_asking_and_deciding(api, token_for, opportunity, bids, staff):
    token = token_for(staff)
    response = api.post(_url("evaluation-low-bids-check", opportunity.pk), {}, token=token)
    assert response.status_code == 200
    assert response.json()["flagged"] == 1
    low = bids[2]
    response = api.get(_url("evaluation-low-bids", opportunity.pk), token=token)
    [review] = response.json()["results"]
    assert review["bid"] == low.pk and review["bidder"] == "Nationwide Care plc"
    assert any("below the mean" in flag["reason"] for flag in review["flags"])
    assert review["asked"] is False and review["decision"] == "pending"
    # Rejecting before asking is refused.
    decide = _url("evaluation-low-bid-decide", opportunity.pk, low.pk)
    response = api.post(decide, {"decision": "rejected", "reason": "Too low."}, token=token)
    assert response.status_code == 400 and "decision" in response.json()
    response = api.post(_url("evaluation-low-bid-ask", opportunity.pk, low.pk), {}, token=token)
    assert response.status_code == 200 and response.json()["asked"] is True
    response = api.post(
        decide, {"decision": "rejected", "reason": "Cannot pay the wage."}, token=token
    )
    assert response.status_code == 200
    review = LowBidReview.objects.get(bid=low)
    assert review.decision == "rejected" and review.decided_by == staff


def test_checking_before_the_deadline_is_refused(api, token_for, opportunity, bidders, staff):
    submit_bid(opportunity, bidders[0], price="1000000")
    response = api.post(
        _url("evaluation-low-bids-check", opportunity.pk), {}, token=token_for(staff)
    )
    assert response.status_code == 400
    assert not LowBidReview.objects.exists()


def test_decision_bad_input_is_refused(api, token_for, opportunity, bids, staff):
    services_evaluation.low_bids_check(actor=staff, opportunity=opportunity)
    token = token_for(staff)
    decide = _url("evaluation-low-bid-decide", opportunity.pk, bids[2].pk)
    for body, field in (
        ({"decision": "accepted"}, "reason"),
        ({"decision": "accepted", "reason": "  "}, "reason"),
        ({"decision": "pending", "reason": "Why not."}, "decision"),
        ({"reason": "Why not."}, "decision"),
        ({"decision": "accepted", "reason": "x" * 5001}, "reason"),
    ):
        response = api.post(decide, body, token=token)
        assert response.status_code == 400, body
        assert field in response.json(), body
    assert LowBidReview.objects.get().decision == "pending"
    for bid_pk in (HUGE, bids[0].pk):
        for name in ("evaluation-low-bid-decide", "evaluation-low-bid-ask"):
            response = api.post(
                _url(name, opportunity.pk, bid_pk),
                {"decision": "accepted", "reason": "Fine."},
                token=token,
            )
            assert response.status_code == 404
    assert api.get(_url("evaluation-low-bids", HUGE), token=token).status_code == 404


@pytest.mark.parametrize("who", OUTSIDERS)
def test_nobody_else_reviews_low_bids(
    api, token_for, opportunity, bids, bidder_people, staff, request, who
):
    services_evaluation.low_bids_check(actor=staff, opportunity=opportunity)
    low = bids[2]
    for person in (request.getfixturevalue(who), bidder_people[2]):
        token = token_for(person)
        assert api.get(_url("evaluation-low-bids", opportunity.pk), token=token).status_code == 403
        assert (
            api.post(_url("evaluation-low-bids-check", opportunity.pk), {}, token=token).status_code
            == 403
        )
        assert (
            api.post(
                _url("evaluation-low-bid-ask", opportunity.pk, low.pk), {}, token=token
            ).status_code
            == 403
        )
        response = api.post(
            _url("evaluation-low-bid-decide", opportunity.pk, low.pk),
            {"decision": "accepted", "reason": "Fine."},
            token=token,
        )
        assert response.status_code == 403
    assert api.get(_url("evaluation-low-bids", opportunity.pk)).status_code == 401
    review = LowBidReview.objects.get()
    assert review.explanation_requested_at is None and review.decision == "pending"


def test_the_low_bids_ask_as_often_for_30_as_for_3(
    api, token_for, opportunity, riverside, staff, closed
):
    def flagged(count):
        # Bids are sealed before the deadline: open it again to add them, then close it.
        Opportunity.objects.filter(pk=opportunity.pk).update(closes_at=later)
        opportunity.refresh_from_db()
        for _number in range(count):
            organisation = OrganisationFactory()
            bid = submit_bid(opportunity, organisation, price="100000")
            LowBidReview.objects.create(
                bid=bid, flags=[{"test": "below_mean", "reason": "Far below.", "ask": "Explain."}]
            )
        closed(opportunity)

    later = opportunity.closes_at
    token = token_for(staff)
    url = _url("evaluation-low-bids", opportunity.pk)
    flagged(3)
    few, _response = _count(api, url, token)
    flagged(27)
    many, response = _count(api, url, token)
    assert response.json()["count"] == 30
    no_growth(few, many, ceiling=10, what="the low-bid reviews")


# --- The bidder's explanation ---------------------------------------------------------------------


@pytest.fixture
def asked_to_explain(opportunity, bids, staff):
    [review] = services_evaluation.low_bids_check(actor=staff, opportunity=opportunity)
    services_evaluation.low_bid_ask(actor=staff, review=review)
    return review


def test_the_bidders_own_people_explain(
    api, token_for, opportunity, asked_to_explain, bidder_people
):
    url = _url("opportunity-low-bid-explanation", opportunity.pk, asked_to_explain.bid_id)
    token = token_for(bidder_people[2])
    response = api.post(url, {"explanation": "We share staff with a sister service."}, token=token)
    assert response.status_code == 200
    assert response.json()["explanation"] == "We share staff with a sister service."
    assert response.json()["asks"]
    assert LowBidReview.objects.get().explanation == "We share staff with a sister service."
    for body in ({}, {"explanation": "  "}, {"explanation": "x" * 10001}):
        response = api.post(url, body, token=token)
        assert response.status_code == 400 and "explanation" in response.json()


def test_no_explanation_once_decided(
    api, token_for, opportunity, asked_to_explain, bidder_people, staff
):
    services_evaluation.low_bid_decide(
        actor=staff, review=asked_to_explain, decision="accepted", reason="Credible."
    )
    response = api.post(
        _url("opportunity-low-bid-explanation", opportunity.pk, asked_to_explain.bid_id),
        {"explanation": "Late words."},
        token=token_for(bidder_people[2]),
    )
    assert response.status_code == 400
    assert LowBidReview.objects.get().explanation == ""


@pytest.mark.parametrize("who", [*OUTSIDERS, "staff", "back_office"])
def test_nobody_else_explains(
    api, token_for, opportunity, asked_to_explain, bidder_people, request, who
):
    url = _url("opportunity-low-bid-explanation", opportunity.pk, asked_to_explain.bid_id)
    for person in (request.getfixturevalue(who), bidder_people[0]):
        response = api.post(url, {"explanation": "Not ours."}, token=token_for(person))
        assert response.status_code == 404
    assert api.post(url, {"explanation": "Not ours."}).status_code == 401
    assert LowBidReview.objects.get().explanation == ""


def test_a_bid_not_asked_is_not_found(api, token_for, opportunity, bids, bidder_people, staff):
    services_evaluation.low_bids_check(actor=staff, opportunity=opportunity)
    token = token_for(bidder_people[2])
    for bid_pk in (bids[2].pk, HUGE):
        response = api.post(
            _url("opportunity-low-bid-explanation", opportunity.pk, bid_pk),
            {"explanation": "Early words."},
            token=token,
        )
        assert response.status_code == 404
