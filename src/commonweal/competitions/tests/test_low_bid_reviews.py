"""Abnormally low bids: flagged after opening (with the cost model at the Real Living Wage on the
day bids closed), the bidder asked and told, its explanation, and a decision with reasons; a
rejected bid is left out of the result."""

from decimal import Decimal

import pytest
from django.urls import reverse

from commonweal.competitions import results, selectors_evaluation, services_evaluation
from commonweal.competitions.models import LowBidReview, Opportunity
from commonweal.competitions.tests.fixtures_evaluation import submit_bid
from commonweal.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def bids(opportunity, bidders, closed):
    made = [
        submit_bid(opportunity, bidders[0], price="1000000"),
        submit_bid(opportunity, bidders[1], price="950000"),
        submit_bid(opportunity, bidders[2], price="400000"),
    ]
    closed(opportunity)
    return made


def _url(name, opportunity, *more):
    return reverse(f"competitions:{name}", args=[opportunity.pk, *more])


def test_checking_flags_the_low_bid_with_reasons(client, sign_in, opportunity, bids, staff):
    sign_in(staff)
    assert client.post(_url("low-bids", opportunity), {"check": "1"}).status_code == 302
    review = LowBidReview.objects.get()
    assert review.bid == bids[2]
    # By hand: the mean of the others is 975,000; 400,000 is 59.0% below it.
    assert any("59.0% below the mean" in flag["reason"] for flag in review.flags)
    # Checking again makes no second review.
    client.post(_url("low-bids", opportunity), {"check": "1"})
    assert LowBidReview.objects.count() == 1
    page = client.get(_url("low-bids", opportunity)).content.decode()
    assert "Nationwide Care plc" in page and "Harbour Housing Co-op" not in page


def test_cost_model_at_the_real_living_wage(opportunity, bidders, staff, closed):
    Opportunity.objects.filter(pk=opportunity.pk).update(cost_model_hours=Decimal("100000"))
    opportunity.refresh_from_db()
    submit_bid(opportunity, bidders[0], price="1000000")
    closed(opportunity)
    model = results.cost_model(opportunity)
    assert model.on == opportunity.closes_at.date() and not model.london
    # 100,000 hours at any Real Living Wage above £10 is more than £1,000,000: flagged.
    assert model.cost() > Decimal("1000000")
    made = services_evaluation.low_bids_check(actor=staff, opportunity=opportunity)
    assert [flag["test"] for flag in made[0].flags] == ["below_cost_model"]


def test_the_bidder_is_asked_answers_and_the_decision_needs_reasons(
    client,
    sign_in,
    opportunity,
    bids,
    bidders,
    bidder_people,
    staff,
    django_capture_on_commit_callbacks,
):
    sign_in(staff)
    client.post(_url("low-bids", opportunity), {"check": "1"})
    low = bids[2]
    # Not asked yet: the bidder's explanation page is not there, and rejecting is refused.
    sign_in(bidder_people[2])
    assert client.get(_url("low-bid-explain", opportunity, low.pk)).status_code == 404
    assert selectors_evaluation.low_bid_review_for_bid(low) is None
    sign_in(staff)
    response = client.post(
        _url("low-bid-decide", opportunity, low.pk), {"decision": "rejected", "reason": "Too low."}
    )
    assert response.status_code == 200 and "Ask the bidder" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("low-bids", opportunity), {"ask": low.pk})
    review = LowBidReview.objects.get()
    assert review.explanation_requested_at is not None
    # Only the bidder's own people are told.
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert told == {bidder_people[2].pk}
    assert selectors_evaluation.low_bid_review_for_bid(low) == review
    # Another bidder cannot see or answer it.
    sign_in(bidder_people[0])
    assert client.get(_url("low-bid-explain", opportunity, low.pk)).status_code == 403
    sign_in(bidder_people[2])
    page = client.get(_url("low-bid-explain", opportunity, low.pk)).content.decode()
    assert "Please explain how you will deliver" in page
    response = client.post(_url("low-bid-explain", opportunity, low.pk), {"explanation": ""})
    assert "There is a problem" in response.content.decode()
    client.post(
        _url("low-bid-explain", opportunity, low.pk),
        {"explanation": "We own the buildings outright and pay no rent."},
    )
    review.refresh_from_db()
    assert review.explanation.startswith("We own the buildings")
    # The bidder cannot decide.
    assert client.get(_url("low-bid-decide", opportunity, low.pk)).status_code == 403
    sign_in(staff)
    response = client.post(_url("low-bid-decide", opportunity, low.pk), {"decision": "rejected"})
    assert "Say why." in response.content.decode()
    client.post(
        _url("low-bid-decide", opportunity, low.pk),
        {"decision": "rejected", "reason": "Staff would be paid below the Real Living Wage."},
    )
    review.refresh_from_db()
    assert review.decision == LowBidReview.Decision.REJECTED and review.decided_by == staff
    result = results.evaluate_opportunity(opportunity, actor=staff, why="Results")
    assert str(low.pk) in result.excluded
    # Once decided, the explanation stays as it was.
    sign_in(bidder_people[2])
    client.post(_url("low-bid-explain", opportunity, low.pk), {"explanation": "Changed."})
    review.refresh_from_db()
    assert review.explanation.startswith("We own the buildings")


def test_who_may_not_run_low_bids(
    client, sign_in, opportunity, bids, stranger, evaluator, bidder_people, other_staff
):
    for person in (stranger, evaluator, bidder_people[2], other_staff):
        sign_in(person)
        assert client.get(_url("low-bids", opportunity)).status_code == 403
        assert client.post(_url("low-bids", opportunity), {"check": "1"}).status_code == 403
    assert not LowBidReview.objects.exists()


def test_low_bids_page_query_budget(
    client, sign_in, opportunity, bids, staff, django_assert_max_num_queries
):
    sign_in(staff)
    client.post(_url("low-bids", opportunity), {"check": "1"})
    with django_assert_max_num_queries(20):
        assert client.get(_url("low-bids", opportunity)).status_code == 200
