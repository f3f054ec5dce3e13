"""Writes that change an agreement while it runs: variations (extension, value, scope, terms) with
their reason, before and after; its KPIs, break points and transferred assets. Only those who run
it (permissions.can_manage); each in one transaction, audited."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.agreements import permissions, rules, selectors
from commonweal.agreements.models import KPI, Agreement, AssetTransfer, BreakPoint, Variation
from commonweal.agreements.services_agreements import check_terms, kpis_needed
from commonweal.core.audit import audit_context
from commonweal.core.policy import MODIFICATION_VALUE_LIMIT_PERCENT, NoRuleInForce, in_force

# What each kind of variation may change.
VARIABLE: dict[str, tuple[str, ...]] = {
    Variation.Kind.EXTENSION: ("ends_on",),
    Variation.Kind.VALUE: ("value",),
    Variation.Kind.SCOPE: ("summary",),
    Variation.Kind.TERMS: ("payment_terms_days", "payment_profile", "conditions"),
}


def _shown(value: object) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _require_manager(actor: User, agreement: Agreement) -> None:
    if not permissions.can_manage(actor, agreement):
        raise PermissionDenied


def value_limit(agreement: Agreement) -> Decimal | None:
    """The most the value may reach by variations without a new procurement (None: no limit held
    here applies, as for a grant or a subcontract)."""
    if agreement.kind not in rules.MODIFICATION_LIMIT_KINDS:
        return None
    try:
        percent = in_force(
            MODIFICATION_VALUE_LIMIT_PERCENT,
            agreement.starts_on,
            selectors.place_jurisdiction(agreement.place_id),
        ).value
    except NoRuleInForce:
        return None
    return rules.largest_value(selectors.initial_value(agreement), percent)


def _check_variation(agreement: Agreement, candidate: Agreement, kind: str) -> None:
    if kind == Variation.Kind.EXTENSION:
        if candidate.ends_on <= agreement.ends_on:
            raise ValidationError(
                {"ends_on": _("An extension ends later than the agreement does now.")}
            )
        latest = rules.latest_end(agreement.original_ends_on, agreement.max_extension_months)
        if candidate.ends_on > latest:
            raise ValidationError(
                {
                    "ends_on": _(
                        "The agreement may be extended by %(months)s months at most, to "
                        "%(latest)s. A longer extension needs a new agreement."
                    )
                    % {
                        "months": agreement.max_extension_months,
                        "latest": date_format(latest, "j F Y"),
                    }
                }
            )
    if kind == Variation.Kind.VALUE and candidate.value > agreement.value:
        most = value_limit(agreement)
        if most is not None and candidate.value > most:
            raise ValidationError(
                {
                    "value": _(
                        "That takes the value more than the legal limit above what was first "
                        "agreed: %(most)s at most without a new procurement (Procurement Act "
                        "2023, section 74, below-threshold modifications; guidance)."
                    )
                    % {"most": f"£{most:,.2f}"}
                }
            )
    if kind == Variation.Kind.TERMS and agreement.kind == Agreement.Kind.STRATEGIC_PARTNERSHIP:
        longer = agreement.subcontracts.filter(payment_terms_days__gt=candidate.payment_terms_days)
        if longer.exists():
            raise ValidationError(
                {
                    "payment_terms_days": _(
                        "A subcontract under this partnership has longer payment terms: vary it "
                        "first, so the same terms flow down."
                    )
                }
            )
    check_terms(candidate, rate_card_now=False)


def agreement_vary(
    *, actor: User, agreement: Agreement, kind: str, reason: str, changes: dict
) -> Variation:
    """Record a change to an agreement in force, with its reason, before and after."""
    _require_manager(actor, agreement)
    if agreement.status != Agreement.Status.LIVE:
        raise ValidationError(_("Only an agreement in force is varied: edit a draft instead."))
    if kind not in VARIABLE:
        raise ValidationError({"kind": _("Choose the kind of change.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the agreement is changing.")})
    unknown = set(changes) - set(VARIABLE[kind])
    if unknown:
        raise ValidationError(
            {
                "changes": _("This kind of change cannot change %(what)s.")
                % {"what": ", ".join(sorted(unknown))}
            }
        )
    changed = {name: value for name, value in changes.items() if getattr(agreement, name) != value}
    if not changed:
        raise ValidationError(_("Nothing would change. Change at least one thing."))
    with transaction.atomic(), audit_context(actor=actor, reason=reason):
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        candidate = Agreement.objects.get(pk=agreement.pk)
        for name, value in changed.items():
            setattr(candidate, name, value)
        _check_variation(locked, candidate, kind)
        variation = Variation.objects.create(
            agreement=locked,
            kind=kind,
            reason=reason,
            before={name: _shown(getattr(locked, name)) for name in changed},
            after={name: _shown(value) for name, value in changed.items()},
            decided_by=actor,
            decided_at=timezone.now(),
        )
        candidate.save(update_fields=list(changed))
    for name, value in changed.items():
        setattr(agreement, name, value)
    return variation


def _changed(row: object, fields: dict) -> list[str]:
    return [name for name, value in fields.items() if getattr(row, name) != value]


def kpi_add(*, actor: User, agreement: Agreement, title: str, target: str) -> KPI:
    """Publish a key performance indicator for the agreement."""
    _require_manager(actor, agreement)
    with transaction.atomic(), audit_context(actor=actor, reason=_("Added a KPI")):
        position = agreement.kpis.count()
        return KPI.objects.create(
            agreement=agreement, title=title, target=target, position=position
        )


def kpi_update(*, actor: User, kpi: KPI, title: str, target: str) -> bool:
    """Change a KPI's words; False when nothing changed."""
    _require_manager(actor, kpi.agreement)
    changed = _changed(kpi, {"title": title, "target": target})
    if not changed:
        return False
    with transaction.atomic(), audit_context(actor=actor, reason=_("Changed a KPI")):
        kpi.title, kpi.target = title, target
        kpi.save(update_fields=changed)
    return True


