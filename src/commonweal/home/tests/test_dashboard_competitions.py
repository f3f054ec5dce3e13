"""The dashboard's competition work: the commissioner or procurement officer who runs a tender, the
evaluator who scores it, the provider who bids, and the social investor looking for work that
needs investment, each see their own next step and nobody else's."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.accounts.roles import Role
from commonweal.commissioning.models import Plan, Requirements
from commonweal.competitions.models import Bid, Evaluator, LowBidReview, Opportunity, Question
from commonweal.testing.factories import (
    OrganisationFactory,
    RoleFactory,
    UnverifiedPublicBodyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def your_work(client) -> str:
    page = client.get(reverse("core:dashboard")).content.decode()
    start = page.find('id="tasks-heading"')
    return "" if start < 0 else page[start : page.index("</section>", start)]


@pytest.fixture
def tender(riverside, council, staff):
    plan = Plan.objects.create(
        place=riverside,
        lead=council,
        title="Recovery alliance",
        summary="Housing and recovery.",
        route="open",
        status=Plan.Status.IN_COMPETITION,
        published_at=timezone.now(),
    )
    Requirements.objects.create(
        plan=plan,
        contract_months=60,
        price_weighting=Decimal("30"),
        social_value_weighting=Decimal("20"),
        needs_investment=True,
    )
    now = timezone.now()
    return Opportunity.objects.create(
        plan=plan,
        title="Housing-led recovery service",
        description="Support to recover and keep a home.",
        value=Decimal("1200000"),
        questions_close_at=now + datetime.timedelta(days=5),
        closes_at=now + datetime.timedelta(days=7),
        quality_weight=Decimal("50"),
        social_value_weight=Decimal("20"),
        price_weight=Decimal("30"),
        status=Opportunity.Status.OPEN,
        published_at=now,
    )


def _close(opportunity):
    """The deadline passes and evaluation starts (saved, as the services save it: the dashboard
    is kept until a competition changes, or for the minute)."""
    past = timezone.now() - datetime.timedelta(hours=1)
    opportunity.refresh_from_db()
    opportunity.closes_at = opportunity.questions_close_at = past
    opportunity.status = Opportunity.Status.EVALUATING
    opportunity.save()


def test_the_commissioner_sees_questions_to_answer_then_low_bids_to_decide(tender, staff, sign_in):
    Question.objects.create(opportunity=tender, text="Can we bid for part of it?")
    client = sign_in(staff)
    work = your_work(client)
    assert "Tenders and grant rounds you run" in work
    assert "1 clarification questions to answer" in work
    provider = OrganisationFactory(name="Cheap Care Ltd")
    bid = Bid.objects.create(opportunity=tender, organisation=provider)
    Bid.objects.filter(pk=bid.pk).update(
        status=Bid.Status.SUBMITTED, submitted_at=timezone.now(), receipt="v1:x"
    )
    LowBidReview.objects.create(bid=bid, flags=[])
    _close(tender)
    work = your_work(client)
    assert "Decide on 1 bids flagged as abnormally low" in work
    assert reverse("competitions:evaluation", kwargs={"pk": tender.pk}) in work


def test_nobody_else_sees_the_tender_as_their_work(
    tender, sign_in, other_staff, resident, stranger, riverside
):
    body = UnverifiedPublicBodyFactory(name="Totally Real Council", places_served=[riverside])
    self_made = UserFactory(full_name="Sam Selfmade")
    RoleFactory(user=self_made, organisation=body, role=Role.COMMISSIONER)
    for person in (other_staff, resident, stranger, self_made):
        assert "Housing-led recovery service" not in your_work(sign_in(person))


def test_an_evaluator_is_told_to_wait_then_to_declare_conflicts_then_to_score(
    tender, council, sign_in
):
    person = UserFactory(full_name="Eve Evaluator")
    RoleFactory(user=person, organisation=council, role=Role.EVALUATOR)
    seat = Evaluator.objects.create(opportunity=tender, user=person)
    client = sign_in(person)
    assert "Bids close at" in your_work(client)
    _close(tender)
    assert "Declare any conflicts of interest with the bidders" in your_work(client)
    seat.conflicts_declared_at = timezone.now()
    seat.save()
    assert "Score the bids, with your reasons" in your_work(client)
    seat.scores_submitted_at = timezone.now()
    seat.save()
    assert "moderation comes next" in your_work(client)


def test_a_provider_sees_their_own_bid_and_not_anothers(tender, sign_in):
    ours = OrganisationFactory(name="Harbour Housing Co-op")
    theirs = OrganisationFactory(name="Nationwide Care plc")
    person = UserFactory(full_name="Pat Provider")
    RoleFactory(user=person, organisation=ours, role=Role.PROVIDER_MEMBER)
    Bid.objects.create(opportunity=tender, organisation=ours)
    Bid.objects.create(opportunity=tender, organisation=theirs)
    work = your_work(sign_in(person))
    assert "for Harbour Housing Co-op" in work
    assert "Finish and submit it before" in work
    assert "Nationwide" not in work


def test_a_provider_asked_to_explain_a_low_price_sees_it_as_their_next_step(tender, sign_in):
    ours = OrganisationFactory(name="Cheap Care Ltd")
    person = UserFactory(full_name="Lou Lowprice")
    RoleFactory(user=person, organisation=ours, role=Role.PROVIDER_MEMBER)
    bid = Bid.objects.create(opportunity=tender, organisation=ours)
    Bid.objects.filter(pk=bid.pk).update(
        status=Bid.Status.SUBMITTED, submitted_at=timezone.now(), receipt="v1:x"
    )
    LowBidReview.objects.create(bid=bid, flags=[], explanation_requested_at=timezone.now())
    _close(tender)
    assert "Explain your price" in your_work(sign_in(person))


def test_an_investor_sees_open_work_that_needs_investment(tender, sign_in):
    fund = OrganisationFactory(name="Bridges Outcomes Fund")
    person = UserFactory(full_name="Ivy Investor")
    RoleFactory(user=person, organisation=fund, role=Role.INVESTOR)
    client = sign_in(person)
    work = your_work(client)
    assert "Opportunities that need investment" in work
    assert "Housing-led recovery service, Riverside" in work
    _close(tender)
    assert "Housing-led recovery service" not in your_work(client)


def test_after_the_award_the_bidders_are_told_who_won_and_the_evaluators_have_nothing_left(
    tender, council, sign_in
):
    from commonweal.competitions.models import Award

    winner_org = OrganisationFactory(name="Harbour Housing Co-op")
    loser_org = OrganisationFactory(name="Nationwide Care plc")
    people = {}
    bids = {}
    for org in (winner_org, loser_org):
        person = UserFactory(full_name=f"Person at {org.name}")
        RoleFactory(user=person, organisation=org, role=Role.PROVIDER_MEMBER)
        bid = Bid.objects.create(opportunity=tender, organisation=org)
        Bid.objects.filter(pk=bid.pk).update(
            status=Bid.Status.SUBMITTED, submitted_at=timezone.now(), receipt="v1:x"
        )
        people[org.pk], bids[org.pk] = person, bid
    evaluator = UserFactory(full_name="Eve Evaluator")
    RoleFactory(user=evaluator, organisation=council, role=Role.EVALUATOR)
    Evaluator.objects.create(
        opportunity=tender, user=evaluator, conflicts_declared_at=timezone.now()
    )
    _close(tender)
    Award.objects.create(
        opportunity=tender,
        bid=bids[winner_org.pk],
        value=Decimal("1000000"),
        reason="Best value.",
        standstill_ends_on=datetime.date(2027, 3, 11),
    )
    tender.status = Opportunity.Status.STANDSTILL
    tender.save()
    assert "Your bid won. The standstill runs until the end of 11 March 2027." in your_work(
        sign_in(people[winner_org.pk])
    )
    lost = your_work(sign_in(people[loser_org.pk]))
    assert "Not successful this time: read your assessment" in lost
    assert (
        reverse(
            "competitions:assessment", kwargs={"pk": tender.pk, "bid_pk": bids[loser_org.pk].pk}
        )
        in lost
    )
    assert "Housing-led recovery service" not in your_work(sign_in(evaluator))
