"""Sealing bids: plain pytest, no database."""

import base64
import contextlib
import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from commonweal.competitions import sealing
from commonweal.competitions.sealing import (
    BidsClosed,
    CannotOpen,
    Sealed,
    StillSealed,
    check_receipt,
    open_document,
    open_sealed,
    receipt,
    release_key,
    seal,
    seal_document,
    sealing_key,
)

MASTER = bytes(range(32))
TENDER = "ocds-abc123-tender-0001"
DEADLINE = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
BEFORE = DEADLINE - timedelta(seconds=1)
PHRASE = b"we will employ twelve apprentices from Walsall"
BID = b'{"price": "184500.00", "answers": {"q1": "' + PHRASE + b' and pay the Real Living Wage"}}'
SALT = bytes([7]) * 32


def key() -> bytes:
    return sealing_key(master=MASTER, tender_id=TENDER, deadline=DEADLINE, now=BEFORE)


def test_a_sealed_bid_opens_with_the_same_key_tender_and_bid():
    sealed = seal(BID, tender_key=key(), bid_id="bid-1", tender_id=TENDER)
    opening_key = release_key(master=MASTER, tender_id=TENDER, deadline=DEADLINE, now=DEADLINE)

    assert open_sealed(sealed, tender_key=opening_key, bid_id="bid-1", tender_id=TENDER) == BID


@pytest.mark.parametrize("stored", ["bytes", "json"])
def test_what_the_database_keeps_opens_after_a_round_trip(stored):
    sealed = seal(BID, tender_key=key(), bid_id="bid-1", tender_id=TENDER)
    if stored == "bytes":
        kept = Sealed.from_bytes(sealed.to_bytes())
    else:
        kept = Sealed.from_json(json.loads(json.dumps(sealed.as_json())))

    assert kept == sealed
    assert open_sealed(kept, tender_key=key(), bid_id="bid-1", tender_id=TENDER) == BID


def test_open_sealed_takes_the_stored_forms_directly():
    sealed = seal(BID, tender_key=key(), bid_id="bid-1", tender_id=TENDER)

    for form in (sealed.to_bytes(), memoryview(sealed.to_bytes()), sealed.as_json()):
        assert open_sealed(form, tender_key=key(), bid_id="bid-1", tender_id=TENDER) == BID


def test_the_sealed_forms_hold_no_fragment_of_the_bid():
    sealed = seal(BID, tender_key=key(), bid_id="bid-1", tender_id=TENDER)
    stored_bytes = sealed.to_bytes()
    stored_json = json.dumps(sealed.as_json()).encode()

    for fragment in (PHRASE, b"apprentices", b"184500", base64.b64encode(PHRASE)[:16]):
        assert fragment not in stored_bytes
        assert fragment not in stored_json


def test_the_same_bid_sealed_twice_differs():
    first = seal(BID, tender_key=key(), bid_id="bid-1", tender_id=TENDER)
    second = seal(BID, tender_key=key(), bid_id="bid-1", tender_id=TENDER)

    assert first.nonce != second.nonce
    assert first.ciphertext != second.ciphertext


def test_a_wrong_key_cannot_open_it():
    sealed = seal(BID, tender_key=key(), bid_id="bid-1", tender_id=TENDER)
    other_master = sealing_key(master=bytes(32), tender_id=TENDER, deadline=DEADLINE, now=BEFORE)

    with pytest.raises(CannotOpen):
        open_sealed(sealed, tender_key=other_master, bid_id="bid-1", tender_id=TENDER)
    with pytest.raises(CannotOpen):
        open_sealed(sealed, tender_key=bytes(32), bid_id="bid-1", tender_id=TENDER)


def test_a_bid_cannot_be_moved_to_another_bid_or_tender():
    sealed = seal(BID, tender_key=key(), bid_id="bid-1", tender_id=TENDER)

    with pytest.raises(CannotOpen):
        open_sealed(sealed, tender_key=key(), bid_id="bid-2", tender_id=TENDER)
    with pytest.raises(CannotOpen):
        open_sealed(sealed, tender_key=key(), bid_id="bid-1", tender_id="ocds-abc123-tender-0002")


