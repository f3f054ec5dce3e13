"""Keyed hashes: a voter's opaque ballot key, and the hashes kept for eligibility lists and codes.

The keys are derived from ``settings.SECRET_KEY`` (by the ballot box's ``keys``, the one rule for every
kind of vote) so that nothing stored in the database, alone, links a person to their ballot.
"""

import secrets

from commonweal.ballots import keys as box_keys

# Unambiguous letters and digits for printed codes: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


BOX_KIND = "participation.round"


def _hmac(purpose: str, message: str) -> str:
    return box_keys.keyed_hash(f"participation.{purpose}", message)


def box(round_id: int) -> str:
    """The name of a round's ballot box."""
    return box_keys.box_name(BOX_KIND, round_id)


def ballot_key(round_id: int, person_id: int) -> str:
    """The opaque key of this person's ballot in this round."""
    return box_keys.voter_key(box(round_id), person_id)


anonymous_ballot_key = box_keys.anonymous_key


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
