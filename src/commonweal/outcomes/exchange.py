"""Export a framework version as JSON or CSV, and read such a file back, checking every row first.

Reading returns the content in the shape ``selectors.version_as_dict`` gives
(areas → outcomes → indicators), or the list of problems, each naming where
it is (a CSV row, counting the header as row 1) and the column.
"""

import csv
import io
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from commonweal.core import csvfiles, uploads
from commonweal.outcomes.forms import AreaForm, IndicatorForm, OutcomeFieldsForm
from commonweal.outcomes.selectors import INDICATOR_VALUE_FIELDS, decimal_text

AREA_COLUMNS = ("area_code", "area_name")
OUTCOME_COLUMNS = ("outcome_code", "outcome_title", "outcome_description")
INDICATOR_COLUMNS = ("indicator_code", "indicator_name") + INDICATOR_VALUE_FIELDS[2:]
COLUMNS = AREA_COLUMNS + OUTCOME_COLUMNS + INDICATOR_COLUMNS
BREAKDOWN_SEPARATOR = ";"

# Form field → column, where they differ.
_AREA_COLUMN = {"code": "area_code", "name": "area_name"}
_OUTCOME_COLUMN = {
    "code": "outcome_code",
    "title": "outcome_title",
    "description": "outcome_description",
}
_INDICATOR_COLUMN = {"code": "indicator_code", "name": "indicator_name"}


@dataclass(frozen=True)
class Problem:
    where: str
    column: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.where}, {self.column}: {self.message}"
            if self.column
            else f"{self.where}: {self.message}"
        )


