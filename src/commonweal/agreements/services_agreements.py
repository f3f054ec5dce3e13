"""Writes about agreements themselves: entering one of any kind (directly, from a tender's award or
from a grant decision), editing a draft, and putting it in force. Each in one transaction, audited.

The checks (``check_terms``) are the same for every way in: it ends after it starts; a public
contract's payment terms are no longer than the law's (core.policy PAYMENT_TERMS_DAYS, in force on
the start day); a subcontract's no longer than its strategic partnership's; a contract over the
KPI threshold goes live only with its KPIs.
"""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.agreements import permissions, rules, selectors
from commonweal.agreements.models import KPI, Agreement, Member
from commonweal.competitions.models import Award, GrantDecision, Opportunity
from commonweal.core.audit import audit_context
from commonweal.core.policy import (
    KPI_THRESHOLD,
    KPIS_REQUIRED_AT_LEAST,
    PAYMENT_TERMS_DAYS,
    NoRuleInForce,
    in_force,
)

# What a draft's edit may change (its kind, place and parties are fixed once entered).
EDITABLE = (
    "title",
    "summary",
    "reference",
    "provider",
    "value",
    "starts_on",
    "ends_on",
    "max_extension_months",
    "payment_terms_days",
    "payment_profile",
    "conditions",
    "match_funding",
    "in_kind",
    "in_kind_value",
    "principle",
    "decision_rule",
    "pooled_budget",
    "target_cost",
    "gain_cap",
    "pain_collar",
    "rate_card",
)
FIELDS = (*EDITABLE, "kind", "place", "commissioner", "parent", "plan")
# The plan's chosen route, where it names a kind of agreement (anything else is a contract).
ROUTE_KINDS = {
    "alliance": Agreement.Kind.ALLIANCE,
    "strategic_partnership": Agreement.Kind.STRATEGIC_PARTNERSHIP,
    "outcomes_contract": Agreement.Kind.OUTCOMES_CONTRACT,
}


def payment_terms_limit(agreement: Agreement) -> int | None:
    """The longest payment terms the law allows this agreement, or None where no rule applies
    (a grant; a start before the Act; Scotland, whose own rules Commonweal does not hold yet)."""
    if agreement.kind not in rules.PAYMENT_TERMS_KINDS:
        return None
    try:
        return in_force(
            PAYMENT_TERMS_DAYS,
            agreement.starts_on,
            selectors.place_jurisdiction(agreement.place_id),
        ).value
    except NoRuleInForce:
        return None


def kpis_needed(agreement: Agreement) -> int:
    """How many published KPIs the agreement needs before it goes live (0 when none)."""
    if agreement.kind not in rules.KPI_KINDS:
        return 0
    try:
        threshold = in_force(
            KPI_THRESHOLD, agreement.starts_on, selectors.place_jurisdiction(agreement.place_id)
        ).value
    except NoRuleInForce:
        return 0
    return KPIS_REQUIRED_AT_LEAST if agreement.value > threshold else 0


def live_blockers(agreement: Agreement) -> list[str]:
    """What stops a draft going live, each saying what to do."""
    if agreement.status != Agreement.Status.DRAFT:
        return [_("Only an agreement being set up can be put in force.")]
    if agreement.kind == Agreement.Kind.OUTCOMES_CONTRACT and not agreement.rate_card:
        return [_("An outcomes contract needs its rate card before it is in force. Add it first.")]
    needed = kpis_needed(agreement)
    if needed and agreement.kpis.count() < needed:
        return [
            _(
                "A contract worth more than the KPI threshold needs at least %(needed)s published "
                "key performance indicators before it is in force. Add them first."
            )
            % {"needed": needed}
        ]
    return []


def _rate_card(rows: list | None) -> list[dict]:
    card = []
    for row in rows or []:
        outcome = str(row.get("outcome", "")).strip() if isinstance(row, dict) else ""
        try:
            price = Decimal(str(row.get("price"))) if isinstance(row, dict) else None
        except (InvalidOperation, ValueError):
            price = None
        if not outcome or price is None or not price.is_finite() or price <= 0:
            raise ValidationError(
                {
                    "rate_card": _(
                        "Each line of the rate card needs an outcome and a price above £0."
                    )
                }
            )
        card.append({"outcome": outcome, "price": str(price.quantize(Decimal("0.01")))})
    return card


