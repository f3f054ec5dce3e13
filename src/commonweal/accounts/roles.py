"""The roles a person can hold, and where each may be held. Plain Python."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMMISSIONER = "commissioner", _("Commissioner")
    PROCUREMENT_OFFICER = "procurement_officer", _("Procurement officer")
    FINANCE_OFFICER = "finance_officer", _("Finance officer")
    EVALUATOR = "evaluator", _("Evaluator")
    CITIZEN_COMMISSIONER = "citizen_commissioner", _("Citizen commissioner")
    RESIDENT = "resident", _("Resident")
    PROVIDER_MEMBER = "provider_member", _("Provider member")
    INVESTOR = "investor", _("Investor")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that act for a public body or manage others' data: they must use
# two-factor authentication.
STAFF_ROLES = frozenset(
    {
        Role.COMMISSIONER,
        Role.PROCUREMENT_OFFICER,
        Role.FINANCE_OFFICER,
        Role.EVALUATOR,
        Role.ADMINISTRATOR,
    }
)

ORGANISATION = "organisation"
PLACE = "place"

# Where each role may be held: for an organisation, for a place, or either.
ROLE_SCOPES: dict[str, frozenset[str]] = {
    Role.COMMISSIONER: frozenset({ORGANISATION}),
    Role.PROCUREMENT_OFFICER: frozenset({ORGANISATION}),
    Role.FINANCE_OFFICER: frozenset({ORGANISATION}),
    Role.EVALUATOR: frozenset({ORGANISATION}),
    Role.CITIZEN_COMMISSIONER: frozenset({PLACE}),
    Role.RESIDENT: frozenset({PLACE}),
    Role.PROVIDER_MEMBER: frozenset({ORGANISATION}),
    Role.INVESTOR: frozenset({ORGANISATION}),
    Role.ADMINISTRATOR: frozenset({ORGANISATION, PLACE}),
}

# Roles that only a public body's people may hold.
PUBLIC_BODY_ROLES = frozenset({Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.FINANCE_OFFICER})
