"""The kinds of record people can follow and be told about, registered by the apps that own them.

notifications sits below the apps whose news it carries (needs, priorities, participation, panels,
co-design), so it never imports them. Each registers, in its ``AppConfig.ready``, a ``Kind``: how
to find a record by id, who may follow it, where it is, and who cares about it without following
it (the person who raised a need and those who support it; those who took part in a round).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    label: str  # what one is called, in a sentence: "need", "priority round"
    # The records with these ids, by id (those that no longer exist are left out).
    records: Callable[[list[int]], dict[int, object]]
    can_follow: Callable[[object, object], bool]  # (person, record): they may see it, so follow it
    place_id: Callable[[object], int | None] = lambda record: getattr(record, "place_id", None)
    # (record, event): ids of people who care about the record without following it, for this
    # event (those who took part in a round hear its results, not that it closes soon).
    involved: Callable[[object, object], Iterable[int]] | None = None
    # (record, event): ids of everyone who can take part in it (told when it opens).
    audience: Callable[[object, object], Iterable[int]] | None = None
    # For an event that waited (``due_at`` later): is it still true when it comes due?
    still_due: Callable[[object, object], bool] | None = None
    followable: bool = True


_kinds: dict[str, Kind] = {}


def register(name: str, kind: Kind) -> None:
    """Register (or replace, under the same name) a kind of record."""
    _kinds[name] = kind


def kind_for(name: str) -> Kind | None:
    return _kinds.get(name)


def names() -> list[str]:
    return sorted(_kinds)


def record(name: str, pk: int) -> object | None:
    """The record of this kind with this id; None for an unknown kind or a record that is gone."""
    kind = _kinds.get(name)
    return kind.records([pk]).get(pk) if kind is not None else None
