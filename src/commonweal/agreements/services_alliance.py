"""An alliance's governance: its members and their shares, the leadership team's decisions (refused
without the agreement the rule needs, naming who has not agreed, and without saying how the
decision serves the alliance's principle), the risk register, and each year's pain and gain,
worked out by pain_gain.py and kept with its arithmetic. Every write is audited.

Who may is permissions_alliance.py; each service asks it again, so the API and the pages keep the
same rules. Sent unchanged, an edit writes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _

from commonweal.accounts.models import User
from commonweal.agreements import governance, pain_gain
from commonweal.agreements import permissions_alliance as may
from commonweal.agreements.models import Agreement, Decision, Member, PainGainYear, Risk
from commonweal.core import audit
from commonweal.messages import Message
from commonweal.organisations.models import Organisation

LONGEST_SUBJECT = 200
LONGEST_TEXT = 10000
LONGEST_TITLE = 200
HUNDRED = Decimal("100")


def _say(msg: Message | None) -> str:
    """A pure module's Message in the reader's language."""
    return msg.render(gettext, ngettext) if msg is not None else ""


def is_open(agreement: Agreement) -> bool:
    """Whether the alliance's record can still be added to (being set up, or in force)."""
    return agreement.kind == Agreement.Kind.ALLIANCE and agreement.status in (
        Agreement.Status.DRAFT,
        Agreement.Status.LIVE,
    )


def _alliance_open(agreement: Agreement) -> None:
    if agreement.kind != Agreement.Kind.ALLIANCE:
        raise ValidationError(_("This agreement is not an alliance, so it has no leadership team."))
    if agreement.status not in (Agreement.Status.DRAFT, Agreement.Status.LIVE):
        raise ValidationError(
            _("This alliance is no longer in force: its record is closed and cannot be added to.")
        )


def _text(value: str | None) -> str:
    return (value or "").replace("\r\n", "\n").strip()


# --- Members --------------------------------------------------------------------------------------


def _shares_total(agreement: Agreement, *, leaving_out: Member | None = None) -> Decimal:
    members = Member.objects.filter(agreement=agreement)
    if leaving_out is not None:
        members = members.exclude(pk=leaving_out.pk)
    return members.aggregate(total=Sum("share"))["total"] or Decimal("0")


def _check_share(agreement: Agreement, share: Decimal, *, member: Member | None = None) -> None:
    if share < 0 or share > HUNDRED:
        raise ValidationError({"share": _("The share must be between 0% and 100%")})
    total = _shares_total(agreement, leaving_out=member) + share
    if total > HUNDRED:
        raise ValidationError(
            {
                "share": _(
                    "The shares would add up to %(total)s%%, more than 100%%. Lower another "
                    "member's share first."
                )
                % {"total": f"{total.normalize():f}"}
            }
        )


@transaction.atomic
def member_add(
    *,
    actor: User,
    agreement: Agreement,
    organisation: Organisation,
    share: Decimal,
    on_leadership_team: bool = True,
) -> Member:
    """Add an organisation to the alliance with its share of pain and gain (the commissioner's own
    seat has the commissioner's role)."""
    if not may.can_manage_members(actor, agreement):
        raise PermissionDenied
    _alliance_open(agreement)
    if Member.objects.filter(agreement=agreement, organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("%(name)s is in the alliance already") % {"name": organisation.name}}
        )
    _check_share(agreement, share)
    role = (
        Member.Role.COMMISSIONER
        if organisation.pk == agreement.commissioner_id
        else Member.Role.PROVIDER
    )
    with audit.audit_context(actor=actor, reason=_("Added a member to the alliance")):
        return Member.objects.create(
            agreement=agreement,
            organisation=organisation,
            role=role,
            share=share,
            on_leadership_team=on_leadership_team,
        )


