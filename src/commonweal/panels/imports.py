"""Reading a pool of volunteers from CSV, checking every row first, and the template file to fill in.

The header is name, email, household, then one column per feature. ``read_pool`` returns the
people, or raises ``PoolProblems`` listing every problem by row (the header is row 1), so that
nothing is saved unless the whole file is right.
"""

import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonweal.core import csvfiles, policy, uploads
from commonweal.panels.models import Panel, Volunteer

FIXED_COLUMNS = ("name", "email", "household")
# The longest each can be, as the pool's columns hold them.
LONGEST = {column: Volunteer._meta.get_field(column).max_length for column in FIXED_COLUMNS}
# Unknown columns are named up to this many, then counted ("and 99,990 more").
LIST_AT_MOST = 10
PROGRESS_EVERY_ROWS = 500


@dataclass(frozen=True)
class Problem:
    row: int | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class PoolProblems(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def template_csv(panel: Panel) -> str:
    """An empty pool file: the header row with the panel's columns."""
    buffer = io.StringIO()
    writer = csvfiles.writer(buffer)
    writer.writerow(list(FIXED_COLUMNS) + [feature.name for feature in panel.features.all()])
    return buffer.getvalue()


def read_pool(
    panel: Panel, data: bytes, *, progress: Callable[[int, int], None] | None = None
) -> list[dict]:
    """The people in a pool file, each {name, email, household, values: {feature: category}}.

    ``progress(rows_read, rows_total)`` is called every ``PROGRESS_EVERY_ROWS`` rows and at the end.
    """
    try:
        text = uploads.text_of(data)  # UTF-8, or Windows-1252 as Excel on Windows saves a CSV
    except ValidationError as error:
        raise PoolProblems([Problem(None, message) for message in error.messages]) from None
    features = {
        feature.name.lower(): feature for feature in panel.features.prefetch_related("categories")
    }
    if not features:
        raise PoolProblems(
            [Problem(None, _("Add the panel's features before you import the pool"))]
        )
    rows = list(uploads.csv_rows(text))
    first = rows[0] if rows else []
    if first is None:
        columns = ", ".join(list(FIXED_COLUMNS) + [feature.name for feature in features.values()])
        raise PoolProblems(
            [
                Problem(
                    1,
                    _(
                        "The row is too long or is not laid out as CSV. The first row must be the "
                        "header: %(columns)s"
                    )
                    % {"columns": columns},
                )
            ]
        )
    # The template writes a feature name a spreadsheet would run with a quote in front: read it as it was.
    header = [csvfiles.unescape_cell(column.strip()).strip() for column in first]
    problems = _header_problems(header, features)
    if problems:
        raise PoolProblems(problems)
    body = rows[1:]
    most = policy.in_force(policy.PANEL_POOL_MAX_PEOPLE, timezone.localdate()).value
    people_rows = sum(1 for cells in body if cells is None or any(cell.strip() for cell in cells))
    if people_rows > most:
        raise PoolProblems(
            [
                Problem(
                    None,
                    _(
                        "The file has %(count)s rows of people, but a pool can have at most %(most)s people. Remove some rows "
                        "and upload it again"
                    )
                    % {"count": _number(people_rows), "most": _number(most)},
                )
            ]
        )
    columns = [column.lower() for column in header]
    categories = {
        name: {c.name.lower(): c.name for c in feature.categories.all()}
        for name, feature in features.items()
    }
    people, seen_emails, seen_people = [], {}, {}
    total = len(body)
    if progress is not None:
        progress(0, total)
    for number, cells in enumerate(body, start=2):
        if progress is not None and (number - 1) % PROGRESS_EVERY_ROWS == 0:
            progress(number - 1, total)
        if cells is None:
            problems.append(
                Problem(
                    number,
                    _("The row is too long or is not laid out as CSV. Nothing after it was read"),
                )
            )
            break
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(columns):
            problems.append(
                Problem(
                    number,
                    ngettext(
                        "The row has %(found)s cell but the header has %(expected)s columns",
                        "The row has %(found)s cells but the header has %(expected)s columns",
                        len(cells),
                    )
                    % {"found": len(cells), "expected": len(columns)},
                )
            )
            continue
        row = {column: cell.strip() for column, cell in zip(columns, cells, strict=True)}
        person = {
            "name": row["name"],
            "email": row["email"].lower(),
            "household": row["household"],
            "values": {},
        }
        if not person["name"]:
            problems.append(Problem(number, _("Enter the person's name in the name column")))
        for column, longest in LONGEST.items():
            if len(row[column]) > longest:
                problems.append(
                    Problem(
                        number,
                        _("The %(column)s must be %(most)s characters or fewer. It has %(length)s")
                        % {"column": column, "most": longest, "length": len(row[column])},
                    )
                )
        if person["email"] and len(person["email"]) <= LONGEST["email"]:
            try:
                validate_email(person["email"])
            except ValidationError:
                problems.append(
                    Problem(
                        number,
                        _(
                            "%(email)s is not an email address in the right format, like "
                            "name@example.com"
                        )
                        % {"email": row["email"]},
                    )
                )
        for key, feature in features.items():
            value = row[key]
            if not value:
                problems.append(
                    Problem(
                        number,
                        _("The %(feature)s column is empty. Enter one of: %(allowed)s")
                        % {"feature": feature.name, "allowed": ", ".join(categories[key].values())},
                    )
                )
            elif value.lower() not in categories[key]:
                problems.append(
                    Problem(
                        number,
                        _("%(value)s is not a category of %(feature)s. Use one of: %(allowed)s")
                        % {
                            "value": value,
                            "feature": feature.name,
                            "allowed": ", ".join(categories[key].values()),
                        },
                    )
                )
            else:
                person["values"][feature.name] = categories[key][value.lower()]
        _check_duplicate(person, number, seen_emails, seen_people, problems)
        people.append(person)
    if progress is not None:
        progress(total, total)
    if not people and not problems:
        problems.append(Problem(None, _("The file has no people in it, only the header")))
    if problems:
        raise PoolProblems(problems)
    return people


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def _short(column: str, most: int = 60) -> str:
    return column if len(column) <= most else column[:most] + "…"


def _listed(columns: list[str]) -> str:
    """Columns named up to LIST_AT_MOST, then how many more: "a, b, c and 99,990 more"."""
    shown = ", ".join(_short(column) for column in columns[:LIST_AT_MOST])
    if len(columns) <= LIST_AT_MOST:
        return shown
    return _("%(shown)s and %(more)s more") % {
        "shown": shown,
        "more": _number(len(columns) - LIST_AT_MOST),
    }


def _header_problems(header: list[str], features: dict) -> list[Problem]:
    """What is wrong with the header row, in one pass over it however many columns it has."""
    counts = Counter(column.lower() for column in header)
    expected = list(FIXED_COLUMNS) + [feature.name for feature in features.values()]
    problems = []
    most = policy.in_force(policy.PANEL_POOL_MAX_COLUMNS, timezone.localdate()).value
    if len(header) > most:
        problems.append(
            Problem(
                1,
                _(
                    "The first row has %(count)s columns, but a pool file can have at most %(most)s. This panel's file has "
                    "%(expected)s: %(columns)s"
                )
                % {
                    "count": _number(len(header)),
                    "most": _number(most),
                    "expected": len(expected),
                    "columns": ", ".join(expected),
                },
            )
        )
    problems += [
        Problem(1, _("The file must have a column called %(column)s") % {"column": column})
        for column in expected
        if column.lower() not in counts
    ]
    known = set(FIXED_COLUMNS) | set(features)
    unknown, seen = [], set()
    for column in header:
        key = column.lower()
        if key not in known and key not in seen:
            seen.add(key)
            unknown.append(column)
    if len(unknown) == 1:
        problems.append(
            Problem(
                1,
                _(
                    "%(column)s is not a column the pool file can have. The panel has no feature "
                    "called %(column)s"
                )
                % {"column": _short(unknown[0])},
            )
        )
    elif unknown:
        problems.append(
            Problem(
                1,
                _(
                    "These are not columns the pool file can have, because the panel has no "
                    "features called that: %(columns)s"
                )
                % {"columns": _listed(unknown)},
            )
        )
    repeated = [column for column in expected if counts[column.lower()] > 1]
    problems += [
        Problem(1, _("The %(column)s column is there twice") % {"column": column})
        for column in repeated
    ]
    return problems


def _check_duplicate(
    person: dict, number: int, seen_emails: dict, seen_people: dict, problems: list
) -> None:
    """The same email twice, or the same name in the same household, is the same person."""
    if person["email"]:
        if person["email"] in seen_emails:
            problems.append(
                Problem(
                    number,
                    _(
                        "%(email)s is already in the pool on row %(row)s. Each person can be in "
                        "the pool once"
                    )
                    % {"email": person["email"], "row": seen_emails[person["email"]]},
                )
            )
        else:
            seen_emails[person["email"]] = number
    key = (person["name"].lower(), person["household"].lower())
    if person["name"] and person["household"]:
        if key in seen_people:
            problems.append(
                Problem(
                    number,
                    _(
                        "%(name)s in household %(household)s is already in the pool on row "
                        "%(row)s. Each person can be in the pool once"
                    )
                    % {
                        "name": person["name"],
                        "household": person["household"],
                        "row": seen_people[key],
                    },
                )
            )
        else:
            seen_people[key] = number
