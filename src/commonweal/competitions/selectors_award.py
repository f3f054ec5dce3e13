"""Reads about awards: the standstill's last day, an award and its bidders' assessment summaries,
and a grant round's decisions.

Working days: core.policy holds no table of bank holidays yet, so a working day here is Monday to
Friday, and a bank holiday inside a standstill is counted as a working day. The award page says so
beside the date (``BANK_HOLIDAYS_KNOWN``), so an officer can add the day themselves until the
table exists.
"""

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from commonweal.commissioning.selectors_design import plan_jurisdiction
from commonweal.competitions.models import AssessmentSummary, Award, Bid, GrantDecision, Opportunity
from commonweal.core.policy import (
    STANDSTILL_WORKING_DAYS,
    JurisdictionRequired,
    NoRuleInForce,
    in_force,
)

BANK_HOLIDAYS_KNOWN = False
SATURDAY = 5


class NoStandstillRule(Exception):
    """No standstill rule held here applies to the opportunity's place on the day of award."""


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday (bank holidays are not held in core.policy yet: see the module's note)."""
    return day.weekday() < SATURDAY


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The last day of a period of ``days`` working days beginning with the day after ``start``."""
    day = start
    counted = 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def standstill_days(opportunity: Opportunity, on: datetime.date) -> int:
    """The standstill's length in working days for an award made on ``on`` where the plan is."""
    jurisdiction = plan_jurisdiction(opportunity.plan)
    try:
        return in_force(STANDSTILL_WORKING_DAYS, on, jurisdiction).value
    except (NoRuleInForce, JurisdictionRequired) as missing:
        raise NoStandstillRule(
            _("No standstill rule held here applies to this award: %(why)s") % {"why": missing}
        ) from None


def standstill_ends(opportunity: Opportunity, on: datetime.date) -> datetime.date:
    """The standstill's last day for an award made on ``on``: the contract may be entered into
    from the next day."""
    return add_working_days(on, standstill_days(opportunity, on))


def award_for(opportunity: Opportunity) -> Award | None:
    return (
        Award.objects.select_related("bid__organisation", "decided_by")
        .filter(opportunity=opportunity)
        .first()
    )


def submitted_bids(opportunity: Opportunity) -> QuerySet[Bid]:
    return (
        opportunity.bids.filter(status=Bid.Status.SUBMITTED)
        .select_related("organisation")
        .order_by("pk")
    )


def assessment_for(opportunity: Opportunity, bid_pk: int) -> AssessmentSummary | None:
    return (
        AssessmentSummary.objects.select_related("bid__organisation", "bid__opportunity")
        .filter(bid__opportunity=opportunity, bid_id=bid_pk)
        .first()
    )


def grant_decisions(opportunity: Opportunity) -> QuerySet[GrantDecision]:
    return (
        GrantDecision.objects.filter(bid__opportunity=opportunity)
        .select_related("bid__organisation", "decided_by")
        .order_by("bid_id")
    )


def published_funded_decisions() -> QuerySet[GrantDecision]:
    """Funded decisions of grant rounds whose decisions are published (the round is awarded)."""
    return (
        GrantDecision.objects.filter(
            awarded=True,
            bid__opportunity__kind=Opportunity.Kind.GRANT_ROUND,
            bid__opportunity__status=Opportunity.Status.AWARDED,
        )
        .select_related(
            "bid__organisation", "bid__opportunity__plan__lead", "bid__opportunity__plan__place"
        )
        .order_by("bid__opportunity_id", "bid_id")
    )
