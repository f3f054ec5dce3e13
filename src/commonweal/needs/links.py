"""What the apps above needs link to a need, for the need's page ("What this need is linked to").

needs sits below the apps that take needs up (outcomes, co-design, priorities and the later stages
of the cycle), so it never imports them. Instead each of those apps registers, in its
``AppConfig.ready``, a heading, a function that lists what of it links to a need, and the template
that draws one item. The need's page shows every list that is not empty, in ``position`` order.

What links to a need is the same for everyone, so the need's page keeps the drawn lists in the
pages cache (core.pagecache) when every kind names the stamps that its changes bump: the app
watches the models its list is made of (what they say and how they link to needs). A kind that
names none is asked on every view, and so is every other kind with it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone


@dataclass(frozen=True)
class LinkKind:
    heading: str  # translatable, such as "Outcomes that address it"
    items: Callable[[object], Iterable]  # the need to what links to it, in the order to show
    template: str  # draws one item, as ``item``, inside a list item
    position: int = 100
    # The pages-cache stamps bumped whenever what ``items`` lists (or how it is drawn) changes.
    stamps: tuple[str, ...] = ()
    # For the need's story (what happened because of it, in order): when an item happened (a
    # date or a moment; None leaves it out) and the template that says what happened, given
    # ``item`` and ``now``.
    when: Callable[[object], date | datetime | None] | None = None
    event_template: str = ""


@dataclass(frozen=True)
class LinkedGroup:
    heading: str
    template: str
    items: list
    kind: LinkKind | None = None


@dataclass(frozen=True)
class StoryEvent:
    """One thing that happened because of a need, for its story: when, and what draws it."""

    at: datetime
    template: str
    item: object


_kinds: dict[str, LinkKind] = {}


def register(name: str, kind: LinkKind) -> None:
    """Register (or replace, under the same name) a kind of link to needs."""
    _kinds[name] = kind


def linked_to(need) -> list[LinkedGroup]:
    """What links to the need, kind by kind; kinds with nothing linked are left out."""
    groups = []
    for kind in sorted(_kinds.values(), key=lambda kind: kind.position):
        items = list(kind.items(need))
        if items:
            groups.append(
                LinkedGroup(heading=kind.heading, template=kind.template, items=items, kind=kind)
            )
    return groups


def story_events(groups: list[LinkedGroup]) -> list[StoryEvent]:
    """What linked to the need, as dated events (from ``linked_to``'s groups, so nothing is asked
    twice), for the kinds that say when their items happened; not yet in order."""
    events = []
    for group in groups:
        kind = group.kind
        if kind is None or kind.when is None or not kind.event_template:
            continue
        for item in group.items:
            when = kind.when(item)
            if when is not None:
                events.append(StoryEvent(moment(when), kind.event_template, item))
    return events


def moment(when: date | datetime) -> datetime:
    """A date as the start of that day where the site is, so dates and moments sort together."""
    if isinstance(when, datetime):
        return when
    return timezone.make_aware(datetime.combine(when, time.min))


def linked_stamps() -> tuple[str, ...] | None:
    """Every stamp the kinds name, or None when a kind names none (its list cannot be kept)."""
    stamps: list[str] = []
    for kind in _kinds.values():
        if not kind.stamps:
            return None
        stamps.extend(kind.stamps)
    return tuple(dict.fromkeys(stamps))


def items_of(name: str, need) -> list:
    """What of one registered kind links to the need (empty when that app is not installed)."""
    kind = _kinds.get(name)
    return [] if kind is None else list(kind.items(need))
