"""Keyed hashes: a voter's opaque ballot key, and the hashes kept for eligibility lists and codes.

The key is derived from ``settings.SECRET_KEY`` so that nothing stored in the database, alone,
links a person to their ballot.
"""

import hashlib
import hmac
import secrets

from django.conf import settings

# Unambiguous letters and digits for printed codes: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _key(purpose: str) -> bytes:
    return hashlib.sha256(f"commonweal.participation.{purpose}:{settings.SECRET_KEY}".encode()).digest()


def _hmac(purpose: str, message: str) -> str:
    return hmac.new(_key(purpose), message.encode(), hashlib.sha256).hexdigest()


def ballot_key(round_id: int, person_id: int) -> str:
    """The opaque key of this person's ballot in this round."""
    return _hmac("ballot", f"{round_id}:{person_id}")


def anonymous_ballot_key() -> str:
    """A key nobody can find again: for paper and imported ballots."""
    return secrets.token_hex(32)


def normalise_identifier(text: str) -> str:
    return "".join(text.split()).lower()


def identifier_digest(round_id: int, identifier: str) -> str:
    """The hash kept for an email address or reference number on an eligibility list."""
    return _hmac("eligibility", f"{round_id}:{normalise_identifier(identifier)}")


def normalise_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def code_digest(round_id: int, code: str) -> str:
    return _hmac("code", f"{round_id}:{normalise_code(code)}")


def new_code() -> str:
    """A code like ``KX7P-M2QD``, for printing."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"
