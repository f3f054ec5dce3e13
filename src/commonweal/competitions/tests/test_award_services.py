"""Awarding a tender: refused for each blocking reason, assessment summaries, the standstill worked
out by hand, the contract only after it, and the OCDS award and contract releases; grant decisions."""

import datetime
import os
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from commonweal.competitions import ocds_award, selectors_award, services_award
from commonweal.competitions.models import (
    AssessmentSummary,
    Award,
    Evaluator,
    GrantDecision,
    LowBidReview,
    Opening,
    Opportunity,
)
from commonweal.competitions.tests.fixtures_award import make_grant_round, make_ready, the_past
from commonweal.opendata import schema
from commonweal.opendata.models import Release

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(opportunity, bidders, evaluator, staff, closed):
    return make_ready(opportunity, bidders, staff, closed)


@pytest.fixture
def grant_round(plan, staff, bidders, closed):
    return make_grant_round(plan, staff, bidders, closed)


@pytest.fixture
def ocds_schema():
    try:
        return schema.schema_dir()
    except schema.SchemaUnavailable as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"The OCDS schema must be installed in CI: {error}")
        pytest.skip(f"The OCDS schema is not installed ({error})")


# --- The standstill, by hand ---------------------------------------------------------------------


def test_eight_working_days_from_a_monday_end_on_the_thursday_of_the_next_week():
    # Award on Monday 1 March 2027. Working days after it: Tue 2, Wed 3, Thu 4, Fri 5, (Sat 6,
    # Sun 7 skipped), Mon 8, Tue 9, Wed 10, Thu 11: the eighth is Thursday 11 March.
    assert selectors_award.add_working_days(datetime.date(2027, 3, 1), 8) == datetime.date(
        2027, 3, 11
    )


def test_an_award_on_a_friday_skips_two_weekends():
    # Friday 5 March 2027: Mon 8, Tue 9, Wed 10, Thu 11, Fri 12, Mon 15, Tue 16, Wed 17.
    assert selectors_award.add_working_days(datetime.date(2027, 3, 5), 8) == datetime.date(
        2027, 3, 17
    )


def test_the_standstill_is_eight_working_days_in_england_from_the_dated_rule(opportunity):
    assert selectors_award.standstill_days(opportunity, datetime.date(2027, 3, 1)) == 8
    assert selectors_award.standstill_ends(opportunity, datetime.date(2027, 3, 1)) == datetime.date(
        2027, 3, 11
    )


# --- Refusals ------------------------------------------------------------------------------------


def award(opportunity, staff, **more):
    return services_award.award_decide(
        actor=staff, opportunity=opportunity, reason="The best quality and a fair price.", **more
    )


def test_an_award_waits_for_an_evaluator_who_has_not_declared_conflicts(ready, staff):
    opportunity, _bids = ready
    Evaluator.objects.filter(opportunity=opportunity).update(conflicts_declared_at=None)
    with pytest.raises(ValidationError, match="has not declared their conflicts"):
        award(opportunity, staff)
    assert not Award.objects.exists()


def test_an_award_waits_for_a_pending_low_bid_review(ready, staff):
    opportunity, bids = ready
    LowBidReview.objects.create(bid=bids[2], flags=[{"why": "low"}])
    with pytest.raises(ValidationError, match="abnormally low and waits for a decision"):
        award(opportunity, staff)
    assert not Award.objects.exists()


def test_an_award_waits_until_every_agreed_score_is_in(ready, staff):
    opportunity, bids = ready
    bids[1].moderated_scores.first().delete()
    with pytest.raises(ValidationError) as refused:
        award(opportunity, staff)
    assert "The result is not final yet" in refused.value.messages[0]
    assert any("no agreed score yet" in m for m in refused.value.messages)
    assert not Award.objects.exists()


def test_nobody_but_those_who_run_it_awards(ready, evaluator, bidder_people):
    opportunity, _bids = ready
    for person in (evaluator, bidder_people[0]):
        with pytest.raises(ValidationError, match="Only those who run"):
            award(opportunity, person)


