"""Citizens' panels by fair lottery: the sortition engine (plain Python, no Django).

Use it like this::

    from commonweal.panels.sortition import Person, Quota, find_distribution, draw, check_panel

    people = [Person(id="p1", features={"sex": "Female", "ward": "Dockside"}, household="h1"), ...]
    quotas = [Quota(feature="sex", value="Female", min=9, max=11), ...]
    lottery = find_distribution(people, quotas, 20, one_per_household=True,
                                method="leximin", time_limit=120.0,
                                progress=lambda message, fraction: ...)
    panel = draw(lottery, "seed read out at the public draw meeting")
    assert check_panel(panel, people, quotas, 20, one_per_household=True) == []

find_distribution(people, quotas, size, *, one_per_household=False, method="leximin",
time_limit=120.0, progress=None, clock=time.monotonic) -> Distribution
    Returns a lottery over panels. Every panel in it has exactly `size` people, meets every
    quota (min <= count <= max for the people whose `features[quota.feature] == quota.value`;
    values are compared exactly) and, with one_per_household, has at most one person per
    household (people with household None are their own household). Categories without a
    quota are unrestricted.
    method:
      "leximin" (default): maximise the lowest selection probability, then the next lowest, and
        so on (Flanigan et al., Nature 2021), by column generation with HiGHS. The maximin
        stage always finishes; refinement stops at `time_limit` seconds (from the start of the
        call, read on `clock`), even in the middle of a stage: every HiGHS solve is given only
        the time left. It then returns `finished=False`, with `stages_completed` saying how many
        stages were done. The lottery is still valid: it keeps every level already reached, and
        nobody's chance is below the maximin level. Turning it into named panels takes a second
        or two more; shortening it for publication uses what is left of the limit (at least 1 s,
        at most 30 s) and is skipped when the lottery is too large.
        How it works: people who fall in the same quota categories (and share no household
        under the household rule) are interchangeable, so the search runs over panel make-ups
        (how many of each group); each make-up is then turned into named panels by
        systematic sampling, exactly, and the list is shortened by a linear program that keeps
        every person's chance (see expand.py).
      "maximin": only the first stage.
      "sortition-algorithms maximin" / "sortition-algorithms legacy": the sortition-algorithms
        package's methods, for comparison. Legacy draws one panel at a time, so its lottery is
        the panels of up to 1,000 repeated draws (or as many as fit in time_limit), each with its
        share of the draws: an estimate, not an exact lottery.
    progress(message, fraction) is called now and then with a plain-English message (a
    commonweal.messages.Message, translated where it is shown; str() gives the English) and the
    share of people whose final chance is known (or None when that is not meaningful).
    Raises Infeasible (with .conflicts, each a Conflict naming the quotas involved, how far
    from feasible, and a plain-English message; str(error) reads well on a page) when no panel
    can meet the quotas, and ValueError for malformed input (duplicate person ids, duplicate
    quotas, negative quotas, size below 1, unknown method).

Distribution fields: panels (sorted id tuples, sorted), probabilities (sum to 1),
selection_probability (every pool member, computed from the panels), method, maximin (the
lowest chance among people who can be selected at all), stages_completed, finished, seconds,
cannot_be_selected (ids no valid panel can include; their chance is 0).

draw(distribution, seed) -> the drawn panel. Deterministic on any machine: the exact
procedure is in commonweal.panels.sortition.draw's docstring (SHA-256 of the seed, then a walk
through the panels in sorted order with exact fractions), so anyone can re-run it.

check_panel(panel_ids, people, quotas, size, one_per_household=False) -> list of problems in
plain English; empty when the panel meets every rule.
"""

from .draw import check_panel, draw, seed_number
from .engine import METHODS, find_distribution
from .model import Conflict, Distribution, Infeasible, Person, Quota

__all__ = [
    "METHODS",
    "Conflict",
    "Distribution",
    "Infeasible",
    "Person",
    "Quota",
    "check_panel",
    "draw",
    "find_distribution",
    "seed_number",
]
