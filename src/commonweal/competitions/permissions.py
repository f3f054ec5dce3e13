"""Who may see and run tenders and grant rounds, bid, evaluate and award.

- **Run** an opportunity (write it, publish it, answer questions, choose evaluators, moderate,
  decide on low bids, award): whoever may manage its plan (commissioning.permissions.can_manage:
  the back office, and place staff of the plan's lead or of an agency paying in).
- **See** it: everybody once published; a draft only those who run it.
- **Bid** for an organisation: a person with a provider role there (commissioning's
  ``PROVIDER_ROLES``), for an organisation that is not a public body. Anybody may make an account
  and an organisation and bid: what they may never do is see another bidder's bid.
- **A bid's content** is seen before the deadline only by the bidder's own people, and by nobody
  else at all, the back office included (vault.py enforces it with the key). After the deadline,
  by those who run the opportunity and by its evaluators once they have declared their conflicts,
  each opening recorded.
- **Evaluate**: a person with a seat (``Evaluator``). An officer seat goes to someone with a staff
  role at one of the plan's agencies; a citizen seat to one of the plan's citizen commissioners.
  Nobody scores a bidder they declared a conflict with, and nobody sees a bid before declaring.
"""

from django.utils.translation import gettext as _

from commonweal.accounts.roles import Role
from commonweal.commissioning import permissions as plan_permissions
from commonweal.competitions.models import Bid, Evaluator, Opportunity
from commonweal.organisations.models import Organisation
from commonweal.organisations.place_staff import staff_organisation_ids

# The staff roles at one of the plan's agencies that may hold an officer's seat on a panel.
EVALUATOR_ROLES = (Role.EVALUATOR, Role.COMMISSIONER, Role.PROCUREMENT_OFFICER)


def can_create(user, plan) -> bool:
    """Start a tender or grant round from a plan: whoever manages the plan, once it has a route."""
    return plan_permissions.can_manage(user, plan)


def can_manage(user, opportunity: Opportunity) -> bool:
    return plan_permissions.can_manage(user, opportunity.plan)


def can_view(user, opportunity: Opportunity) -> bool:
    return opportunity.is_published or can_manage(user, opportunity)


def bidder_organisations(user) -> list[Organisation]:
    """The organisations (not public bodies) a person may bid for."""
    return plan_permissions.organisations_interested_as(user)


def can_bid_for(user, organisation: Organisation) -> bool:
    return any(org.pk == organisation.pk for org in bidder_organisations(user))


def is_bidders_own(user, bid: Bid) -> bool:
    """The person speaks for the bidder: they may see and change its own bid."""
    return user.is_authenticated and can_bid_for(user, bid.organisation)


def seat(user, opportunity: Opportunity) -> Evaluator | None:
    if not user.is_authenticated:
        return None
    return Evaluator.objects.filter(opportunity=opportunity, user=user).first()


def may_hold_officer_seat(user, opportunity: Opportunity) -> bool:
    agencies = plan_permissions.agency_ids(opportunity.plan)
    return bool(staff_organisation_ids(user, EVALUATOR_ROLES) & agencies)


def may_hold_citizen_seat(user, opportunity: Opportunity) -> bool:
    return plan_permissions.is_citizen_commissioner(user, opportunity.plan)


def can_see_bids(user, opportunity: Opportunity, *, now=None) -> bool:
    """Open the submitted bids: after the deadline, those who run it, and evaluators who have
    declared their conflicts (they see only bidders they have no conflict with)."""
    if not opportunity.deadline_passed(now) or opportunity.status == Opportunity.Status.DRAFT:
        return False
    if can_manage(user, opportunity):
        return True
    evaluator = seat(user, opportunity)
    return evaluator is not None and evaluator.conflicts_declared_at is not None


def why_cannot_publish(opportunity: Opportunity) -> str | None:
    """Why the opportunity cannot be published yet, or None when it can."""
    if opportunity.is_published:
        return _("This opportunity is already published.")
    if not opportunity.plan.is_published:
        return _("Publish the commissioning plan to the pipeline first.")
    total = opportunity.quality_weight + opportunity.social_value_weight + opportunity.price_weight
    if total != 100:
        return _("The quality, social value and price weights must add up to 100.")
    if not opportunity.criteria.filter(question__gt="").exists():
        return _("Add at least one question for bidders to answer.")
    return None
