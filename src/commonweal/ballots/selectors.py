"""Reads from the ballot box: a voter's own waiting ballot, and what is waiting."""

from commonweal.ballots import crypto, keys
from commonweal.ballots.models import PendingBallot


def waiting_content(box: str, key: str) -> dict | None:
    """The ballot waiting under this key (decrypted), or None: so a voter sees their ballot straight away."""
    slot = keys.slot(box, key)
    entry = PendingBallot.objects.filter(box=box, slot=slot).only("sealed").first()
    if entry is None:
        return None
    _key, content = crypto.open_sealed(box=box, slot=slot, sealed=entry.sealed)
    return content


def waiting_count(box: str) -> int:
    return PendingBallot.objects.filter(box=box).count()


def boxes_waiting() -> list[str]:
    return sorted(set(PendingBallot.objects.values_list("box", flat=True)))
