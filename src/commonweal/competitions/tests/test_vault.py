"""Bids sealed in the database: nothing stored opens a bid before the deadline, the bidder gets
their own back, every opening after it is recorded, and an old master secret still opens."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from commonweal.competitions import keys, sealing, vault
from commonweal.competitions.content import BidContent, Commitment, Member
from commonweal.competitions.models import Bid, BidDocument, Opening
from commonweal.core.models import AuditEntry

pytestmark = pytest.mark.django_db

SECRET_ANSWER = "We will house 40 people in year one using our Quayside flats."


def _content(price="987654.32") -> BidContent:
    return BidContent(
        answers={"1": SECRET_ANSWER},
        price=Decimal(price),
        commitments=(
            Commitment(
                measure_id=3,
                quantity_by_year=(Decimal("2"), Decimal("3")),
                beyond_core_service=True,
                attribution=Decimal("0.8"),
                deadweight=Decimal("0.1"),
            ),
        ),
        members=(Member(name="Quay Kitchens CIC", role="subcontractor", share=Decimal("15")),),
        conflicts="",
    )


def _sealed_bid(opportunity, organisation) -> tuple[Bid, bytes]:
    bid = Bid.objects.create(opportunity=opportunity, organisation=organisation)
    sealed, salt = vault.seal_content(bid, _content())
    bid.sealed = sealed
    bid.save()
    return bid, salt


def test_nothing_in_the_database_shows_the_content_before_the_deadline(opportunity, bidders):
    bid, _ = _sealed_bid(opportunity, bidders[0])
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed FROM competitions_bid WHERE id = %s", [bid.pk])
        stored = bytes(cursor.fetchone()[0])
    assert SECRET_ANSWER.encode() not in stored
    assert b"987654" not in stored
    assert b"Quay Kitchens" not in stored
    with pytest.raises(sealing.StillSealed):
        vault.open_bid(bid, actor=None, why="curious")
    assert not Opening.objects.exists()


def test_the_bidder_reads_their_own_bid_back_before_the_deadline(opportunity, bidders):
    bid, salt = _sealed_bid(opportunity, bidders[0])
    own_salt, content = vault.read_own(Bid.objects.get(pk=bid.pk))
    assert own_salt == salt
    assert content == _content()


def test_after_the_deadline_it_opens_and_each_opening_is_recorded(
    opportunity, bidders, staff, closed
):
    bid, salt = _sealed_bid(opportunity, bidders[0])
    closed(opportunity)
    bid = Bid.objects.get(pk=bid.pk)
    opened_salt, content = vault.open_bid(bid, actor=staff, why="Opening the bids")
    assert content.answers["1"] == SECRET_ANSWER and opened_salt == salt
    vault.open_bid(bid, actor=staff, why="Evaluating")
    vault.open_bid(bid, actor=staff, why="Evaluating")  # read again at once: recorded once
    assert list(Opening.objects.values_list("why", flat=True)) == ["Opening the bids", "Evaluating"]
    assert AuditEntry.objects.filter(model="competitions.opening", actor=staff).count() == 2


def test_sealing_is_refused_from_the_deadline(opportunity, bidders, closed):
    bid = Bid.objects.create(opportunity=opportunity, organisation=bidders[0])
    closed(opportunity)
    with pytest.raises(sealing.BidsClosed):
        vault.seal_content(Bid.objects.get(pk=bid.pk), _content())


def test_a_bid_sealed_for_another_bid_does_not_open(opportunity, bidders, closed):
    first, _ = _sealed_bid(opportunity, bidders[0])
    second = Bid.objects.create(opportunity=opportunity, organisation=bidders[1])
    second.sealed = (
        first.sealed
    )  # a database administrator copies one bid's ciphertext over another
    second.save()
    closed(opportunity)
    with pytest.raises(sealing.CannotOpen):
        vault.open_bid(Bid.objects.get(pk=second.pk), actor=None, why="check")


def test_the_receipt_checks_after_opening(opportunity, bidders, closed, staff):
    bid, salt = _sealed_bid(opportunity, bidders[0])
    bid.submitted_at = timezone.now()
    bid.receipt = vault.receipt(bid, salt=salt, content=_content(), submitted_at=bid.submitted_at)
    bid.status = Bid.Status.SUBMITTED
    bid.save()
    closed(opportunity)
    bid = Bid.objects.get(pk=bid.pk)
    opened_salt, content = vault.open_bid(bid, actor=staff, why="check receipts")
    assert vault.receipt_matches(bid, bid.receipt.upper(), salt=opened_salt, content=content)
    assert not vault.receipt_matches(bid, bid.receipt, salt=opened_salt, content=_content("1"))


def test_an_old_master_secret_still_opens_after_rotation(opportunity, bidders, closed, staff):
    old = keys.new_key_text()
    with override_settings(COMPETITION_SEALING_KEY=old):
        bid, _ = _sealed_bid(opportunity, bidders[0])
    closed(opportunity)
    with (
        override_settings(COMPETITION_SEALING_KEY=keys.new_key_text()),
        pytest.raises(sealing.CannotOpen),
    ):
        vault.open_bid(Bid.objects.get(pk=bid.pk), actor=staff, why="check")
    with override_settings(
        COMPETITION_SEALING_KEY=keys.new_key_text(), COMPETITION_SEALING_KEY_FALLBACKS=[old]
    ):
        _, content = vault.open_bid(Bid.objects.get(pk=bid.pk), actor=staff, why="check")
    assert content.answers["1"] == SECRET_ANSWER


def test_documents_are_sealed_with_their_names(
    opportunity, bidders, closed, staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.base import ContentFile

    bid = Bid.objects.create(opportunity=opportunity, organisation=bidders[0])
    document = BidDocument(bid=bid)
    data = b"%PDF-1.4 our safeguarding policy"
    sealed_file, sealed_name = vault.seal_document(
        bid, document, data, title="Safeguarding policy", name="safeguarding.pdf"
    )
    document.sealed_name = sealed_name
    document.sealed_file.save(f"{document.uid}.sealed", ContentFile(sealed_file), save=False)
    document.save()
    assert b"safeguarding" not in (tmp_path / document.sealed_file.name).read_bytes()
    assert vault.document_label(document, own=True) == ("Safeguarding policy", "safeguarding.pdf")
    with pytest.raises(sealing.StillSealed):
        vault.document_bytes(document, own=False, actor=staff, why="look")
    closed(opportunity)
    document = BidDocument.objects.get(pk=document.pk)
    assert vault.document_bytes(document, own=False, actor=staff, why="evaluate") == data
    assert Opening.objects.filter(bid=bid, why="evaluate").exists()


def test_opening_many_bids_records_each_once_an_hour_in_a_fixed_number_of_queries(
    opportunity, closed, staff, evaluator, django_assert_max_num_queries
):
    from commonweal.testing.factories import OrganisationFactory

    def make(count):
        made = []
        for _ in range(count):
            bid, _salt = _sealed_bid(opportunity, OrganisationFactory())
            made.append(bid)
        return made

    first = make(2)
    more = make(10)
    closed(opportunity)
    few = list(Bid.objects.filter(pk__in=[b.pk for b in first]).select_related("opportunity"))
    many = list(
        Bid.objects.filter(pk__in=[b.pk for b in first + more]).select_related("opportunity")
    )
    with django_assert_max_num_queries(8) as few_queries:
        vault.open_bids(few, actor=staff, why="Results")
    with django_assert_max_num_queries(len(few_queries.captured_queries)):
        opened = vault.open_bids(many, actor=staff, why="Results")
    assert all(content.answers["1"] == SECRET_ANSWER for _salt, content in opened.values())
    assert Opening.objects.filter(opened_by=staff).count() == 12  # the first two not again
    vault.open_bids(many, actor=staff, why="Results")
    assert Opening.objects.filter(opened_by=staff).count() == 12  # reloaded within the hour
    vault.open_bids(many, actor=evaluator, why="Results")
    assert Opening.objects.filter(opened_by=evaluator).count() == 12  # another person: recorded
    entry = AuditEntry.objects.filter(action="bids_opened").latest("id")
    assert entry.actor == evaluator and entry.after["rows"] == {"competitions.opening": 12}


def test_opening_many_bids_before_the_deadline_is_refused(opportunity, bidders, staff):
    bid, _ = _sealed_bid(opportunity, bidders[0])
    with pytest.raises(sealing.StillSealed):
        vault.open_bids([Bid.objects.get(pk=bid.pk)], actor=staff, why="early")
    assert not Opening.objects.exists()
