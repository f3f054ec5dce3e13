"""Writes about commissioning plans: the plan, its pooled money and current spend, the route chosen.
Each is audited with who, when and why. Requirements, lots and the pipeline are in their own
modules (services_design.py, services_pipeline.py)."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.commissioning import routes
from commonweal.commissioning.models import Advice, Contribution, CurrentContract, Plan
from commonweal.core import audit
from commonweal.organisations.models import Organisation
from commonweal.places.models import Place

# What a plan's edit form changes. Its place and lead stay: who may run it follows from them.
EDITABLE_FIELDS = (
    "title",
    "summary",
    "service_starts_on",
    "duration_months",
    "procurement_starts_on",
    "social_value_considered",
    "consulted",
    "panel",
)
LINKED_FIELDS = ("themes", "needs", "outcomes", "sessions", "citizen_commissioners")


def _check_dates(plan: Plan) -> None:
    if (
        plan.procurement_starts_on
        and plan.service_starts_on
        and plan.procurement_starts_on > plan.service_starts_on
    ):
        raise ValidationError(
            {
                "procurement_starts_on": _(
                    "The procurement or funding round must start before the service starts."
                )
            }
        )


@transaction.atomic
def plan_create(
    *,
    actor: User,
    place: Place,
    lead: Organisation,
    title: str,
    summary: str,
    reason: str = "",
    **fields: Any,
) -> Plan:
    """Start a commissioning plan for a place, led by a public body."""
    linked = {name: fields.pop(name) for name in LINKED_FIELDS if name in fields}
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"plan_create() got unexpected fields {sorted(unknown)}")
    with audit.audit_context(actor=actor, reason=reason or _("Started a commissioning plan")):
        plan = Plan(
            place=place,
            lead=lead,
            title=(title or "").strip(),
            summary=summary or "",
            created_by=actor,
            **fields,
        )
        plan.full_clean(exclude=["created_by", "route_advice", "route_chosen_by"])
        _check_dates(plan)
        plan.save()
        for name, values in linked.items():
            getattr(plan, name).set(values)
    return plan


@transaction.atomic
def plan_update(*, actor: User, plan: Plan, reason: str = "", **changes: Any) -> Plan:
    """Change a plan's words, dates and links. Nothing is written when nothing changed."""
    linked = {name: changes.pop(name) for name in LINKED_FIELDS if name in changes}
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"plan_update() got unexpected fields {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(plan, name) != value]
    with audit.audit_context(actor=actor, reason=reason or _("Changed the commissioning plan")):
        if changed:
            for name in changed:
                setattr(plan, name, changes[name])
            plan.full_clean(exclude=["created_by", "route_advice", "route_chosen_by"])
            _check_dates(plan)
            plan.save(update_fields=[*changed, "updated_at"])
        for name, values in linked.items():
            wanted = {getattr(value, "pk", value) for value in values}
            if set(getattr(plan, name).values_list("pk", flat=True)) != wanted:
                getattr(plan, name).set(wanted)
    return plan


@transaction.atomic
def plan_status_set(*, actor: User, plan: Plan, status: str, reason: str) -> Plan:
    """Move the plan on (or back) a stage, saying why."""
    if status not in Plan.Status.values:
        raise ValidationError({"status": _("Choose a stage from the list.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the plan moves to this stage.")})
    if status != Plan.Status.DRAFTING and not plan.route:
        raise ValidationError(
            {"status": _("Choose a route to market before the plan moves on from drafting.")}
        )
    if status == plan.status:
        return plan
    with audit.audit_context(actor=actor, reason=reason.strip()):
        plan.status = status
        plan.save(update_fields=["status", "updated_at"])
    return plan


