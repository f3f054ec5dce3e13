"""Officer-entered versions of dated rules: checking, adding, and reading them into ``in_force``.

The rules in ``core.policy`` are plain Python; the base rate and the Real Living Wage change more
often than releases, so an officer adds their new versions in the back office (``/admin/``). This
is the Django side: ``policy_entry_errors`` checks an entry, ``policy_entry_add`` saves it (audited),
and ``officer_entries`` turns saved entries into ``Dated`` versions for ``in_force``, plugged in
from ``CoreConfig.ready``.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from commonweal.core import audit, policy
from commonweal.core.models import PolicyEntry
from commonweal.core.policy.dated import Dated, Rule
from commonweal.core.policy.living_wage import LivingWage

PERMISSION = "core.add_policyentry"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _dated(entry: PolicyEntry) -> Dated:
    source = _("Entered by %(who)s on %(day)s: %(url)s") % {
        "who": entry.entered_by or _("a former officer"),
        "day": entry.entered_at.date().isoformat() if entry.entered_at else "",
        "url": entry.source_url,
    }
    if entry.rule == PolicyEntry.RuleKey.REAL_LIVING_WAGE:
        assert entry.london_rate is not None and entry.pay_by is not None
        value: object = LivingWage(uk=entry.rate, london=entry.london_rate, pay_by=entry.pay_by)
    else:
        value = entry.rate
    return Dated(starts=entry.starts, value=value, source=source)


def officer_entries(rule: Rule) -> Iterable[Dated]:
    """The versions of ``rule`` officers have added, oldest first."""
    return [
        _dated(entry)
        for entry in PolicyEntry.objects.filter(rule=rule.key)
        .select_related("entered_by")
        .order_by("starts", "pk")
    ]


def policy_entry_errors(
    *,
    rule: str,
    starts: date | None,
    rate: Decimal | None,
    london_rate: Decimal | None = None,
    pay_by: date | None = None,
    corrects_history: bool = False,
) -> dict[str, list[str]]:
    """What is wrong with a new entry, by field; empty when it may be added."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if rule not in PolicyEntry.RuleKey.values or not policy.RULES[rule].officer_may_add:
        add("rule", _("Choose the base rate or the Real Living Wage."))
        return errors
    living_wage = rule == PolicyEntry.RuleKey.REAL_LIVING_WAGE
    if rate is not None:
        if living_wage and rate <= 0:
            add("rate", _("Enter the hourly rate in pounds, more than 0, like 13.45."))
        if not living_wage and not Decimal("0") <= rate <= Decimal("100"):
            add("rate", _("Enter the base rate as a percentage from 0 to 100, like 3.75."))
    if living_wage:
        if london_rate is None:
            add("london_rate", _("Enter the London rate too, like 14.80."))
        elif rate is not None and london_rate < rate:
            add("london_rate", _("The London rate is never less than the UK rate."))
        if pay_by is None:
            add("pay_by", _("Enter the day employers must pay the new rates by."))
        elif starts is not None and pay_by <= starts:
            add(
                "pay_by",
                _("Employers pay the new rates after they are announced: enter a later day."),
            )
    else:
        if london_rate is not None:
            add("london_rate", _("Leave the London rate empty for the base rate."))
        if pay_by is not None:
            add("pay_by", _("Leave this empty for the base rate."))
    if starts is not None:
        existing = policy.history(policy.RULES[rule])
        if any(version.starts == starts for version in existing):
            add(
                "starts",
                _("A version of this rule already starts on %(day)s: only one can apply on a day.")
                % {"day": _day(starts)},
            )
        newest = existing[-1].starts
        if starts < newest and not corrects_history:
            add(
                "starts",
                _(
                    "The newest version starts on %(day)s. A version starting earlier changes "
                    "what applied in the past: tick “this corrects an earlier day” if you mean it."
                )
                % {"day": _day(newest)},
            )
    return errors


@transaction.atomic
def policy_entry_add(
    *,
    actor: Any,  # the signed-in user (core is below accounts, so it cannot name accounts.User)
    rule: str,
    starts: date,
    rate: Decimal,
    source_url: str,
    london_rate: Decimal | None = None,
    pay_by: date | None = None,
    corrects_history: bool = False,
    reason: str = "",
) -> PolicyEntry:
    """Add an officer's version of a dated rule, after checking it; the audit trail records it."""
    if actor is None or not actor.has_perm(PERMISSION):
        raise PermissionError(_("Only officers allowed to add dated rule entries may add one."))
    errors = policy_entry_errors(
        rule=rule,
        starts=starts,
        rate=rate,
        london_rate=london_rate,
        pay_by=pay_by,
        corrects_history=corrects_history,
    )
    if errors:
        raise ValidationError(errors)
    entry = PolicyEntry(
        rule=rule,
        starts=starts,
        rate=rate,
        london_rate=london_rate,
        pay_by=pay_by,
        source_url=source_url,
        corrects_history=corrects_history,
        entered_by=actor,
    )
    entry.full_clean()
    with audit.audit_context(actor=actor, reason=reason or _("Added a dated rule entry")):
        entry.save()
    return entry
