"""Personal API tokens: made once, stored as a hash, checked on every API call."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from commonweal.accounts.models import ApiToken, User
from commonweal.core import audit

PREFIX = "cw_"
# The words that may come before a key in the Authorization header: "Bearer <key>" or "Token <key>".
KEYWORDS = ("bearer", "token")


def bears_token(request) -> bool:
    """Whether the request offers an API token (good or bad) as its credential, rather than a session."""
    parts = request.META.get("HTTP_AUTHORIZATION", "").split()
    return bool(parts) and parts[0].lower() in KEYWORDS


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token for ``user``. Returns the record and the key, which is never shown again."""
    key = PREFIX + secrets.token_urlsafe(32)
    with audit.audit_context(actor=user, reason="Made an API token"):
        token = ApiToken.objects.create(
            user=user, name=name.strip()[:100], prefix=key[:10], key_hash=_hash(key)
        )
    return token, key


# "Last used" is shown to the minute: a token used again within it is not written again, so a
# program calling the API many times a second costs no write for each call.
LAST_USED_EVERY = timedelta(minutes=1)


def api_token_find(key: str) -> ApiToken | None:
    """The token a key is, with its person, if that person is active; or None. Records when it was
    last used (to the minute)."""
    if not key or not key.startswith(PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def api_token_user(key: str) -> User | None:
    """The active person a key belongs to, or None. Records when it was last used."""
    token = api_token_find(key)
    return None if token is None else token.user


@transaction.atomic
def api_token_rate_set(*, token: ApiToken, rate_per_minute: int | None, actor: User) -> ApiToken:
    """Give one token its own API rate limit (requests a minute), or None for the usual limit.
    Only the back office does this (accounts/admin.py); recorded in the audit trail."""
    if rate_per_minute is not None and rate_per_minute < 1:
        raise ValueError("A token's rate is at least one request a minute.")
    with audit.audit_context(actor=actor, reason="Set an API token's rate limit"):
        token.rate_per_minute = rate_per_minute
        token.save(update_fields=["rate_per_minute"])
    return token


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> bool:
    """Stop one of ``user``'s own tokens working. False if they have no such token."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        return False
    with audit.audit_context(actor=user, reason="Revoked an API token"):
        token.delete()
    return True


@transaction.atomic
def api_tokens_revoke_all(*, user: User, reason: str) -> int:
    """Stop every one of ``user``'s tokens working (their password changed). Returns how many."""
    with audit.audit_context(reason=reason):
        revoked = 0
        for token in ApiToken.objects.filter(user=user):
            token.delete()
            revoked += 1
    return revoked