def check_terms(agreement: Agreement, *, rate_card_now: bool = True) -> None:
    """Refuse terms the rules do not allow, each error on its field. An outcomes contract made from
    an award (``rate_card_now`` False) adds its rate card before it goes live."""
    errors: dict[str, str] = {}
    kind = agreement.kind
    if agreement.ends_on <= agreement.starts_on:
        errors["ends_on"] = _("The agreement must end after it starts.")
    if kind == Agreement.Kind.SUBCONTRACT:
        parent = agreement.parent
        if parent is None or parent.kind != Agreement.Kind.STRATEGIC_PARTNERSHIP:
            errors["parent"] = _("Choose the strategic partnership this subcontract is under.")
        elif agreement.payment_terms_days > parent.payment_terms_days:
            errors["payment_terms_days"] = _(
                "A subcontract pays within the strategic partnership's %(days)s days or sooner: "
                "the same payment terms flow down."
            ) % {"days": parent.payment_terms_days}
    elif agreement.parent_id is not None:
        errors["parent"] = _("Only a subcontract sits under a strategic partnership.")
    limit = payment_terms_limit(agreement)
    if (
        limit is not None
        and agreement.payment_terms_days > limit
        and "payment_terms_days" not in errors
    ):
        errors["payment_terms_days"] = _(
            "A public contract pays a valid invoice within %(days)s days at most (Procurement Act "
            "2023, section 68)."
        ) % {"days": limit}
    if kind not in (Agreement.Kind.ALLIANCE,) and agreement.provider_id is None:
        errors["provider"] = _("Choose the provider or grant holder.")
    if kind == Agreement.Kind.OUTCOMES_CONTRACT and rate_card_now and not agreement.rate_card:
        errors["rate_card"] = _(
            "An outcomes contract needs its rate card: each outcome and its price."
        )
    if errors:
        raise ValidationError(errors)


def _build(actor: User, fields: dict) -> Agreement:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"agreement_create has no fields {sorted(unknown)}")
    values = dict(fields)
    kind = values.get("kind")
    if kind not in Agreement.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of agreement.")})
    values["rate_card"] = _rate_card(values.get("rate_card"))
    parent = values.get("parent")
    if kind == Agreement.Kind.SUBCONTRACT and parent is not None:
        # The partner pays its subcontractors: it is the subcontract's commissioner, in its place.
        values["commissioner"] = parent.provider
        values["place"] = parent.place
    if values.get("commissioner") is None:
        raise ValidationError({"commissioner": _("Choose the commissioner or funder.")})
    if values.get("place") is None:
        raise ValidationError({"place": _("Choose the place the agreement serves.")})
    agreement = Agreement(**values)
    agreement.original_ends_on = agreement.ends_on
    agreement.created_by = actor
    agreement.status = Agreement.Status.DRAFT
    return agreement


def _may_enter(actor: User, agreement: Agreement) -> bool:
    if agreement.kind == Agreement.Kind.SUBCONTRACT:
        return agreement.parent is not None and permissions.is_provider_side(
            actor, agreement.parent
        )
    return permissions.can_create(actor) and permissions.can_manage(actor, agreement)


def _members(agreement: Agreement, members: list | None) -> None:
    """An alliance's seats: the commissioner's always, and each provider member's."""
    Member.objects.create(
        agreement=agreement, organisation=agreement.commissioner, role=Member.Role.COMMISSIONER
    )
    seen = {agreement.commissioner_id}
    for row in members or []:
        organisation = row["organisation"] if isinstance(row, dict) else row
        if organisation.pk in seen:
            continue
        seen.add(organisation.pk)
        Member.objects.create(
            agreement=agreement,
            organisation=organisation,
            role=Member.Role.PROVIDER,
            share=(row.get("share") if isinstance(row, dict) else None) or Decimal("0"),
            on_leadership_team=(
                row.get("on_leadership_team", True) if isinstance(row, dict) else True
            ),
        )


def _save_new(
    actor: User,
    agreement: Agreement,
    *,
    members: list | None = None,
    kpis: list[dict] | None = None,
    go_live: bool = False,
) -> Agreement:
    if agreement.kind == Agreement.Kind.ALLIANCE and not members:
        raise ValidationError({"members": _("Choose at least one provider in the alliance.")})
    try:
        with transaction.atomic(), audit_context(actor=actor, reason=_("Entered an agreement")):
            agreement.save()
            if agreement.kind == Agreement.Kind.ALLIANCE:
                _members(agreement, members)
            for position, row in enumerate(kpis or []):
                KPI.objects.create(
                    agreement=agreement,
                    title=row["title"],
                    target=row["target"],
                    position=position,
                )
            if go_live:
                blockers = live_blockers(agreement)
                if blockers:
                    raise ValidationError(blockers)
                agreement.status = Agreement.Status.LIVE
                agreement.save(update_fields=["status"])
    except IntegrityError:
        raise ValidationError(
            {"reference": _("The commissioner already has an agreement with this reference.")}
        ) from None
    return agreement


def agreement_create(
    *,
    actor: User,
    members: list | None = None,
    kpis: list[dict] | None = None,
    go_live: bool = False,
    **fields: Any,
) -> Agreement:
    """Enter an agreement of any kind, as a draft (or in force at once with ``go_live``)."""
    agreement = _build(actor, fields)
    if not _may_enter(actor, agreement):
        raise PermissionDenied
    check_terms(agreement)
    return _save_new(actor, agreement, members=members, kpis=kpis, go_live=go_live)


