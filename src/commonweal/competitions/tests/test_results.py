"""The result worked out from agreed scores and opened prices: a worked example computed by hand,
what stops a result being final, rejected low bids left out, and inherent social value."""

from decimal import Decimal

import pytest

from commonweal.competitions import results
from commonweal.competitions.models import LowBidReview, Opening, Opportunity
from commonweal.competitions.tests.fixtures_evaluation import (
    agree,
    criteria,
    panel_done,
    submit_bid,
)

pytestmark = pytest.mark.django_db

D = Decimal


def _three_bids(opportunity, bidders, staff, closed):
    harbour = submit_bid(opportunity, bidders[0], price="1000000")
    riverside = submit_bid(opportunity, bidders[1], price="800000")
    nationwide = submit_bid(opportunity, bidders[2], price="900000")
    closed(opportunity)
    c = criteria(opportunity)
    for bid, home, listening, jobs in (
        (harbour, 3, 4, 2),
        (riverside, 2, 2, 3),
        (nationwide, 4, 3, 1),
    ):
        agree(bid, c["home"], home, by=staff)
        agree(bid, c["listening"], listening, by=staff)
        agree(bid, c["jobs"], jobs, by=staff)
        agree(bid, c["safeguarding"], 0, passed=True, by=staff)
    return harbour, riverside, nationwide


def test_worked_example_three_bids(opportunity, bidders, staff, evaluator, closed):
    harbour, riverside, nationwide = _three_bids(opportunity, bidders, staff, closed)
    panel_done(opportunity)
    # By hand. Weights: quality 50, social value 20, price 30. Quality splits 60/40, so "keep a
    # home" is worth 30 points and "listening" 20; "local jobs" is worth 20. Scale 0 to 4.
    # Harbour:    3/4×30 = 22.50, 4/4×20 = 20.00, 2/4×20 = 10.00, 800,000/1,000,000×30 = 24.00
    #             total 76.50
    # Riverside:  2/4×30 = 15.00, 2/4×20 = 10.00, 3/4×20 = 15.00, lowest price: 30.00
    #             total 70.00
    # Nationwide: 4/4×30 = 30.00, 3/4×20 = 15.00, 1/4×20 = 5.00, 800,000/900,000×30 = 26.666…
    #             = 26.67, total 76.67: the most advantageous tender.
    result = results.evaluate_opportunity(opportunity, actor=staff, why="Results")
    assert result.missing == []
    assert result.final
    evaluation = result.evaluation
    assert evaluation.winner == str(nationwide.pk)
    totals = {r.bid_id: r.total for r in evaluation.results}
    assert totals == {
        str(harbour.pk): D("76.50"),
        str(riverside.pk): D("70.00"),
        str(nationwide.pk): D("76.67"),
    }
    assert evaluation.result(str(harbour.pk)).price_points == D("24.00")
    assert [r.bid_id for r in evaluation.results] == [
        str(nationwide.pk),
        str(harbour.pk),
        str(riverside.pk),
    ]
    assert result.low_bid_flags == []
    # Every bid was opened through the vault, and each opening recorded.
    assert Opening.objects.filter(why="Results", opened_by=staff).count() == 3
    assert set(result.contents) == {str(b.pk) for b in (harbour, riverside, nationwide)}


def test_not_final_until_the_panel_is_done_and_every_score_agreed(
    opportunity, bidders, staff, evaluator, closed
):
    bid = submit_bid(opportunity, bidders[0], price="1000000")
    closed(opportunity)
    result = results.evaluate_opportunity(opportunity, actor=staff, why="Results")
    assert result.evaluation is None
    text = " ".join(result.missing)
    assert "Eve Evaluator has not declared their conflicts." in text
    assert "Harbour Housing Co-op's bid has no agreed score yet" in text
    assert not result.final
    assert str(bid.pk) in result.bids


def test_sealed_before_the_deadline(opportunity, bidders, staff):
    submit_bid(opportunity, bidders[0], price="1000000")
    result = results.evaluate_opportunity(opportunity, actor=staff, why="Peek")
    assert result.contents == {} and result.missing
    assert not Opening.objects.exists()


def test_a_rejected_low_bid_is_left_out(opportunity, bidders, staff, closed):
    harbour = submit_bid(opportunity, bidders[0], price="1000000")
    riverside = submit_bid(opportunity, bidders[1], price="900000")
    low = submit_bid(opportunity, bidders[2], price="400000")
    closed(opportunity)
    c = criteria(opportunity)
    for bid in (harbour, riverside, low):
        for key in ("home", "listening", "jobs"):
            agree(bid, c[key], 2, by=staff)
        agree(bid, c["safeguarding"], 0, passed=True, by=staff)
    pending = results.evaluate_opportunity(opportunity, actor=staff, why="Results")
    assert {flag.bid_id for flag in pending.low_bid_flags} == {str(low.pk)}
    assert any("low-bid review" in reason for reason in pending.missing)
    LowBidReview.objects.create(
        bid=low,
        flags=[],
        decision=LowBidReview.Decision.REJECTED,
        reason="It cannot pay the Real Living Wage.",
        decided_by=staff,
    )
    result = results.evaluate_opportunity(opportunity, actor=staff, why="Results")
    assert str(low.pk) in result.excluded
    assert {r.bid_id for r in result.evaluation.results} == {str(harbour.pk), str(riverside.pk)}
    # By hand: equal quality and social value, so the lower price wins.
    assert result.evaluation.winner == str(riverside.pk)


