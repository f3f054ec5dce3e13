"""Limits on signing in, signing up and asking for emailed links, per email address and per network address.

Each attempt is counted BEFORE the password (or anything else) is checked, with one atomic statement
in the database (INSERT ... ON CONFLICT DO UPDATE ... RETURNING), so however many requests arrive
at once for one address, no more than the limit get as far as the check. The numbers are in
settings.ATTEMPT_LIMITS. Email addresses are kept only as a hash, and an address that has no
account is counted exactly like one that has.

Why not a library: django-axes counts a failure after the password has been checked (from the
user_login_failed signal), so sixty wrong passwords sent at once are all checked; django-ratelimit
counts with cache.add and cache.incr, which Django's file cache (our default) does as
read-then-write, so concurrent requests lose counts.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from commonweal.accounts.models import AttemptCount
from commonweal.core.client import client_network

SIGN_IN = "sign-in"
SIGN_UP = "sign-up"
PASSWORD_RESET = "password-reset"
CONFIRM_EMAIL = "confirm-email"

# What time it is, for counting windows; tests put in their own clock to move time on.
clock: Callable[[], datetime] = timezone.now


@dataclass(frozen=True)
class Limit:
    attempts: int
    minutes: int


def limit(action: str, by: str) -> Limit:
    """The limit for ``action`` ("sign-in", ...) counted ``by`` "email" or "network", from settings."""
    attempts, minutes = settings.ATTEMPT_LIMITS[action][by]
    return Limit(attempts=attempts, minutes=minutes)


def _key(action: str, by: str, value: str) -> str:
    return f"{action}:{by}:" + hashlib.sha256(value.strip().lower().encode()).hexdigest()[:40]


def _count(key: str, window: timedelta) -> int:
    """Add one to ``key``'s count in its window (starting a new window if the last has ended); the new count."""
    now = clock()
    ops = connection.ops
    table = ops.quote_name(AttemptCount._meta.db_table)
    key_col, started, count = (ops.quote_name(name) for name in ("key", "window_started", "count"))
    expired = ops.adapt_datetimefield_value(now - window)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_col}, {started}, {count}) VALUES (%s, %s, 1) "
            f"ON CONFLICT ({key_col}) DO UPDATE SET "
            f"{count} = CASE WHEN {table}.{started} <= %s THEN 1 ELSE {table}.{count} + 1 END, "
            f"{started} = CASE WHEN {table}.{started} <= %s THEN excluded.{started} ELSE {table}.{started} END "
            f"RETURNING {count}",
            [key, ops.adapt_datetimefield_value(now), expired, expired],
        )
        return cursor.fetchone()[0]


def attempt(action: str, *, request, email: str | None = None) -> Limit | None:
    """Count one attempt at ``action`` from this client (and for this email address, if given).

    Returns None when it may go ahead, or the limit it went over (to say how long to wait).
    """
    keys = [("network", client_network(request))]
    if email:
        keys.insert(0, ("email", email))
    over = None
    for by, value in keys:
        rule = limit(action, by)
        if (
            _count(_key(action, by, value), timedelta(minutes=rule.minutes)) > rule.attempts
            and over is None
        ):
            over = rule
    return over


def forgive(action: str, *, email: str) -> None:
    """Start the count for this email address again (after a successful sign-in)."""
    AttemptCount.objects.filter(key=_key(action, "email", email)).delete()
