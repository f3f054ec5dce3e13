"""Priority rounds in the ballot box (``commonweal.ballots``): the same secret ballot as community budgets.
Registered in ``PrioritiesConfig.ready``."""

from commonweal.ballots import keys as box_keys
from commonweal.core import pagecache
from commonweal.priorities import results
from commonweal.priorities.apps import ballots_stamp
from commonweal.priorities.models import Ballot, PriorityRound

BOX_KIND = "priorities.round"


def box(round_id: int) -> str:
    """The name of a round's ballot box."""
    return box_keys.box_name(BOX_KIND, round_id)


def ballot_key(round_id: int, person_id: int) -> str:
    """The opaque key of this person's ballot in this round."""
    return box_keys.voter_key(box(round_id), person_id)


def write_ballots(object_id: str, entries: list[tuple[str, dict]]) -> PriorityRound | None:
    """Write a shuffled batch: each replaces any ballot with the same key, with a new random id."""
    round_ = PriorityRound.objects.filter(pk=int(object_id)).first()
    if round_ is None:  # the round was deleted: its waiting ballots go with it
        return None
    Ballot.objects.filter(round=round_, key__in=[key for key, _content in entries]).delete()
    Ballot.objects.bulk_create(
        [Ballot(round=round_, key=key, marks=content["marks"]) for key, content in entries]
    )
    # A published round is counted again now, so its pages and the API never count (results.py);
    # any other's stored count no longer holds.
    if round_.status == PriorityRound.Status.PUBLISHED:
        results.results_store(round_)
    else:
        results.results_forget(round_)
    # Bulk writes send no signals: this round's results kept in the pages cache are laid out again.
    pagecache.bump(ballots_stamp(round_.pk))
    return round_


def is_closed(object_id: str) -> bool:
    """Voting has ended (closed, published or past the closing time), or the round is gone."""
    from commonweal.priorities import permissions

    round_ = PriorityRound.objects.filter(pk=int(object_id)).first()
    return round_ is None or (
        round_.status != PriorityRound.Status.OPEN or not permissions.is_open_for_voting(round_)
    )


def register() -> None:
    from commonweal.ballots import registry

    registry.register(BOX_KIND, writer=write_ballots, is_closed=is_closed)
