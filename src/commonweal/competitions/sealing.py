"""Sealing bids until the tender's deadline: plain Python, the ``cryptography`` library only.

The design (envelope encryption with nothing per tender to store):

- One master secret, 32 random bytes or more (``new_master_key``), is held outside the database,
  as the audit trail's keys are: a setting read from the environment or a key file.
- Each tender's 256-bit key is derived from it with HKDF-SHA256, the tender's id bound in. The
  tender key is never stored anywhere: it is derived again when it is needed. The deadline is not
  part of the derivation, so extending a deadline keeps every bid already sealed.
- Each bid's content and each of its documents is sealed with AES-256-GCM under the tender key,
  with a fresh random 96-bit nonce, and the tender id, bid id and part as associated data, so a
  sealed bid cannot be moved to another bid, tender or part. The database keeps only ``Sealed``
  values (version, nonce, ciphertext), which are useless without the master secret.
- ``sealing_key`` gives the tender key while bids are open; ``release_key`` gives it only once the
  deadline has come. The key is symmetric, so that split is the application's rule: the real
  protection, against a copy of the database or anyone who can read it, is that the master
  secret is not in it.

A tender id must never be reused by another tender (use its UUID or OCDS ocid, not a row number a
reset database could give again), or the second tender would share a key already released.

Everything is held in memory: content and documents up to ``MAX_PLAINTEXT_BYTES`` (the upload
checks refuse larger files first).

A receipt is a SHA-256 over a documented, versioned text of the tender id, bid id, the time of
submission, a random salt and the SHA-256 of the content (``receipt_text``). The salt is sealed
with the bid and shown to the bidder: without it, a price-only bid's receipt could be matched by
trying every likely price.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from commonweal.messages import Message, gettext_noop, message

__all__ = [
    "CONTENT",
    "KEY_BYTES",
    "MAX_PLAINTEXT_BYTES",
    "BidsClosed",
    "CannotOpen",
    "Sealed",
    "SealingError",
    "StillSealed",
    "bids_open",
    "check_receipt",
    "new_master_key",
    "new_receipt_salt",
    "open_document",
    "open_sealed",
    "receipt",
    "receipt_text",
    "release_key",
    "seal",
    "seal_document",
    "sealing_key",
]

VERSION = 1
KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 32
MASTER_MIN_BYTES = 32
MAX_PLAINTEXT_BYTES = 64 * 1024 * 1024
CONTENT = "content"

_HKDF_SALT = b"commonweal.competitions.sealing"
_KEY_INFO = b"cw-tender-key-v1"
_AAD_LABEL = "cw-bid-sealed-v1"
_RECEIPT_LABEL = "cw-bid-receipt-v1"
_RECEIPT_PREFIX = "v1:"


class SealingError(Exception):
    """A refusal with a sentence for people (``message``)."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))


class StillSealed(SealingError):
    """The deadline has not come, so the tender's key is not released."""

    def __init__(self, deadline: datetime):
        self.deadline = deadline
        super().__init__(
            message(gettext_noop("The bids for this tender stay sealed until its deadline."))
        )


class BidsClosed(SealingError):
    """The deadline has come, so no more bids are sealed for this tender."""

    def __init__(self, deadline: datetime):
        self.deadline = deadline
        super().__init__(
            message(gettext_noop("The deadline for this tender has passed. Bids are closed."))
        )


class CannotOpen(SealingError):
    """Changed, sealed for another bid, tender or part, or the key is wrong: AES-GCM cannot tell."""

    def __init__(self) -> None:
        super().__init__(
            message(
                gettext_noop(
                    "This sealed bid cannot be opened. It has been changed, or it belongs to "
                    "another bid or tender, or the key is wrong."
                )
            )
        )


@dataclass(frozen=True)
class Sealed:
    """What the database keeps of a sealed bid or document."""

    version: int
    nonce: bytes
    ciphertext: bytes

    def to_bytes(self) -> bytes:
        """One byte of version, the 12-byte nonce, then the ciphertext with its 16-byte tag."""
        return bytes([self.version]) + self.nonce + self.ciphertext

    @classmethod
    def from_bytes(cls, data: bytes | memoryview) -> Sealed:
        data = bytes(data)
        if len(data) < 1 + NONCE_BYTES + 16 or data[0] != VERSION:
            raise CannotOpen()
        return cls(data[0], data[1 : 1 + NONCE_BYTES], data[1 + NONCE_BYTES :])

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "nonce": base64.b64encode(self.nonce).decode(),
            "ciphertext": base64.b64encode(self.ciphertext).decode(),
        }

    @classmethod
    def from_json(cls, data: Any) -> Sealed:
        try:
            version = data["version"]
            nonce = base64.b64decode(data["nonce"], validate=True)
            ciphertext = base64.b64decode(data["ciphertext"], validate=True)
        except (KeyError, TypeError, ValueError, binascii.Error):
            raise CannotOpen() from None
        if version != VERSION or len(nonce) != NONCE_BYTES or len(ciphertext) < 16:
            raise CannotOpen()
        return cls(version, nonce, ciphertext)


def new_master_key() -> bytes:
    """A fresh master secret: 32 random bytes (keep it outside the database, never in it)."""
    return os.urandom(KEY_BYTES)


def _aware(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")
    return moment


def bids_open(*, deadline: datetime, now: datetime) -> bool:
    """Bids are taken while now is before the deadline; from the deadline on, they may be opened."""
    return _aware(now, "now") < _aware(deadline, "deadline")


def _tender_key(master: bytes, tender_id: str) -> bytes:
    if len(master) < MASTER_MIN_BYTES:
        raise ValueError(f"the master secret must be at least {MASTER_MIN_BYTES} bytes")
    if not tender_id:
        raise ValueError("a tender id is needed")
    info = _KEY_INFO + b"\x00" + tender_id.encode()
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=_HKDF_SALT, info=info).derive(
        master
    )


