"""Reading a list of existing contracts and grants from CSV, checking every row first. Plain Python.

The first row names the columns (``COLUMNS``; reference, title, provider, value, starts and ends
are needed, the rest may be left out or left empty). ``read_contracts`` returns the rows, or raises
``ContractProblems`` listing every problem by row number (the header is row 1) and column, so that
nothing is saved unless the whole file is right. Dates may be written as 2025-04-01 or 01/04/2025
(day first, as in the UK); money in pounds, with or without a £ sign and commas. A provider is its
name, its identifier (GB-CHC-1123456, GB-COH-01234567), or a bare charity number (6 or 7 digits)
or Companies House number (8 digits). Whether the provider exists and whether a reference is
already used is for the service to say: this module reads no database.

Decoding the uploaded bytes (UTF-8, or Windows-1252 as Excel saves plain CSV) is done before this
module is called (core/uploads.py: text_of).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from commonweal.agreements import rules
from commonweal.core.policy import PAYMENT_TERMS_DAYS, Jurisdiction, NoRuleInForce, in_force
from commonweal.messages import Message, gettext_noop, message, ngettext_noop, plural_message
from commonweal.organisations import identifiers

COLUMNS = (
    "reference",
    "title",
    "provider",
    "kind",
    "value",
    "starts",
    "ends",
    "payment_terms_days",
    "payment_profile",
    "summary",
)
REQUIRED_COLUMNS = ("reference", "title", "provider", "value", "starts", "ends")
# The longest each can be, as models.Agreement holds them (a provider's name as Organisation does).
LONGEST = {"reference": 100, "title": 200, "provider": 300, "summary": 5000}
# models.Agreement.value: 14 digits, 2 after the point.
MOST_VALUE = Decimal("999999999999.99")
# models.Agreement.payment_terms_days: 1 to 120.
FEWEST_DAYS, MOST_DAYS = 1, 120
DEFAULT_TERMS_DAYS = 30
MOST_ROWS = 2000
# Problems are listed up to this many; a file wrong on every row says so once it is past them.
LIST_AT_MOST = 50

CONTRACT, GRANT = rules.CONTRACT, rules.GRANT
KINDS = {"contract": CONTRACT, "grant": GRANT, "grant agreement": GRANT}
PROFILES = {
    "advance": "advance",
    "in advance": "advance",
    "monthly": "monthly_arrears",
    "monthly in arrears": "monthly_arrears",
    "monthly_arrears": "monthly_arrears",
    "quarterly": "quarterly_arrears",
    "quarterly in arrears": "quarterly_arrears",
    "quarterly_arrears": "quarterly_arrears",
    "milestone": "milestone",
    "milestones": "milestone",
    "by milestone": "milestone",
}
DEFAULT_PROFILE = "monthly_arrears"

_MONEY_MARKS = re.compile(r"[£,\s]")
_MONEY = re.compile(r"[0-9]+(\.[0-9]{1,2})?|\.[0-9]{1,2}")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_WHOLE = re.compile(r"\d+")
_CHARITY_NUMBER = re.compile(r"\d{6,7}")
_COMPANY_NUMBER = re.compile(r"\d{8}")
_LOOKS_LIKE_ORG_ID = re.compile(r"[A-Za-z]{2}-[A-Za-z]{2,10}-\S+")


def _english(template: str) -> str:
    return template


def _english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


@dataclass(frozen=True)
class ProviderRef:
    """Who a row names as its provider: an identifier (``org_id``) or else a ``name``."""

    org_id: str = ""
    name: str = ""

    def __str__(self) -> str:
        return self.org_id or self.name


@dataclass(frozen=True)
class ContractRow:
    row: int
    reference: str
    title: str
    provider: ProviderRef
    kind: str
    value: Decimal
    starts_on: date
    ends_on: date
    payment_terms_days: int
    payment_profile: str
    summary: str


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: the row number (the header is 1; None for the file as a whole) and the
    column (empty when it is not one column's)."""

    row: int | None
    column: str
    message: Message

    def render(
        self,
        gettext: Callable[[str], str] = _english,
        ngettext: Callable[[str, str, int], str] = _english_plural,
    ) -> str:
        """'Row 4: the end date is before the start date', translated by the callables given."""
        text = self.message.render(gettext, ngettext)
        if self.row is None:
            return text
        return message(gettext_noop("Row %(row)s: %(message)s"), row=self.row, message=text).render(
            gettext, ngettext
        )

    def __str__(self) -> str:
        return self.render()


