"""Reading a pool of volunteers from CSV, checking every row first, and the template file to fill in.

The header is name, email, household, then one column per feature. ``read_pool`` returns the
people, or raises ``PoolProblems`` listing every problem by row (the header is row 1), so that
nothing is saved unless the whole file is right.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from commonweal.core import csvfiles, uploads
from commonweal.panels.models import Panel, Volunteer

FIXED_COLUMNS = ("name", "email", "household")
# The longest each can be, as the pool's columns hold them.
LONGEST = {column: Volunteer._meta.get_field(column).max_length for column in FIXED_COLUMNS}


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


def read_pool(panel: Panel, data: bytes) -> list[dict]:
    """The people in a pool file, each {name, email, household, values: {feature: category}}."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PoolProblems([Problem(None, _("Save the file as CSV UTF-8 and upload it again"))]) from None
    features = {feature.name.lower(): feature for feature in panel.features.prefetch_related("categories")}
    if not features:
        raise PoolProblems([Problem(None, _("Add the panel's features before you import the pool"))])
    rows = uploads.csv_rows(text)
    first = next(rows, [])
    if first is None:
        columns = ", ".join(list(FIXED_COLUMNS) + [feature.name for feature in features.values()])
        raise PoolProblems([Problem(1, _("The row is too long or is not laid out as CSV. The first row must be the "
                                         "header: %(columns)s") % {"columns": columns})])
    # The template writes a feature name a spreadsheet would run with a quote in front: read it as it was.
    header = [csvfiles.unescape_cell(column.strip()).strip() for column in first]
    problems = _header_problems(header, features)
    if problems:
        raise PoolProblems(problems)
    columns = [column.lower() for column in header]
    categories = {name: {c.name.lower(): c.name for c in feature.categories.all()} for name, feature in features.items()}
    people, seen_emails, seen_people = [], {}, {}
    for number, cells in enumerate(rows, start=2):
        if cells is None:
            problems.append(Problem(number, _("The row is too long or is not laid out as CSV. Nothing after it was "
                                              "read")))
            break
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(columns):
            problems.append(Problem(number, _("The row has %(found)s cells but the header has %(expected)s columns") % {
                "found": len(cells), "expected": len(columns)}))
            continue
        row = {column: cell.strip() for column, cell in zip(columns, cells, strict=True)}
        person = {"name": row["name"], "email": row["email"].lower(), "household": row["household"], "values": {}}
        if not person["name"]:
            problems.append(Problem(number, _("Enter the person's name in the name column")))
        for column, most in LONGEST.items():
            if len(row[column]) > most:
                problems.append(Problem(number, _("The %(column)s must be %(most)s characters or fewer. It has "
                                                  "%(length)s") % {"column": column, "most": most,
                                                                   "length": len(row[column])}))
        if person["email"] and len(person["email"]) <= LONGEST["email"]:
            try:
                validate_email(person["email"])
            except ValidationError:
                problems.append(Problem(number, _("%(email)s is not an email address in the right format, like "
                                                  "name@example.com") % {"email": row["email"]}))
        for key, feature in features.items():
            value = row[key]
            if not value:
                problems.append(Problem(number, _("The %(feature)s column is empty. Enter one of: %(allowed)s") % {
                    "feature": feature.name, "allowed": ", ".join(categories[key].values())}))
            elif value.lower() not in categories[key]:
                problems.append(Problem(number, _("%(value)s is not a category of %(feature)s. Use one of: %(allowed)s") % {
                    "value": value, "feature": feature.name, "allowed": ", ".join(categories[key].values())}))
            else:
                person["values"][feature.name] = categories[key][value.lower()]
        _check_duplicate(person, number, seen_emails, seen_people, problems)
        people.append(person)
    if not people and not problems:
        problems.append(Problem(None, _("The file has no people in it, only the header")))
    if problems:
        raise PoolProblems(problems)
    return people


def _header_problems(header: list[str], features: dict) -> list[Problem]:
    lowered = [column.lower() for column in header]
    problems = [Problem(1, _("The file must have a column called %(column)s") % {"column": column})
                for column in list(FIXED_COLUMNS) + [f.name for f in features.values()] if column.lower() not in lowered]
    known = set(FIXED_COLUMNS) | set(features)
    problems += [Problem(1, _("%(column)s is not a column the pool file can have. The panel has no feature called "
                              "%(column)s") % {"column": column}) for column in header if column.lower() not in known]
    repeated = sorted({column for column in header if lowered.count(column.lower()) > 1})
    problems += [Problem(1, _("The %(column)s column is there twice") % {"column": column}) for column in repeated]
    return problems


def _check_duplicate(person: dict, number: int, seen_emails: dict, seen_people: dict, problems: list) -> None:
    """The same email twice, or the same name in the same household, is the same person."""
    if person["email"]:
        if person["email"] in seen_emails:
            problems.append(Problem(number, _("%(email)s is already in the pool on row %(row)s. Each person can be in "
                                              "the pool once") % {"email": person["email"], "row": seen_emails[person["email"]]}))
        else:
            seen_emails[person["email"]] = number
    key = (person["name"].lower(), person["household"].lower())
    if person["name"] and person["household"]:
        if key in seen_people:
            problems.append(Problem(number, _("%(name)s in household %(household)s is already in the pool on row "
                                              "%(row)s. Each person can be in the pool once") % {
                "name": person["name"], "household": person["household"], "row": seen_people[key]}))
        else:
            seen_people[key] = number
