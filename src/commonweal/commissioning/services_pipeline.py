"""Writes about the pipeline: publishing a plan as open data, market engagement and its notes,
and providers saying they are interested. Audited; every release is checked before it is published."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.commissioning import notices, ocds, permissions
from commonweal.commissioning.models import EngagementEvent, Plan, ProviderInterest
from commonweal.core import audit
from commonweal.opendata.models import Release
from commonweal.opendata.schema import SchemaUnavailable, schema_dir
from commonweal.opendata.services import ReleaseInvalid, release_publish
from commonweal.organisations.models import Organisation


def _publish_release(*, actor: User, plan: Plan) -> Release | None:
    """Publish the plan as it now stands as a planning release, or refuse with what is wrong.

    Without the OCDS schema installed nothing can be checked, so no release is published (None)
    and the plan's pipeline page says why; "Publish the latest details" publishes it once the
    schema is there. A release that breaks the schema is refused, and so is what it came with."""
    data = ocds.planning_release(plan, when=timezone.now())
    try:
        return release_publish(data=data, actor=actor)
    except ReleaseInvalid as invalid:
        raise ValidationError(
            [_("The open data for this plan breaks the OCDS standard, so nothing was published:")]
            + [str(problem) for problem in invalid.problems]
        ) from invalid
    except SchemaUnavailable:
        return None


def release_waiting_because() -> str:
    """Why a plan's open data cannot be published here now, or "" when it can."""
    try:
        schema_dir()
    except SchemaUnavailable as missing:
        return str(missing)
    return ""


@transaction.atomic
def plan_publish(*, actor: User, plan: Plan) -> Release | None:
    """Publish the plan to the pipeline: everyone can see it, and its planning release is open data."""
    refusal = permissions.can_publish(plan)
    if refusal:
        raise ValidationError(refusal)
    with audit.audit_context(actor=actor, reason=_("Published the plan to the pipeline")):
        plan.published_at = timezone.now()
        plan.save(update_fields=["published_at", "updated_at"])
        release = _publish_release(actor=actor, plan=plan)
        notices.published(plan, actor=actor)
    return release


@transaction.atomic
def plan_release_update(*, actor: User, plan: Plan) -> Release:
    """Publish the plan's latest state (its route, lots, money) as a new planning release."""
    if not plan.is_published:
        raise ValidationError(_("Publish the plan to the pipeline first."))
    waiting = release_waiting_because()
    if waiting:
        raise ValidationError(waiting)
    with audit.audit_context(actor=actor, reason=_("Published an update to the plan's open data")):
        release = _publish_release(actor=actor, plan=plan)
    assert release is not None  # the schema was there a moment ago
    return release


@transaction.atomic
def event_save(
    *,
    actor: User,
    plan: Plan,
    title: str,
    held_on: date,
    where: str = "",
    notes: str = "",
    event: EngagementEvent | None = None,
) -> EngagementEvent:
    """Arrange (or change) a market engagement event. Published notes are not changed silently:
    changing them publishes them again."""
    event = event or EngagementEvent(plan=plan, created_by=actor)
    new = {
        "title": (title or "").strip(),
        "held_on": held_on,
        "where": (where or "").strip(),
        "notes": (notes or "").replace("\r\n", "\n").strip(),
    }
    if event.pk and all(getattr(event, name) == value for name, value in new.items()):
        return event
    if event.notes_published_at and new["notes"] != event.notes:
        raise ValidationError(
            {
                "notes": _(
                    "These notes were published to providers. To change them, add a correction "
                    "as a new event, so everyone sees what changed."
                )
            }
        )
    with audit.audit_context(
        actor=actor,
        reason=_("Changed a market engagement event")
        if event.pk
        else _("Arranged market engagement"),
    ):
        for name, value in new.items():
            setattr(event, name, value)
        event.full_clean(exclude=["plan", "created_by"])
        event.save()
    return event


@transaction.atomic
def event_notes_publish(*, actor: User, event: EngagementEvent) -> Release | None:
    """Publish an event's notes to every interested provider at once, and as open data."""
    plan = event.plan
    if not plan.is_published:
        raise ValidationError(_("Publish the plan to the pipeline before you publish notes."))
    if not event.notes.strip():
        raise ValidationError(_("Write the notes before you publish them."))
    if event.notes_published_at:
        raise ValidationError(_("These notes are already published."))
    with audit.audit_context(actor=actor, reason=_("Published market engagement notes")):
        event.notes_published_at = timezone.now()
        event.save(update_fields=["notes_published_at"])
        release = _publish_release(actor=actor, plan=plan)
        notices.notes_published(event, actor=actor)
    return release


@transaction.atomic
def interest_register(*, actor: User, plan: Plan, organisation: Organisation) -> ProviderInterest:
    """A provider says it is interested: its people hear about engagement on the plan."""
    if not permissions.can_register_interest(actor, plan, organisation):
        raise ValidationError(
            {"organisation": _("Choose a provider you work for. The plan must be published.")}
        )
    existing = ProviderInterest.objects.filter(plan=plan, organisation=organisation).first()
    if existing:
        return existing
    with audit.audit_context(actor=actor, reason=_("Said a provider is interested in a plan")):
        return ProviderInterest.objects.create(
            plan=plan, organisation=organisation, registered_by=actor
        )


@transaction.atomic
def interest_withdraw(*, actor: User, interest: ProviderInterest) -> None:
    with audit.audit_context(actor=actor, reason=_("Said a provider is no longer interested")):
        interest.delete()
