"""Writes about how a plan will be bought: the requirements it proposes and its lots. Audited."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.commissioning.models import Lot, Plan, Requirements
from commonweal.commissioning.selectors import plan_total
from commonweal.core import audit

REQUIREMENT_FIELDS = (
    "minimum_turnover",
    "public_liability",
    "employers_liability",
    "professional_indemnity",
    "accreditations",
    "experience_years",
    "mobilisation_days",
    "payment_terms",
    "contract_months",
    "price_weighting",
    "social_value_weighting",
    "consortium_bids",
    "needs_investment",
)


@transaction.atomic
def requirements_save(*, actor: User, plan: Plan, **values: Any) -> Requirements:
    """Record the requirements the plan proposes to ask of providers. Unchanged, nothing is written."""
    unknown = set(values) - set(REQUIREMENT_FIELDS)
    if unknown:
        raise TypeError(f"requirements_save() got unexpected fields {sorted(unknown)}")
    if "accreditations" in values:
        values["accreditations"] = (values["accreditations"] or "").replace("\r\n", "\n").strip()
    requirements = Requirements.objects.filter(plan=plan).first() or Requirements(plan=plan)
    if requirements.pk and all(getattr(requirements, k) == v for k, v in values.items()):
        return requirements
    price = values.get("price_weighting", requirements.price_weighting)
    social = values.get("social_value_weighting", requirements.social_value_weighting)
    if price is not None and social is not None and price + social > 100:
        raise ValidationError(
            {
                "social_value_weighting": _(
                    "Price and social value together cannot weigh more than 100%%: they weigh "
                    "%(total)s%% now."
                )
                % {"total": price + social}
            }
        )
    with audit.audit_context(actor=actor, reason=_("Set the requirements to check for barriers")):
        for name, value in values.items():
            setattr(requirements, name, value)
        requirements.full_clean(exclude=["plan"])
        requirements.save()
    return requirements


def _check_lot_total(plan: Plan, lot: Lot, value: Decimal) -> None:
    others = sum((other.value for other in plan.lots.exclude(pk=lot.pk)), start=Decimal("0"))
    total = plan_total(plan)
    if others + value > total:
        raise ValidationError(
            {
                "value": _(
                    "The lots would be worth £%(lots)s, more than the £%(plan)s in the plan. "
                    "Lower this lot's value or add money to the plan first."
                )
                % {"lots": f"{others + value:,.2f}", "plan": f"{total:,.2f}"}
            }
        )


@transaction.atomic
def lot_save(*, actor: User, plan: Plan, lot: Lot | None = None, **values: Any) -> Lot:
    """Add a lot to the plan, or change one. The lots together may not be worth more than the plan."""
    lot = lot or Lot(plan=plan)
    if values.get("description") is not None:
        values["description"] = values["description"].replace("\r\n", "\n").strip()
    if lot.pk and all(getattr(lot, k) == v for k, v in values.items()):
        return lot
    for name, value in values.items():
        setattr(lot, name, value)
    lot.full_clean(exclude=["plan"])
    if lot.split_by == Lot.SplitBy.GEOGRAPHY and lot.area is None:
        raise ValidationError({"area": _("Choose the area this lot covers.")})
    _check_lot_total(plan, lot, lot.value)
    with audit.audit_context(
        actor=actor, reason=_("Changed a lot") if lot.pk else _("Added a lot")
    ):
        lot.save()
    return lot


@transaction.atomic
def lot_remove(*, actor: User, lot: Lot) -> None:
    with audit.audit_context(actor=actor, reason=_("Removed a lot")):
        lot.delete()
