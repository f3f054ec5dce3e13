"""The ballot box's settings, read once from ``django.conf.settings`` with safe defaults."""

from datetime import timedelta

from django.conf import settings

DEFAULT_MIN_BATCH = 10
DEFAULT_MIN_WAIT_SECONDS = 15 * 60


def min_batch() -> int:
    """A box commits its waiting ballots only when at least this many are waiting (or voting has ended)."""
    return max(1, int(getattr(settings, "BALLOT_BOX_MIN_BATCH", DEFAULT_MIN_BATCH)))


def min_wait() -> timedelta:
    """... and the oldest of them has waited at least this long."""
    return timedelta(
        seconds=max(
            0, int(getattr(settings, "BALLOT_BOX_MIN_WAIT_SECONDS", DEFAULT_MIN_WAIT_SECONDS))
        )
    )
