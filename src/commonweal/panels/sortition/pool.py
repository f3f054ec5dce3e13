"""The pool as the solver sees it: people grouped into interchangeable types.

Two people are interchangeable when they fall in exactly the same quota categories and
neither shares a household that the panel must not repeat. Swapping them turns any valid
panel into another valid panel, so a fair (leximin) lottery gives them the same chance. The
solver therefore works with counts per type, which is far smaller than the pool.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import Person, Quota


@dataclass(frozen=True)
class PersonType:
    """People who are interchangeable for the quotas; members sorted by id."""

    members: tuple[str, ...]
    quota_indexes: tuple[int, ...]
    household: str | None  # set only for a person whose household has several pool members

    @property
    def size(self) -> int:
        return len(self.members)


class Pool:
    """A checked pool with its quotas, grouped into types."""

    def __init__(
        self,
        people: Sequence[Person],
        quotas: Sequence[Quota],
        size: int,
        one_per_household: bool = False,
    ):
        self.people = list(people)
        self.quotas = list(quotas)
        self.size = int(size)
        self.one_per_household = one_per_household
        _check_input(self.people, self.quotas, self.size)
        self.by_id = {person.id: person for person in self.people}
        self.quota_index = {(q.feature, q.value): i for i, q in enumerate(self.quotas)}
        self.features = sorted({q.feature for q in self.quotas})
        self.shared_households = self._shared_households()
        self.types = self._group_types()
        self.type_of = {pid: t for t, ptype in enumerate(self.types) for pid in ptype.members}

    def quotas_of(self, person: Person) -> tuple[int, ...]:
        """Indexes of the quotas whose category this person is in."""
        found = []
        for feature in self.features:
            index = self.quota_index.get((feature, person.features.get(feature, "")))
            if index is not None:
                found.append(index)
        return tuple(found)

    def members_of(self, quota: int) -> list[str]:
        """Ids of pool members in a quota's category."""
        q = self.quotas[quota]
        return [p.id for p in self.people if p.features.get(q.feature) == q.value]

    def household_groups(self) -> list[list[int]]:
        """Type indexes per household that has several pool members (only when one per household)."""
        groups: dict[str, list[int]] = defaultdict(list)
        for t, ptype in enumerate(self.types):
            if ptype.household is not None:
                groups[ptype.household].append(t)
        return list(groups.values())

    def _shared_households(self) -> set[str]:
        if not self.one_per_household:
            return set()
        counts = Counter(p.household for p in self.people if p.household is not None)
        return {household for household, n in counts.items() if n > 1}

    def _group_types(self) -> list[PersonType]:
        groups: dict[tuple[tuple[int, ...], str | None, str], list[str]] = defaultdict(list)
        for person in self.people:
            quotas = self.quotas_of(person)
            key: tuple[tuple[int, ...], str | None, str]
            if person.household in self.shared_households:
                key = (quotas, person.household, person.id)
            else:
                key = (quotas, None, "")
            groups[key].append(person.id)
        types = [
            PersonType(members=tuple(sorted(ids)), quota_indexes=key[0], household=key[1])
            for key, ids in groups.items()
        ]
        types.sort(key=lambda ptype: ptype.members[0])
        return types


def _check_input(people: Iterable[Person], quotas: Sequence[Quota], size: int) -> None:
    """Refuse input that is malformed rather than merely infeasible."""
    if size < 1:
        raise ValueError("The panel must have at least 1 seat.")
    seen: set[str] = set()
    for person in people:
        if person.id in seen:
            raise ValueError(f'The pool lists the person "{person.id}" more than once.')
        seen.add(person.id)
    categories: set[tuple[str, str]] = set()
    for quota in quotas:
        if (quota.feature, quota.value) in categories:
            raise ValueError(f'There are two quotas for "{quota.label}". Keep one.')
        categories.add((quota.feature, quota.value))
        if quota.min < 0 or quota.max < 0:
            raise ValueError(f'The quota for "{quota.label}" cannot be below 0.')
