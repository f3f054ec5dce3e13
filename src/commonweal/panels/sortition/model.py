"""The plain data the sortition engine takes and gives: people, quotas, distributions, conflicts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from commonweal.messages import Message


@dataclass(frozen=True)
class Person:
    """A member of the pool: an id, their answers per feature, and optionally a household."""

    id: str
    features: Mapping[str, str]
    household: str | None = None


@dataclass(frozen=True)
class Quota:
    """How many seats one category (a feature's value) must fill: at least min, at most max."""

    feature: str
    value: str
    min: int
    max: int

    @property
    def label(self) -> str:
        """The category as people read it, e.g. 'sex: Female'."""
        return f"{self.feature}: {self.value}"


@dataclass(frozen=True)
class Conflict:
    """One reason the quotas cannot all be met.

    quotas names the quotas involved (empty when the problem is the panel size itself);
    shortfall is how many people or seats away from feasible it is (0 when unknown);
    why says it in plain English, as a message translated where it is shown (``message`` is
    the English).
    """

    quotas: tuple[Quota, ...]
    shortfall: int
    why: Message

    @property
    def message(self) -> str:
        return str(self.why)


class Infeasible(Exception):
    """The quotas cannot all be met by any panel drawn from this pool."""

    def __init__(self, conflicts: list[Conflict]):
        self.conflicts = list(conflicts)
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [conflict.message for conflict in self.conflicts]
        if len(lines) == 1:
            return f"The quotas cannot all be met: {lines[0]}"
        return "The quotas cannot all be met:\n" + "\n".join(f"- {line}" for line in lines)


@dataclass
class Distribution:
    """A lottery over panels that all meet every quota, and what it gives each person.

    panels: each panel as sorted person ids; probabilities: same order, summing to 1.
    selection_probability: every pool member's chance of being selected, worked out from the
    panels and their probabilities (0 for people no valid panel can include).
    maximin: the lowest selection probability among people some valid panel can include.
    stages_completed / finished: how far leximin refinement got (finished is True for
    methods that have no refinement to do).
    cannot_be_selected: people no panel meeting the quotas can include.
    """

    panels: list[tuple[str, ...]]
    probabilities: list[float]
    selection_probability: dict[str, float]
    method: str
    maximin: float
    stages_completed: int
    finished: bool
    seconds: float
    cannot_be_selected: tuple[str, ...] = field(default=())
