"""Funded grant decisions in the 360Giving Data Standard (1.4), checked against its schema on disk.

- Grant ids are "<prefix>-<round uid>-<application number>". The prefix is the publisher's
  360Giving prefix (registered with 360Giving, like "360G-examplefoundation"): the setting
  THREESIXTY_GIVING_PREFIX, by default "360G-commonweal-local" (not registered, like the OCDS
  default "ocds-commonweal-local").
- Organisations are named by their org-id identifier (GB-CHC-1123456) where it is known, else by
  an id under the prefix (360Giving's guidance for organisations with no register number).
- The schema is read from the setting THREESIXTY_SCHEMA_DIR (by default var/360giving/schema/ in
  the project, else ../shared/data/360giving/schema/ beside it, as the OCDS schema is found);
  nothing is downloaded.
- Later apps add to the package without this layer importing them (``register``, from their
  ``AppConfig.ready``): payments adds each grant's disbursements, and the grant agreements entered
  directly there.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from commonweal.competitions.models import GrantDecision
from commonweal.competitions.selectors_award import published_funded_decisions
from commonweal.opendata.exports import write_whole
from commonweal.organisations import identifiers
from commonweal.organisations.models import Organisation
from commonweal.places.models import Place

GRANT_SCHEMA = "360-giving-schema.json"
PACKAGE_SCHEMA = "360-giving-package-schema.json"
VERSION = "1.4"
# The package schema names the grant schema by the address of version 1.4.2; the grant schema
# calls itself 1.4.3. Both addresses lead to the file on disk.
GRANT_SCHEMA_URLS = (
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json",
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-schema.json",
)
DEFAULT_PREFIX = "360G-commonweal-local"
# The ONS entity codes (the first three characters of a GSS code) 360Giving's geoCodeType knows.
GEO_CODE_TYPES = {
    "E05": "WD",
    "W05": "WD",
    "E06": "UA",
    "W06": "UA",
    "E07": "NMD",
    "E08": "MD",
    "E09": "LONB",
    "E10": "CTY",
}


class SchemaUnavailable(Exception):
    """The 360Giving schema is not where it is looked for."""


@dataclass(frozen=True)
class GrantExtension:
    """What a later app adds to the grant package: ``add_to(decisions, grants)`` adds fields to
    each decision's grant in place (the two lists run side by side), ``more()`` gives published
    grants of its own, not from a grant round here."""

    add_to: Callable[[list[GrantDecision], list[dict]], None]
    more: Callable[[], list[dict]]


_extensions: dict[str, GrantExtension] = {}


def register(name: str, extension: GrantExtension) -> None:
    """Add to every grant package (or replace what ``name`` added), from an app's ``ready``."""
    _extensions[name] = extension


def extensions() -> list[GrantExtension]:
    return [_extensions[name] for name in sorted(_extensions)]


def prefix() -> str:
    return (getattr(settings, "THREESIXTY_GIVING_PREFIX", "") or DEFAULT_PREFIX).strip()


def _candidates() -> list[Path]:
    configured = getattr(settings, "THREESIXTY_SCHEMA_DIR", None)
    return [Path(configured)] if configured else []


def schema_dir() -> Path:
    """The folder holding the 360Giving schema; SchemaUnavailable, saying where it looked, if none."""
    tried = _candidates()
    for folder in tried:
        if (folder / GRANT_SCHEMA).is_file() and (folder / PACKAGE_SCHEMA).is_file():
            return folder
    files = f"{GRANT_SCHEMA}, {PACKAGE_SCHEMA}"
    if not tried:
        raise SchemaUnavailable(
            _(
                "The 360Giving schema is not installed. Put %(files)s in var/360giving/schema/, or "
                "set THREESIXTY_SCHEMA_DIR to a folder holding them."
            )
            % {"files": files}
        )
    raise SchemaUnavailable(
        _(
            "The 360Giving schema cannot be read: %(files)s are not in %(folders)s. Set "
            "THREESIXTY_SCHEMA_DIR to a folder holding them."
        )
        % {"files": files, "folders": ", ".join(str(f) for f in tried)}
    )


@lru_cache(maxsize=4)
def _validator(folder: str) -> Draft202012Validator:
    with (Path(folder) / GRANT_SCHEMA).open(encoding="utf-8") as file:
        grant = json.load(file)
    with (Path(folder) / PACKAGE_SCHEMA).open(encoding="utf-8") as file:
        package = json.load(file)
    resource = Resource.from_contents(grant, default_specification=DRAFT202012)
    registry = Registry().with_resources((url, resource) for url in GRANT_SCHEMA_URLS)
    checker = Draft202012Validator.FORMAT_CHECKER
    if "date-time" not in checker.checkers:  # else any text would pass as a date
        raise RuntimeError("jsonschema cannot check date-time: install rfc3339-validator.")
    return Draft202012Validator(package, registry=registry, format_checker=checker)