def test_ids_cannot_be_shifted_between_tender_and_bid():
    sealed = seal(BID, tender_key=key(), bid_id="1\n2", tender_id=TENDER)

    with pytest.raises(CannotOpen):
        open_sealed(sealed, tender_key=key(), bid_id="1", tender_id=TENDER + "\n2")


def test_each_tender_has_its_own_key():
    other = sealing_key(
        master=MASTER, tender_id="ocds-abc123-tender-0002", deadline=DEADLINE, now=BEFORE
    )

    assert other != key()
    assert len(key()) == 32


def test_a_flipped_byte_anywhere_is_refused():
    stored = seal(BID, tender_key=key(), bid_id="bid-1", tender_id=TENDER).to_bytes()

    for position in range(len(stored)):
        changed = bytearray(stored)
        changed[position] ^= 0x01
        with pytest.raises(CannotOpen):
            open_sealed(bytes(changed), tender_key=key(), bid_id="bid-1", tender_id=TENDER)


def test_a_changed_or_broken_json_form_is_refused():
    stored = seal(BID, tender_key=key(), bid_id="bid-1", tender_id=TENDER).as_json()
    ciphertext = bytearray(base64.b64decode(stored["ciphertext"]))
    ciphertext[0] ^= 0x80
    changed = stored | {"ciphertext": base64.b64encode(bytes(ciphertext)).decode()}

    for broken in (changed, stored | {"version": 2}, stored | {"nonce": "not base64!"}, {}):
        with pytest.raises(CannotOpen):
            open_sealed(broken, tender_key=key(), bid_id="bid-1", tender_id=TENDER)


def test_a_document_is_sealed_to_its_bid_and_its_own_id():
    pdf = b"%PDF-1.7 method statement: " + PHRASE
    sealed = seal_document(
        pdf, tender_key=key(), bid_id="bid-1", tender_id=TENDER, document_id="doc-9"
    )

    assert PHRASE not in sealed.to_bytes()
    assert (
        open_document(
            sealed, tender_key=key(), bid_id="bid-1", tender_id=TENDER, document_id="doc-9"
        )
        == pdf
    )
    with pytest.raises(CannotOpen):
        open_document(
            sealed, tender_key=key(), bid_id="bid-1", tender_id=TENDER, document_id="doc-8"
        )
    # A document cannot stand in for the bid's answers, nor the answers for a document.
    with pytest.raises(CannotOpen):
        open_sealed(sealed, tender_key=key(), bid_id="bid-1", tender_id=TENDER)
    answers = seal(BID, tender_key=key(), bid_id="bid-1", tender_id=TENDER)
    with pytest.raises(CannotOpen):
        open_document(
            answers, tender_key=key(), bid_id="bid-1", tender_id=TENDER, document_id="content"
        )


def test_more_than_the_size_limit_is_not_sealed():
    with pytest.raises(ValueError):
        seal(
            bytes(sealing.MAX_PLAINTEXT_BYTES + 1),
            tender_key=key(),
            bid_id="bid-1",
            tender_id=TENDER,
        )


def test_the_key_is_not_released_before_the_deadline():
    with pytest.raises(StillSealed) as refused:
        release_key(master=MASTER, tender_id=TENDER, deadline=DEADLINE, now=BEFORE)

    assert str(refused.value) == "The bids for this tender stay sealed until its deadline."
    assert refused.value.deadline == DEADLINE


def test_the_key_is_released_at_and_after_the_deadline():
    at = release_key(master=MASTER, tender_id=TENDER, deadline=DEADLINE, now=DEADLINE)
    later = release_key(
        master=MASTER, tender_id=TENDER, deadline=DEADLINE, now=DEADLINE + timedelta(days=3)
    )

    assert at == later == key()


