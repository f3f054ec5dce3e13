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
    # For "You said, we did" in one step: what a status change made because of an item rests on
    # (a label and the item's address on this site), the status it most likely moves the need
    # to, and a first draft of the public reason, for the person to check and send.
    evidence: Callable[[object], tuple[str, str]] | None = None
    suggests: str = ""
    reason: Callable[[object], str] | None = None


@dataclass(frozen=True)
class LinkedGroup:
    heading: str
    template: str
    items: list
    kind: LinkKind | None = None
    name: str = ""


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
    for name, kind in sorted(_kinds.items(), key=lambda pair: pair[1].position):
        items = list(kind.items(need))
        if items:
            groups.append(
                LinkedGroup(
                    heading=kind.heading, template=kind.template, items=items, kind=kind, name=name
                )
            )
    return groups


@dataclass(frozen=True)
class Because:
    """An item linked to a need that a change of its status can rest on ("You said, we did")."""

    token: str  # "<kind>:<item's id>", as the need's page sends it to the status page
    heading: str
    label: str
    url: str
    status: str
    reason: str


def becauses(groups: list[LinkedGroup]) -> list[Because]:
    """Every linked item a status change of the need can rest on, kind by kind (from
    ``linked_to``'s groups, so nothing is asked twice)."""
    return [
        _because(group.name, group.kind, item)
        for group in groups
        if group.kind is not None and group.kind.evidence is not None
        for item in group.items
    ]


def because_of(need, token: str) -> Because | None:
    """The linked item ``token`` names, if it is still linked to the need (None otherwise): the
    token comes from a person's browser, so it is looked up among the need's links, never
    trusted for a label or an address."""
    name, _colon, pk = str(token).partition(":")
    kind = _kinds.get(name)
    if kind is None or kind.evidence is None or not pk.isdigit():
        return None
    for item in kind.items(need):
        if str(item.pk) == pk:
            return _because(name, kind, item)
    return None


def _because(name: str, kind: LinkKind, item) -> Because:
    label, url = kind.evidence(item)
    return Because(
        token=f"{name}:{item.pk}",
        heading=kind.heading,
        label=label,
        url=url,
        status=kind.suggests,
        reason=kind.reason(item) if kind.reason else "",
    )


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
