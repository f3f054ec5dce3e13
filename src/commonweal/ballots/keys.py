"""Keyed hashes for the ballot box, derived from ``settings.SECRET_KEY``.

A voter's key in a box is ``HMAC(secret for "<app>.ballot", "<object id>:<person id>")``, where the
box is named ``"<app>.<kind>:<object id>"``: for a community budget round that is exactly the key
its ballots have always had, and keys in boxes of different apps never collide.
"""

import hashlib
import hmac
import secrets

from django.conf import settings


def secret(purpose: str, secret_key: str | None = None) -> bytes:
    """A key for one purpose, derived from the site's secret."""
    return hashlib.sha256(
        f"commonweal.{purpose}:{secret_key or settings.SECRET_KEY}".encode()
    ).digest()


def keyed_hash(purpose: str, message: str) -> str:
    return hmac.new(secret(purpose), message.encode(), hashlib.sha256).hexdigest()


def box_name(kind: str, object_id) -> str:
    """The name of a box, like ``participation.round:12``."""
    return f"{kind}:{object_id}"


def split_box(box: str) -> tuple[str, str]:
    """``("participation.round", "12")`` from ``"participation.round:12"``."""
    kind, _sep, object_id = box.rpartition(":")
    if not kind or not object_id:
        raise ValueError(f"Not a ballot box name: {box!r}")
    return kind, object_id


def voter_key(box: str, person_id: int) -> str:
    """The opaque key of this person's ballot in this box."""
    kind, object_id = split_box(box)
    app = kind.split(".", 1)[0]
    return keyed_hash(f"{app}.ballot", f"{object_id}:{person_id}")


def anonymous_key() -> str:
    """A key nobody can find again: for paper and imported ballots."""
    return secrets.token_hex(32)


def slot(box: str, key: str) -> str:
    """Where a key's ballot waits in a box. Not the key itself, so a waiting ballot and the ballot it
    becomes cannot be matched without the secret."""
    return keyed_hash("ballots.slot", f"{box}:{key}")
