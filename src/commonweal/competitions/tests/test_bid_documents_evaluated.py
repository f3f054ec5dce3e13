"""A bid's documents, for those who judge it: after the deadline, those who run the opportunity and
evaluators who declared their conflicts and have none with the bidder read them (each download an
opening, recorded); before it, or for anyone else, nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonweal.competitions import services_bids, vault
from commonweal.competitions.content import BidContent
from commonweal.competitions.models import Bid, Conflict, Evaluator, Opening

pytestmark = pytest.mark.django_db

POLICY = b"%PDF-1.4\n% Our safeguarding policy\n%%EOF\n"


@pytest.fixture
def bid_with_document(opportunity, bidders, bidder_people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    person, organisation = bidder_people[0], bidders[0]
    bid = services_bids.bid_start(actor=person, opportunity=opportunity, organisation=organisation)
    bid = services_bids.bid_save(
        actor=person, bid=bid, change=lambda content: BidContent(price=content.price)
    )
    document = services_bids.bid_document_add(
        actor=person,
        bid=bid,
        file=SimpleUploadedFile("policy.pdf", POLICY, "application/pdf"),
        title="Safeguarding policy",
    )
    salt, content = vault.read_own(bid)
    Bid.objects.filter(pk=bid.pk).update(
        status=Bid.Status.SUBMITTED,
        submitted_at=timezone.now(),
        receipt=vault.receipt(bid, salt=salt, content=content, submitted_at=timezone.now()),
    )
    return bid, document


def _url(bid, document) -> str:
    return reverse(
        "competitions:bid-document",
        kwargs={"pk": bid.opportunity_id, "bid_pk": bid.pk, "document_pk": document.pk},
    )


def test_before_the_deadline_nobody_reads_it_here(sign_in, staff, evaluator, bid_with_document):
    bid, document = bid_with_document
    for person in (staff, evaluator):
        assert sign_in(person).get(_url(bid, document)).status_code == 403
    assert not Opening.objects.exists()


def test_after_the_deadline_those_who_judge_it_read_it_and_each_reading_is_recorded(
    sign_in, staff, evaluator, bid_with_document, closed
):
    bid, document = bid_with_document
    closed(bid.opportunity)
    response = sign_in(staff).get(_url(bid, document))
    assert response.status_code == 200
    assert (
        b"".join(response.streaming_content if response.streaming else [response.content]) == POLICY
    )
    assert "policy.pdf" in response["Content-Disposition"]
    assert Opening.objects.filter(bid=bid, opened_by=staff).exists()
    seat = Evaluator.objects.get(user=evaluator)
    client = sign_in(evaluator)
    assert client.get(_url(bid, document)).status_code == 403  # conflicts not declared yet
    seat.conflicts_declared_at = timezone.now()
    seat.save()
    assert client.get(_url(bid, document)).status_code == 200
    assert Opening.objects.filter(bid=bid, opened_by=evaluator).exists()
    # The score page lists it by its title.
    page = client.get(
        reverse("competitions:score", kwargs={"pk": bid.opportunity_id, "bid_pk": bid.pk})
    ).content.decode()
    assert "Safeguarding policy" in page and _url(bid, document) in page


def test_a_conflicted_evaluator_and_everyone_else_cannot(
    sign_in,
    evaluator,
    bid_with_document,
    closed,
    stranger,
    resident,
    self_made_bidder,
    bidder_people,
    back_office,
):
    bid, document = bid_with_document
    closed(bid.opportunity)
    seat = Evaluator.objects.get(user=evaluator)
    seat.conflicts_declared_at = timezone.now()
    seat.save()
    Conflict.objects.create(
        evaluator=seat,
        organisation=bid.organisation,
        has_conflict=True,
        details="I chair its board.",
    )
    assert sign_in(evaluator).get(_url(bid, document)).status_code in (403, 404)
    assert Client().get(_url(bid, document)).status_code == 302  # to sign in
    for person in (stranger, resident, self_made_bidder, bidder_people[1]):
        assert sign_in(person).get(_url(bid, document)).status_code in (403, 404)
    assert not Opening.objects.filter(opened_by__in=[evaluator, stranger, resident]).exists()


def test_a_document_of_another_bid_or_a_huge_id_is_not_found(
    sign_in, staff, bid_with_document, closed
):
    bid, document = bid_with_document
    closed(bid.opportunity)
    client = sign_in(staff)
    for kwargs in (
        {"pk": bid.opportunity_id, "bid_pk": bid.pk, "document_pk": 2**70},
        {"pk": bid.opportunity_id, "bid_pk": 2**70, "document_pk": document.pk},
        {"pk": 2**70, "bid_pk": bid.pk, "document_pk": document.pk},
    ):
        assert client.get(reverse("competitions:bid-document", kwargs=kwargs)).status_code == 404
