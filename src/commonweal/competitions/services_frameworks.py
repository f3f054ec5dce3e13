"""Social value frameworks as imported data, each with its licence. Commonweal ships only its own
open measures (data/open_measures.csv, loaded by `commonweal competitions load-measures`); a
council loads its own framework (the National TOMs, HACT values: licensed, never bundled) for a
place it is staff for. Audited. The reads the pages share are here too.

Loading the same name and version for the same place again replaces its measures, unless an
opportunity uses it (bidders' commitments point at its measures): then it is refused, with why.
The same measures loaded again change nothing.
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonweal.accounts.models import User
from commonweal.competitions.frameworks_csv import MeasureProblems, MeasureRow, read_measures_file
from commonweal.competitions.models import Measure, SocialValueFramework
from commonweal.core import audit
from commonweal.organisations.place_staff import is_place_staff
from commonweal.places.models import Place

DATA = Path(__file__).resolve().parent / "data"
OPEN_MEASURES_FILE = DATA / "open_measures.csv"
OPEN_MEASURES_NAME = "Commonweal open social value measures"
OPEN_MEASURES_VERSION = "1"
# Written by Commonweal and licensed as the project is (data/README.md says why).
OPEN_MEASURES_LICENCE = "GNU Affero General Public License, version 3 or later (AGPL-3.0-or-later)"
OPEN_MEASURES_LICENCE_URL = "https://www.gnu.org/licenses/agpl-3.0.html"
OPEN_MEASURES_SOURCE_URL = ""

DETAIL_FIELDS = {"name": 200, "version": 50, "licence": 200}


def _clean_details(name: str, version: str, licence: str) -> tuple[str, str, str]:
    name, version, licence = (name or "").strip(), (version or "").strip(), (licence or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Enter the framework's name")
    if not licence:
        errors["licence"] = _(
            "Enter the licence the framework is published under, as its publisher states it"
        )
    for field, value in (("name", name), ("version", version), ("licence", licence)):
        if len(value) > DETAIL_FIELDS[field]:
            errors[field] = _("This must be %(most)s characters or fewer") % {
                "most": DETAIL_FIELDS[field]
            }
    if errors:
        raise ValidationError(errors)
    return name, version, licence


def _same_measures(framework: SocialValueFramework, rows: list[MeasureRow]) -> bool:
    have = {
        (m.code, m.title, m.unit, m.proxy_value, m.theme)
        for m in framework.measures.only("code", "title", "unit", "proxy_value", "theme")
    }
    given = {(r.code, r.title, r.unit, r.proxy_value, r.theme) for r in rows}
    return have == given and len(have) == len(rows)


def why_cannot_replace(framework: SocialValueFramework) -> str | None:
    """Why the framework's measures cannot be replaced (opportunities use it), or None."""
    used = framework.opportunities.count()
    if not used:
        return None
    return ngettext(
        "“%(name)s” is used by %(count)s opportunity, so its measures cannot be replaced: bids "
        "point at them. Load the new measures as a new version instead.",
        "“%(name)s” is used by %(count)s opportunities, so its measures cannot be replaced: bids "
        "point at them. Load the new measures as a new version instead.",
        used,
    ) % {"name": str(framework), "count": used}


@transaction.atomic
def framework_load(
    *,
    actor: User | None,
    place: Place | None,
    name: str,
    version: str,
    licence: str,
    rows: list[MeasureRow],
    licence_url: str = "",
    source_url: str = "",
) -> SocialValueFramework:
    """Load a framework's measures for a place (None: an open set for everywhere). The same name
    and version loaded again replaces its measures, unless an opportunity uses it; unchanged,
    nothing is written."""
    name, version, licence = _clean_details(name, version, licence)
    if not rows:
        raise ValidationError(_("The framework has no measures"))
    found = (
        SocialValueFramework.objects.select_for_update()
        .filter(name=name, version=version)
        .filter(**({"place": place} if place is not None else {"place__isnull": True}))
        .first()
    )
    details = {
        "licence": licence,
        "licence_url": (licence_url or "").strip(),
        "source_url": (source_url or "").strip(),
    }
    same_measures = False
    if found is not None:
        same_details = all(getattr(found, key) == value for key, value in details.items())
        same_measures = _same_measures(found, rows)
        if same_details and same_measures:
            return found
        if not same_measures:
            why_not = why_cannot_replace(found)
            if why_not:
                raise ValidationError(why_not)
    framework = found or SocialValueFramework(name=name, version=version, place=place)
    for key, value in details.items():
        setattr(framework, key, value)
    framework.loaded_by = actor if actor is not None and actor.pk else framework.loaded_by
    framework.full_clean(exclude=["place", "loaded_by"], validate_unique=False)
    if found is None:
        reason = _("Loaded a social value framework")
    elif same_measures:
        reason = _("Changed a social value framework's licence or source")
    else:
        reason = _("Loaded a social value framework again, replacing its measures")
    with audit.audit_context(actor=actor, reason=reason):
        framework.save()
        if not same_measures:
            framework.measures.all().delete()
            Measure.objects.bulk_create(
                [
                    Measure(
                        framework=framework,
                        code=row.code,
                        title=row.title,
                        unit=row.unit,
                        proxy_value=row.proxy_value,
                        theme=row.theme,
                    )
                    for row in rows
                ]
            )
    return framework


def framework_upload(
    *,
    actor: User,
    place: Place,
    data: bytes,
    name: str,
    version: str,
    licence: str,
    licence_url: str = "",
    source_url: str = "",
) -> SocialValueFramework:
    """A council's own framework, from an uploaded CSV, for a place its person is staff for. A
    ValidationError lists every wrong row by number; nothing is saved unless every row is right."""
    if not is_place_staff(actor, place):
        raise PermissionDenied
    _clean_details(name, version, licence)
    try:
        rows = read_measures_file(data)
    except MeasureProblems as problems:
        raise ValidationError({"file": problems.messages}) from None
    return framework_load(
        actor=actor,
        place=place,
        name=name,
        version=version,
        licence=licence,
        licence_url=licence_url,
        source_url=source_url,
        rows=rows,
    )


def open_measures_load(*, actor: User | None = None) -> SocialValueFramework:
    """Load (or load again: idempotent) the open measures Commonweal ships, for every place."""
    try:
        rows = read_measures_file(OPEN_MEASURES_FILE.read_bytes())
    except MeasureProblems as problems:  # the shipped file is tested: this is a broken install
        raise ValidationError(problems.messages) from None
    return framework_load(
        actor=actor,
        place=None,
        name=OPEN_MEASURES_NAME,
        version=OPEN_MEASURES_VERSION,
        licence=OPEN_MEASURES_LICENCE,
        licence_url=OPEN_MEASURES_LICENCE_URL,
        source_url=OPEN_MEASURES_SOURCE_URL,
        rows=rows,
    )


# --- reads ---------------------------------------------------------------------------------------


def frameworks_list() -> QuerySet[SocialValueFramework]:
    """Every framework with its place and how many measures it has: the open ones first."""
    return (
        SocialValueFramework.objects.select_related("place")
        .annotate(measure_count=Count("measures"))
        .order_by(F("place__name").asc(nulls_first=True), "name", "version", "id")
    )


def framework_get(pk: int) -> SocialValueFramework | None:
    if pk > 2**63 - 1:
        return None
    return (
        SocialValueFramework.objects.select_related("place", "loaded_by")
        .annotate(measure_count=Count("measures"))
        .filter(pk=pk)
        .first()
    )


def framework_measures(framework: SocialValueFramework) -> QuerySet[Measure]:
    return framework.measures.order_by("code", "id")
