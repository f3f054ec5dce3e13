"""Who may do what with an agreement's invoices (agreements/permissions.py says who each side is).

- **Send** an invoice, correct it, or waive late payment charges: the provider's people only. Late
  payment interest and compensation are the creditor's to claim or give up, never the payer's.
- **Dispute, resolve, approve and pay**: those who run the agreement for the payer
  (``can_manage``: the back office, the commissioner's place staff, a strategic partner for its
  subcontracts), and the commissioner's finance officers.
- **See** invoices and schedules: both sides.
"""

from commonweal.accounts.roles import Role
from commonweal.agreements import permissions as agreements
from commonweal.agreements.models import Agreement
from commonweal.organisations.place_staff import staff_organisation_ids


def is_finance_officer(user, agreement: Agreement) -> bool:
    """A finance officer at the (verified) public body that pays."""
    return agreement.commissioner_id in staff_organisation_ids(user, roles=(Role.FINANCE_OFFICER,))


def can_pay(user, agreement: Agreement) -> bool:
    return agreements.can_manage(user, agreement) or is_finance_officer(user, agreement)


def can_send(user, agreement: Agreement) -> bool:
    return agreements.is_provider_side(user, agreement)


def can_see(user, agreement: Agreement) -> bool:
    return can_send(user, agreement) or can_pay(user, agreement)
