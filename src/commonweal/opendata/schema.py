"""The OCDS 1.1.5 schema, read from disk (settings.OCDS_SCHEMA_DIR), and checking data against it.

Nothing is downloaded: the package schemas name the release schema by its web address, and a
``referencing`` registry maps that address to the local file. Formats are checked too (``date-time``
with rfc3339-validator, ``uri`` with rfc3986-validator): jsonschema skips a format it has no checker
for, so ``_validator`` refuses to start without them.
"""

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from jsonschema import Draft4Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT4

VERSION = "1.1.5"
# Where the standard publishes each file; the schemas name each other by these addresses.
SCHEMA_URL = "https://standard.open-contracting.org/schema/1__1__5/"
RELEASE = "release-schema.json"
RELEASE_PACKAGE = "release-package-schema.json"
RECORD_PACKAGE = "record-package-schema.json"
# Only a record with a versioned release needs it (Commonweal's records have none).
VERSIONED_RELEASE = "versioned-release-validation-schema.json"
NEEDED = (RELEASE, RELEASE_PACKAGE, RECORD_PACKAGE)
FORMATS = ("date-time", "uri")


class SchemaUnavailable(Exception):
    """The OCDS schema is not where the settings say, so nothing can be checked or published."""

    def __init__(self, detail: str):
        super().__init__(
            _(
                "The OCDS %(version)s schema cannot be read: %(detail)s Install it with `make "
                "ocds-schema` (it downloads the schema into var/ocds/schema-1.1.5/), or set "
                "OCDS_SCHEMA_DIR to a folder holding %(files)s."
            )
            % {"version": VERSION, "detail": detail, "files": ", ".join(NEEDED)}
        )


@dataclass(frozen=True)
class Problem:
    """One way data breaks the schema: where (``tender/value/amount``; "" for the whole) and why."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def schema_dir() -> Path:
    """The folder the schema is read from; SchemaUnavailable if it is not set or lacks a file."""
    configured = settings.OCDS_SCHEMA_DIR
    if not configured:
        raise SchemaUnavailable(_("no folder is set and none was found."))
    folder = Path(configured)
    for name in NEEDED:
        if not (folder / name).is_file():
            raise SchemaUnavailable(
                _("%(file)s is not in %(folder)s.") % {"file": name, "folder": folder}
            )
    return folder


def schema(name: str = RELEASE) -> dict:
    """One of the schema's files, as a dict (read once per folder)."""
    return _read(str(schema_dir()), name)


@lru_cache(maxsize=16)
def _read(folder: str, name: str) -> dict:
    path = Path(folder) / name
    try:
        with path.open(encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError) as error:
        raise SchemaUnavailable(
            _("%(file)s could not be read (%(error)s).") % {"file": path, "error": error}
        ) from None


@lru_cache(maxsize=16)
def _validator(folder: str, name: str) -> Draft4Validator:
    checker = Draft4Validator.FORMAT_CHECKER
    missing = [format_name for format_name in FORMATS if format_name not in checker.checkers]
    if missing:  # jsonschema would pass any text as a date silently
        raise RuntimeError(
            "jsonschema cannot check the formats "
            + ", ".join(missing)
            + ": install rfc3339-validator and rfc3986-validator (pip install -e .)."
        )
    names = [*NEEDED, VERSIONED_RELEASE]
    resources = [
        (
            SCHEMA_URL + each,
            Resource.from_contents(_read(folder, each), default_specification=DRAFT4),
        )
        for each in names
        if (Path(folder) / each).is_file()
    ]
    return Draft4Validator(
        _read(folder, name), registry=Registry().with_resources(resources), format_checker=checker
    )


def validate(data: object, name: str = RELEASE) -> list[Problem]:
    """Every way ``data`` breaks the schema file ``name``, in the order of their paths ([] if none)."""
    validator = _validator(str(schema_dir()), name)
    try:
        errors = list(validator.iter_errors(data))
    except Unresolvable as error:
        raise SchemaUnavailable(
            _("it refers to %(address)s, which is not in the folder.") % {"address": error}
        ) from None
    problems = [_problem(error) for error in errors]
    return sorted(dict.fromkeys(problems), key=lambda problem: (problem.path, problem.message))


def validate_release(data: object) -> list[Problem]:
    """Every way ``data`` breaks the OCDS release schema ([] when it is a valid release)."""
    return validate(data, RELEASE)


def validate_release_package(data: object) -> list[Problem]:
    return validate(data, RELEASE_PACKAGE)


def validate_record_package(data: object) -> list[Problem]:
    return validate(data, RECORD_PACKAGE)


# --- each error in plain words -------------------------------------------------------------------

_TYPES = {
    "string": gettext_noop("text"),
    "number": gettext_noop("a number"),
    "integer": gettext_noop("a whole number"),
    "boolean": gettext_noop("true or false"),
    "array": gettext_noop("a list"),
    "object": gettext_noop("an object (a group of named fields)"),
    "null": gettext_noop("null"),
}


def _path(parts) -> str:
    return "/".join(str(part) for part in parts)


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=_number_text)
    return text if len(text) <= 60 else text[:57] + "..."


def _number_text(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


def _problem(error: ValidationError) -> Problem:
    where = list(error.absolute_path)
    kind, rule = error.validator, error.validator_value
    if kind == "required":
        missing = next(
            (name for name in rule if f"{name!r} is a required property" == error.message), None
        )
        if missing is not None:
            return Problem(_path([*where, missing]), _("This is required, and it is missing."))
    if kind == "type":
        types = [rule] if isinstance(rule, str) else list(rule)
        words = _(" or ").join(_(_TYPES.get(each, each)) for each in types)
        return Problem(
            _path(where),
            _("%(value)s is not %(types)s.") % {"value": _shown(error.instance), "types": words},
        )
    if kind == "enum":
        allowed = ", ".join("null" if each is None else str(each) for each in rule)
        return Problem(
            _path(where),
            _("%(value)s is not one of the values allowed: %(allowed)s.")
            % {"value": _shown(error.instance), "allowed": allowed},
        )
    if kind == "format" and rule == "date-time":
        return Problem(
            _path(where),
            _("%(value)s is not a date and time with its time zone, like 2027-01-31T09:30:00Z.")
            % {"value": _shown(error.instance)},
        )
    if kind == "format" and rule == "uri":
        return Problem(
            _path(where),
            _("%(value)s is not a full web address, like https://example.org/page.")
            % {"value": _shown(error.instance)},
        )
    if kind == "pattern":
        return Problem(
            _path(where),
            _("%(value)s is not in the form this field needs (%(pattern)s).")
            % {"value": _shown(error.instance), "pattern": rule},
        )
    if kind == "minItems":
        return Problem(
            _path(where),
            ngettext(
                "It needs at least %(count)s item.", "It needs at least %(count)s items.", rule
            )
            % {"count": rule},
        )
    if kind in ("minProperties", "minLength"):
        return Problem(_path(where), _("It must not be empty."))
    if kind == "uniqueItems":
        return Problem(_path(where), _("It holds the same item more than once."))
    if kind == "minimum":
        return Problem(_path(where), _("It must be %(least)s or more.") % {"least": rule})
    return Problem(_path(where), error.message)