@transaction.atomic
def member_change(
    *, actor: User, member: Member, share: Decimal, on_leadership_team: bool
) -> Member:
    """Change a member's share or seat on the leadership team. Unchanged, nothing is written."""
    agreement = member.agreement
    if not may.can_manage_members(actor, agreement):
        raise PermissionDenied
    _alliance_open(agreement)
    if member.share == share and member.on_leadership_team == on_leadership_team:
        return member
    _check_share(agreement, share, member=member)
    with audit.audit_context(actor=actor, reason=_("Changed an alliance member's share or seat")):
        member.share = share
        member.on_leadership_team = on_leadership_team
        member.save(update_fields=["share", "on_leadership_team"])
    return member


def member_may_leave(member: Member) -> bool:
    """Whether a member could be taken out (never the commissioner's own seat)."""
    return member.role != Member.Role.COMMISSIONER


@transaction.atomic
def member_remove(*, actor: User, member: Member) -> None:
    """Take a member out of the alliance: never the commissioner, nor a member whose agreement to a
    decision is on record (the record keeps who agreed)."""
    agreement = member.agreement
    if not may.can_manage_members(actor, agreement):
        raise PermissionDenied
    _alliance_open(agreement)
    if not member_may_leave(member):
        raise ValidationError(_("The commissioner is always a member of its alliance."))
    if member.decisions_agreed.exists():
        raise ValidationError(
            _(
                "%(name)s agreed decisions on record, so it stays a member: the record keeps who "
                "agreed. Take it off the leadership team and set its share to 0%% instead."
            )
            % {"name": member.organisation.name}
        )
    with audit.audit_context(actor=actor, reason=_("Took a member out of the alliance")):
        member.delete()


# --- Decisions ------------------------------------------------------------------------------------


def _team(agreement: Agreement) -> list[Member]:
    return list(
        Member.objects.filter(agreement=agreement, on_leadership_team=True)
        .select_related("organisation")
        .order_by("role", "organisation__name", "id")
    )


def agreement_needed(agreement: Agreement, agreed_by: Iterable[Member]) -> governance.Verdict:
    """Whether the members agreeing carry a decision under the alliance's rule, and who is missing."""
    seats = [governance.Seat(m.pk, m.organisation.name) for m in _team(agreement)]
    try:
        return governance.check(agreement.decision_rule, seats, [m.pk for m in agreed_by])
    except governance.GovernanceInputError as error:
        raise ValidationError(_say(error.why)) from None


@transaction.atomic
def decision_record(
    *,
    actor: User,
    agreement: Agreement,
    subject: str,
    decision: str,
    principle_test: str,
    agreed_by: Iterable[Member],
    decided_on: datetime.date,
) -> Decision:
    """Record a leadership team decision with the rule used: refused without the agreement the rule
    needs (naming who has not agreed), or without saying how it serves the principle."""
    if not may.can_govern(actor, agreement):
        raise PermissionDenied
    _alliance_open(agreement)
    subject, decision, principle_test = _text(subject), _text(decision), _text(principle_test)
    agreed = list(dict.fromkeys(agreed_by))
    errors: dict[str, list[str]] = {}
    if not subject:
        errors["subject"] = [_("Enter what was decided, in a few words")]
    elif len(subject) > LONGEST_SUBJECT:
        errors["subject"] = [_("What was decided must be 200 characters or fewer")]
    if not decision:
        errors["decision"] = [_("Enter the decision")]
    if not principle_test:
        principle = agreement.principle or _("best for the people who use the service")
        errors["principle_test"] = [
            _("Say how this decision serves the alliance's principle: %(principle)s")
            % {"principle": principle}
        ]
    if decided_on > timezone.localdate():
        errors["decided_on"] = [_("The day it was decided must be today or in the past")]
    strangers = [m for m in agreed if m.agreement_id != agreement.pk]
    if strangers:
        errors["agreed_by"] = [_("Choose members of this alliance")]
    if errors:
        raise ValidationError(errors)
    outsiders = [m.organisation.name for m in agreed if not m.on_leadership_team]
    if outsiders:
        raise ValidationError(
            {
                "agreed_by": _(
                    "Only the leadership team agrees decisions. Not on the team: %(names)s."
                )
                % {"names": ", ".join(outsiders)}
            }
        )
    verdict = agreement_needed(agreement, agreed)
    if not verdict.enough:
        raise ValidationError(
            {
                "agreed_by": _(
                    "This decision does not have the agreement it needs, so it is not recorded. "
                    "%(reason)s"
                )
                % {"reason": _say(verdict.reason)}
            }
        )
    with audit.audit_context(actor=actor, reason=_("Recorded a leadership team decision")):
        record = Decision.objects.create(
            agreement=agreement,
            subject=subject,
            decision=decision,
            principle_test=principle_test,
            rule=agreement.decision_rule,
            decided_on=decided_on,
            recorded_by=actor,
        )
        record.agreed_by.set(agreed)
    return record


