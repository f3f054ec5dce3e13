"""The public draw from a lottery, and the check that a panel meets the quotas.

The draw, step by step, so anyone can repeat it by hand or in another language:

1. Take the seed exactly as entered at the draw meeting, encode it as UTF-8 and compute its
   SHA-256 digest. Read the 64 hexadecimal digits as a whole number N. The random number
   is r = N / 2**256, a fraction with 0 <= r < 1.
2. Write each panel as its member ids sorted (as text, by Unicode code point) and list the
   panels in that order too, comparing them id by id (the shorter list first when one is the
   start of the other). Each panel's probability is read as the exact decimal written in the
   published lottery (the shortest decimal that reads back as the stored number).
3. Let T be the exact sum of the probabilities (1, up to rounding). Walk down the list adding
   probabilities; the drawn panel is the first whose running total is greater than r * T.

All sums are exact fractions, so the same lottery and seed give the same panel everywhere.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from fractions import Fraction

from .model import Distribution, Person, Quota


def seed_number(seed: str) -> Fraction:
    """The seed as a fraction in [0, 1): SHA-256 of its UTF-8 bytes over 2**256."""
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    return Fraction(int(digest, 16), 2**256)


def draw(distribution: Distribution, seed: str) -> tuple[str, ...]:
    """The panel the seed picks from the lottery (see the module docstring for the exact steps)."""
    if not seed:
        raise ValueError("Enter a seed for the draw.")
    entries = sorted(
        (tuple(sorted(panel)), Fraction(repr(float(p))))
        for panel, p in zip(distribution.panels, distribution.probabilities, strict=True)
    )
    total = sum((p for _, p in entries), Fraction(0))
    if total <= 0:
        raise ValueError("The lottery has no panels with a chance of being drawn.")
    target = seed_number(seed) * total
    running = Fraction(0)
    for panel, p in entries:
        running += p
        if running > target:
            return panel
    return entries[-1][0]  # unreachable: the running total ends at T > r * T


def check_panel(
    panel_ids: Iterable[str],
    people: Sequence[Person],
    quotas: Sequence[Quota],
    size: int,
    one_per_household: bool = False,
) -> list[str]:
    """Every way the panel breaks the rules, in plain English; empty if it meets every quota."""
    ids = list(panel_ids)
    by_id = {person.id: person for person in people}
    problems = []
    if len(ids) != size:
        problems.append(f"The panel has {len(ids)} people but should have {size}.")
    for pid, n in sorted(Counter(ids).items()):
        if n > 1:
            problems.append(f'"{pid}" is on the panel {n} times.')
    unknown = sorted({pid for pid in ids if pid not in by_id})
    if unknown:
        problems.append("Not in the pool: " + ", ".join(f'"{pid}"' for pid in unknown) + ".")
    members = [by_id[pid] for pid in dict.fromkeys(ids) if pid in by_id]
    for quota in quotas:
        count = sum(1 for person in members if person.features.get(quota.feature) == quota.value)
        if count < quota.min:
            problems.append(
                f'"{quota.feature}: {quota.value}" has {count} but needs at least {quota.min}.'
            )
        if count > quota.max:
            problems.append(
                f'"{quota.feature}: {quota.value}" has {count} but may have at most {quota.max}.'
            )
    if one_per_household:
        households = Counter(person.household for person in members if person.household is not None)
        for household, n in sorted(households.items()):
            if n > 1:
                problems.append(
                    f'{n} people from household "{household}" are on the panel; only one may be.'
                )
    return problems
