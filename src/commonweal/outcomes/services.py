"""Writes about outcomes frameworks: versions, their content, endorsements and links to needs. Each is audited.

A published version never changes: every change to content goes through
``_require_draft``; a change makes a new draft copied from the latest version.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.core import audit
from commonweal.needs.models import Need
from commonweal.organisations.models import Organisation
from commonweal.outcomes import selectors
from commonweal.outcomes.models import (
    Endorsement,
    Framework,
    FrameworkVersion,
    Indicator,
    Outcome,
    OutcomeArea,
)
from commonweal.outcomes.selectors import INDICATOR_VALUE_FIELDS
from commonweal.places.models import Place


def _require_draft(version: FrameworkVersion) -> None:
    if version.status != FrameworkVersion.Status.DRAFT:
        raise ValidationError(
            _("Version %(number)s is published and cannot be changed. Make a new version instead.")
            % {"number": version.number}
        )


def _lock_framework(framework: Framework) -> None:
    # Two people starting a new version at once get one draft between them.
    Framework.objects.select_for_update().filter(pk=framework.pk).first()


def _new_draft(*, framework: Framework, actor: User, change_note: str) -> FrameworkVersion:
    _lock_framework(framework)
    if selectors.current_draft(framework) is not None:
        raise ValidationError(
            _("There is already a draft version. Publish it or carry on editing it.")
        )
    number = (framework.versions.aggregate(highest=Max("number"))["highest"] or 0) + 1
    return FrameworkVersion.objects.create(
        framework=framework,
        number=number,
        change_note=(change_note or "").strip(),
        created_by=actor,
    )


def _fill(version: FrameworkVersion, content: dict) -> None:
    """Create the areas, outcomes and indicators of ``content`` (the shape of ``version_as_dict``) in ``version``."""
    for area_position, area_values in enumerate(content["areas"]):
        area = OutcomeArea.objects.create(
            version=version,
            code=area_values["code"],
            name=area_values["name"],
            position=area_position,
        )
        for outcome_position, outcome_values in enumerate(area_values["outcomes"]):
            outcome = Outcome.objects.create(
                version=version,
                area=area,
                code=outcome_values["code"],
                title=outcome_values["title"],
                description=outcome_values.get("description") or "",
                position=outcome_position,
            )
            for indicator_position, indicator_values in enumerate(outcome_values["indicators"]):
                values = {name: indicator_values.get(name) for name in INDICATOR_VALUE_FIELDS}
                values["breakdowns"] = list(values["breakdowns"] or [])
                values["validation_method"] = values["validation_method"] or ""
                Indicator.objects.create(outcome=outcome, position=indicator_position, **values)


def _relink_needs(source: FrameworkVersion | None, version: FrameworkVersion) -> None:
    """Needs addressed by an outcome of ``source`` are linked to the outcome with the same code in ``version``."""
    if source is None:
        return
    new_outcomes = {outcome.code: outcome for outcome in version.outcomes.all()}
    for outcome in source.outcomes.prefetch_related("needs"):
        copy = new_outcomes.get(outcome.code)
        if copy is not None:
            copy.needs.add(*outcome.needs.all())


# Web addresses under /outcomes/ that are pages, not frameworks.
_RESERVED_SLUGS = {"new"}


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180].strip("-") or "outcomes-framework"
    slug, number = base, 1
    while slug in _RESERVED_SLUGS or Framework.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def framework_create(
    *, actor: User, owner: Organisation, place: Place, name: str, summary: str = ""
) -> Framework:
    """Start a new framework for a place a public body serves, with an empty draft as version 1."""
    from commonweal.outcomes import permissions

    name, summary = (name or "").strip(), (summary or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Enter a name for the framework")
    if not permissions.starting_organisations(actor).filter(pk=owner.pk).exists():
        errors["owner"] = _("Choose a public body you work for")
    elif not selectors.places_verified_for([owner]).filter(pk=place.pk).exists():
        errors["place"] = _(
            "%(owner)s is not verified for %(place)s. Choose a place it is verified for."
        ) % {"owner": owner, "place": place}
    if errors:
        raise ValidationError(errors)
    with audit.audit_context(actor=actor, reason=_("Started a new outcomes framework")):
        framework = Framework.objects.create(
            owner=owner, place=place, name=name, summary=summary, slug=_unique_slug(name)
        )
    framework_version_create(framework=framework, actor=actor, change_note="")
    return framework


@transaction.atomic
def framework_version_create(
    *, framework: Framework, actor: User, change_note: str = ""
) -> FrameworkVersion:
    """Start a new draft version, copied from the latest version with the same codes and needs."""
    with audit.audit_context(actor=actor, reason=_("Started a new version of the framework")):
        latest = selectors.latest_version(framework)
        version = _new_draft(framework=framework, actor=actor, change_note=change_note)
        if latest is not None:
            _fill(version, selectors.version_as_dict(latest))
            _relink_needs(latest, version)
    return version


@transaction.atomic
def framework_version_import(
    *, framework: Framework, actor: User, content: dict, change_note: str
) -> FrameworkVersion:
    """Start a new draft version holding ``content`` (checked by ``exchange``), keeping needs linked by outcome code."""
    with audit.audit_context(actor=actor, reason=_("Imported a new version of the framework")):
        _lock_framework(framework)
        empty_draft = selectors.current_draft(framework)
        if empty_draft is not None and not empty_draft.areas.exists():
            # A framework just started has an empty draft: the file fills it.
            version, latest = empty_draft, None
            if change_note and change_note.strip():
                version.change_note = change_note.strip()
                version.save()
        else:
            latest = selectors.latest_version(framework)
            version = _new_draft(framework=framework, actor=actor, change_note=change_note)
        # One entry for the areas, outcomes and indicators the file holds, with their digest.
        with audit.bulk_operation(instance=version, action="framework_import"):
            _fill(version, content)
            _relink_needs(latest, version)
    return version


@transaction.atomic
def framework_version_publish(
    *, version: FrameworkVersion, actor: User, change_note: str
) -> FrameworkVersion:
    """Publish a draft: from now on it never changes."""
    _require_draft(version)
    change_note = (change_note or "").strip()
    if not change_note:
        raise ValidationError({"change_note": _("Say what changed and why")})
    with audit.audit_context(actor=actor, reason=_("Published the version")):
        version.status = FrameworkVersion.Status.PUBLISHED
        version.change_note = change_note
        version.published_at = timezone.now()
        version.save()
    return version


def _unique_code(
    queryset: models.Manager[Any] | QuerySet[Any],
    code: str,
    instance: models.Model | None,
    message: str,
) -> None:
    if queryset.filter(code=code).exclude(pk=getattr(instance, "pk", None)).exists():
        raise ValidationError({"code": message % {"code": code}})


def _next_position(queryset: models.Manager[Any] | QuerySet[Any]) -> int:
    return (queryset.aggregate(highest=Max("position"))["highest"] or 0) + 1


@transaction.atomic
def outcome_area_save(
    *, version: FrameworkVersion, actor: User, code: str, name: str, area: OutcomeArea | None = None
) -> OutcomeArea:
    """Add an outcome area to a draft, or change one."""
    _require_draft(version)
    _unique_code(version.areas, code, area, _("Another outcome area already has the code %(code)s"))
    with audit.audit_context(
        actor=actor, reason=_("Changed an outcome area") if area else _("Added an outcome area")
    ):
        if area is None:
            area = OutcomeArea(version=version, position=_next_position(version.areas))
        area.code, area.name = code, name
        area.save()
    return area


@transaction.atomic
def outcome_area_remove(*, area: OutcomeArea, actor: User) -> None:
    """Remove an outcome area from a draft, with its outcomes and indicators."""
    _require_draft(area.version)
    with audit.audit_context(actor=actor, reason=_("Removed an outcome area")):
        for outcome in area.outcomes.all():
            outcome.indicators.all().delete()
            outcome.delete()
        area.delete()


@transaction.atomic
def outcome_save(
    *,
    version: FrameworkVersion,
    actor: User,
    area: OutcomeArea,
    code: str,
    title: str,
    description: str = "",
    outcome: Outcome | None = None,
) -> Outcome:
    """Add an outcome to a draft, or change one."""
    _require_draft(version)
    if area.version_id != version.pk:
        raise ValidationError({"area": _("Choose the outcome area")})
    _unique_code(
        version.outcomes, code, outcome, _("Another outcome already has the code %(code)s")
    )
    with audit.audit_context(
        actor=actor, reason=_("Changed an outcome") if outcome else _("Added an outcome")
    ):
        if outcome is None:
            outcome = Outcome(version=version, position=_next_position(area.outcomes))
        outcome.area, outcome.code, outcome.title, outcome.description = (
            area,
            code,
            title,
            description or "",
        )
        outcome.save()
    return outcome


@transaction.atomic
def outcome_remove(*, outcome: Outcome, actor: User) -> None:
    """Remove an outcome from a draft, with its indicators."""
    _require_draft(outcome.version)
    with audit.audit_context(actor=actor, reason=_("Removed an outcome")):
        outcome.indicators.all().delete()
        outcome.delete()


@transaction.atomic
def indicator_save(
    *, outcome: Outcome, actor: User, indicator: Indicator | None = None, **values: Any
) -> Indicator:
    """Add an indicator to an outcome in a draft, or change one. ``values`` are the indicator's fields."""
    _require_draft(outcome.version)
    unknown = set(values) - set(INDICATOR_VALUE_FIELDS)
    if unknown:
        raise TypeError(f"These indicator fields cannot be set: {', '.join(sorted(unknown))}")
    in_version = Indicator.objects.filter(outcome__version=outcome.version)
    _unique_code(
        in_version,
        values.get("code", ""),
        indicator,
        _("Another indicator already has the code %(code)s"),
    )
    with audit.audit_context(
        actor=actor, reason=_("Changed an indicator") if indicator else _("Added an indicator")
    ):
        if indicator is None:
            indicator = Indicator(outcome=outcome, position=_next_position(outcome.indicators))
        elif "breakdowns" in values and set(values["breakdowns"] or ()) == set(
            indicator.breakdowns or ()
        ):
            # The same breakdowns in another order (the form's checkboxes send theirs): kept as they were.
            values["breakdowns"] = indicator.breakdowns
        for name, value in values.items():
            setattr(indicator, name, value)
        indicator.validation_method = indicator.validation_method or ""
        indicator.breakdowns = list(indicator.breakdowns or [])
        indicator.save()
    return indicator


