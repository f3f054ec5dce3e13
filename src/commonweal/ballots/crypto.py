"""Sealing a waiting ballot: AES-256-GCM from the ``cryptography`` library, with a key derived by HKDF
from ``settings.SECRET_KEY``. The box and slot are bound in as associated data, so a sealed ballot
cannot be moved to another voter's row. Ballots sealed under a key in ``SECRET_KEY_FALLBACKS``
still open, so rotating the secret loses no waiting ballot."""

import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

INFO = b"commonweal.ballots.pending.v1"
NONCE_BYTES = 12


class CannotOpen(Exception):
    """The sealed ballot was changed, or was sealed under a secret this server does not have."""


def _aead(secret_key: str) -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO).derive(
        secret_key.encode()
    )
    return AESGCM(key)


def _aad(box: str, slot: str) -> bytes:
    return f"{box}\n{slot}".encode()


def seal(*, box: str, slot: str, key: str, content: dict) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    plain = json.dumps(
        {"key": key, "content": content}, sort_keys=True, separators=(",", ":")
    ).encode()
    return nonce + _aead(settings.SECRET_KEY).encrypt(nonce, plain, _aad(box, slot))


def open_sealed(*, box: str, slot: str, sealed: bytes | memoryview) -> tuple[str, dict]:
    """The voter's key and the ballot's content."""
    sealed = bytes(sealed)
    nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    for secret_key in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        try:
            plain = _aead(secret_key).decrypt(nonce, body, _aad(box, slot))
        except InvalidTag:
            continue
        data = json.loads(plain)
        return data["key"], data["content"]
    raise CannotOpen(box)