def sealing_key(*, master: bytes, tender_id: str, deadline: datetime, now: datetime) -> bytes:
    """The tender's key for sealing bids, only while bids are open (else BidsClosed)."""
    if not bids_open(deadline=deadline, now=now):
        raise BidsClosed(deadline)
    return _tender_key(master, tender_id)


def release_key(*, master: bytes, tender_id: str, deadline: datetime, now: datetime) -> bytes:
    """The tender's key for opening bids: the one place it is released, from the deadline on."""
    if bids_open(deadline=deadline, now=now):
        raise StillSealed(deadline)
    return _tender_key(master, tender_id)


def _associated_data(tender_id: str, bid_id: str, part: str) -> bytes:
    # A JSON list of strings: no choice of ids can make two different triples read the same.
    return f"{_AAD_LABEL}\n{json.dumps([tender_id, bid_id, part])}".encode()


def _cipher(tender_key: bytes) -> AESGCM:
    if len(tender_key) != KEY_BYTES:
        raise ValueError(f"a tender key is {KEY_BYTES} bytes")
    return AESGCM(tender_key)


def seal(
    plaintext: bytes, *, tender_key: bytes, bid_id: str, tender_id: str, part: str = CONTENT
) -> Sealed:
    """The bid's content sealed under the tender key, bound to this tender, bid and part."""
    if len(plaintext) > MAX_PLAINTEXT_BYTES:
        raise ValueError(f"more than {MAX_PLAINTEXT_BYTES} bytes to seal")
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = _cipher(tender_key).encrypt(
        nonce, plaintext, _associated_data(tender_id, bid_id, part)
    )
    return Sealed(VERSION, nonce, ciphertext)


def open_sealed(
    sealed: Sealed | bytes | memoryview | dict[str, Any],
    *,
    tender_key: bytes,
    bid_id: str,
    tender_id: str,
    part: str = CONTENT,
) -> bytes:
    """The content, or CannotOpen if it was changed or sealed for another tender, bid or part."""
    if isinstance(sealed, dict):
        sealed = Sealed.from_json(sealed)
    elif not isinstance(sealed, Sealed):
        sealed = Sealed.from_bytes(sealed)
    if sealed.version != VERSION:
        raise CannotOpen()
    try:
        return _cipher(tender_key).decrypt(
            sealed.nonce, sealed.ciphertext, _associated_data(tender_id, bid_id, part)
        )
    except InvalidTag:
        raise CannotOpen() from None


def _document_part(document_id: str) -> str:
    if not document_id:
        raise ValueError("a document id is needed")
    return f"document:{document_id}"


def seal_document(
    content: bytes, *, tender_key: bytes, bid_id: str, tender_id: str, document_id: str
) -> Sealed:
    """A bid's document (the file's bytes) sealed like its content, bound to the document id too."""
    return seal(
        content,
        tender_key=tender_key,
        bid_id=bid_id,
        tender_id=tender_id,
        part=_document_part(document_id),
    )


def open_document(
    sealed: Sealed | bytes | memoryview | dict[str, Any],
    *,
    tender_key: bytes,
    bid_id: str,
    tender_id: str,
    document_id: str,
) -> bytes:
    return open_sealed(
        sealed,
        tender_key=tender_key,
        bid_id=bid_id,
        tender_id=tender_id,
        part=_document_part(document_id),
    )


def new_receipt_salt() -> bytes:
    """The receipt's salt: sealed with the bid and shown to the bidder, never stored in the clear."""
    return os.urandom(SALT_BYTES)


def receipt_text(
    *, tender_id: str, bid_id: str, submitted_at: datetime, plaintext: bytes, salt: bytes
) -> str:
    """The text a receipt hashes, one field a line:

    ``cw-bid-receipt-v1``, the tender id and the bid id as JSON strings, the time of submission in
    UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``, the salt in hex, and the SHA-256 of the content in hex.
    """
    moment = _aware(submitted_at, "submitted_at").astimezone(UTC)
    return "\n".join(
        [
            _RECEIPT_LABEL,
            json.dumps(tender_id),
            json.dumps(bid_id),
            moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            salt.hex(),
            hashlib.sha256(plaintext).hexdigest(),
        ]
    )


def receipt(
    *, tender_id: str, bid_id: str, submitted_at: datetime, plaintext: bytes, salt: bytes
) -> str:
    """``v1:`` and the SHA-256 of ``receipt_text`` in hex: what the bidder is shown and keeps."""
    if len(salt) < SALT_BYTES:
        raise ValueError(f"a receipt's salt is at least {SALT_BYTES} bytes")
    text = receipt_text(
        tender_id=tender_id,
        bid_id=bid_id,
        submitted_at=submitted_at,
        plaintext=plaintext,
        salt=salt,
    )
    return _RECEIPT_PREFIX + hashlib.sha256(text.encode()).hexdigest()


def check_receipt(
    shown: str,
    *,
    tender_id: str,
    bid_id: str,
    submitted_at: datetime,
    plaintext: bytes,
    salt: bytes,
) -> bool:
    """Whether a receipt the bidder kept matches the opened bid (spaces and case ignored)."""
    expected = receipt(
        tender_id=tender_id,
        bid_id=bid_id,
        submitted_at=submitted_at,
        plaintext=plaintext,
        salt=salt,
    )
    given = "".join(shown.split()).lower()
    return hmac.compare_digest(given.encode(), expected.encode())
