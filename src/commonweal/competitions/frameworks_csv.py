"""Reading a social value framework's measures from CSV, checking every row first.

The header names the columns code, title, unit, proxy_value and theme (proxy_value and theme may
be left out, or left empty on a row). ``read_measures`` returns the measures, or raises
``MeasureProblems`` listing every problem by row number (the header is row 1), so that nothing is
saved unless the whole file is right. It reads no database.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from commonweal.core import csvfiles, uploads

COLUMNS = ("code", "title", "unit", "proxy_value", "theme")
REQUIRED_COLUMNS = ("code", "title", "unit")
# The longest each can be, as models.Measure holds them.
LONGEST = {"code": 40, "title": 300, "unit": 100, "theme": 100}
# models.Measure.proxy_value: 14 digits, 2 after the point.
MOST_PROXY = Decimal("999999999999.99")
MOST_MEASURES = 2000
# Problems are listed up to this many; a file wrong on every row says so once it is past them.
LIST_AT_MOST = 50
_MONEY_MARKS = re.compile(r"[£,\s]")


@dataclass(frozen=True)
class MeasureRow:
    code: str
    title: str
    unit: str
    proxy_value: Decimal | None
    theme: str


@dataclass(frozen=True)
class Problem:
    row: int | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class MeasureProblems(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems

    @property
    def messages(self) -> list[str]:
        return [str(problem) for problem in self.problems]


def read_measures_file(data: bytes) -> list[MeasureRow]:
    """The measures in an uploaded CSV file's bytes (UTF-8, or Windows-1252 as Excel saves it)."""
    try:
        text = uploads.text_of(data)
    except ValidationError as error:
        raise MeasureProblems([Problem(None, message) for message in error.messages]) from None
    return read_measures(text)


def read_measures(text: str) -> list[MeasureRow]:
    """The measures in a CSV text, or MeasureProblems naming every row that is wrong."""
    rows = list(uploads.csv_rows(text))
    if not rows or rows[0] is None or not any(cell.strip() for cell in rows[0]):
        raise MeasureProblems(
            [
                Problem(
                    1,
                    _("The first row must name the columns: %(columns)s")
                    % {"columns": ", ".join(COLUMNS)},
                )
            ]
        )
    header = [csvfiles.unescape_cell(cell.strip()).strip().lower() for cell in rows[0]]
    problems = _header_problems(header)
    if problems:
        raise MeasureProblems(problems)
    measures: list[MeasureRow] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if cells is None:
            problems.append(
                Problem(
                    number,
                    _("The row is too long or is not laid out as CSV. Nothing after it was read"),
                )
            )
            break
        if not any(cell.strip() for cell in cells):
            continue  # a blank line a spreadsheet left
        row_problems, measure = _read_row(header, cells)
        problems.extend(Problem(number, message) for message in row_problems)
        if measure is not None:
            if measure.code.lower() in seen:
                problems.append(
                    Problem(
                        number,
                        _(
                            "The code “%(code)s” is on row %(first)s too. Each measure needs its own code"
                        )
                        % {"code": measure.code, "first": seen[measure.code.lower()]},
                    )
                )
            else:
                seen[measure.code.lower()] = number
                measures.append(measure)
    if not problems and not measures:
        problems.append(Problem(None, _("The file has no measures: add a row for each one")))
    if len(measures) > MOST_MEASURES:
        problems.append(
            Problem(
                None,
                _("A framework can have at most %(most)s measures. This file has %(count)s")
                % {"most": f"{MOST_MEASURES:,}", "count": f"{len(measures):,}"},
            )
        )
    if problems:
        if len(problems) > LIST_AT_MOST:
            more = len(problems) - LIST_AT_MOST
            problems = problems[:LIST_AT_MOST] + [
                Problem(None, _("And %(count)s more problems") % {"count": f"{more:,}"})
            ]
        raise MeasureProblems(problems)
    return measures


def _header_problems(header: list[str]) -> list[Problem]:
    problems = []
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        problems.append(
            Problem(
                1,
                _("The first row must name the columns %(columns)s. It has no %(missing)s")
                % {"columns": ", ".join(COLUMNS), "missing": ", ".join(missing)},
            )
        )
    unknown = [column for column in header if column and column not in COLUMNS]
    if unknown:
        problems.append(
            Problem(
                1,
                _("The column %(unknown)s is not one Commonweal knows. The columns are %(columns)s")
                % {
                    "unknown": ", ".join(f"“{name}”" for name in unknown),
                    "columns": ", ".join(COLUMNS),
                },
            )
        )
    repeated = sorted({column for column in header if column and header.count(column) > 1})
    if repeated:
        problems.append(
            Problem(
                1,
                _("The column %(repeated)s is named twice") % {"repeated": ", ".join(repeated)},
            )
        )
    return problems


def _read_row(header: list[str], cells: list[str]) -> tuple[list[str], MeasureRow | None]:
    values = {
        column: csvfiles.unescape_cell(cells[index].strip()).strip() if index < len(cells) else ""
        for index, column in enumerate(header)
        if column in COLUMNS
    }
    problems = []
    for column, what in (("code", _("code")), ("title", _("title")), ("unit", _("unit"))):
        if not values.get(column):
            problems.append(_("The %(what)s is empty") % {"what": what})
    for column, what in (
        ("code", _("code")),
        ("title", _("title")),
        ("unit", _("unit")),
        ("theme", _("theme")),
    ):
        value = values.get(column, "")
        if len(value) > LONGEST[column]:
            problems.append(
                _("The %(what)s must be %(most)s characters or fewer (it has %(count)s)")
                % {"what": what, "most": LONGEST[column], "count": len(value)}
            )
    proxy, proxy_problem = _proxy(values.get("proxy_value", ""))
    if proxy_problem:
        problems.append(proxy_problem)
    if problems:
        return problems, None
    return [], MeasureRow(
        code=values["code"],
        title=values["title"],
        unit=values["unit"],
        proxy_value=proxy,
        theme=values.get("theme", ""),
    )


def _proxy(given: str) -> tuple[Decimal | None, str | None]:
    if not given:
        return None, None
    try:
        value = Decimal(_MONEY_MARKS.sub("", given))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        return None, _("The proxy value “%(value)s” is not a number") % {"value": given}
    if value < 0:
        return None, _("The proxy value “%(value)s” is below zero") % {"value": given}
    if value > MOST_PROXY:
        return None, _("The proxy value “%(value)s” is too large") % {"value": given}
    if value != value.quantize(Decimal("0.01")):
        return None, _(
            "The proxy value “%(value)s” has more than pounds and pence: give at most 2 decimal places"
        ) % {"value": given}
    return value.quantize(Decimal("0.01")), None
