"""What the later stages of the cycle show on a plan's page ("What came of this plan").

commissioning sits below the apps that take a plan further (competitions, and agreements after
them), so it never imports them. Each of those apps registers, in its ``AppConfig.ready``, a
heading and a function that lists, for a plan and the person looking, what of it came from the
plan (each with its address and a word on where it stands), and what the person may start from it.
The plan's page shows every kind that has something to show, in ``position`` order.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    text: str
    url: str
    hint: str = ""


@dataclass(frozen=True)
class StepKind:
    heading: str  # translatable, such as "Tenders and grant rounds"
    # The plan and the person looking to what came of it (only what they may see), and the links
    # to start something new from it (only what they may start).
    items: Callable[[object, object], list[Item]]
    starts: Callable[[object, object], list[Item]]
    position: int = 100


@dataclass(frozen=True)
class Shown:
    heading: str
    items: list[Item]
    starts: list[Item]


_kinds: dict[str, StepKind] = {}


def register(name: str, kind: StepKind) -> None:
    """Register (or replace, under the same name) a kind of next step."""
    _kinds[name] = kind


def shown_for(plan, user) -> list[Shown]:
    """Each kind with something to show this person, in order."""
    found = []
    for _name, kind in sorted(_kinds.items(), key=lambda pair: pair[1].position):
        items, starts = kind.items(plan, user), kind.starts(plan, user)
        if items or starts:
            found.append(Shown(kind.heading, items, starts))
    return found
