"""Who may see and run long-term agreements, and who speaks for each side.

- **See** an agreement: everybody once it is in force or ended (what was bought, from whom, for
  how long is public: the open data publishes it); one being set up, only those who run it and
  the parties' people.
- **Run** it (vary, extend, record KPIs, break points, assets; an alliance's decisions, risks,
  pain and gain; approve and pay invoices): the back office, and place staff (a staff role at a
  verified public body, organisations/place_staff.py) of the commissioner, for the agreement's
  place. For a subcontract under a strategic partnership, the partner's people run it: the
  partner is the payer.
- **Speak for the provider** (send invoices, answer disputes, see what is owed): a person with a
  provider role (commissioning's ``PROVIDER_ROLES``) at the provider, or, in an alliance, at a
  member that is not the commissioner.
- **Invoices and payments** are seen by both sides only: those who run it and the provider's
  people. The public sees only the payment figures (days to pay, share on time).
"""

from commonweal.agreements.models import Agreement
from commonweal.commissioning.permissions import PROVIDER_ROLES
from commonweal.organisations.place_staff import (
    is_place_staff,
    is_staff_anywhere,
    staff_organisation_ids,
)


def speaks_for_ids(user) -> set[int]:
    """The organisations a person may speak for as a provider (any legal form but a public body's
    staff roles: those act through place_staff)."""
    if not user.is_authenticated:
        return set()
    return set(
        user.role_assignments.filter(
            role__in=PROVIDER_ROLES, organisation__isnull=False
        ).values_list("organisation_id", flat=True)
    )


def _paying_side_ids(agreement: Agreement) -> set[int]:
    return {agreement.commissioner_id}


def can_manage(user, agreement: Agreement) -> bool:
    """Run it: the back office, or the payer's staff for the agreement's place. A subcontract is run
    by the strategic partner's people (its commissioner is the partner)."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    if agreement.kind == Agreement.Kind.SUBCONTRACT:
        return agreement.commissioner_id in speaks_for_ids(user)
    if agreement.commissioner_id not in staff_organisation_ids(user):
        return False
    return is_place_staff(user, agreement.place)


def provider_ids(agreement: Agreement) -> set[int]:
    """The organisations on the providing side: the provider, or an alliance's provider members."""
    ids = {agreement.provider_id} if agreement.provider_id else set()
    if agreement.kind == Agreement.Kind.ALLIANCE:
        ids |= set(
            agreement.members.exclude(role="commissioner").values_list("organisation_id", flat=True)
        )
    return ids


def is_provider_side(user, agreement: Agreement) -> bool:
    """The person speaks for the provider (or a providing member of an alliance)."""
    if not user.is_authenticated:
        return False
    return bool(speaks_for_ids(user) & provider_ids(agreement))


def is_party(user, agreement: Agreement) -> bool:
    return can_manage(user, agreement) or is_provider_side(user, agreement)


def can_view(user, agreement: Agreement) -> bool:
    if agreement.status != Agreement.Status.DRAFT:
        return True
    return is_party(user, agreement)


def can_see_invoices(user, agreement: Agreement) -> bool:
    return is_party(user, agreement)


def can_create(user) -> bool:
    """Enter an agreement directly or import a list: place staff somewhere, or the back office."""
    return is_staff_anywhere(user)