@transaction.atomic
def contribution_save(
    *,
    actor: User,
    plan: Plan,
    organisation: Organisation,
    financial_year: int,
    amount: Decimal,
    conditions: str = "",
    contribution: Contribution | None = None,
) -> Contribution:
    """Record (or change) one agency's money in the plan for a financial year."""
    if amount is None or amount < 0:
        raise ValidationError({"amount": _("The amount must be £0 or more.")})
    if not organisation.is_public_body:
        raise ValidationError(
            {"organisation": _("Only public bodies pool money into a plan. Choose a public body.")}
        )
    contribution = contribution or Contribution(plan=plan)
    new = {
        "organisation": organisation,
        "financial_year": financial_year,
        "amount": amount,
        "conditions": (conditions or "").replace("\r\n", "\n").strip(),
    }
    if contribution.pk and all(getattr(contribution, name) == value for name, value in new.items()):
        return contribution
    with audit.audit_context(actor=actor, reason=_("Recorded money pooled into the plan")):
        for name, value in new.items():
            setattr(contribution, name, value)
        contribution.full_clean(exclude=["plan"], validate_unique=False)
        clash = Contribution.objects.filter(
            plan=plan, organisation=organisation, financial_year=financial_year
        ).exclude(pk=contribution.pk)
        if clash.exists():
            raise ValidationError(
                {
                    "financial_year": _(
                        "%(organisation)s already has money in this plan for that year. Change "
                        "that entry instead."
                    )
                    % {"organisation": organisation.name}
                }
            )
        try:
            with transaction.atomic():
                contribution.save()
        except IntegrityError as error:  # two saves at once
            raise ValidationError(
                {"financial_year": _("That agency already has money in this plan for that year.")}
            ) from error
    return contribution


@transaction.atomic
def contribution_remove(*, actor: User, contribution: Contribution) -> None:
    with audit.audit_context(actor=actor, reason=_("Removed money from the plan")):
        contribution.delete()


@transaction.atomic
def current_contract_add(
    *,
    actor: User,
    plan: Plan,
    provider: Organisation,
    description: str,
    annual_value: Decimal,
    ends_on: date | None = None,
) -> CurrentContract:
    """Record money spent on this work today (a contract or grant the plan would replace)."""
    with audit.audit_context(actor=actor, reason=_("Recorded current spend")):
        contract = CurrentContract(
            plan=plan,
            provider=provider,
            description=(description or "").strip(),
            annual_value=annual_value,
            ends_on=ends_on,
        )
        contract.full_clean(exclude=["plan"])
        contract.save()
    return contract


@transaction.atomic
def current_contract_remove(*, actor: User, contract: CurrentContract) -> None:
    with audit.audit_context(actor=actor, reason=_("Removed current spend")):
        contract.delete()


@transaction.atomic
def advice_record(*, actor: User, plan: Plan, answers: routes.Answers) -> Advice:
    """Ask the route advisor and keep what it said with the answers it was based on."""
    advice = routes.advise(answers)
    with audit.audit_context(actor=actor, reason=_("Asked the route advisor")):
        return Advice.objects.create(
            plan=plan, answers=answers.as_json(), result=advice.as_json(), created_by=actor
        )


@transaction.atomic
def route_choose(
    *, actor: User, plan: Plan, route: str, reason: str, advice: Advice | None
) -> Plan:
    """Record the route to market chosen, and why, against the advice it was based on."""
    if route not in {choice.value for choice in routes.Route}:
        raise ValidationError({"route": _("Choose a route from the list.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why you chose this route.")})
    if advice is not None and advice.plan_id != plan.pk:
        raise ValidationError({"route": _("That advice is for another plan.")})
    reason = reason.replace("\r\n", "\n").strip()
    if plan.route == route and plan.route_reason == reason and plan.route_advice == advice:
        return plan
    with audit.audit_context(actor=actor, reason=reason):
        plan.route = route
        plan.route_reason = reason
        plan.route_advice = advice
        plan.route_chosen_by = actor
        plan.route_chosen_at = timezone.now()
        fields = ["route", "route_reason", "route_advice", "route_chosen_by", "route_chosen_at"]
        if plan.status == Plan.Status.DRAFTING:
            plan.status = Plan.Status.ROUTE_CHOSEN
            fields.append("status")
        plan.save(update_fields=[*fields, "updated_at"])
    return plan
