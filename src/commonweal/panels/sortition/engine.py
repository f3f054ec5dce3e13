"""find_distribution: check the quotas, find the fair lottery, and describe it."""

from __future__ import annotations

import time
from collections.abc import Sequence

from commonweal.messages import Message, gettext_noop, message

from . import diagnose, expand, leximin, reference
from .leximin import Progress
from .model import Distribution, Infeasible, Person, Quota
from .pool import Pool
from .pricing import Clock

SHRINK_SECONDS = (
    30.0  # most time spent shortening the published lottery (within time_limit, 1 s at least)
)
METHODS = ("leximin", "maximin", "sortition-algorithms maximin", "sortition-algorithms legacy")


def _quiet(sentence: Message, fraction: float | None) -> None:
    return None


def find_distribution(
    people: Sequence[Person],
    quotas: Sequence[Quota],
    size: int,
    *,
    one_per_household: bool = False,
    method: str = "leximin",
    time_limit: float = 120.0,
    progress: Progress | None = None,
    clock: Clock = time.monotonic,
) -> Distribution:
    """A lottery over panels that all meet the quotas, as fair as the method allows; raises Infeasible.

    clock (seconds; only differences count) is what the time limit is read on: tests pass
    their own to stop a run at a chosen point, whatever the machine's speed.
    """
    if method not in METHODS:
        raise ValueError(f'Unknown method "{method}". Use one of: {", ".join(METHODS)}.')
    started = clock()
    report = progress or _quiet
    pool = Pool(people, quotas, size, one_per_household)
    report(message(gettext_noop("Checking the quotas against the pool.")), 0.0)
    found = diagnose.conflicts(pool)
    if found:
        raise Infeasible(found)

    if method.startswith("sortition-algorithms"):
        report(message(gettext_noop("Running %(method)s."), method=method), None)
        if method.endswith("maximin"):
            panels, probabilities = reference.library_maximin(
                people, quotas, size, one_per_household
            )
        else:
            panels, probabilities = reference.library_legacy(
                people, quotas, size, one_per_household, time_limit=time_limit
            )
        lottery = dict(zip(panels, probabilities, strict=True))
        return _describe(pool, lottery, method, 1, True, clock() - started)

    result = leximin.leximin(
        pool,
        refine=method == "leximin",
        time_limit=time_limit,
        progress=report,
        started=started,
        clock=clock,
    )
    report(
        message(gettext_noop("Turning the lottery over panel make-ups into named panels.")), None
    )
    lottery = expand.expand(pool, result.compositions, result.probabilities)
    report(
        message(
            gettext_noop("Making the lottery shorter to publish, without changing anyone's chance.")
        ),
        None,
    )
    left = started + time_limit - clock()
    lottery = expand.sparsify(
        lottery, [p.id for p in pool.people], seconds=min(SHRINK_SECONDS, max(left, 0.0))
    )
    distribution = _describe(
        pool, lottery, method, result.stages_completed, result.finished, clock() - started
    )
    report(message(gettext_noop("Done.")), 1.0)
    return distribution


def _describe(
    pool: Pool,
    lottery: dict[tuple[str, ...], float],
    method: str,
    stages: int,
    finished: bool,
    seconds: float,
) -> Distribution:
    panels = sorted(panel for panel, p in lottery.items() if p > 0)
    total = sum(lottery[panel] for panel in panels)
    probabilities = [lottery[panel] / total for panel in panels]
    chance = {p.id: 0.0 for p in pool.people}
    for panel, p in zip(panels, probabilities, strict=True):
        for pid in panel:
            chance[pid] += p
    cannot = tuple(sorted(pid for pid, c in chance.items() if c == 0.0))
    selectable = [c for c in chance.values() if c > 0.0]
    return Distribution(
        panels=panels,
        probabilities=probabilities,
        selection_probability=chance,
        method=method,
        maximin=min(selectable) if selectable else 0.0,
        stages_completed=stages,
        finished=finished,
        seconds=seconds,
        cannot_be_selected=cannot,
    )
