"""Kinds of ballot box. The app that owns a kind of vote registers it in its ``AppConfig.ready``, so the
ballot box never imports the apps that use it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

# writer(object_id, entries) writes each (key, content) as a ballot, replacing any ballot with that key,
# in the order given (already shuffled), with random ids and no time; it returns the record the box
# belongs to (the round), for the audit entry, or None when that record is gone (the ballots are dropped).
Writer = Callable[[str, list[tuple[str, dict]]], models.Model | None]


@dataclass(frozen=True)
class BoxKind:
    kind: str
    writer: Writer
    is_closed: Callable[[str], bool]  # voting has ended: commit every waiting ballot, however few


_kinds: dict[str, BoxKind] = {}


def register(kind: str, *, writer: Writer, is_closed: Callable[[str], bool]) -> None:
    """Let the ballot box commit ballots of ``kind`` (like ``participation.round``)."""
    _kinds[kind] = BoxKind(kind=kind, writer=writer, is_closed=is_closed)


def kind_for(kind: str) -> BoxKind:
    try:
        return _kinds[kind]
    except KeyError:
        raise LookupError(f"No app has registered ballot boxes of kind {kind!r}.") from None