class ContractProblems(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def rows_of(text: str) -> Iterator[list[str] | None]:
    """The rows of a CSV text, whatever its line endings; a row the csv module cannot read comes as
    None, and nothing after it."""
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield None
            return
        yield row


def column_name(cell: str) -> str:
    """A header cell as a column name: 'Payment terms days' is payment_terms_days."""
    return re.sub(r"[\s-]+", "_", cell.strip().lstrip("'").strip().lower())


def read_contracts(
    text: str, *, jurisdiction: Jurisdiction | str, most_rows: int = MOST_ROWS
) -> list[ContractRow]:
    """The contracts in a CSV text, or ContractProblems naming every row and column that is wrong.
    ``jurisdiction`` is the place's: a contract's payment terms are checked against the law in force
    there on the day it starts."""
    rows = rows_of(text)
    first = next(rows, None)
    if first is None or not any(cell.strip() for cell in first):
        raise ContractProblems(
            [
                Problem(
                    1,
                    "",
                    message(
                        gettext_noop("the first row must name the columns: %(columns)s"),
                        columns=", ".join(COLUMNS),
                    ),
                )
            ]
        )
    header = [column_name(cell) for cell in first]
    problems = header_problems(header)
    if problems:
        raise ContractProblems(problems)
    found: list[ContractRow] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows, start=2):
        if cells is None:
            problems.append(
                Problem(
                    number,
                    "",
                    message(
                        gettext_noop(
                            "the row is too long or is not laid out as CSV. Nothing after it was read"
                        )
                    ),
                )
            )
            break
        if not any(cell.strip() for cell in cells):
            continue  # a blank line a spreadsheet left
        row_problems, contract = read_row(number, header, cells, jurisdiction=jurisdiction)
        problems.extend(row_problems)
        if contract is None:
            continue
        if contract.reference in seen:
            problems.append(
                Problem(
                    number,
                    "reference",
                    message(
                        gettext_noop(
                            "the reference “%(reference)s” is on row %(first)s too. Each "
                            "agreement needs its own reference"
                        ),
                        reference=contract.reference,
                        first=seen[contract.reference],
                    ),
                )
            )
            continue
        seen[contract.reference] = number
        found.append(contract)
    if not problems and not found:
        problems.append(
            Problem(
                None,
                "",
                message(gettext_noop("The file has no contracts: add a row for each one")),
            )
        )
    if len(found) > most_rows:
        problems.append(
            Problem(
                None,
                "",
                message(
                    gettext_noop(
                        "A file can have at most %(most)s contracts. This one has %(count)s: "
                        "split it into smaller files"
                    ),
                    most=f"{most_rows:,}",
                    count=f"{len(found):,}",
                ),
            )
        )
    if problems:
        raise ContractProblems(shortened(problems))
    return found


def shortened(problems: list[Problem]) -> list[Problem]:
    """The first LIST_AT_MOST problems, and a line saying how many more there are."""
    if len(problems) <= LIST_AT_MOST:
        return problems
    more = len(problems) - LIST_AT_MOST
    return problems[:LIST_AT_MOST] + [
        Problem(
            None,
            "",
            plural_message(
                ngettext_noop("And %(count)s more problem", "And %(count)s more problems"),
                more,
                count=f"{more:,}",
            ),
        )
    ]


def header_problems(header: list[str]) -> list[Problem]:
    problems = []
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        problems.append(
            Problem(
                1,
                "",
                plural_message(
                    ngettext_noop(
                        "the first row has no column %(missing)s. It must name the columns "
                        "%(required)s (and may name %(optional)s)",
                        "the first row has no columns %(missing)s. It must name the columns "
                        "%(required)s (and may name %(optional)s)",
                    ),
                    len(missing),
                    missing=", ".join(missing),
                    required=", ".join(REQUIRED_COLUMNS),
                    optional=", ".join(c for c in COLUMNS if c not in REQUIRED_COLUMNS),
                ),
            )
        )
    unknown = [column for column in header if column and column not in COLUMNS]
    if unknown:
        problems.append(
            Problem(
                1,
                "",
                plural_message(
                    ngettext_noop(
                        "%(unknown)s is not a column this file can have. The columns are %(columns)s",
                        "%(unknown)s are not columns this file can have. The columns are %(columns)s",
                    ),
                    len(unknown),
                    unknown=", ".join(unknown),
                    columns=", ".join(COLUMNS),
                ),
            )
        )
    twice = sorted({column for column in header if column and header.count(column) > 1})
    if twice:
        problems.append(
            Problem(
                1,
                "",
                message(
                    gettext_noop("the first row names %(columns)s more than once"),
                    columns=", ".join(twice),
                ),
            )
        )
    return problems


