"""A copy of everything stored before the deadline (every table, every uploaded file) holds nothing a
bidder typed: not in the bid, not in the audit trail, not in a session, a notification, a task or a
log of changes. A bid is made the way a bidder makes it, through the pages and the API, with a
document; then the whole database and the media folder are read as a database administrator would.
After the deadline the same bid opens, and the receipt checks."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from commonweal.competitions import vault
from commonweal.competitions.models import Bid, Criterion

pytestmark = pytest.mark.django_db

ANSWER = "Kestrel-7731: we would open the café in the old Quayside ferry ticket hall"
PRICE = "1234987.65"
DOCUMENT = b"%PDF-1.4\n% Marmalade-4412 safeguarding policy, revised\n%%EOF\n"
MEMBER = "Otterburn Peer Collective"


def _everything_stored() -> list[tuple[str, str, object]]:
    """Every value in every table: (table, column, value)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                found.extend(
                    (table, column, value) for column, value in zip(columns, row, strict=True)
                )
    return found


def _contains(value, secret: bytes) -> bool:
    if value is None:
        return False
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        return secret in value
    return secret.decode() in str(value)


def test_nothing_a_bidder_typed_is_anywhere_in_a_copy_taken_before_the_deadline(
    sign_in, bidder_people, bidders, opportunity, staff, closed, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    browser = sign_in(bidder_people[0])
    organisation = bidders[0]
    query = f"?organisation={organisation.pk}"
    start = reverse("competitions:bid", kwargs={"pk": opportunity.pk})
    browser.post(start, {"organisation": organisation.pk})
    bid = Bid.objects.get(opportunity=opportunity, organisation=organisation)
    criterion = Criterion.objects.filter(opportunity=opportunity, question__gt="").first()
    answered = browser.post(
        reverse(
            "competitions:bid-answer", kwargs={"pk": opportunity.pk, "criterion_pk": criterion.pk}
        )
        + query,
        {"answer": ANSWER},
    )
    assert answered.status_code == 302
    # The rest through the API, as a bidder's own software would.
    api = browser.put(
        reverse("api:opportunity-bid", kwargs={"pk": opportunity.pk}) + query,
        data={
            **browser.get(
                reverse("api:opportunity-bid", kwargs={"pk": opportunity.pk}) + query
            ).json()["content"],
            "price": PRICE,
            "members": [{"name": MEMBER, "role": "subcontractor", "share": "10"}],
        },
        content_type="application/json",
    )
    assert api.status_code == 200, api.content
    uploaded = browser.post(
        reverse("competitions:bid-documents", kwargs={"pk": opportunity.pk}) + query,
        {
            "action": "add",
            "title": "Our policy",
            "file": SimpleUploadedFile("policy.pdf", DOCUMENT, "application/pdf"),
        },
    )
    assert uploaded.status_code in (200, 302)
    bid.refresh_from_db()
    assert bid.documents.count() == 1

    secrets = [ANSWER.encode(), b"Kestrel-7731", b"1234987", MEMBER.encode(), b"Marmalade-4412"]
    stored = _everything_stored()
    # The scan finds what is stored in the clear (the opportunity's title), so it would find a leak.
    assert any(_contains(value, opportunity.title.encode()) for _t, _c, value in stored)
    leaks = [
        (table, column)
        for table, column, value in stored
        for secret in secrets
        if _contains(value, secret)
    ]
    assert leaks == []
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert not any(secret in path.read_bytes() for secret in secrets), path

    # After the deadline, the bid opens whole for those who run it (and only through the vault).
    closed(opportunity)
    bid = Bid.objects.get(pk=bid.pk)
    _salt, content = vault.open_bid(bid, actor=staff, why="Opening the bids")
    assert content.answers[str(criterion.pk)] == ANSWER
    assert str(content.price) == PRICE and content.members[0].name == MEMBER
    document = bid.documents.get()
    assert (
        vault.document_bytes(document, own=False, actor=staff, why="Opening the bids") == DOCUMENT
    )