def kpi_remove(*, actor: User, kpi: KPI) -> None:
    """Take a KPI away, unless an agreement in force would then have fewer than the law asks."""
    agreement = kpi.agreement
    _require_manager(actor, agreement)
    with transaction.atomic(), audit_context(actor=actor, reason=_("Removed a KPI")):
        needed = kpis_needed(agreement)
        if (
            agreement.status == Agreement.Status.LIVE
            and needed
            and agreement.kpis.count() <= needed
        ):
            raise ValidationError(
                _(
                    "This agreement is in force and needs at least %(needed)s published KPIs. "
                    "Add another before you remove this one."
                )
                % {"needed": needed}
            )
        kpi.delete()


def _check_break(agreement: Agreement, on: datetime.date) -> None:
    if not agreement.starts_on < on <= agreement.ends_on:
        raise ValidationError(
            {"on": _("A break day falls after the start and by the end of the agreement.")}
        )


def break_point_add(
    *, actor: User, agreement: Agreement, on: datetime.date, notice_months: int, note: str = ""
) -> BreakPoint:
    """Record a day on which either side may end the agreement."""
    _require_manager(actor, agreement)
    _check_break(agreement, on)
    with transaction.atomic(), audit_context(actor=actor, reason=_("Added a break point")):
        return BreakPoint.objects.create(
            agreement=agreement, on=on, notice_months=notice_months, note=note
        )


def break_point_update(*, actor: User, break_point: BreakPoint, **fields: Any) -> bool:
    """Change a break point; False when nothing changed."""
    _require_manager(actor, break_point.agreement)
    changed = _changed(break_point, fields)
    if not changed:
        return False
    _check_break(break_point.agreement, fields.get("on", break_point.on))
    with transaction.atomic(), audit_context(actor=actor, reason=_("Changed a break point")):
        for name in changed:
            setattr(break_point, name, fields[name])
        break_point.save(update_fields=changed)
    return True


def break_point_remove(*, actor: User, break_point: BreakPoint) -> None:
    _require_manager(actor, break_point.agreement)
    with transaction.atomic(), audit_context(actor=actor, reason=_("Removed a break point")):
        break_point.delete()


def asset_add(*, actor: User, agreement: Agreement, **fields: Any) -> AssetTransfer:
    """Record property or equipment passed to the provider, with its value and conditions."""
    _require_manager(actor, agreement)
    with transaction.atomic(), audit_context(actor=actor, reason=_("Recorded an asset transfer")):
        return AssetTransfer.objects.create(agreement=agreement, **fields)


def asset_update(*, actor: User, asset: AssetTransfer, **fields: Any) -> bool:
    """Change an asset transfer; False when nothing changed."""
    _require_manager(actor, asset.agreement)
    changed = _changed(asset, fields)
    if not changed:
        return False
    with transaction.atomic(), audit_context(actor=actor, reason=_("Changed an asset transfer")):
        for name in changed:
            setattr(asset, name, fields[name])
        asset.save(update_fields=changed)
    return True


def asset_remove(*, actor: User, asset: AssetTransfer) -> None:
    _require_manager(actor, asset.agreement)
    with transaction.atomic(), audit_context(actor=actor, reason=_("Removed an asset transfer")):
        asset.delete()
