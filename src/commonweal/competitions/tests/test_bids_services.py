"""Bid services: drafts sealed whole on every save and back exactly, submission with a receipt
checked after opening, withdraw and resubmit, and everything refused after the deadline with the
deadline named and the bid kept as it stood."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from commonweal.competitions import selectors_bids, services_bids, vault
from commonweal.competitions.content import BidContent, Commitment, GrantBudget, Member
from commonweal.competitions.models import Bid, BidDocument, Opportunity
from commonweal.core.models import AuditEntry

pytestmark = pytest.mark.django_db

SECRET = "Our Quayside flats will house forty people in year one."


def complete(opportunity, **extra) -> "callable":
    questions = services_bids.answered_questions(opportunity)

    def change(content: BidContent) -> BidContent:
        return replace(
            content,
            answers={str(q.pk): f"{SECRET} ({q.pk})" for q in questions},
            price=Decimal("987654.32"),
            staff_hours=Decimal("40000"),
            conflicts=services_bids.NO_CONFLICTS,
            **extra,
        )

    return change


def started(opportunity, person, organisation) -> Bid:
    return services_bids.bid_start(actor=person, opportunity=opportunity, organisation=organisation)


def test_a_draft_saves_sealed_and_comes_back_exactly(opportunity, bidders, bidder_people):
    bid = started(opportunity, bidder_people[0], bidders[0])
    content_change = complete(
        opportunity,
        members=(Member(name="Quay Kitchens CIC", role="subcontractor", share=Decimal("15")),),
        commitments=(
            Commitment(
                measure_id=1,
                quantity_by_year=(Decimal("2"), Decimal("3.5")),
                beyond_core_service=True,
                attribution=Decimal("0.8"),
                deadweight=Decimal("0.1"),
                double_counting_group="jobs",
                delivery_plan="Hire locally.",
                evidence_plan="Payroll.",
            ),
        ),
    )
    saved = services_bids.bid_save(
        actor=bidder_people[0], bid=bid, change=content_change, form=Bid.Form.CONSORTIUM
    )
    assert saved.version == 1 and saved.form == Bid.Form.CONSORTIUM
    again = Bid.objects.get(pk=bid.pk)
    _salt, content = vault.read_own(again)
    assert content == content_change(BidContent())
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM competitions_bid WHERE id = %s", [bid.pk])
        row = b"".join(
            bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode()
            for value in cursor.fetchone()
        )
    assert SECRET.encode() not in row and b"987654" not in row and b"Quay Kitchens" not in row
    logged = "".join(str(entry.after) + entry.reason for entry in AuditEntry.objects.all())
    assert SECRET not in logged and "987654" not in logged and "Quay" not in logged


def test_saving_unchanged_content_writes_nothing(opportunity, bidders, bidder_people):
    bid = started(opportunity, bidder_people[0], bidders[0])
    bid = services_bids.bid_save(actor=bidder_people[0], bid=bid, change=complete(opportunity))
    sealed, version = bytes(bid.sealed), bid.version
    services_bids.bid_save(actor=bidder_people[0], bid=bid, change=complete(opportunity))
    bid.refresh_from_db()
    assert bytes(bid.sealed) == sealed and bid.version == version


def test_one_bid_per_organisation_a_second_start_finds_the_first(
    opportunity, bidders, bidder_people
):
    first = started(opportunity, bidder_people[0], bidders[0])
    assert started(opportunity, bidder_people[0], bidders[0]).pk == first.pk
    assert Bid.objects.filter(opportunity=opportunity).count() == 1


def test_a_person_cannot_start_or_change_another_organisations_bid(
    opportunity,
    bidders,
    bidder_people,
    self_made_bidder,
    staff,
):
    bid = started(opportunity, bidder_people[0], bidders[0])
    for person in (bidder_people[1], self_made_bidder, staff):
        with pytest.raises(PermissionDenied):
            started(opportunity, person, bidders[0])
        with pytest.raises(PermissionDenied):
            services_bids.bid_save(actor=person, bid=bid, change=complete(opportunity))
        with pytest.raises(PermissionDenied):
            services_bids.bid_submit(actor=person, bid=bid)


def test_submit_gives_a_receipt_that_checks_after_opening(
    opportunity, bidders, bidder_people, closed
):
    person = bidder_people[0]
    bid = started(opportunity, person, bidders[0])
    services_bids.bid_save(actor=person, bid=bid, change=complete(opportunity))
    submitted = services_bids.bid_submit(actor=person, bid=bid)
    assert submitted.status == Bid.Status.SUBMITTED
    assert submitted.submitted_by == person and submitted.receipt
    assert selectors_bids.submitted_count(opportunity) == 1
    closed(opportunity)
    bid = Bid.objects.select_related("opportunity").get(pk=bid.pk)
    assert services_bids.receipt_check(actor=person, bid=bid, shown=submitted.receipt)
    assert not services_bids.receipt_check(actor=person, bid=bid, shown="0" * 64)
    salt, content = vault.open_bid(bid, actor=None, why="evaluation")
    assert vault.receipt_matches(bid, submitted.receipt, salt=salt, content=content)


def test_an_incomplete_bid_is_refused_with_what_is_missing(opportunity, bidders, bidder_people):
    person = bidder_people[0]
    bid = started(opportunity, person, bidders[0])
    with pytest.raises(ValidationError) as refused:
        services_bids.bid_submit(actor=person, bid=bid)
    assert "Give your price" in refused.value.messages
    assert any("conflicts" in m for m in refused.value.messages)
    bid.refresh_from_db()
    assert bid.status == Bid.Status.DRAFT and not bid.receipt


def test_withdraw_and_resubmit_gives_a_new_receipt(opportunity, bidders, bidder_people):
    person = bidder_people[0]
    bid = started(opportunity, person, bidders[0])
    services_bids.bid_save(actor=person, bid=bid, change=complete(opportunity))
    first = services_bids.bid_submit(actor=person, bid=bid).receipt
    with pytest.raises(ValidationError):
        services_bids.bid_save(actor=person, bid=bid, change=lambda c: replace(c, price=Decimal(1)))
    withdrawn = services_bids.bid_withdraw(actor=person, bid=bid)
    assert withdrawn.status == Bid.Status.WITHDRAWN and not withdrawn.receipt
    assert selectors_bids.submitted_count(opportunity) == 0
    services_bids.bid_save(actor=person, bid=bid, change=lambda c: replace(c, price=Decimal(5)))
    second = services_bids.bid_submit(actor=person, bid=bid).receipt
    assert second and second != first


def test_after_the_deadline_every_change_is_refused_naming_it(
    opportunity, bidders, bidder_people, closed
):
    person = bidder_people[0]
    bid = started(opportunity, person, bidders[0])
    services_bids.bid_save(actor=person, bid=bid, change=complete(opportunity))
    services_bids.bid_submit(actor=person, bid=bid)
    bid.refresh_from_db()
    kept = (bytes(bid.sealed), bid.version, bid.receipt, bid.status)
    closed(opportunity)
    message = services_bids.closed_message(opportunity)
    assert message.startswith("Bids closed at ")
    for attempt in (
        lambda: services_bids.bid_withdraw(actor=person, bid=bid),
        lambda: services_bids.bid_submit(actor=person, bid=bid),
        lambda: services_bids.bid_save(actor=person, bid=bid, change=lambda c: c),
        lambda: started(opportunity, bidder_people[1], bidders[1]),
    ):
        with pytest.raises(services_bids.BidsClosedError) as refused:
            attempt()
        assert refused.value.messages == [message]
    bid.refresh_from_db()
    assert (bytes(bid.sealed), bid.version, bid.receipt, bid.status) == kept


def test_a_late_submission_is_refused_and_the_draft_kept(
    opportunity, bidders, bidder_people, closed
):
    person = bidder_people[0]
    bid = started(opportunity, person, bidders[0])
    services_bids.bid_save(actor=person, bid=bid, change=complete(opportunity))
    closed(opportunity)
    with pytest.raises(services_bids.BidsClosedError):
        services_bids.bid_submit(actor=person, bid=bid)
    bid.refresh_from_db()
    assert bid.status == Bid.Status.DRAFT and bid.version == 1


def test_the_closed_message_names_the_deadline_in_words(opportunity):
    import datetime

    from django.utils import timezone

    opportunity.closes_at = timezone.make_aware(datetime.datetime(2027, 3, 3, 12, 0))
    assert services_bids.closed_message(opportunity) == "Bids closed at 12:00pm on 3 March 2027"


def test_a_draft_opportunity_takes_no_bids(opportunity, bidders, bidder_people):
    Opportunity.objects.filter(pk=opportunity.pk).update(status=Opportunity.Status.DRAFT)
    with pytest.raises(services_bids.BidsClosedError):
        started(opportunity, bidder_people[0], bidders[0])


def test_a_grant_bid_needs_the_amount_and_match_funding_when_required(
    plan, staff, bidders, bidder_people
):
    from commonweal.competitions.tests.conftest import make_opportunity

    grant = make_opportunity(
        plan, created_by=staff, kind=Opportunity.Kind.GRANT_ROUND, match_funding_required=True
    )
    person = bidder_people[0]
    bid = started(grant, person, bidders[0])
    services_bids.bid_save(actor=person, bid=bid, change=complete(grant))
    with pytest.raises(ValidationError) as refused:
        services_bids.bid_submit(actor=person, bid=bid)
    assert "Give the amount you are asking for" in refused.value.messages
    services_bids.bid_save(
        actor=person,
        bid=bid,
        change=lambda c: replace(c, grant=GrantBudget(requested=Decimal("50000"))),
    )
    with pytest.raises(ValidationError) as refused:
        services_bids.bid_submit(actor=person, bid=bid)
    assert "Give your match funding" in refused.value.messages
    services_bids.bid_save(
        actor=person,
        bid=bid,
        change=lambda c: replace(
            c, grant=GrantBudget(requested=Decimal("50000"), match_funding=Decimal("1000"))
        ),
    )
    assert services_bids.bid_submit(actor=person, bid=bid).status == Bid.Status.SUBMITTED


def pdf(name="plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + SECRET.encode() + b"\n%%EOF\n")


def test_a_document_is_sealed_on_disk(opportunity, bidders, bidder_people):
    person = bidder_people[0]
    bid = started(opportunity, person, bidders[0])
    document = services_bids.bid_document_add(
        actor=person, bid=bid, file=pdf(), title="Our safeguarding policy"
    )
    with document.sealed_file.open("rb") as handle:
        stored = handle.read()
    assert SECRET.encode() not in stored and b"%PDF" not in stored
    assert b"safeguarding" not in bytes(document.sealed_name)
    assert vault.document_label(document, own=True) == ("Our safeguarding policy", "plan.pdf")
    assert vault.document_bytes(document, own=True).startswith(b"%PDF")


def test_a_document_that_fails_the_checks_loses_nothing_else(opportunity, bidders, bidder_people):
    person = bidder_people[0]
    bid = started(opportunity, person, bidders[0])
    bid = services_bids.bid_save(actor=person, bid=bid, change=complete(opportunity))
    before = (bytes(bid.sealed), bid.version)
    bad = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf at all")
    with pytest.raises(ValidationError) as refused:
        services_bids.bid_document_add(actor=person, bid=bid, file=bad, title="Policy")
    assert "must be a PDF" in refused.value.messages[0]
    bid.refresh_from_db()
    assert (bytes(bid.sealed), bid.version) == before
    assert not BidDocument.objects.exists()


def test_once_evaluation_has_begun_the_refusal_still_names_the_deadline(
    opportunity, bidders, bidder_people, closed
):
    person = bidder_people[0]
    bid = started(opportunity, person, bidders[0])
    closed(opportunity)
    Opportunity.objects.filter(pk=opportunity.pk).update(status=Opportunity.Status.EVALUATING)
    with pytest.raises(services_bids.BidsClosedError) as refused:
        services_bids.bid_save(actor=person, bid=bid, change=complete(opportunity))
    assert refused.value.messages == [services_bids.closed_message(opportunity)]