def test_another_bid_than_the_winner_needs_a_reason(ready, staff):
    opportunity, bids = ready
    with pytest.raises(ValidationError) as refused:
        award(opportunity, staff, bid=bids[1])
    assert "why_not_the_winner" in refused.value.message_dict
    made = award(opportunity, staff, bid=bids[1], why_not_the_winner="The winner withdrew.")
    assert made.not_the_winner
    assert made.award.bid == bids[1]
    assert "The winner withdrew." in made.award.reason


# --- The award ----------------------------------------------------------------------------------


def test_the_award_records_the_winner_writes_summaries_and_starts_the_standstill(
    ready, staff, bidders
):
    opportunity, bids = ready
    openings = Opening.objects.count()
    made = award(opportunity, staff)
    the_award = made.award
    assert the_award.bid == bids[0]
    assert the_award.value == Decimal("1000000")
    assert the_award.decided_by == staff
    today = timezone.localdate()
    assert the_award.standstill_ends_on == selectors_award.standstill_ends(opportunity, today)
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.STANDSTILL
    assert opportunity.standstill_ends_on == the_award.standstill_ends_on
    assert Opening.objects.count() == openings + 3  # every opening is recorded
    summaries = {s.bid_id: s.summary for s in AssessmentSummary.objects.all()}
    assert set(summaries) == {bid.pk for bid in bids}
    second = summaries[bids[1].pk]
    assert second["rank"] == 2 and not second["won"] and second["winner"] == bidders[0].name
    assert Decimal(second["yours"]["total"]) < Decimal(second["winners"]["total"])
    scored = next(iter(second["your_scores"].values()))
    assert scored["score"] == "3.00" and "Riverside Recovery" in scored["reason"]
    beside = next(iter(second["winner_scores"].values()))
    assert beside["score"] == "4.00" and "Harbour Housing" in beside["reason"]
    assert summaries[bids[0].pk]["rank"] == 1 and summaries[bids[0].pk]["won"]


def test_a_tender_is_awarded_once(ready, staff):
    opportunity, _bids = ready
    award(opportunity, staff)
    with pytest.raises(ValidationError, match="already awarded"):
        award(opportunity, staff)


def test_the_award_release_is_valid_ocds_with_the_consortium_as_suppliers(
    ready, staff, bidders, ocds_schema
):
    opportunity, _bids = ready
    made = award(opportunity, staff)
    data = made.release.data
    assert schema.validate_release(data) == []
    assert data["ocid"] == ocds_award.opportunity_ocid(opportunity)
    assert data["tag"] == ["award"]
    block = data["awards"][0]
    assert block["status"] == "pending"
    assert [s["name"] for s in block["suppliers"]] == [bidders[0].name, bidders[1].name]
    assert block["value"] == {"amount": 1000000, "currency": "GBP"}


def test_without_the_schema_the_award_happens_and_the_open_data_waits(ready, staff, settings):
    settings.OCDS_SCHEMA_DIR = None
    opportunity, _bids = ready
    made = award(opportunity, staff)
    assert made.release is None
    assert Award.objects.filter(opportunity=opportunity).exists()
    assert not Release.objects.exists()


# --- The contract -------------------------------------------------------------------------------


def contract(the_award, staff, **dates):
    today = timezone.localdate()
    values = {
        "signed_on": today,
        "starts_on": today,
        "ends_on": today + datetime.timedelta(days=900),
    }
    values.update(dates)
    return services_award.contract_details_record(actor=staff, award=the_award, **values)


def test_the_contract_is_refused_until_the_standstill_ends(ready, staff):
    opportunity, _bids = ready
    the_award = award(opportunity, staff).award
    ends = the_award.standstill_ends_on
    with pytest.raises(ValidationError, match="standstill runs until the end of"):
        contract(the_award, staff)
    the_award.refresh_from_db()
    assert the_award.contract_signed_on is None
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.STANDSTILL
    assert ends > timezone.localdate()