def test_the_gate_compares_instants_not_clock_faces():
    # 12:59:59 in UTC+1 is 11:59:59 UTC, a second before the deadline.
    plus_one = timezone(timedelta(hours=1))
    with pytest.raises(StillSealed):
        release_key(
            master=MASTER,
            tender_id=TENDER,
            deadline=DEADLINE,
            now=datetime(2027, 3, 1, 12, 59, 59, tzinfo=plus_one),
        )
    assert release_key(
        master=MASTER,
        tender_id=TENDER,
        deadline=DEADLINE,
        now=datetime(2027, 3, 1, 13, 0, 0, tzinfo=plus_one),
    )


def test_no_bid_is_sealed_from_the_deadline_on():
    with pytest.raises(BidsClosed) as refused:
        sealing_key(master=MASTER, tender_id=TENDER, deadline=DEADLINE, now=DEADLINE)

    assert str(refused.value) == "The deadline for this tender has passed. Bids are closed."


def test_extending_the_deadline_keeps_the_bids_already_sealed():
    sealed = seal(BID, tender_key=key(), bid_id="bid-1", tender_id=TENDER)
    extended = DEADLINE + timedelta(days=7)
    opening_key = release_key(master=MASTER, tender_id=TENDER, deadline=extended, now=extended)

    assert open_sealed(sealed, tender_key=opening_key, bid_id="bid-1", tender_id=TENDER) == BID


@pytest.mark.parametrize("gate", [release_key, sealing_key])
def test_naive_times_are_refused(gate):
    naive = datetime(2027, 3, 1, 12, 0)
    with pytest.raises(ValueError):
        gate(master=MASTER, tender_id=TENDER, deadline=naive, now=DEADLINE)
    with pytest.raises(ValueError):
        gate(master=MASTER, tender_id=TENDER, deadline=DEADLINE, now=naive)


def test_a_short_master_secret_is_refused():
    with pytest.raises(ValueError):
        release_key(master=b"short", tender_id=TENDER, deadline=DEADLINE, now=DEADLINE)


SUBMITTED = datetime(2027, 2, 28, 16, 5, 9, 250000, tzinfo=UTC)


def receipt_of(**changes):
    given = {
        "tender_id": TENDER,
        "bid_id": "bid-1",
        "submitted_at": SUBMITTED,
        "plaintext": b"price 184500.00",
        "salt": SALT,
    }
    return receipt(**(given | changes))


def test_a_receipt_is_the_hash_of_its_documented_text():
    text = (
        "cw-bid-receipt-v1\n"
        '"ocds-abc123-tender-0001"\n'
        '"bid-1"\n'
        "2027-02-28T16:05:09.250000Z\n"
        + "07" * 32
        + "\n"
        + hashlib.sha256(b"price 184500.00").hexdigest()
    )

    assert receipt_of() == "v1:" + hashlib.sha256(text.encode()).hexdigest()


def test_a_receipt_is_the_same_for_the_same_bid_and_instant():
    in_london_summer = timezone(timedelta(hours=1))

    assert receipt_of() == receipt_of()
    assert receipt_of() == receipt_of(submitted_at=SUBMITTED.astimezone(in_london_summer))


@pytest.mark.parametrize(
    "change",
    [
        {"tender_id": "ocds-abc123-tender-0002"},
        {"bid_id": "bid-2"},
        {"submitted_at": SUBMITTED + timedelta(microseconds=1)},
        {"plaintext": b"price 184500.01"},
        {"salt": bytes([8]) * 32},
    ],
)
def test_any_change_gives_another_receipt(change):
    assert receipt_of(**change) != receipt_of()