class ImportProblems(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


# --- export ------------------------------------------------------------------


def version_json(framework, version, content: dict) -> str:
    """The version as nested JSON: framework, version, areas → outcomes → indicators."""
    document = {
        "framework": {
            "name": framework.name,
            "slug": framework.slug,
            "place": framework.place.name,
            "summary": framework.summary,
            "looked_after_by": framework.owner.name,
        },
        "version": {
            "number": version.number,
            "status": version.status,
            "change_note": version.change_note,
            "published_at": version.published_at.isoformat() if version.published_at else None,
        },
        "areas": content["areas"],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def version_csv(content: dict) -> str:
    """One row per indicator, with its area and outcome; an area or outcome without indicators gets a row too."""
    buffer = io.StringIO()
    writer = csvfiles.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for area in content["areas"]:
        area_values = {"area_code": area["code"], "area_name": area["name"]}
        if not area["outcomes"]:
            writer.writerow(area_values)
        for outcome in area["outcomes"]:
            outcome_values = {
                **area_values,
                "outcome_code": outcome["code"],
                "outcome_title": outcome["title"],
                "outcome_description": outcome["description"],
            }
            if not outcome["indicators"]:
                writer.writerow(outcome_values)
            for indicator in outcome["indicators"]:
                row = dict(outcome_values)
                for name, value in indicator.items():
                    column = _INDICATOR_COLUMN.get(name, name)
                    if name == "breakdowns":
                        value = BREAKDOWN_SEPARATOR.join(value)
                    row[column] = "" if value is None else value
                writer.writerow(row)
    return buffer.getvalue()


# --- import ------------------------------------------------------------------


def read_csv(data: bytes) -> dict:
    """The content of a CSV file, or ImportProblems naming each bad row and column."""
    try:
        text = uploads.text_of(data)  # UTF-8, or Windows-1252 as Excel on Windows saves a CSV
    except ValidationError as error:
        raise ImportProblems(
            [Problem(_("The file"), "", message) for message in error.messages]
        ) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [
        column
        for column in AREA_COLUMNS + ("outcome_code", "outcome_title", "indicator_code")
        if column not in header
    ]
    if missing:
        return _raise(
            [
                Problem(
                    _("Row 1"),
                    column,
                    _("The file must have a column called %(column)s") % {"column": column},
                )
                for column in missing
            ]
        )
    reader.fieldnames = header
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            rows.append((_("Row %(number)s") % {"number": number}, None))
            continue
        # A cell an export wrote with a quote in front (so a spreadsheet would not run it) reads back as it was.
        values = {
            column: csvfiles.unescape_cell((row.get(column) or "").strip()).strip()
            for column in COLUMNS
        }
        if not any(values.values()):
            continue
        values["breakdowns"] = [
            item.strip() for item in values["breakdowns"].split(BREAKDOWN_SEPARATOR) if item.strip()
        ]
        rows.append((_("Row %(number)s") % {"number": number}, values))
    return _assemble(rows)


def read_json(data: bytes) -> dict:
    """The content of a JSON export, or ImportProblems naming each bad record and field."""
    shape = Problem(
        _("The file"),
        "",
        _("The file must be JSON in the same shape as an export, with a list of areas"),
    )
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return _raise([Problem(_("The file"), "", _("The file is not valid JSON saved as UTF-8"))])
    areas = document.get("areas") if isinstance(document, dict) else None
    if not isinstance(areas, list):
        return _raise([shape])
    rows = []
    try:
        for area_index, area in enumerate(areas, start=1):
            area_values = {
                "area_code": _text(area.get("code")),
                "area_name": _text(area.get("name")),
            }
            where = _("Area %(number)s") % {"number": area_index}
            outcomes = area.get("outcomes") or []
            if not outcomes:
                rows.append((where, _blank_row(area_values)))
            for outcome_index, outcome in enumerate(outcomes, start=1):
                outcome_values = {
                    **area_values,
                    "outcome_code": _text(outcome.get("code")),
                    "outcome_title": _text(outcome.get("title")),
                    "outcome_description": _text(outcome.get("description")),
                }
                outcome_where = _("%(area)s, outcome %(number)s") % {
                    "area": where,
                    "number": outcome_index,
                }
                indicators = outcome.get("indicators") or []
                if not indicators:
                    rows.append((outcome_where, _blank_row(outcome_values)))
                for indicator_index, indicator in enumerate(indicators, start=1):
                    values = _blank_row(outcome_values)
                    for name in INDICATOR_VALUE_FIELDS:
                        value = indicator.get(name)
                        values[_INDICATOR_COLUMN.get(name, name)] = (
                            [str(item) for item in value or []]
                            if name == "breakdowns"
                            else _text(value)
                        )
                    indicator_where = _("%(outcome)s, indicator %(number)s") % {
                        "outcome": outcome_where,
                        "number": indicator_index,
                    }
                    rows.append((indicator_where, values))
    except (AttributeError, TypeError):
        return _raise([shape])
    return _assemble(rows)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _blank_row(values: dict) -> dict:
    row = dict.fromkeys(COLUMNS, "")
    row["breakdowns"] = []
    row.update(values)
    return row


def _raise(problems: list[Problem]):
    raise ImportProblems(problems)


def _form_problems(where: str, form, columns: dict) -> list[Problem]:
    return [
        Problem(where, columns.get(name, name), message)
        for name, messages in form.errors.items()
        for message in messages
    ]


def _assemble(rows: list[tuple[str, dict | None]]) -> dict:
    problems: list[Problem] = []
    areas: dict[str, dict] = {}
    outcomes: dict[str, tuple[str, dict]] = {}
    indicator_codes: set[str] = set()
    for where, values in rows:
        if values is None:
            problems.append(
                Problem(where, "", _("This row has more values than the header has columns"))
            )
            continue
        area_form = AreaForm(
            data={
                "code": values["area_code"],
                "name": values["area_name"] or areas.get(values["area_code"], {}).get("name", ""),
            }
        )
        if not area_form.is_valid():
            problems.extend(_form_problems(where, area_form, _AREA_COLUMN))
            continue
        area_code = area_form.cleaned_data["code"]
        area = areas.get(area_code)
        if area is None:
            area = areas[area_code] = {
                "code": area_code,
                "name": area_form.cleaned_data["name"],
                "outcomes": [],
            }
        elif values["area_name"] and values["area_name"] != area["name"]:
            problems.append(
                Problem(
                    where,
                    "area_name",
                    _("Area %(code)s has a different name on an earlier row") % {"code": area_code},
                )
            )
        if not values["outcome_code"]:
            if any(values[column] for column in OUTCOME_COLUMNS[1:] + INDICATOR_COLUMNS):
                problems.append(
                    Problem(
                        where, "outcome_code", _("Enter the code of the outcome this row is about")
                    )
                )
            continue
        outcome = _outcome(where, values, area, outcomes, problems)
        if outcome is None or not values["indicator_code"]:
            if outcome is not None and any(values[column] for column in INDICATOR_COLUMNS[1:]):
                problems.append(
                    Problem(
                        where,
                        "indicator_code",
                        _("Enter the code of the indicator this row is about"),
                    )
                )
            continue
        indicator = _indicator(where, values, indicator_codes, problems)
        if indicator is not None:
            outcome["indicators"].append(indicator)
    if problems:
        raise ImportProblems(problems)
    return {"areas": list(areas.values())}


def _outcome(
    where: str, values: dict, area: dict, outcomes: dict, problems: list[Problem]
) -> dict | None:
    code = values["outcome_code"]
    if code in outcomes:
        area_code, outcome = outcomes[code]
        if area_code != area["code"]:
            problems.append(
                Problem(
                    where,
                    "outcome_code",
                    _("Outcome %(code)s is already in area %(area)s on an earlier row")
                    % {"code": code, "area": area_code},
                )
            )
            return None
        if values["outcome_title"] and values["outcome_title"] != outcome["title"]:
            problems.append(
                Problem(
                    where,
                    "outcome_title",
                    _("Outcome %(code)s has a different title on an earlier row") % {"code": code},
                )
            )
        return outcome
    form = OutcomeFieldsForm(
        data={
            "code": code,
            "title": values["outcome_title"],
            "description": values["outcome_description"],
        }
    )
    if not form.is_valid():
        problems.extend(_form_problems(where, form, _OUTCOME_COLUMN))
        return None
    outcome = {**form.cleaned_data, "indicators": []}
    outcomes[code] = (area["code"], outcome)
    area["outcomes"].append(outcome)
    return outcome


def _indicator(where: str, values: dict, codes: set[str], problems: list[Problem]) -> dict | None:
    data = {
        name: values[_INDICATOR_COLUMN.get(name, name)]
        for name in INDICATOR_VALUE_FIELDS
        if name != "breakdowns"
    }
    form = IndicatorForm(data={**data, "breakdowns": values["breakdowns"]})
    if not form.is_valid():
        problems.extend(_form_problems(where, form, _INDICATOR_COLUMN))
        return None
    code = form.cleaned_data["code"]
    if code in codes:
        problems.append(
            Problem(
                where,
                "indicator_code",
                _("Indicator %(code)s is on an earlier row too") % {"code": code},
            )
        )
        return None
    codes.add(code)
    indicator = dict(form.cleaned_data)
    indicator["baseline_value"] = decimal_text(indicator["baseline_value"])
    indicator["target_value"] = decimal_text(indicator["target_value"])
    for name in ("baseline_date", "target_date"):
        indicator[name] = indicator[name].isoformat() if indicator[name] else None
    return {name: indicator[name] for name in INDICATOR_VALUE_FIELDS}