def agreement_update(*, actor: User, agreement: Agreement, **fields: Any) -> bool:
    """Change a draft's fields; a live agreement changes only by a variation. False: nothing changed."""
    if not permissions.can_manage(actor, agreement):
        raise PermissionDenied
    if agreement.status != Agreement.Status.DRAFT:
        raise ValidationError(
            _("This agreement is in force: change it by a variation, with the reason.")
        )
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"agreement_update cannot change {sorted(unknown)}")
    if "rate_card" in fields:
        fields["rate_card"] = _rate_card(fields["rate_card"])
    changed = [name for name, value in fields.items() if getattr(agreement, name) != value]
    if not changed:
        return False
    candidate = Agreement.objects.get(pk=agreement.pk)
    for name in changed:
        setattr(candidate, name, fields[name])
    if "ends_on" in changed:
        candidate.original_ends_on = candidate.ends_on
        changed.append("original_ends_on")
    check_terms(candidate)
    try:
        with transaction.atomic(), audit_context(actor=actor, reason=_("Edited a draft agreement")):
            candidate.save(update_fields=changed)
    except IntegrityError:
        raise ValidationError(
            {"reference": _("The commissioner already has an agreement with this reference.")}
        ) from None
    for name in changed:
        setattr(agreement, name, getattr(candidate, name))
    return True


def agreement_make_live(*, actor: User, agreement: Agreement) -> Agreement:
    """Put a draft in force, once its KPIs are there where the law asks for them."""
    if not permissions.can_manage(actor, agreement):
        raise PermissionDenied
    with transaction.atomic(), audit_context(actor=actor, reason=_("Put an agreement in force")):
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        blockers = live_blockers(locked)
        if blockers:
            raise ValidationError(blockers)
        locked.status = Agreement.Status.LIVE
        locked.save(update_fields=["status"])
    agreement.status = locked.status
    return locked


def award_kind(award: Award) -> str:
    """The kind of agreement an award makes: the plan's route where it names one, else a contract."""
    return ROUTE_KINDS.get(award.opportunity.plan.route, Agreement.Kind.CONTRACT)


def award_blockers(award: Award) -> list[str]:
    today = timezone.localdate()
    if Agreement.objects.filter(award=award).exists():
        return [_("An agreement has already been made from this award.")]
    if award.standstill_ends_on is None or today <= award.standstill_ends_on:
        return [_("The standstill has not ended yet. Make the agreement after it ends.")]
    return []


def agreement_from_award(
    *,
    actor: User,
    award: Award,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> Agreement:
    """The agreement with the winning bidder, once the standstill is over (once for each award)."""
    blockers = award_blockers(award)
    if blockers:
        raise ValidationError(blockers)
    opportunity = award.opportunity
    plan = opportunity.plan
    kind = award_kind(award)
    starts_on = award.contract_starts_on or starts_on
    ends_on = award.contract_ends_on or ends_on
    if starts_on is None or ends_on is None:
        raise ValidationError({"starts_on": _("Enter when the agreement starts and ends.")})
    agreement = _build(
        actor,
        {
            "kind": kind,
            "place": plan.place,
            "commissioner": plan.lead,
            "provider": award.bid.organisation,
            "plan": plan,
            "title": opportunity.title,
            "summary": opportunity.description,
            "value": award.value,
            "starts_on": starts_on,
            "ends_on": ends_on,
        },
    )
    agreement.award = award
    agreement.source = Agreement.Source.AWARD
    if not _may_enter(actor, agreement):
        raise PermissionDenied
    check_terms(agreement, rate_card_now=False)
    members = [{"organisation": award.bid.organisation}]
    with transaction.atomic():
        Award.objects.select_for_update().get(pk=award.pk)
        if Agreement.objects.filter(award=award).exists():
            raise ValidationError(_("An agreement has already been made from this award."))
        return _save_new(actor, agreement, members=members)


def agreement_from_grant_decision(
    *,
    actor: User,
    decision: GrantDecision,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    payment_profile: str = Agreement.PaymentProfile.ADVANCE,
) -> Agreement:
    """The grant agreement for a funded, published decision (once for each decision)."""
    opportunity = decision.bid.opportunity
    if not decision.awarded or opportunity.status != Opportunity.Status.AWARDED:
        raise ValidationError(
            _("Only a funded decision, once published, becomes a grant agreement.")
        )
    if Agreement.objects.filter(grant_decision=decision).exists():
        raise ValidationError(_("An agreement has already been made from this decision."))
    starts_on = decision.planned_start or starts_on
    ends_on = decision.planned_end or ends_on
    if starts_on is None or ends_on is None:
        raise ValidationError({"starts_on": _("Enter when the grant starts and ends.")})
    plan = opportunity.plan
    agreement = _build(
        actor,
        {
            "kind": Agreement.Kind.GRANT,
            "place": plan.place,
            "commissioner": plan.lead,
            "provider": decision.bid.organisation,
            "plan": plan,
            "title": opportunity.title,
            "summary": opportunity.description,
            "value": decision.amount,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "payment_profile": payment_profile,
        },
    )
    agreement.grant_decision = decision
    agreement.source = Agreement.Source.GRANT_DECISION
    if not _may_enter(actor, agreement):
        raise PermissionDenied
    check_terms(agreement)
    with transaction.atomic():
        GrantDecision.objects.select_for_update().get(pk=decision.pk)
        if Agreement.objects.filter(grant_decision=decision).exists():
            raise ValidationError(_("An agreement has already been made from this decision."))
        return _save_new(actor, agreement)
