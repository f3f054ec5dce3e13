"""Reads about outcomes frameworks: lists by place, versions and their content, as plain dicts too."""

from decimal import Decimal

from django.db.models import Exists, Max, OuterRef, Prefetch, Q, QuerySet

from commonweal.needs.selectors import needs_in
from commonweal.outcomes.models import (
    Endorsement,
    Framework,
    FrameworkVersion,
    Indicator,
    Outcome,
    OutcomeArea,
)

INDICATOR_VALUE_FIELDS = (
    "code",
    "name",
    "definition",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "data_source",
    "frequency",
    "validation_method",
    "breakdowns",
)


def frameworks_listed() -> QuerySet[Framework]:
    """Every framework, by place name then name (the list pages these and heads each place)."""
    return Framework.objects.select_related("place", "owner").order_by(
        "place__name", "place_id", "name", "pk"
    )


def framework_get(slug: str, *, owner: bool = True) -> Framework | None:
    """The framework with its place and, unless ``owner`` is False (a page that shows no owner:
    who manages it is asked by ``owner_id``), the organisation that looks after it."""
    return (
        Framework.objects.select_related("place", *(("owner",) if owner else ()))
        .filter(slug=slug)
        .first()
    )


def framework_versions(framework: Framework) -> QuerySet:
    return framework.versions.select_related("created_by").order_by("-number")


def version_get(framework: Framework, number: int) -> FrameworkVersion | None:
    return framework.versions.filter(number=number).first()


def latest_published(framework: Framework) -> FrameworkVersion | None:
    return (
        framework.versions.filter(status=FrameworkVersion.Status.PUBLISHED)
        .order_by("-number")
        .first()
    )


def latest_version(framework: Framework) -> FrameworkVersion | None:
    return framework.versions.order_by("-number").first()


def current_draft(framework: Framework) -> FrameworkVersion | None:
    return framework.versions.filter(status=FrameworkVersion.Status.DRAFT).first()


def previous_version(version: FrameworkVersion) -> FrameworkVersion | None:
    return version.framework.versions.filter(number__lt=version.number).order_by("-number").first()


def version_areas(version: FrameworkVersion) -> list[OutcomeArea]:
    """The version's areas, each with its outcomes, their indicators and the needs they address."""
    from commonweal.needs.models import Need

    outcomes = Outcome.objects.order_by("position", "code").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("position", "code")),
        Prefetch("needs", queryset=Need.objects.order_by("title")),
    )
    return list(
        version.areas.order_by("position", "code").prefetch_related(
            Prefetch("outcomes", queryset=outcomes)
        )
    )


def version_endorsements(version: FrameworkVersion) -> QuerySet:
    return version.endorsements.select_related("organisation").order_by("endorsed_at", "id")


def endorsement_get(version: FrameworkVersion, endorsement_id: int) -> Endorsement | None:
    return version.endorsements.select_related("organisation").filter(pk=endorsement_id).first()


def decimal_text(value: Decimal | None) -> str | None:
    """A stored decimal without trailing zeros, so 12.5000 reads and compares as 12.5."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text


def indicator_as_dict(indicator: Indicator) -> dict:
    values = {name: getattr(indicator, name) for name in INDICATOR_VALUE_FIELDS}
    values["baseline_value"] = decimal_text(indicator.baseline_value)
    values["target_value"] = decimal_text(indicator.target_value)
    for name in ("baseline_date", "target_date"):
        values[name] = values[name].isoformat() if values[name] else None
    values["breakdowns"] = list(indicator.breakdowns or [])
    return values


def version_as_dict(version: FrameworkVersion, areas: list[OutcomeArea] | None = None) -> dict:
    """The version's content as nested plain values: areas → outcomes → indicators."""
    areas = version_areas(version) if areas is None else areas
    return {
        "areas": [
            {
                "code": area.code,
                "name": area.name,
                "outcomes": [
                    {
                        "code": outcome.code,
                        "title": outcome.title,
                        "description": outcome.description,
                        "indicators": [
                            indicator_as_dict(indicator) for indicator in outcome.indicators.all()
                        ],
                    }
                    for outcome in area.outcomes.all()
                ],
            }
            for area in areas
        ]
    }


def linkable_needs(framework: Framework) -> QuerySet:
    """Needs of the framework's place (or places inside it) that an outcome may address."""
    return needs_in(framework.place).order_by("title")


def outcome_need_ids(outcome: Outcome) -> QuerySet:
    """The ids of the needs an outcome addresses, read from the link table alone (no need is
    joined), oldest link first."""
    return (
        outcome.needs.through.objects.filter(outcome_id=outcome.pk)
        .order_by("pk")
        .values_list("need_id", flat=True)
    )


def need_outcomes(need) -> list[Outcome]:
    """The outcomes that address a need, in each framework's latest published version, for the need's page."""
    outcomes = (
        need.outcomes.filter(version__status=FrameworkVersion.Status.PUBLISHED)
        .select_related("version__framework")
        .order_by("version__framework__name", "-version__number", "code")
    )
    latest: dict[int, int] = {}
    found = []
    for outcome in outcomes:
        framework_id = outcome.version.framework_id
        latest.setdefault(framework_id, outcome.version.number)
        if outcome.version.number == latest[framework_id]:
            found.append(outcome)
    return found


def places_verified_for(organisations) -> QuerySet:
    """The places these public bodies are verified for, and every place inside them, by name."""
    from commonweal.organisations.place_staff import verified_place_ids
    from commonweal.places.models import Place

    return Place.objects.filter(pk__in=verified_place_ids([o.pk for o in organisations])).order_by(
        "name"
    )


def frameworks_published() -> QuerySet[Framework]:
    """Frameworks with a published version, by name, each with the number of its latest one (the API's list)."""
    published = FrameworkVersion.objects.filter(
        framework=OuterRef("pk"), status=FrameworkVersion.Status.PUBLISHED
    )
    return (
        Framework.objects.filter(Exists(published))
        .select_related("place", "owner")
        .annotate(
            published_version=Max(
                "versions__number", filter=Q(versions__status=FrameworkVersion.Status.PUBLISHED)
            )
        )
        .order_by("name", "pk")
    )


def framework_published_get(slug: str) -> Framework | None:
    """A framework with a published version; None for one still in its first draft."""
    return frameworks_published().filter(slug=slug).first()


def framework_published_version(framework: Framework) -> dict:
    """The latest published version, with its endorsements and areas → outcomes → indicators."""
    version = latest_published(framework)
    return {
        "version": version,
        "endorsements": list(version_endorsements(version)),
        "areas": version_areas(version),
    }
