"""Who may see a payer's payments compliance report.

- **A commissioner's report** (every figure, per agreement, the payments over the threshold): the
  back office, and the payer's own staff at any time: place staff or finance officers at the
  verified public body (the finance director approves the notice), or, for a strategic partner
  paying its subcontractors, the partner's own people.
- **A place's record** (what was bought, from whom, for how long, and how promptly each buyer
  paid, never an invoice): everybody.
"""

from commonweal.accounts.roles import Role
from commonweal.agreements.permissions import speaks_for_ids
from commonweal.organisations.models import Organisation
from commonweal.organisations.place_staff import PLACE_STAFF_ROLES, staff_organisation_ids

REPORT_ROLES = (*PLACE_STAFF_ROLES, Role.FINANCE_OFFICER)


def can_see_report(user, commissioner: Organisation) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    if commissioner.pk in staff_organisation_ids(user, roles=REPORT_ROLES):
        return True
    return not commissioner.is_public_body and commissioner.pk in speaks_for_ids(user)