def test_a_bidder_checks_their_receipt_after_opening():
    kept = receipt_of()
    given = {
        "tender_id": TENDER,
        "bid_id": "bid-1",
        "submitted_at": SUBMITTED,
        "plaintext": b"price 184500.00",
        "salt": SALT,
    }

    assert check_receipt(kept, **given)
    assert check_receipt("  " + kept.upper() + "\n", **given)
    assert not check_receipt(kept, **(given | {"plaintext": b"price 190000.00"}))
    assert not check_receipt("v1:" + "0" * 64, **given)


def test_naive_submission_times_are_refused():
    with pytest.raises(ValueError):
        receipt_of(submitted_at=datetime(2027, 2, 28, 16, 5, 9))


def test_a_database_copy_before_the_deadline_opens_nothing():
    """Everything the database would hold is tried as a key, and as a master secret."""
    bids = {
        "bid-1": b'{"price": "184500.00"}',
        "bid-2": b'{"price": "99000.00"}',
    }
    salts = {bid_id: sealing.new_receipt_salt() for bid_id in bids}
    database: dict[str, Any] = {
        "tender": {"id": TENDER, "deadline": DEADLINE.isoformat()},
        "bids": [
            {
                "id": bid_id,
                "sealed": seal(
                    content, tender_key=key(), bid_id=bid_id, tender_id=TENDER
                ).as_json(),
                "receipt": receipt_of(bid_id=bid_id, plaintext=content, salt=salts[bid_id]),
                "submitted_at": SUBMITTED.isoformat(),
            }
            for bid_id, content in bids.items()
        ],
    }
    dump = json.dumps(database).encode()
    assert MASTER not in dump and key() not in dump
    for content in bids.values():
        assert content not in dump

    stored_values: list[str] = []

    def gather(value):
        if isinstance(value, dict):
            for name, inner in value.items():
                stored_values.append(name)
                gather(inner)
        elif isinstance(value, list):
            for inner in value:
                gather(inner)
        else:
            stored_values.append(str(value))

    gather(database)
    candidates: set[bytes] = set()
    for text in stored_values:
        raw = [text.encode(), text.removeprefix("v1:").encode()]
        for decode in (base64.b64decode, bytes.fromhex):
            with contextlib.suppress(ValueError):
                raw.append(decode(text.removeprefix("v1:")))
        for value in raw:
            candidates.add(value)
            candidates.add(hashlib.sha256(value).digest())
            candidates.add(value[:32].ljust(32, b"\0"))

    after = DEADLINE + timedelta(days=1)
    for candidate in candidates:
        tender_keys = [candidate[:32].ljust(32, b"\0")]
        if len(candidate) >= 32:
            tender_keys.append(
                release_key(master=candidate, tender_id=TENDER, deadline=DEADLINE, now=after)
            )
        for tender_key in tender_keys:
            for row in database["bids"]:
                with pytest.raises(CannotOpen):
                    open_sealed(
                        row["sealed"], tender_key=tender_key, bid_id=row["id"], tender_id=TENDER
                    )

    # The receipts do not give the price away either: without the sealed salt, trying every
    # likely price with every stored value as the salt matches no receipt.
    prices = [f'{{"price": "{pounds}.00"}}'.encode() for pounds in range(90000, 190001, 500)]
    receipts = {row["receipt"] for row in database["bids"]}
    for salt in candidates:
        if len(salt) < 32:
            continue
        for bid_id in bids:
            for price in prices:
                guess = receipt_of(bid_id=bid_id, plaintext=price, salt=salt)
                assert guess not in receipts

    # With the master secret, after the deadline, every bid opens and its receipt checks.
    opening_key = release_key(master=MASTER, tender_id=TENDER, deadline=DEADLINE, now=after)
    for row in database["bids"]:
        content = open_sealed(
            row["sealed"], tender_key=opening_key, bid_id=row["id"], tender_id=TENDER
        )
        assert content == bids[row["id"]]
        assert check_receipt(
            row["receipt"],
            tender_id=TENDER,
            bid_id=row["id"],
            submitted_at=SUBMITTED,
            plaintext=content,
            salt=salts[row["id"]],
        )
