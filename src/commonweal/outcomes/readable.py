"""A version difference in people's words: field names as labels, stored codes as their meanings."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from commonweal.outcomes import diff
from commonweal.outcomes.models import Indicator, Outcome, OutcomeArea

_MODELS = {diff.AREA: OutcomeArea, diff.OUTCOME: Outcome, diff.INDICATOR: Indicator}
_CHOICES = {
    "direction": dict(Indicator.Direction.choices),
    "frequency": dict(Indicator.Frequency.choices),
    "breakdowns": dict(Indicator.Breakdown.choices),
}


@dataclass(frozen=True)
class Line:
    kind: str
    code: str
    label: str
    changes: list[tuple[str, str, str]]


def _kind(kind: str) -> str:
    return {
        diff.AREA: _("Outcome area"),
        diff.OUTCOME: _("Outcome"),
        diff.INDICATOR: _("Indicator"),
    }[kind]


def _field_label(kind: str, name: str) -> str:
    if name == "area":
        return _("Outcome area")
    if name == "outcome":
        return _("Outcome")
    return str(_MODELS[kind]._meta.get_field(name).verbose_name).capitalize()


def _value(name: str, value) -> str:
    if value in (None, "", []):
        return _("(none)")
    if name == "breakdowns":
        return ", ".join(str(_CHOICES[name].get(item, item)) for item in value)
    if name in _CHOICES:
        return str(_CHOICES[name].get(value, value))
    return str(value)


def _lines(items: list[diff.Item]) -> list[Line]:
    return [
        Line(
            _kind(item.kind),
            item.code,
            item.label,
            [
                (
                    _field_label(item.kind, change.field),
                    _value(change.field, change.before),
                    _value(change.field, change.after),
                )
                for change in item.changes
            ],
        )
        for item in items
    ]


def readable(difference: diff.Difference) -> dict:
    return {
        "added": _lines(difference.added),
        "removed": _lines(difference.removed),
        "changed": _lines(difference.changed),
        "is_empty": difference.is_empty,
    }
