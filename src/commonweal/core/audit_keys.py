"""The audit trail's two keys, both kept out of the database.

``AUDIT_KEY`` makes each seal's hash an HMAC: someone with only the database
cannot recompute the chain after changing an entry. ``AUDIT_SIGNING_KEY`` is an
Ed25519 private key that signs checkpoints; its public key is published so that
anyone can check a checkpoint they kept. The demo, DEBUG and the tests derive
both from ``SECRET_KEY`` (and ``commonweal check`` warns about it).
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def _derived(purpose: bytes) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), purpose, hashlib.sha256).digest()


def hmac_key() -> bytes:
    """The key for sealing hashes: AUDIT_KEY, or one derived from SECRET_KEY outside production."""
    if settings.AUDIT_KEY:
        return settings.AUDIT_KEY.encode()
    return _derived(b"commonweal audit hash key")


@lru_cache(maxsize=4)
def _private_key(configured: str | None, secret_key: str) -> Ed25519PrivateKey:
    if not configured:
        return Ed25519PrivateKey.from_private_bytes(_derived(b"commonweal audit signing key"))
    text = configured.strip()
    try:
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_private_key(text.encode(), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise ValueError("not an Ed25519 key")
            return key
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(text, validate=True))
    except ValueError:
        raise ImproperlyConfigured(
            "AUDIT_SIGNING_KEY is not an Ed25519 private key. Give it in PEM, or as the base64 of its 32-byte "
            "seed; `commonweal audit keys` makes one."
        ) from None


def signing_key() -> Ed25519PrivateKey:
    return _private_key(settings.AUDIT_SIGNING_KEY, settings.SECRET_KEY)


def public_key() -> Ed25519PublicKey:
    return signing_key().public_key()


def public_key_raw(key: Ed25519PublicKey | None = None) -> bytes:
    return (key or public_key()).public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def public_key_base64() -> str:
    return base64.b64encode(public_key_raw()).decode()


def public_key_pem() -> str:
    return (
        public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def key_id(key: Ed25519PublicKey | None = None) -> str:
    """A short name for a public key: the first 16 hex digits of the SHA-256 of its 32 bytes."""
    return hashlib.sha256(public_key_raw(key)).hexdigest()[:16]


def sign(message: bytes) -> str:
    return base64.b64encode(signing_key().sign(message)).decode()


def signature_valid(message: bytes, signature: str, key: Ed25519PublicKey | None = None) -> bool:
    try:
        (key or public_key()).verify(base64.b64decode(signature, validate=True), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def new_keys() -> dict[str, str]:
    """Fresh values for AUDIT_KEY and AUDIT_SIGNING_KEY, and the public key that goes with the second."""
    import secrets

    private = Ed25519PrivateKey.generate()
    seed = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return {
        "AUDIT_KEY": secrets.token_urlsafe(48),
        "AUDIT_SIGNING_KEY": base64.b64encode(seed).decode(),
        "public_key": base64.b64encode(public_key_raw(private.public_key())).decode(),
    }


@checks.register(checks.Tags.security)
def check_signing_key(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A signing key that cannot be read stops every command at once, not the first checkpoint later."""
    try:
        signing_key()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="commonweal.E101")]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_audit_keys(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    problems = []
    if settings.AUDIT_KEYS_DERIVED and not settings.DEMO_MODE:
        problems.append(
            checks.Warning(
                "AUDIT_KEY or AUDIT_SIGNING_KEY is not set, so it is derived from SECRET_KEY: anyone who knows "
                "SECRET_KEY can then recompute the audit trail or sign its checkpoints. Set both; "
                "`commonweal audit keys` makes them.",
                id="commonweal.W101",
            )
        )
    return problems
