"""From a lottery over panel make-ups (counts per type) to a lottery over actual panels.

For a make-up that takes k of the m people of a type, the people of that type are listed by
id and chosen by systematic sampling with one offset u shared by every type: person i
(counting from 0) is chosen when the interval [i*k/m + u, (i+1)*k/m + u) contains a whole
number. Exactly k are chosen for any u, and as u runs uniformly over [0, 1) each person is
chosen with probability exactly k/m. The chosen set only changes where some i*k/m + u is a
whole number, so the make-up becomes a short list of panels, one per stretch of u, each with
the stretch's length as its share. Everything here is exact (fractions).

That list can hold many panels. A linear program then finds a lottery over the same panels
that gives every person exactly the same chance but uses few panels (a basic solution uses at
most one more panel than there are people), which keeps the published lottery small. For large lotteries that LP is slow (tens of
seconds at 1,000 people), so it has its own time allowance; past it the full list is kept.
"""

from __future__ import annotations

import math
from collections import defaultdict
from fractions import Fraction

import highspy
import numpy as np

from .pool import Pool
from .pricing import add_rows, new_highs

MAX_ENTRIES = 150_000  # panel-member entries above which shortening is not tried (measured: 300,000 took 25-50 s)


def _chosen(m: int, k: int, u: Fraction) -> list[int]:
    """Indexes chosen by systematic sampling of k out of m with offset u (integer arithmetic)."""
    a, b = u.numerator, u.denominator
    scale = m * b
    return [
        i for i in range(m) if ((i + 1) * k * b + a * m) // scale > (i * k * b + a * m) // scale
    ]


def expand(
    pool: Pool, compositions: list[tuple[int, ...]], probabilities: list[float]
) -> dict[tuple[str, ...], float]:
    """Panels (sorted ids) and their probabilities, giving each person exactly the make-ups' chances."""
    panels: dict[tuple[str, ...], float] = defaultdict(float)
    for counts, probability in zip(compositions, probabilities, strict=True):
        if probability <= 0.0:
            continue
        # For a type with k of m chosen, the choice only depends on which of m / gcd(k, m)
        # equal stretches of [0, 1) the offset is in; work each stretch's choice out once,
        # and note where each type moves on to its next stretch.
        choices: list[list[list[str]]] = []
        moves: dict[Fraction, list[int]] = defaultdict(list)
        for t, k in enumerate(counts):
            members = pool.types[t].members
            m = len(members)
            if 0 < k < m:
                step = m // math.gcd(k, m)
                for j in range(1, step):
                    moves[Fraction(j, step)].append(len(choices))
                choices.append(
                    [
                        [members[i] for i in _chosen(m, k, Fraction(2 * j + 1, 2 * step))]
                        for j in range(step)
                    ]
                )
        whole = [
            pid
            for t, k in enumerate(counts)
            if k == pool.types[t].size
            for pid in pool.types[t].members
        ]
        stretch = [0] * len(choices)
        cuts = sorted(moves)
        for low, high in zip([Fraction(0), *cuts], [*cuts, Fraction(1)], strict=True):
            ids = list(whole)
            for c, per_stretch in enumerate(choices):
                ids.extend(per_stretch[stretch[c]])
            panels[tuple(sorted(ids))] += probability * float(high - low)
            for c in moves.get(high, ()):
                stretch[c] += 1
    return dict(panels)


def sparsify(
    panels: dict[tuple[str, ...], float], ids: list[str], seconds: float = 60.0
) -> dict[tuple[str, ...], float]:
    """A lottery over a subset of the panels with the same chance for every person; unchanged if that fails.

    Gives up (and returns the panels unchanged) after `seconds`.
    """
    listed = list(panels)
    k = len(listed)
    if k <= len(ids) + 1 or sum(len(panel) for panel in listed) > MAX_ENTRIES:
        return panels  # already short, or too big to shorten in reasonable time
    row_of = {pid: r for r, pid in enumerate(ids)}
    chance = np.zeros(len(ids))
    for panel, p in panels.items():
        for pid in panel:
            chance[row_of[pid]] += p
    h = new_highs()
    h.addVars(k, np.zeros(k), np.ones(k))
    # Column-wise entries written as rows: one row per person, plus the total.
    members: list[list[int]] = [[] for _ in ids]
    for c, panel in enumerate(listed):
        for pid in panel:
            members[row_of[pid]].append(c)
    rows = [(1.0, 1.0, list(range(k)), [1.0] * k)]
    rows += [
        (chance[r], chance[r], members[r], [1.0] * len(members[r]))
        for r in range(len(ids))
        if members[r]
    ]
    add_rows(h, rows)
    h.setOptionValue("solver", "simplex")
    h.setOptionValue("presolve", "off")  # keep the answer basic, so it uses few panels
    h.setOptionValue("time_limit", max(1.0, seconds))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return panels
    x = np.clip(np.array(h.getSolution().col_value), 0.0, None)
    kept = {listed[c]: float(x[c]) for c in range(k) if x[c] > 1e-12}
    total = sum(kept.values())
    kept = {panel: p / total for panel, p in kept.items()}
    # Only accept it if every person's chance is unchanged (to 1e-9).
    check = np.zeros(len(ids))
    for panel, p in kept.items():
        for pid in panel:
            check[row_of[pid]] += p
    if np.max(np.abs(check - chance)) > 1e-9:
        return panels
    return kept