def validate(package: dict) -> list[str]:
    """Every way ``package`` breaks the 360Giving package schema, as "where: why" ([] if none)."""
    validator = _validator(str(schema_dir()))
    problems = {
        f"{'/'.join(str(p) for p in error.absolute_path) or '(package)'}: {error.message}"
        for error in validator.iter_errors(package)
    }
    return sorted(problems)


def organisation_id(organisation: Organisation) -> str:
    """The organisation's id as 360Giving names it: its org-id, else one under the prefix."""
    if organisation.org_id:
        return organisation.org_id
    return f"{prefix()}-organisation-{organisation.pk}"


def organisation_data(organisation: Organisation) -> dict:
    """A recipient or funding organisation as 360Giving writes it."""
    data: dict = {"id": organisation_id(organisation), "name": organisation.name}
    if organisation.org_id:
        try:
            scheme, local = identifiers.parse(organisation.org_id)
        except identifiers.InvalidIdentifier:
            return data
        if scheme in ("GB-CHC", "GB-SC", "GB-NIC"):
            data["charityNumber"] = local
        elif scheme == "GB-COH":
            data["companyNumber"] = local
    return data


def amount(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def grant(decision: GrantDecision) -> dict:
    """One funded decision as a 360Giving grant. Needs bid__organisation and
    bid__opportunity__plan__lead and __place selected with it."""
    bid = decision.bid
    opportunity = bid.opportunity
    place = opportunity.plan.place
    assert decision.amount is not None  # a funded decision has an amount (a database constraint)
    data: dict = {
        "id": f"{prefix()}-{opportunity.uid}-{bid.pk}",
        "title": f"{opportunity.title}: {bid.organisation.name}"[:140],
        "description": opportunity.description,
        "currency": "GBP",
        "amountAwarded": amount(decision.amount),
        "awardDate": timezone.localdate(decision.decided_at).isoformat(),
        "recipientOrganization": [organisation_data(bid.organisation)],
        "fundingOrganization": [organisation_data(opportunity.plan.lead)],
        "grantProgramme": [{"title": opportunity.title}],
        "fromOpenCall": "Yes",
    }
    if decision.planned_start:
        dates = {"startDate": decision.planned_start.isoformat()}
        if decision.planned_end:
            dates["endDate"] = decision.planned_end.isoformat()
        data["plannedDates"] = [dates]
    data["beneficiaryLocation"] = [location(place)]
    return data


def location(place: Place) -> dict:
    """A place as a beneficiary location, with its GSS code and its kind when known."""
    found: dict = {"name": place.name, "countryCode": "GB"}
    if place.gss_code:
        found["geoCode"] = place.gss_code
        kind = GEO_CODE_TYPES.get(place.gss_code[:3].upper())
        if kind:
            found["geoCodeType"] = kind
    return found


def package(decisions: Iterable[GrantDecision], more: Iterable[dict] = ()) -> dict:
    """A 360Giving grant package of ``decisions`` (funded ones), with what later apps add to them,
    and the grants ``more`` (a package needs one grant at least, so the caller checks there is one)."""
    decisions = list(decisions)
    grants = [grant(decision) for decision in decisions]
    for extension in extensions():
        extension.add_to(decisions, grants)
    return {"version": VERSION, "grants": [*grants, *more]}


def published_package() -> dict | None:
    """Every published funded decision, and the grants later apps publish, as one package; None
    when there is none yet."""
    decisions = list(published_funded_decisions())
    more = [each for extension in extensions() for each in extension.more()]
    return package(decisions, more) if decisions or more else None


def write_package(path: Path) -> int:
    """`commonweal export 360giving --out FILE`: the published funded decisions, checked against
    the schema first (nothing is written if the schema is missing or the package breaks it)."""
    data = published_package()
    if data is None:
        return 0
    try:
        problems = validate(data)
    except SchemaUnavailable as missing:
        raise CommandError(str(missing)) from None
    if problems:
        raise CommandError(
            _("The grants break the 360Giving standard, so nothing was written: %(problems)s")
            % {"problems": "; ".join(problems)}
        )
    write_whole(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return len(data["grants"])