def test_after_the_standstill_the_contract_is_recorded_and_the_tender_awarded(
    ready, staff, ocds_schema
):
    opportunity, _bids = ready
    the_award = award(opportunity, staff).award
    Award.objects.filter(pk=the_award.pk).update(standstill_ends_on=the_past(2))
    the_award.refresh_from_db()
    release = contract(the_award, staff)
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.AWARDED
    assert opportunity.awarded_at is not None
    assert schema.validate_release(release.data) == []
    assert release.data["awards"][0]["status"] == "active"
    assert release.data["contracts"][0]["awardID"] == ocds_award.award_id(opportunity)
    assert release.data["ocid"] == ocds_award.opportunity_ocid(opportunity)
    # The same details again change nothing and publish nothing.
    count = Release.objects.count()
    the_award.refresh_from_db()
    assert (
        contract(
            the_award,
            staff,
            signed_on=the_award.contract_signed_on,
            starts_on=the_award.contract_starts_on,
            ends_on=the_award.contract_ends_on,
        )
        is None
    )
    assert Release.objects.count() == count


def test_a_contract_signed_during_the_standstill_is_refused(ready, staff):
    opportunity, _bids = ready
    the_award = award(opportunity, staff).award
    Award.objects.filter(pk=the_award.pk).update(standstill_ends_on=the_past(2))
    the_award.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        contract(the_award, staff, signed_on=the_past(3))
    assert "signed_on" in refused.value.message_dict


# --- Grant rounds -------------------------------------------------------------------------------


def test_grant_decisions_need_reasons_and_amounts_then_the_round_is_awarded(grant_round, staff):
    round_, bids = grant_round
    with pytest.raises(ValidationError) as refused:
        services_award.grant_decide(actor=staff, bid=bids[0], awarded=True, amount=None, reason="")
    assert set(refused.value.message_dict) == {"reason", "amount"}
    with pytest.raises(ValidationError, match="Decide on every application"):
        services_award.grant_decide(
            actor=staff, bid=bids[0], awarded=True, amount=Decimal("9000"), reason="Strong plan."
        )
        services_award.grant_round_award(actor=staff, opportunity=round_)
    services_award.grant_decide(
        actor=staff, bid=bids[1], awarded=False, amount=Decimal("5"), reason="Outside the aims."
    )
    assert GrantDecision.objects.get(bid=bids[1]).amount is None
    services_award.grant_round_award(actor=staff, opportunity=round_)
    round_.refresh_from_db()
    assert round_.status == Opportunity.Status.AWARDED
    assert round_.standstill_ends_on is None
    with pytest.raises(ValidationError, match="published and cannot change"):
        services_award.grant_decide(
            actor=staff, bid=bids[1], awarded=True, amount=Decimal("1"), reason="Changed."
        )


def test_an_unchanged_grant_decision_changes_nothing(grant_round, staff):
    _round, bids = grant_round
    first = services_award.grant_decide(
        actor=staff, bid=bids[0], awarded=True, amount=Decimal("9000"), reason="Strong plan."
    )
    again = services_award.grant_decide(
        actor=staff, bid=bids[0], awarded=True, amount=Decimal("9000.00"), reason="Strong plan."
    )
    assert again.decided_at == first.decided_at


def test_only_those_who_run_the_round_decide(grant_round, bidder_people, other_staff):
    _round, bids = grant_round
    for person in (bidder_people[0], other_staff):
        with pytest.raises(ValidationError, match="Only those who run"):
            services_award.grant_decide(
                actor=person, bid=bids[0], awarded=True, amount=Decimal("1"), reason="Mine."
            )


def test_an_award_release_that_breaks_the_schema_stops_the_award(
    ready, staff, monkeypatch, ocds_schema
):
    opportunity, _bids = ready
    build = ocds_award.award_release

    def broken(award, suppliers, *, when):
        data = build(award, suppliers, when=when)
        data["awards"][0]["status"] = "maybe"
        return data

    monkeypatch.setattr(ocds_award, "award_release", broken)
    with pytest.raises(ValidationError) as refused:
        award(opportunity, staff)
    assert "breaks the OCDS standard" in refused.value.messages[0]
    assert any("awards/0/status" in message for message in refused.value.messages)
    assert not Award.objects.exists()
    assert not AssessmentSummary.objects.exists()
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.EVALUATING
