"""Slowing down password guessing: too many failed sign-ins for one email address lock it for a while.

Counts live in Django's cache, keyed by a hash of the address, so an address
that has no account is treated exactly like one that has.
"""

import hashlib

from django.core.cache import cache

ATTEMPTS_ALLOWED = 10
LOCK_MINUTES = 15


def _key(email: str) -> str:
    return "sign-in-failures:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()


def is_locked(email: str) -> bool:
    return cache.get(_key(email), 0) >= ATTEMPTS_ALLOWED


def record_failure(email: str) -> None:
    key = _key(email)
    # add() starts the window only once; later failures count within it.
    cache.add(key, 0, timeout=LOCK_MINUTES * 60)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=LOCK_MINUTES * 60)


def reset(email: str) -> None:
    cache.delete(_key(email))