# --- Risks ----------------------------------------------------------------------------------------


def _risk_errors(
    agreement: Agreement,
    *,
    title: str,
    likelihood: int,
    impact: int,
    owner: Member | None,
    mitigation: str,
) -> None:
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Enter the risk")]
    elif len(title) > LONGEST_TITLE:
        errors["title"] = [_("The risk must be 200 characters or fewer")]
    levels = set(Risk.Level.values)
    if likelihood not in levels:
        errors["likelihood"] = [_("Choose how likely it is")]
    if impact not in levels:
        errors["impact"] = [_("Choose how much harm it would do")]
    if owner is not None and owner.agreement_id != agreement.pk:
        errors["owner"] = [_("Choose a member of this alliance to own the risk")]
    if not mitigation:
        errors["mitigation"] = [_("Say what is being done about it")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def risk_add(
    *,
    actor: User,
    agreement: Agreement,
    title: str,
    likelihood: int,
    impact: int,
    owner: Member | None,
    mitigation: str,
) -> Risk:
    """Add a risk to the alliance's register."""
    if not may.can_govern(actor, agreement):
        raise PermissionDenied
    _alliance_open(agreement)
    title, mitigation = _text(title), _text(mitigation)
    _risk_errors(
        agreement,
        title=title,
        likelihood=likelihood,
        impact=impact,
        owner=owner,
        mitigation=mitigation,
    )
    with audit.audit_context(actor=actor, reason=_("Added a risk to the alliance's register")):
        return Risk.objects.create(
            agreement=agreement,
            title=title,
            likelihood=likelihood,
            impact=impact,
            owner=owner,
            mitigation=mitigation,
        )


@transaction.atomic
def risk_update(
    *,
    actor: User,
    risk: Risk,
    title: str,
    likelihood: int,
    impact: int,
    owner: Member | None,
    mitigation: str,
) -> Risk:
    """Change an open risk. Unchanged, nothing is written."""
    agreement = risk.agreement
    if not may.can_govern(actor, agreement):
        raise PermissionDenied
    _alliance_open(agreement)
    if risk.status == Risk.Status.CLOSED:
        raise ValidationError(_("This risk is closed. Add a new one if it has come back."))
    title, mitigation = _text(title), _text(mitigation)
    _risk_errors(
        agreement,
        title=title,
        likelihood=likelihood,
        impact=impact,
        owner=owner,
        mitigation=mitigation,
    )
    values = {
        "title": title,
        "likelihood": likelihood,
        "impact": impact,
        "owner_id": owner.pk if owner else None,
        "mitigation": mitigation,
    }
    if all(getattr(risk, name) == value for name, value in values.items()):
        return risk
    with audit.audit_context(actor=actor, reason=_("Changed a risk in the alliance's register")):
        for name, value in values.items():
            setattr(risk, name, value)
        risk.save()
    return risk


def risk_is_open(risk: Risk) -> bool:
    """Whether the risk can still be changed or closed."""
    return risk.status == Risk.Status.OPEN


@transaction.atomic
def risk_close(*, actor: User, risk: Risk) -> Risk:
    """Close a risk that has passed or been dealt with; it stays on the register, closed."""
    agreement = risk.agreement
    if not may.can_govern(actor, agreement):
        raise PermissionDenied
    _alliance_open(agreement)
    if risk.status == Risk.Status.CLOSED:
        raise ValidationError(_("This risk is closed already."))
    with audit.audit_context(actor=actor, reason=_("Closed a risk in the alliance's register")):
        risk.status = Risk.Status.CLOSED
        risk.save(update_fields=["status"])
    return risk


# --- Pain and gain --------------------------------------------------------------------------------


def pain_gain_work_out(agreement: Agreement, actual_cost: Decimal) -> pain_gain.Result:
    """The year's pain or gain for an actual cost, from the alliance's target, cap, collar and
    members' shares (nothing is written)."""
    members = list(
        Member.objects.filter(agreement=agreement).select_related("organisation").order_by("id")
    )
    if agreement.target_cost is None:
        raise ValidationError(
            _("The alliance has no target cost, so there is nothing to share pain or gain against.")
        )
    try:
        return pain_gain.share_out(
            target_cost=agreement.target_cost,
            actual_cost=actual_cost,
            shares=[pain_gain.Share(m.organisation.name, m.share) for m in members],
            gain_cap=agreement.gain_cap,
            pain_collar=agreement.pain_collar,
        )
    except pain_gain.PainGainInputError as error:
        field = "actual_cost" if error.field == "actual cost" else "__all__"
        raise ValidationError({field: _say(error.why)}) from None


@transaction.atomic
def pain_gain_record(
    *, actor: User, agreement: Agreement, year_starting: datetime.date, actual_cost: Decimal
) -> PainGainYear:
    """Record a year's actual cost and keep each member's share of the pain or gain, worked out
    by pain_gain.py, with its arithmetic. A year is recorded once."""
    if not may.can_govern(actor, agreement):
        raise PermissionDenied
    _alliance_open(agreement)
    if not agreement.starts_on <= year_starting <= agreement.ends_on:
        raise ValidationError(
            {
                "year_starting": _("The year must start between %(start)s and %(end)s")
                % {
                    "start": date_format(agreement.starts_on, "j F Y"),
                    "end": date_format(agreement.ends_on, "j F Y"),
                }
            }
        )
    if PainGainYear.objects.filter(agreement=agreement, year_starting=year_starting).exists():
        raise ValidationError(
            {
                "year_starting": _(
                    "The pain and gain for the year starting %(day)s is recorded already"
                )
                % {"day": date_format(year_starting, "j F Y")}
            }
        )
    result = pain_gain_work_out(agreement, actual_cost)
    members = list(
        Member.objects.filter(agreement=agreement).select_related("organisation").order_by("id")
    )
    shares = [
        {
            "member": member.pk,
            "organisation": member.organisation_id,
            "name": share.name,
            "percent": str(share.percent),
            "amount": str(share.amount),
        }
        for member, share in zip(members, result.shares, strict=True)
    ]
    working = {
        "kind": result.kind.value,
        "target_cost": str(result.target_cost),
        "gain_cap": None if agreement.gain_cap is None else str(agreement.gain_cap),
        "pain_collar": None if agreement.pain_collar is None else str(agreement.pain_collar),
        "difference": str(result.difference),
        "shared": str(result.shared),
        "limit_bit": result.limit_bit,
        "lines": [line.as_json() for line in result.lines],
    }
    with audit.audit_context(actor=actor, reason=_("Recorded a year's pain and gain")):
        return PainGainYear.objects.create(
            agreement=agreement,
            year_starting=year_starting,
            actual_cost=actual_cost,
            shares=shares,
            working=working,
            recorded_by=actor,
        )
