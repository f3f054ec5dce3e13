"""Community budget rounds in the ballot box: how a batch of ballots is written, and when a box must be
emptied. Registered in ``ParticipationConfig.ready``."""

from commonweal.participation import keys
from commonweal.participation.models import Ballot, BudgetRound, RoundExport


def write_ballots(object_id: str, entries: list[tuple[str, dict]]) -> BudgetRound | None:
    """Write a shuffled batch: each replaces any ballot with the same key, with a new random id."""
    round_ = BudgetRound.objects.filter(pk=int(object_id)).first()
    if round_ is None:  # the round was deleted: its waiting ballots go with it
        return None
    Ballot.objects.filter(round=round_, key__in=[key for key, _content in entries]).delete()
    RoundExport.objects.filter(round=round_).delete()  # the stored Pabulib file holds the ballots
    Ballot.objects.bulk_create(
        [
            Ballot(
                round=round_,
                key=key,
                source=content.get("source", Ballot.Source.ONLINE),
                batch=content.get("batch", ""),
                marks=content["marks"],
            )
            for key, content in entries
        ]
    )
    return round_


def is_closed(object_id: str) -> bool:
    """Voting has ended (by phase or date), or the round is gone: every waiting ballot is committed."""
    from commonweal.participation import permissions

    round_ = BudgetRound.objects.filter(pk=int(object_id)).first()
    return round_ is None or (
        round_.status != BudgetRound.Status.VOTING or not permissions.is_voting_open(round_)
    )


def register() -> None:
    from commonweal.ballots import registry

    registry.register(keys.BOX_KIND, writer=write_ballots, is_closed=is_closed)