@transaction.atomic
def indicator_remove(*, indicator: Indicator, actor: User) -> None:
    """Remove an indicator from a draft."""
    _require_draft(indicator.outcome.version)
    with audit.audit_context(actor=actor, reason=_("Removed an indicator")):
        indicator.delete()


@transaction.atomic
def endorsement_add(
    *, version: FrameworkVersion, organisation: Organisation, actor: User, comment: str = ""
) -> Endorsement:
    """A voluntary organisation endorses a published version, once."""
    if version.status != FrameworkVersion.Status.PUBLISHED:
        raise ValidationError(_("Only a published version can be endorsed"))
    if not organisation.is_vcse:
        raise ValidationError(
            {
                "organisation": _(
                    "Only a voluntary, community or social enterprise organisation can endorse"
                )
            }
        )
    if version.endorsements.filter(organisation=organisation).exists():
        raise ValidationError(
            {
                "organisation": _("%(organisation)s has already endorsed this version")
                % {"organisation": organisation}
            }
        )
    with audit.audit_context(actor=actor, reason=_("Endorsed the framework")):
        try:
            with transaction.atomic():
                return Endorsement.objects.create(
                    version=version,
                    organisation=organisation,
                    endorsed_by=actor,
                    comment=(comment or "").strip(),
                )
        except IntegrityError:
            raise ValidationError(
                {
                    "organisation": _("%(organisation)s has already endorsed this version")
                    % {"organisation": organisation}
                }
            ) from None


@transaction.atomic
def endorsement_withdraw(*, endorsement: Endorsement, actor: User) -> None:
    """Withdraw an organisation's endorsement."""
    with audit.audit_context(actor=actor, reason=_("Withdrew the endorsement")):
        endorsement.delete()


@transaction.atomic
def outcome_needs_set(*, outcome: Outcome, actor: User, needs: Iterable[Need]) -> Outcome:
    """Say which needs an outcome addresses: needs of the framework's place only (one it addresses
    already may stay, though merged since)."""
    needs = list(needs)
    ids = {need.pk for need in needs}
    linkable = selectors.linkable_needs(outcome.version.framework).filter(pk__in=ids)
    allowed = {*linkable.values_list("pk", flat=True)}
    allowed |= {*outcome.needs.filter(pk__in=ids).values_list("pk", flat=True)}
    if any(need.pk not in allowed for need in needs):
        raise ValidationError(
            {"needs": _("Choose needs of %(place)s") % {"place": outcome.version.framework.place}}
        )
    with audit.audit_context(actor=actor, reason=_("Changed the needs the outcome addresses")):
        outcome.needs.set(needs)
    return outcome
