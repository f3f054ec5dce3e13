"""Who may see and change what in an outcomes framework.

"Any framework" rules are for everybody: published versions are public.
"My framework" rules follow the roles a person holds for the organisation
that looks after it, and "my organisation" rules the roles held for a
voluntary organisation that endorses.
"""

from commonweal.accounts.roles import Role
from commonweal.organisations import place_staff

# Roles in the owner organisation that look after its frameworks.
MANAGER_ROLES = (Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR)
# Roles in a voluntary organisation that may endorse a version for it.
ENDORSER_ROLES = (Role.PROVIDER_MEMBER, Role.ADMINISTRATOR)


def can_manage(user, framework) -> bool:
    """Make and edit drafts, publish, import, and link needs: the owner's staff, while it is a verified
    public body, and the back office."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return framework.owner_id in place_staff.staff_organisation_ids(user, MANAGER_ROLES)


def can_view_version(user, version) -> bool:
    """Published versions are public; drafts only for those who manage the framework."""
    return version.status == version.Status.PUBLISHED or can_manage(user, version.framework)


def endorsing_organisations(user):
    """The voluntary organisations this person may endorse for."""
    from commonweal.organisations.models import Organisation

    if not user.is_authenticated:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(
            is_vcse=True, role_assignments__user=user, role_assignments__role__in=ENDORSER_ROLES
        )
        .distinct()
        .order_by("name")
    )


def can_endorse(user, version) -> bool:
    """A member of a voluntary organisation, for a published version."""
    return version.status == version.Status.PUBLISHED and endorsing_organisations(user).exists()


def can_withdraw(user, endorsement) -> bool:
    """Withdrawing an endorsement: a member of the organisation that made it."""
    return endorsing_organisations(user).filter(pk=endorsement.organisation_id).exists()


def starting_organisations(user):
    """The verified public bodies this person may start a new framework for: theirs as staff, or any for the
    back office."""
    from commonweal.organisations.models import Organisation

    if not user.is_authenticated:
        return Organisation.objects.none()
    public_bodies = place_staff.verified_public_bodies()
    if not user.is_staff:
        public_bodies = public_bodies.filter(
            pk__in=place_staff.staff_organisation_ids(user, MANAGER_ROLES)
        )
    return public_bodies.order_by("name")


def can_start_framework(user) -> bool:
    """Public-body staff (commissioner, procurement officer or administrator) and the back office."""
    return starting_organisations(user).exists()