def test_grant_round_scores_the_amount_asked(opportunity, bidders, staff, closed):
    Opportunity.objects.filter(pk=opportunity.pk).update(kind=Opportunity.Kind.GRANT_ROUND)
    opportunity.refresh_from_db()
    first = submit_bid(opportunity, bidders[0], requested="50000")
    second = submit_bid(opportunity, bidders[1], requested="40000")
    closed(opportunity)
    c = criteria(opportunity)
    for bid in (first, second):
        for key in ("home", "listening", "jobs"):
            agree(bid, c[key], 4, by=staff)
        agree(bid, c["safeguarding"], 0, passed=True, by=staff)
    result = results.evaluate_opportunity(opportunity, actor=staff, why="Results")
    # By hand: 40,000/50,000 × 30 = 24.00 price points for the first; full quality and social.
    assert result.evaluation.result(str(first.pk)).total == D("94.00")
    assert result.evaluation.winner == str(second.pk)


def test_inherent_social_value_takes_its_share(opportunity, bidders, staff, closed):
    Opportunity.objects.filter(pk=opportunity.pk).update(
        include_inherent_social_value=True, inherent_social_value_share=D("25")
    )
    opportunity.refresh_from_db()
    coop = submit_bid(opportunity, bidders[0], price="1000000")  # a co-op: no lock in law
    charity = submit_bid(opportunity, bidders[1], price="1000000")  # a charity
    closed(opportunity)
    c = criteria(opportunity)
    for bid in (coop, charity):
        for key in ("home", "listening", "jobs"):
            agree(bid, c[key], 4, by=staff)
        agree(bid, c["safeguarding"], 0, passed=True, by=staff)
    result = results.evaluate_opportunity(opportunity, actor=staff, why="Results")
    # By hand: social value is 20 points; inherent takes 25% of it, 5 points; "local jobs" 15.
    # The charity has an asset lock and applies all surplus to its purposes (2 of 3 elements,
    # local ownership is not verified): 2/3 of 4 = 2.67 out of 4, so 2.67/4 × 5 = 3.34 points.
    # The co-op has neither in law: 0 points.
    assert result.inherent[str(charity.pk)].score == D("2.67")
    assert result.inherent[str(coop.pk)].score == D("0")
    charity_total = result.evaluation.result(str(charity.pk)).total
    coop_total = result.evaluation.result(str(coop.pk)).total
    assert coop_total == D("95.00")  # 50 + 15 + 0 + 30
    assert charity_total == D("98.34")  # 50 + 15 + 3.34 + 30
    assert result.evaluation.winner == str(charity.pk)


def test_social_value_commitments_valued_net(opportunity, bidders, staff, closed):
    from commonweal.competitions.content import Commitment
    from commonweal.competitions.models import Measure, SocialValueFramework

    framework = SocialValueFramework.objects.create(name="Riverside measures", licence="OGL v3")
    jobs = Measure.objects.create(
        framework=framework, code="J1", title="Local jobs", unit="jobs", proxy_value=D("100")
    )
    hours = Measure.objects.create(
        framework=framework, code="V1", title="Volunteering", unit="hours"
    )
    Opportunity.objects.filter(pk=opportunity.pk).update(social_value_framework=framework)
    opportunity.refresh_from_db()
    bid = submit_bid(
        opportunity,
        bidders[0],
        price="1000000",
        commitments=(
            Commitment(
                measure_id=jobs.pk,
                quantity_by_year=(D("2"), D("3")),
                beyond_core_service=True,
                attribution=D("0.8"),
                deadweight=D("0.1"),
                evidence_plan="Payroll records each quarter.",
            ),
            Commitment(
                measure_id=hours.pk,
                quantity_by_year=(D("50"),),
                beyond_core_service=True,
                attribution=D("1"),
                deadweight=D("0"),
            ),
        ),
    )
    closed(opportunity)
    result = results.evaluate_opportunity(opportunity, actor=staff, why="Results")
    valued = result.social_value[str(bid.pk)]
    # By hand: 5 jobs × £100 = £500 claimed; × 0.8 attributable × (1 − 0.1) = £360 net, well under
    # the cap of 10% of £1,000,000. Volunteering has no proxy value, so it is not valued in pounds.
    assert valued.claimed == D("500")
    assert valued.total == D("360")
    assert any("Volunteering has no proxy value" in str(reason) for reason in valued.reasons)