def read_row(
    number: int, header: list[str], cells: list[str], *, jurisdiction: Jurisdiction | str
) -> tuple[list[Problem], ContractRow | None]:
    """One row's problems, and the contract when it has none."""
    problems: list[Problem] = []
    if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
        problems.append(
            Problem(
                number,
                "",
                message(
                    gettext_noop(
                        "the row has %(count)s cells but the first row names only %(columns)s "
                        "columns. Check for a comma in a cell that is not inside quotes"
                    ),
                    count=len(cells),
                    columns=len(header),
                ),
            )
        )
    cell = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}

    def problem(column: str, template: str, **params: str | int) -> None:
        problems.append(Problem(number, column, message(template, **params)))

    reference = _text(cell, "reference", problem, gettext_noop("enter the agreement's reference"))
    title = _text(cell, "title", problem, gettext_noop("enter the agreement's title"))
    provider_text = _text(
        cell,
        "provider",
        problem,
        gettext_noop("enter the provider's name, or its charity or company number"),
    )
    summary = _text(cell, "summary", problem, "")
    provider = read_provider(provider_text, problem) if provider_text else None

    kind_text = cell.get("kind", "").lower()
    kind = KINDS.get(" ".join(kind_text.split())) if kind_text else CONTRACT
    if kind is None:
        problem(
            "kind",
            gettext_noop(
                "the kind “%(given)s” is not one this list can have: write contract or grant"
            ),
            given=cell["kind"],
        )

    value = read_money(cell.get("value", ""), problem)
    starts = read_date(cell.get("starts", ""), "starts", problem)
    ends = read_date(cell.get("ends", ""), "ends", problem)
    if starts is not None and ends is not None and ends < starts:
        problem("ends", gettext_noop("the end date is before the start date"))
    elif starts is not None and ends is not None and ends == starts:
        problem("ends", gettext_noop("the agreement must end after the day it starts"))

    profile_text = " ".join(cell.get("payment_profile", "").lower().replace(",", " ").split())
    profile = PROFILES.get(profile_text) if profile_text else DEFAULT_PROFILE
    if profile is None:
        problem(
            "payment_profile",
            gettext_noop(
                "the payment profile “%(given)s” is not one this list can have: write advance, "
                "monthly, quarterly or milestone"
            ),
            given=cell["payment_profile"],
        )

    days = read_days(cell.get("payment_terms_days", ""), problem)
    if days is not None and kind in rules.PAYMENT_TERMS_KINDS and starts is not None:
        most = most_terms_days(starts, jurisdiction)
        if most is not None and days > most:
            problem(
                "payment_terms_days",
                gettext_noop(
                    "a public contract must let the provider be paid within %(most)s days of a "
                    "valid invoice. This row gives %(days)s days"
                ),
                most=most,
                days=days,
            )

    if problems:
        return problems, None
    assert provider is not None and kind is not None and value is not None
    assert starts is not None and ends is not None and days is not None and profile is not None
    return [], ContractRow(
        row=number,
        reference=reference,
        title=title,
        provider=provider,
        kind=kind,
        value=value,
        starts_on=starts,
        ends_on=ends,
        payment_terms_days=days,
        payment_profile=profile,
        summary=summary,
    )


def most_terms_days(starts: date, jurisdiction: Jurisdiction | str) -> int | None:
    """The most days a public contract may give to pay a valid invoice, by the law in force where
    and when it started; None when no such rule was in force then."""
    try:
        return in_force(PAYMENT_TERMS_DAYS, on=starts, jurisdiction=jurisdiction).value
    except NoRuleInForce:
        return None


