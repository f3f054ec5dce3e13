"""Who may see and run commissioning plans.

"Any plan" rules: everybody reads a plan once it is published to the pipeline, with its advice,
market, barrier check and lots. "My plans" rules: a draft is seen, and any plan changed, only by
the back office and by place staff (organisations/place_staff.py) who act for the plan's lead
commissioner or for an agency that pools money into it. A plan's citizen commissioners see its
draft too. Providers' people say their organisation is interested in a published plan.
"""

from django.utils.translation import gettext as _

from commonweal.accounts.roles import STAFF_ROLES, Role
from commonweal.commissioning.models import Plan
from commonweal.organisations.models import Organisation
from commonweal.organisations.place_staff import (
    is_place_staff,
    is_staff_anywhere,
    staff_organisation_ids,
)

# The roles at a provider that may speak for it: say it is interested in a plan.
PROVIDER_ROLES = (Role.PROVIDER_MEMBER, Role.ADMINISTRATOR, *STAFF_ROLES)


def can_create(user) -> bool:
    """Place staff somewhere (a role at a verified public body), or the back office."""
    return is_staff_anywhere(user)


def agency_ids(plan: Plan) -> set[int]:
    """The lead and every agency that pools money into the plan."""
    return {plan.lead_id, *plan.contributions.values_list("organisation_id", flat=True)}


def can_manage(user, plan: Plan) -> bool:
    """Change the plan, its money, advice, requirements, lots and engagement; publish it."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    if not is_place_staff(user, plan.place):
        return False
    return bool(staff_organisation_ids(user) & agency_ids(plan))


def is_citizen_commissioner(user, plan: Plan) -> bool:
    return user.is_authenticated and plan.citizen_commissioners.filter(pk=user.pk).exists()


def can_view(user, plan: Plan) -> bool:
    """A published plan is open to all; a draft to those who run it and its citizen commissioners."""
    return plan.is_published or can_manage(user, plan) or is_citizen_commissioner(user, plan)


def can_publish(plan: Plan) -> str | None:
    """Why the plan cannot be published to the pipeline yet, or None when it can."""
    if plan.is_published:
        return _("This plan is already published.")
    if not plan.service_starts_on or not plan.duration_months:
        return _("Say when the service starts and how long it runs before you publish the plan.")
    if not plan.contributions.exists():
        return _("Add the money for the plan before you publish it.")
    return None


def organisations_interested_as(user) -> list[Organisation]:
    """The providers (not public bodies) a person may speak for."""
    if not user.is_authenticated:
        return []
    return list(
        Organisation.objects.filter(
            role_assignments__user=user, role_assignments__role__in=PROVIDER_ROLES
        )
        .exclude(legal_form=Organisation.LegalForm.PUBLIC_BODY)
        .distinct()
        .order_by("name")
    )


def can_register_interest(user, plan: Plan, organisation: Organisation) -> bool:
    return plan.is_published and any(
        org.pk == organisation.pk for org in organisations_interested_as(user)
    )
