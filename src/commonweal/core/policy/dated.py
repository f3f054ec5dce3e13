"""Dated rules: which version of a rule of law or policy applied on a given day, and where.

A ``Rule`` is a list of ``Dated`` versions. Each version runs from its ``starts`` day until the next
version for the same jurisdiction starts. ``in_force`` picks the version that applied on the legally
relevant day (when a procurement started, when an invoice fell due): the caller must say which
day, because the server's today is rarely the day the law cares about.

Tables are checked when a module builds its ``Rule``: versions listed out of date order, or two
versions for the same jurisdiction starting on the same day, stop the import with a message naming
the rule and the entries.

Some rules change often (the Bank of England base rate, the Real Living Wage): an officer adds new
versions from the back office without a release. This module stays plain Python; the Django part
(``core.policy_entries``) plugs the officer-entered versions in with ``set_officer_entries``.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Jurisdiction(StrEnum):
    """The four legal jurisdictions of the United Kingdom, for rules that differ between them."""

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").title()


UK: frozenset[Jurisdiction] = frozenset(Jurisdiction)
ENGLAND_WALES_NORTHERN_IRELAND: frozenset[Jurisdiction] = frozenset(
    {Jurisdiction.ENGLAND, Jurisdiction.WALES, Jurisdiction.NORTHERN_IRELAND}
)


class RuleError(Exception):
    """Base of this module's errors."""


class NoRuleInForce(RuleError, LookupError):
    """No version of a rule applied on the day, or in the jurisdiction, asked about."""


class UnknownJurisdiction(RuleError, ValueError):
    """A jurisdiction that is not one of the four."""


class JurisdictionRequired(RuleError, ValueError):
    """The rule differs between jurisdictions, and the caller did not say which."""


class RuleTableError(RuleError):
    """A rule's table is malformed: raised when the module that holds it is imported."""


@dataclass(frozen=True)
class Dated(Generic[T]):
    """One version of a rule: its value from ``starts``, where it applies, and where it came from."""

    starts: date
    value: T
    source: str  # the law, note or page the figure comes from, with its address
    applies_in: frozenset[Jurisdiction] = UK


# Where officer-entered versions come from (set by the Django part at start-up; none in plain Python).
OfficerEntries = Callable[["Rule"], Iterable[Dated]]
_officer_entries: OfficerEntries | None = None


def set_officer_entries(source: OfficerEntries | None) -> None:
    """Plug in (or, with None, unplug) the source of versions officers have added."""
    global _officer_entries
    _officer_entries = source


# Every rule by its key, so the back office can offer the rules an officer may extend.
RULES: dict[str, "Rule"] = {}


class Rule(Generic[T]):
    """A rule of law or policy as dated versions, checked for order and overlap when built."""

    def __init__(
        self,
        key: str,
        title: str,
        entries: Sequence[Dated[T]],
        *,
        officer_may_add: bool = False,
    ) -> None:
        self.key = key
        self.title = title
        self.entries: tuple[Dated[T], ...] = tuple(entries)
        self.officer_may_add = officer_may_add
        check_entries(title, self.entries)
        if key in RULES:
            raise RuleTableError(
                f"Two rules share the key {key!r}: {RULES[key].title} and {title}."
            )
        RULES[key] = self

    def __repr__(self) -> str:
        return f"Rule({self.key!r})"

    @property
    def varies_by_jurisdiction(self) -> bool:
        return any(entry.applies_in != UK for entry in self.entries)

    def all_entries(self) -> list[Dated[T]]:
        """Built-in versions and, for rules officers may extend, theirs, by start date."""
        entries = list(self.entries)
        if self.officer_may_add and _officer_entries is not None:
            entries.extend(_officer_entries(self))
        # sorted() is stable: on a tie the officer's later entry comes last and wins.
        return sorted(entries, key=lambda entry: entry.starts)


def check_entries(title: str, entries: Sequence[Dated]) -> None:
    """Refuse a table with no versions, versions out of date order, or two that overlap."""
    if not entries:
        raise RuleTableError(f"{title}: the rule has no versions.")
    previous: Dated | None = None
    latest: dict[Jurisdiction, Dated] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"{title}, entry {number} (starting {entry.starts!s})"
        if isinstance(entry.starts, datetime) or not isinstance(entry.starts, date):
            raise RuleTableError(
                f"{where}: a version starts on a day (a date), not {entry.starts!r}."
            )
        if not entry.source.strip():
            raise RuleTableError(f"{where}: every version must say where it came from.")
        if not entry.applies_in or not entry.applies_in <= UK:
            raise RuleTableError(
                f"{where}: it must apply in at least one of the four jurisdictions."
            )
        if previous is not None and entry.starts < previous.starts:
            raise RuleTableError(
                f"{where} is listed after a version starting {previous.starts!s}: "
                "list versions in date order."
            )
        for jurisdiction in sorted(entry.applies_in):
            clash = latest.get(jurisdiction)
            if clash is not None and clash.starts == entry.starts:
                raise RuleTableError(
                    f"{where} overlaps another version starting the same day in "
                    f"{jurisdiction.label}: only one version can apply on a day."
                )
            latest[jurisdiction] = entry
        previous = entry


def as_jurisdiction(jurisdiction: Jurisdiction | str) -> Jurisdiction:
    """The jurisdiction named, or a clear error listing the four."""
    try:
        return Jurisdiction(jurisdiction)
    except ValueError:
        names = ", ".join(j.value for j in Jurisdiction)
        raise UnknownJurisdiction(
            f"{jurisdiction!r} is not a jurisdiction: use one of {names}."
        ) from None


def in_force(rule: Rule[T], on: date, jurisdiction: Jurisdiction | str | None = None) -> Dated[T]:
    """The version of ``rule`` that applied on the day ``on`` in ``jurisdiction``.

    ``on`` is the legally relevant day and has no default. ``jurisdiction`` may be left out only
    for rules that are the same across the United Kingdom.
    """
    if isinstance(on, datetime) or not isinstance(on, date):
        raise TypeError(
            f"in_force needs the legally relevant day as a date (not {type(on).__name__}) "
            f"for {rule.title}."
        )
    place = None if jurisdiction is None else as_jurisdiction(jurisdiction)
    entries = rule.all_entries()
    if place is None:
        if any(entry.applies_in != UK for entry in entries):
            raise JurisdictionRequired(
                f"{rule.title} differs between the UK's jurisdictions: say which one "
                "(england, wales, scotland or northern_ireland)."
            )
    else:
        entries = [entry for entry in entries if place in entry.applies_in]
        if not entries:
            raise NoRuleInForce(f"{rule.title} does not apply in {place.label}.")
    started = [entry for entry in entries if entry.starts <= on]
    if not started:
        where = "" if place is None else f" in {place.label}"
        raise NoRuleInForce(
            f"No version of {rule.title} applied on {on.isoformat()}{where}: "
            f"the first began on {entries[0].starts.isoformat()}."
        )
    return started[-1]


def history(rule: Rule[T], jurisdiction: Jurisdiction | str | None = None) -> list[Dated[T]]:
    """Every version of ``rule`` (in ``jurisdiction``, if given), oldest first."""
    entries = rule.all_entries()
    if jurisdiction is None:
        return entries
    place = as_jurisdiction(jurisdiction)
    return [entry for entry in entries if place in entry.applies_in]
