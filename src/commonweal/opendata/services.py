"""Publishing OCDS releases, and the names every publishing app gives its releases.

An app that publishes (commissioning's pipeline, later competitions and agreements) builds the
release as a dict and calls ``release_publish``: it is checked against the OCDS schema first, and a
release that fails is never stored (``ReleaseInvalid`` carries each problem, to show the person).
"""

import datetime
import math
import re
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.core import audit
from commonweal.opendata.models import OCID_LENGTH, RELEASE_ID_LENGTH, Release
from commonweal.opendata.schema import Problem, SchemaUnavailable, validate_release

__all__ = [
    "Problem",
    "ReleaseInvalid",
    "SchemaUnavailable",
    "ocds_date",
    "ocid_for",
    "publisher",
    "release_id_for",
    "release_publish",
]


class ReleaseInvalid(Exception):
    """A release that breaks the OCDS schema (or is already published): nothing was stored."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


@transaction.atomic
def release_publish(*, data: dict, actor: AbstractBaseUser | None) -> Release:
    """Publish one OCDS release after checking it against the schema; refuse it if it fails."""
    with audit.audit_context(actor=actor, reason="Published an OCDS release"):
        release = _as_json(data)
        problems = validate_release(release) or _more_problems(release)
        date = None if problems else _moment(release["date"])
        if date is None:
            raise ReleaseInvalid(problems)
        try:
            with transaction.atomic():  # a savepoint: another may publish the same id at once
                return Release.objects.create(
                    ocid=release["ocid"],
                    release_id=release["id"],
                    date=date,
                    tags=release["tag"],
                    data=release,
                    published_at=timezone.now(),
                    published_by_id=getattr(actor, "pk", None),  # None: not signed in
                )
        except IntegrityError:
            raise ReleaseInvalid([_already_published(release["id"])]) from None


def _moment(text: str) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(text.upper())
    except ValueError:  # RFC 3339 allows a leap second, 23:59:60; Python does not
        return None


def _more_problems(release: dict) -> list[Problem]:
    """What the schema cannot say: a release id used before, a tag only a compiled release has, a
    date Python cannot hold, an id longer than is kept."""
    problems = []
    for key, longest in (("ocid", OCID_LENGTH), ("id", RELEASE_ID_LENGTH)):
        if not release[key].strip():
            problems.append(Problem(key, _("It must not be empty.")))
        elif len(release[key]) > longest:
            problems.append(
                Problem(key, _("It is too long: %(most)s characters at most.") % {"most": longest})
            )
    if Release.objects.filter(release_id=release["id"]).exists():
        problems.append(_already_published(release["id"]))
    if "compiled" in release["tag"]:
        problems.append(
            Problem("tag", _("Only a record's compiled release is tagged “compiled”: remove it."))
        )
    if _moment(release["date"]) is None:
        problems.append(
            Problem("date", _("Give a date and time that exists, like 2027-01-31T09:30:00Z."))
        )
    return problems


def _already_published(release_id: str) -> Problem:
    return Problem(
        "id",
        _("A release with the id %(id)s is already published. A new release needs a new id.")
        % {"id": release_id},
    )


def _as_json(data: object) -> dict:
    """``data`` as plain JSON, as it will be published: a Decimal amount becomes a JSON number.

    Anything JSON cannot hold is refused, naming where it is."""
    problems: list[Problem] = []
    converted = _plain(data, [], problems)
    if problems:
        raise ReleaseInvalid(problems)
    if not isinstance(converted, dict):
        raise ReleaseInvalid([Problem("", _("A release must be a JSON object."))])
    return converted


def _plain(value: object, path: list, problems: list[Problem]) -> object:
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            problems.append(Problem("/".join(path), _("Every name in an object must be text.")))
            return None
        return {key: _plain(item, [*path, key], problems) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item, [*path, str(n)], problems) for n, item in enumerate(value)]
    if isinstance(value, Decimal):
        if not value.is_finite():
            problems.append(Problem("/".join(path), _("A number must be finite.")))
            return None
        # JSON has one kind of number: written out, 918522.50 and 918522.5 are the same amount.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and not math.isfinite(value):
        problems.append(Problem("/".join(path), _("A number must be finite.")))
        return None
    if value is None or isinstance(value, str | int | float | bool):
        return value
    problems.append(
        Problem(
            "/".join(path),
            _("A %(kind)s cannot be written in JSON: give text, a number, a list or an object.")
            % {"kind": type(value).__name__},
        )
    )
    return None


# --- names and dates for the apps that publish -------------------------------------------------

_KIND = re.compile(r"^[a-z][a-z0-9-]*$")


def ocid_for(kind: str, pk: int) -> str:
    """The open contracting id of one of Commonweal's processes: "<prefix>-<kind>-<pk>"."""
    if not _KIND.match(kind):
        raise ValueError(f"An ocid's kind is lower-case letters, digits and hyphens, not {kind!r}.")
    return f"{settings.OCDS_OCID_PREFIX}-{kind}-{int(pk)}"


def release_id_for(ocid: str) -> str:
    """A new release id for the process ``ocid``: "<ocid>-<n>", n counting its releases from 1.

    Two publishers racing for the same number: the second is refused (ReleaseInvalid), never stored."""
    count = Release.objects.filter(ocid=ocid).count()
    return f"{ocid}-{count + 1}"


def ocds_date(moment: datetime.datetime) -> str:
    """An aware date and time as OCDS dates are written here: UTC, to the second, "2027-01-31T09:30:00Z".

    ocdsmerge orders a process's releases by the text of their dates, so every date has one form."""
    if timezone.is_naive(moment):
        raise ValueError("An OCDS date needs a time zone.")
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def publisher() -> dict:
    """Who publishes the open data, as an OCDS package names them."""
    return {"name": settings.OCDS_PUBLISHER_NAME}