def _text(cell: dict, column: str, problem: Callable, missing: str) -> str:
    value = " ".join(cell.get(column, "").split()) if column != "summary" else cell.get(column, "")
    if not value and missing:
        problem(column, missing)
    elif len(value) > LONGEST[column]:
        problem(
            column,
            gettext_noop(
                "the %(column)s must be %(most)s characters or fewer. This one has %(count)s"
            ),
            column=column,
            most=LONGEST[column],
            count=len(value),
        )
    return value


def read_provider(text: str, problem: Callable) -> ProviderRef | None:
    """An identifier when the cell is one (or a bare charity or company number), else a name."""
    compact = text.replace(" ", "")
    if _CHARITY_NUMBER.fullmatch(compact):
        return ProviderRef(org_id=f"GB-CHC-{compact}")
    if _COMPANY_NUMBER.fullmatch(compact):
        return ProviderRef(org_id=f"GB-COH-{compact}")
    if _LOOKS_LIKE_ORG_ID.fullmatch(compact):
        try:
            code, ident = identifiers.parse(compact)
        except identifiers.InvalidIdentifier as error:
            problem(
                "provider",
                gettext_noop("the provider “%(given)s” is not a valid identifier. %(why)s"),
                given=text,
                why=str(error),
            )
            return None
        return ProviderRef(org_id=f"{code}-{ident}")
    return ProviderRef(name=text)


def read_money(text: str, problem: Callable) -> Decimal | None:
    if not text:
        problem("value", gettext_noop("enter the agreement's total value, in pounds"))
        return None
    plain = _MONEY_MARKS.sub("", text)
    if plain.startswith("-") or plain.startswith("(") or plain.startswith("£-"):
        problem("value", gettext_noop("the value “%(given)s” is below nothing"), given=text)
        return None
    if not _MONEY.fullmatch(plain):
        problem(
            "value",
            gettext_noop(
                "the value “%(given)s” is not an amount of money. Write it in pounds and pence, "
                "like 120000 or £120,000.50"
            ),
            given=text,
        )
        return None
    try:
        value = Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the pattern lets only digits through
        problem(
            "value", gettext_noop("the value “%(given)s” is not an amount of money"), given=text
        )
        return None
    if value > MOST_VALUE:
        problem(
            "value",
            gettext_noop("the value “%(given)s” is more than £%(most)s"),
            given=text,
            most=f"{MOST_VALUE:,}",
        )
        return None
    return value


def read_date(text: str, column: str, problem: Callable) -> date | None:
    if not text:
        if column == "starts":
            problem(column, gettext_noop("enter the day the agreement starts"))
        else:
            problem(column, gettext_noop("enter the day the agreement ends"))
        return None
    iso = _ISO_DATE.fullmatch(text)
    uk = _UK_DATE.fullmatch(text)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if uk:
            return date(int(uk.group(3)), int(uk.group(2)), int(uk.group(1)))
    except ValueError:
        problem(column, gettext_noop("“%(given)s” is not a real date"), given=text)
        return None
    problem(
        column,
        gettext_noop(
            "“%(given)s” is not a date. Write it as 31/03/2026 (day, month, year) or 2026-03-31"
        ),
        given=text,
    )
    return None


def read_days(text: str, problem: Callable) -> int | None:
    if not text:
        return DEFAULT_TERMS_DAYS
    if not _WHOLE.fullmatch(text) or not FEWEST_DAYS <= int(text) <= MOST_DAYS:
        problem(
            "payment_terms_days",
            gettext_noop(
                "the payment terms “%(given)s” must be a whole number of days from %(fewest)s to "
                "%(most)s"
            ),
            given=text,
            fewest=FEWEST_DAYS,
            most=MOST_DAYS,
        )
        return None
    return int(text)


def template_rows() -> list[list[str]]:
    """The template file's rows: the header and two examples, a contract and a grant."""
    return [
        list(COLUMNS),
        [
            "RBC-2021-014",
            "Street outreach team",
            "GB-CHC-1123456",
            "contract",
            "£260,000",
            "01/04/2021",
            "31/03/2026",
            "30",
            "monthly",
            "Outreach to people sleeping rough, seven days a week",
        ],
        [
            "RBC-G-2023-002",
            "Community food hub",
            "Riverside Food Bank",
            "grant",
            "45000",
            "2023-07-01",
            "2026-06-30",
            "",
            "advance",
            "",
        ],
    ]
