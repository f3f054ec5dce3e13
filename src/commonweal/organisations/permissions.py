"""Who may see and change what about an organisation.

"Any organisation" rules are for everybody; "my organisation" rules follow
the roles a person holds for that organisation.
"""

from commonweal.accounts.roles import Role

# Roles in a public body whose work needs a provider's private details
# (contacting them, checking their documents before an award).
DUE_DILIGENCE_ROLES = (Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.FINANCE_OFFICER)


def is_member(user, organisation) -> bool:
    """The person holds any role for this organisation."""
    if not user.is_authenticated:
        return False
    return organisation.role_assignments.filter(user=user).exists()


def can_view_private(user, organisation) -> bool:
    """Contact details and private documents: members, the back office, and public-body staff who need them."""
    if not user.is_authenticated:
        return False
    if user.is_staff or is_member(user, organisation):
        return True
    return user.role_assignments.filter(
        role__in=DUE_DILIGENCE_ROLES, organisation__legal_form="public_body"
    ).exists()


def private_access(user) -> tuple[bool, frozenset[int]]:
    """For a list of organisations: (may see every one's private details, ids of those they may see).

    The same rule as ``can_view_private``, asked once for a whole page instead of once a row.
    """
    if not user.is_authenticated:
        return False, frozenset()
    if user.is_staff or user.role_assignments.filter(
        role__in=DUE_DILIGENCE_ROLES, organisation__legal_form="public_body"
    ).exists():
        return True, frozenset()
    return False, frozenset(
        user.role_assignments.filter(organisation__isnull=False).values_list("organisation_id", flat=True)
    )


def can_view_history(user, organisation) -> bool:
    """The audit trail of the organisation's record: its members and the back office."""
    return user.is_authenticated and (user.is_staff or is_member(user, organisation))


def can_edit(user, organisation) -> bool:
    """Change the profile, documents, members and roles: its administrators and the back office."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return organisation.role_assignments.filter(user=user, role=Role.ADMINISTRATOR).exists()
