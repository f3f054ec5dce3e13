"""The sortition-algorithms package's maximin and legacy methods, for comparison.

Our people and quotas are turned into its objects. Categories without a quota are given
the quota 0 to panel size (it needs every value a person has to be listed). It compares
values ignoring case, so values that differ only in case should be made consistent first.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import MutableMapping, Sequence
from typing import TYPE_CHECKING

from .model import Person, Quota

if TYPE_CHECKING:  # the library is imported when used: it is only for comparison
    from sortition_algorithms.features import FeatureValueMinMax
    from sortition_algorithms.people import People

    # Each feature's values and their quotas, as the library takes them.
    Features = dict[str, MutableMapping[str, FeatureValueMinMax]]

HOUSEHOLD = "commonweal household"


def _library_inputs(
    people: Sequence[Person], quotas: Sequence[Quota], size: int, one_per_household: bool
) -> tuple[Features, People, list[str]]:
    from sortition_algorithms.features import FeatureValueMinMax
    from sortition_algorithms.people import People

    features: Features = {}
    for quota in quotas:
        features.setdefault(quota.feature, {})[quota.value] = FeatureValueMinMax(
            min=quota.min, max=quota.max
        )
    for person in people:
        for feature, values in features.items():
            value = person.features.get(feature, "")
            values.setdefault(value, FeatureValueMinMax(min=0, max=size))
    keep = [HOUSEHOLD] if one_per_household else []
    library_people = People(columns_to_keep=keep)
    for row, person in enumerate(people, start=2):
        data = {feature: person.features.get(feature, "") for feature in features}
        if one_per_household:
            data[HOUSEHOLD] = (
                person.household if person.household is not None else f"\x00{person.id}"
            )
        library_people.add(person.id, data, features, row)
    return features, library_people, keep


def library_maximin(
    people: Sequence[Person], quotas: Sequence[Quota], size: int, one_per_household: bool
) -> tuple[list[tuple[str, ...]], list[float]]:
    """sortition-algorithms' maximin: (panels, probabilities)."""
    from sortition_algorithms.committee_generation import (
        find_distribution_maximin,
        standardize_distribution,
    )

    features, library_people, address = _library_inputs(people, quotas, size, one_per_household)
    committees, probabilities, _report = find_distribution_maximin(
        features, library_people, size, address
    )
    committees, probabilities = standardize_distribution(committees, probabilities)
    return [tuple(sorted(c)) for c in committees], list(probabilities)


def library_legacy(
    people: Sequence[Person],
    quotas: Sequence[Quota],
    size: int,
    one_per_household: bool,
    *,
    time_limit: float,
    draws: int = 1000,
) -> tuple[list[tuple[str, ...]], list[float]]:
    """sortition-algorithms' legacy method run many times: each panel drawn, with its share of the draws.

    The legacy method draws one panel at a time and has no lottery of its own, so its
    selection probabilities are estimated by repeating it (up to `draws` times or the time limit).
    """
    from sortition_algorithms.committee_generation import find_random_sample_legacy

    features, library_people, address = _library_inputs(people, quotas, size, one_per_household)
    counts: Counter[tuple[str, ...]] = Counter()
    deadline = time.monotonic() + time_limit
    done = 0
    while done < draws and (done == 0 or time.monotonic() < deadline):
        committees, _report = find_random_sample_legacy(
            library_people, features, size, address, max_attempts=100
        )
        counts[tuple(sorted(committees[0]))] += 1
        done += 1
    panels = sorted(counts)
    return panels, [counts[p] / done for p in panels]
