"""Whether an alliance's leadership team has agreed a decision under its rule. Plain Python: no
Django.

- **Unanimity** (the default): every member of the leadership team agrees.
- **Majority**: more than half of the leadership team agrees (3 of 5, 3 of 4, 2 of 2).

Only the leadership team counts. The answer names who has not agreed, and, when it is not
enough, says why in plain words (a :class:`~commonweal.messages.Message`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from commonweal.messages import Message, gettext_noop, join_names, message

__all__ = ["MAJORITY", "UNANIMITY", "GovernanceInputError", "Seat", "Verdict", "check"]

UNANIMITY = "unanimity"
MAJORITY = "majority"


class GovernanceInputError(ValueError):
    """A question that cannot be answered (no such rule, nobody on the team); ``why`` says why."""

    def __init__(self, field: str, why: Message) -> None:
        super().__init__(str(why))
        self.field = field
        self.why = why


@dataclass(frozen=True)
class Seat:
    """A member of the alliance: its key (any id) and its name."""

    key: Hashable
    name: str


@dataclass(frozen=True)
class Verdict:
    """The answer: enough agreement or not, how many were needed, who agreed and who did not
    (names, in the team's order), who agreed without being on the team, and why not."""

    rule: str
    enough: bool
    needed: int
    agreed: tuple[str, ...]
    missing: tuple[str, ...]
    outsiders: tuple[str, ...]
    reason: Message | None


def needed_for(rule: str, team_size: int) -> int:
    """How many of the team must agree: all of them, or more than half."""
    if rule == UNANIMITY:
        return team_size
    if rule == MAJORITY:
        return team_size // 2 + 1
    raise GovernanceInputError(
        "rule",
        message(
            gettext_noop("%(rule)s is not a rule an alliance decides by."), rule=str(rule or "")
        ),
    )


def check(rule: str, team: Sequence[Seat], agreed: Iterable[Hashable]) -> Verdict:
    """Does the agreement of ``agreed`` (keys) carry a decision of ``team`` under ``rule``?"""
    if not team:
        raise GovernanceInputError(
            "team",
            message(
                gettext_noop(
                    "The alliance has nobody on its leadership team, so it cannot decide "
                    "anything. Put its members on the team first."
                )
            ),
        )
    needed = needed_for(rule, len(team))
    agreed_keys = list(dict.fromkeys(agreed))
    on_team = {seat.key for seat in team}
    yes = tuple(seat.name for seat in team if seat.key in agreed_keys)
    missing = tuple(seat.name for seat in team if seat.key not in agreed_keys)
    outsiders = tuple(str(key) for key in agreed_keys if key not in on_team)
    enough = len(yes) >= needed
    reason = None
    if not enough:
        if rule == UNANIMITY:
            reason = message(
                gettext_noop(
                    "Every member of the leadership team must agree (the rule is unanimity). "
                    "Not agreed: %(missing)s."
                ),
                missing=join_names(missing),
            )
        else:
            reason = message(
                gettext_noop(
                    "More than half of the leadership team must agree: %(needed)s of "
                    "%(size)s. %(count)s agreed. Not agreed: %(missing)s."
                ),
                needed=needed,
                size=len(team),
                count=len(yes),
                missing=join_names(missing),
            )
    return Verdict(
        rule=rule,
        enough=enough,
        needed=needed,
        agreed=yes,
        missing=missing,
        outsiders=outsiders,
        reason=reason,
    )
