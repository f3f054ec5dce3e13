"""A readable difference between two versions of an outcomes framework.

Pure Python: it compares plain dicts, the shape ``selectors.version_as_dict``
and the JSON export give (areas → outcomes → indicators), matching records by
their code, which stays the same from version to version.
"""

from dataclasses import dataclass, field

AREA, OUTCOME, INDICATOR = "area", "outcome", "indicator"

# The fields compared for each kind of record, in the order they are shown.
AREA_FIELDS = ("name",)
OUTCOME_FIELDS = ("title", "description", "area")
INDICATOR_FIELDS = (
    "name",
    "definition",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "data_source",
    "frequency",
    "validation_method",
    "breakdowns",
    "outcome",
)


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object


@dataclass(frozen=True)
class Item:
    kind: str  # area, outcome or indicator
    code: str
    label: str
    changes: tuple[FieldChange, ...] = ()


@dataclass
class Difference:
    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    changed: list[Item] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def flatten(version: dict) -> dict[str, dict[str, dict]]:
    """Each kind of record by code, with its parent's code alongside its own fields."""
    flat: dict[str, dict[str, dict]] = {AREA: {}, OUTCOME: {}, INDICATOR: {}}
    for area in version.get("areas", []):
        flat[AREA][area["code"]] = {"name": area.get("name", "")}
        for outcome in area.get("outcomes", []):
            flat[OUTCOME][outcome["code"]] = {
                "title": outcome.get("title", ""),
                "description": outcome.get("description", ""),
                "area": area["code"],
            }
            for indicator in outcome.get("indicators", []):
                values = {
                    name: indicator.get(name) for name in INDICATOR_FIELDS if name != "outcome"
                }
                values["outcome"] = outcome["code"]
                flat[INDICATOR][indicator["code"]] = values
    return flat


def _normal(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return sorted(str(item) for item in value)
    return str(value)


def _label(kind: str, values: dict) -> str:
    return values.get("title") if kind == OUTCOME else values.get("name", "")


def compare(before: dict, after: dict) -> Difference:
    """What was added, removed and changed (field by field, before → after) going from ``before`` to ``after``."""
    old, new = flatten(before), flatten(after)
    difference = Difference()
    for kind, names in (
        (AREA, AREA_FIELDS),
        (OUTCOME, OUTCOME_FIELDS),
        (INDICATOR, INDICATOR_FIELDS),
    ):
        for code, values in new[kind].items():
            if code not in old[kind]:
                difference.added.append(Item(kind, code, _label(kind, values)))
                continue
            previous = old[kind][code]
            changes = tuple(
                FieldChange(name, previous.get(name), values.get(name))
                for name in names
                if _normal(previous.get(name)) != _normal(values.get(name))
            )
            if changes:
                difference.changed.append(Item(kind, code, _label(kind, values), changes))
        for code, values in old[kind].items():
            if code not in new[kind]:
                difference.removed.append(Item(kind, code, _label(kind, values)))
    return difference
