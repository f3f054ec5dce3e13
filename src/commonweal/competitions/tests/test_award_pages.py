"""The award pages: who may and may not see and use each, refusals shown with what to do, unchanged
forms changing nothing, ids too big for the database, and query budgets."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.competitions import ocds_award, services_award
from commonweal.competitions.models import Award, Evaluator, GrantDecision, Opportunity
from commonweal.competitions.tests.conftest import make_opportunity
from commonweal.competitions.tests.fixtures_award import (
    agree_all,
    make_grant_round,
    make_ready,
    submit,
    the_past,
)
from commonweal.opendata import schema
from commonweal.organisations.models import Organisation
from commonweal.testing.factories import OrganisationFactory, RoleFactory, UserFactory
from commonweal.testing.queries import no_growth, queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def self_made_bidder(db):
    """A person who made their own account and organisation (here, as conftest's uses a legal form
    that no longer exists)."""
    organisation = OrganisationFactory(
        name="Just Made Ltd", legal_form=Organisation.LegalForm.PRIVATE_COMPANY
    )
    user = UserFactory(full_name="Jo Justmade")
    RoleFactory(user=user, organisation=organisation, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def ready(opportunity, bidders, evaluator, staff, closed):
    return make_ready(opportunity, bidders, staff, closed)


@pytest.fixture
def awarded(ready, staff):
    opportunity, bids = ready
    services_award.award_decide(actor=staff, opportunity=opportunity, reason="Best value.")
    opportunity.refresh_from_db()
    return opportunity, bids


@pytest.fixture
def grant_round(plan, staff, bidders, closed):
    return make_grant_round(plan, staff, bidders, closed)


def url(name, *args):
    return reverse(f"competitions:{name}", args=args)


def award_form(bid, **more):
    return {"bid": str(bid.pk), "value": "1000000", "reason": "The best quality.", **more}


# --- The award page -----------------------------------------------------------------------------


def test_those_who_run_it_see_the_result_and_the_form(ready, sign_in, staff, bidders):
    opportunity, _bids = ready
    page = sign_in(staff).get(url("award", opportunity.pk))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Award the tender" in text and bidders[0].name in text
    assert "the most advantageous tender" in text


def test_the_page_says_what_stops_the_award(ready, sign_in, staff):
    opportunity, _bids = ready
    Evaluator.objects.filter(opportunity=opportunity).update(conflicts_declared_at=None)
    text = sign_in(staff).get(url("award", opportunity.pk)).content.decode()
    assert "cannot be awarded yet" in text
    assert "has not declared their conflicts" in text
    assert 'name="reason"' not in text


@pytest.mark.parametrize(
    "who", ["resident", "stranger", "other_staff", "evaluator", "self_made_bidder"]
)
def test_nobody_else_sees_the_result_or_the_form_before_award(ready, sign_in, request, who):
    opportunity, _bids = ready
    page = sign_in(request.getfixturevalue(who)).get(url("award", opportunity.pk))
    assert page.status_code == 200
    text = page.content.decode()
    assert "has not been awarded yet" in text
    assert 'name="reason"' not in text and "Points for each bid" not in text


def test_anonymous_people_read_the_award_once_made(awarded, client, bidders):
    opportunity, _bids = awarded
    text = client.get(url("award", opportunity.pk)).content.decode()
    assert bidders[0].name in text and "standstill runs until the end of" in text
    assert "bank holidays are not yet held" in text


@pytest.mark.parametrize(
    "who", ["resident", "stranger", "other_staff", "evaluator", "self_made_bidder", "back_office"]
)
def test_only_those_who_run_it_may_award(ready, sign_in, request, who):
    opportunity, bids = ready
    person = request.getfixturevalue(who)
    response = sign_in(person).post(url("award-decide", opportunity.pk), award_form(bids[0]))
    if who == "back_office":  # the back office manages every plan
        assert response.status_code == 302
        return
    assert response.status_code == 403
    assert not Award.objects.exists()


def test_anonymous_people_are_asked_to_sign_in_to_award(ready, client):
    opportunity, bids = ready
    response = client.post(url("award-decide", opportunity.pk), award_form(bids[0]))
    assert response.status_code == 302 and "sign-in" in response["Location"]
    assert not Award.objects.exists()


def test_awarding_from_the_page(ready, sign_in, staff):
    opportunity, bids = ready
    response = sign_in(staff).post(url("award-decide", opportunity.pk), award_form(bids[0]))
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.STANDSTILL
    assert Award.objects.get().bid == bids[0]


def test_another_bid_without_a_reason_is_shown_as_an_error(ready, sign_in, staff):
    opportunity, bids = ready
    response = sign_in(staff).post(url("award-decide", opportunity.pk), award_form(bids[1]))
    assert response.status_code == 400
    assert "not the most advantageous tender" in response.content.decode()
    assert not Award.objects.exists()


def test_bad_input_is_refused_with_errors_not_a_crash(ready, sign_in, staff):
    opportunity, _bids = ready
    for data in ({}, {"bid": "nonsense", "value": "lots", "reason": ""}, {"bid": str(2**70)}):
        response = sign_in(staff).post(url("award-decide", opportunity.pk), data)
        assert response.status_code == 400
        assert "govuk-error-summary" in response.content.decode()
    assert not Award.objects.exists()


def test_a_grant_round_has_no_award_page(grant_round, client):
    round_, _bids = grant_round
    assert client.get(url("award", round_.pk)).status_code == 404


# --- The contract -------------------------------------------------------------------------------


def date_fields(name, day):
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


def contract_form(signed, starts, ends):
    return {
        **date_fields("signed_on", signed),
        **date_fields("starts_on", starts),
        **date_fields("ends_on", ends),
    }


def test_the_contract_form_waits_for_the_standstill(awarded, sign_in, staff):
    opportunity, _bids = awarded
    client = sign_in(staff)
    page = client.get(url("contract-details", opportunity.pk))
    assert "You can record the contract" in page.content.decode()
    today = timezone.localdate()
    response = client.post(
        url("contract-details", opportunity.pk),
        contract_form(today, today, today + datetime.timedelta(days=365)),
    )
    assert response.status_code == 400
    assert "standstill runs until the end of" in response.content.decode()
    assert Award.objects.get().contract_signed_on is None


def test_the_contract_recorded_after_the_standstill_and_unchanged_changes_nothing(
    awarded, sign_in, staff
):
    opportunity, _bids = awarded
    Award.objects.update(standstill_ends_on=the_past(3))
    client = sign_in(staff)
    today = timezone.localdate()
    data = contract_form(the_past(1), today, today + datetime.timedelta(days=365))
    assert client.post(url("contract-details", opportunity.pk), data).status_code == 302
    the_award = Award.objects.get()
    assert the_award.contract_signed_on == the_past(1)
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.AWARDED
    # The same form again: nothing changes.
    assert client.post(url("contract-details", opportunity.pk), data).status_code == 302
    assert Award.objects.get().contract_signed_on == the_past(1)


@pytest.mark.parametrize("who", ["stranger", "other_staff", "evaluator", "self_made_bidder"])
def test_nobody_else_records_the_contract(awarded, sign_in, request, who):
    opportunity, _bids = awarded
    client = sign_in(request.getfixturevalue(who))
    assert client.get(url("contract-details", opportunity.pk)).status_code == 403


def test_the_contract_of_a_tender_not_awarded_is_not_found(ready, sign_in, staff):
    opportunity, _bids = ready
    assert sign_in(staff).get(url("contract-details", opportunity.pk)).status_code == 404


# --- Assessment summaries -----------------------------------------------------------------------


def test_a_bidder_reads_their_own_assessment_beside_the_winners(
    awarded, sign_in, bidder_people, bidders
):
    opportunity, bids = awarded
    page = sign_in(bidder_people[1]).get(url("assessment", opportunity.pk, bids[1].pk))
    assert page.status_code == 200
    text = page.content.decode()
    assert "ranked 2 of 3" in text
    assert "bid Riverside Recovery" in text  # their own reason
    assert "bid Harbour Housing Co-op" in text  # the winner's beside it
    assert "Nationwide Care" not in text  # never a third bidder's


@pytest.mark.parametrize("who", ["stranger", "self_made_bidder", "resident", "evaluator"])
def test_nobody_else_reads_a_bidders_assessment(awarded, sign_in, request, who):
    opportunity, bids = awarded
    client = sign_in(request.getfixturevalue(who))
    assert client.get(url("assessment", opportunity.pk, bids[1].pk)).status_code == 404


def test_another_bidder_cannot_read_it(awarded, sign_in, bidder_people):
    opportunity, bids = awarded
    client = sign_in(bidder_people[2])
    assert client.get(url("assessment", opportunity.pk, bids[1].pk)).status_code == 404
    assert client.get(url("assessment", opportunity.pk, bids[2].pk)).status_code == 200


def test_anonymous_people_are_asked_to_sign_in(awarded, client):
    opportunity, bids = awarded
    assert client.get(url("assessment", opportunity.pk, bids[1].pk)).status_code == 302


def test_ids_too_big_are_not_found(awarded, sign_in, staff):
    opportunity, _bids = awarded
    client = sign_in(staff)
    huge = 2**70
    assert client.get(f"/opportunities/{huge}/award/").status_code == 404
    assert (
        client.get(f"/opportunities/{opportunity.pk}/award/assessment/{huge}/").status_code == 404
    )
    assert client.get(f"/opportunities/{huge}/grant-decisions/").status_code == 404
    assert client.get(f"/opportunities/{opportunity.pk}/grant-decisions/{huge}/").status_code == 404


# --- Grant decisions ----------------------------------------------------------------------------


def decision_form(**more):
    return {"awarded": "yes", "amount": "9000", "reason": "A strong plan.", **more}


def test_deciding_and_publishing_a_grant_round(grant_round, sign_in, staff, bidder_people):
    round_, bids = grant_round
    client = sign_in(staff)
    assert client.get(url("grant-decide", round_.pk, bids[0].pk)).status_code == 200
    assert (
        client.post(url("grant-decide", round_.pk, bids[0].pk), decision_form()).status_code == 302
    )
    response = client.post(url("grant-decisions", round_.pk))
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.status != Opportunity.Status.AWARDED  # one still waits
    client.post(
        url("grant-decide", round_.pk, bids[1].pk),
        decision_form(awarded="no", amount="", reason="Outside the aims."),
    )
    client.post(url("grant-decisions", round_.pk))
    round_.refresh_from_db()
    assert round_.status == Opportunity.Status.AWARDED
    # Each applicant reads their own decision and reasons; not another's refusal.
    text = sign_in(bidder_people[1]).get(url("grant-decisions", round_.pk)).content.decode()
    assert "Outside the aims." in text and "Not funded." in text
    text = sign_in(bidder_people[0]).get(url("grant-decisions", round_.pk)).content.decode()
    assert "A strong plan." in text and "Outside the aims." not in text


def test_an_unchanged_decision_form_changes_nothing(grant_round, sign_in, staff):
    round_, bids = grant_round
    client = sign_in(staff)
    client.post(url("grant-decide", round_.pk, bids[0].pk), decision_form())
    first = GrantDecision.objects.get()
    client.post(url("grant-decide", round_.pk, bids[0].pk), decision_form(amount="9000.00"))
    assert GrantDecision.objects.get().decided_at == first.decided_at


def test_a_funded_decision_needs_an_amount(grant_round, sign_in, staff):
    round_, bids = grant_round
    response = sign_in(staff).post(
        url("grant-decide", round_.pk, bids[0].pk), decision_form(amount="")
    )
    assert response.status_code == 400
    assert "Enter the amount awarded" in response.content.decode()
    assert not GrantDecision.objects.exists()


@pytest.mark.parametrize(
    "who", ["resident", "stranger", "other_staff", "self_made_bidder", "bidder"]
)
def test_nobody_else_decides_or_publishes(grant_round, sign_in, request, bidder_people, who):
    round_, bids = grant_round
    person = bidder_people[0] if who == "bidder" else request.getfixturevalue(who)
    client = sign_in(person)
    assert client.get(url("grant-decide", round_.pk, bids[0].pk)).status_code == 403
    assert (
        client.post(url("grant-decide", round_.pk, bids[0].pk), decision_form()).status_code == 403
    )
    assert client.post(url("grant-decisions", round_.pk)).status_code == 403
    assert not GrantDecision.objects.exists()


def test_before_publishing_nobody_else_sees_decisions(grant_round, sign_in, staff, bidder_people):
    round_, bids = grant_round
    sign_in(staff).post(url("grant-decide", round_.pk, bids[0].pk), decision_form())
    text = sign_in(bidder_people[0]).get(url("grant-decisions", round_.pk)).content.decode()
    assert "not published yet" in text and "A strong plan." not in text


def test_the_public_sees_only_funded_grants_once_published(grant_round, client, staff, bidders):
    round_, bids = grant_round
    services_award.grant_decide(
        actor=staff, bid=bids[0], awarded=True, amount=Decimal("9000"), reason="Strong."
    )
    services_award.grant_decide(
        actor=staff, bid=bids[1], awarded=False, amount=None, reason="Outside the aims."
    )
    services_award.grant_round_award(actor=staff, opportunity=round_)
    text = client.get(url("grant-decisions", round_.pk)).content.decode()
    assert bidders[0].name in text and bidders[1].name not in text


# --- Query budgets ------------------------------------------------------------------------------


def test_grant_decisions_page_query_budget(grant_round, sign_in, staff, riverside):
    round_, _bids = grant_round
    client = sign_in(staff)
    few, _page = queries_for(client, url("grant-decisions", round_.pk))
    for n in range(20):
        round_.closes_at = timezone.now() + datetime.timedelta(days=1)
        provider = OrganisationFactory(name=f"Applicant {n}")
        Opportunity.objects.filter(pk=round_.pk).update(
            closes_at=timezone.now() + datetime.timedelta(days=1)
        )
        round_.refresh_from_db()
        bid = submit(round_, provider, requested="1000")
        Opportunity.objects.filter(pk=round_.pk).update(
            closes_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        round_.refresh_from_db()
        services_award.grant_decide(
            actor=staff, bid=bid, awarded=True, amount=Decimal("500"), reason="Good."
        )
    many, _page = queries_for(client, url("grant-decisions", round_.pk))
    no_growth(few, many, ceiling=30, what="the grant decisions page")


def awarded_world(plan, staff, closed, count):
    """A tender awarded among ``count`` bids, and a person speaking for the second bidder."""
    opportunity = make_opportunity(plan, created_by=staff, title=f"Tender of {count}")
    providers = [OrganisationFactory(name=f"Bidder {count}-{n}") for n in range(count)]
    bids = [
        submit(opportunity, provider, price=str(1_000_000 + 1000 * n))
        for n, provider in enumerate(providers)
    ]
    closed(opportunity)
    Opportunity.objects.filter(pk=opportunity.pk).update(status=Opportunity.Status.EVALUATING)
    opportunity.refresh_from_db()
    now = timezone.now()
    Evaluator.objects.create(
        opportunity=opportunity,
        user=UserFactory(),
        conflicts_declared_at=now,
        scores_submitted_at=now,
    )
    for bid in bids:
        agree_all(opportunity, bid, "3", by=staff)
    services_award.award_decide(actor=staff, opportunity=opportunity, reason="Best value.")
    person = UserFactory()
    RoleFactory(user=person, organisation=providers[1], role=Role.PROVIDER_MEMBER)
    return opportunity, bids, person


def test_award_and_assessment_pages_query_budget(plan, staff, closed, sign_in, client):
    counts = {}
    for count in (3, 12):
        opportunity, bids, person = awarded_world(plan, staff, closed, count)
        client.logout()
        public, _page = queries_for(client, url("award", opportunity.pk))
        sign_in(person)
        own, _page = queries_for(client, url("award", opportunity.pk))
        summary, _page = queries_for(client, url("assessment", opportunity.pk, bids[1].pk))
        counts[count] = (public, own, summary)
    for few, many in zip(counts[3], counts[12], strict=True):
        no_growth(few, many, ceiling=25, what="the award pages")


def test_the_page_lists_what_breaks_the_open_data(ready, sign_in, staff, monkeypatch):
    try:
        schema.schema_dir()
    except schema.SchemaUnavailable as error:
        pytest.skip(str(error))
    opportunity, bids = ready
    build = ocds_award.award_release

    def broken(award, suppliers, *, when):
        data = build(award, suppliers, when=when)
        data["awards"][0]["status"] = "maybe"
        return data

    monkeypatch.setattr(ocds_award, "award_release", broken)
    response = sign_in(staff).post(url("award-decide", opportunity.pk), award_form(bids[0]))
    assert response.status_code == 400
    text = response.content.decode()
    assert "breaks the OCDS standard" in text and "awards/0/status" in text
    assert not Award.objects.exists()
