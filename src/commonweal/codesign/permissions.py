"""Who may see and run co-design sessions.

Anyone, signed in or not, may read sessions and the "You said, we did" log.
A session is run by public-body staff for its place (roles at a public body verified
for it), by the back office, and by the commissioners and administrators of the
organisation that organises it. A public body organises sessions only where it is verified.
"""

from django.db.models import Q

from commonweal.accounts.roles import Role
from commonweal.organisations import place_staff
from commonweal.organisations.models import Organisation
from commonweal.organisations.place_staff import PLACE_STAFF_ROLES

# Roles that let a public body's people manage the work of the places it serves.
PUBLIC_BODY_STAFF_ROLES = PLACE_STAFF_ROLES
# Roles that let an organisation's people run the sessions it organises.
ORGANISER_ROLES = (Role.COMMISSIONER, Role.ADMINISTRATOR)


def runs_organisation(user, organisation) -> bool:
    """The person is a commissioner or administrator of the organisation."""
    return (
        user.is_authenticated
        and user.role_assignments.filter(
            organisation=organisation, role__in=ORGANISER_ROLES
        ).exists()
    )


def organisations_user_may_organise_for(user):
    """The organisations a person may name as a session's organiser."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_staff:
        return Organisation.objects.order_by("name")
    return (
        Organisation.objects.filter(
            Q(role_assignments__user=user, role_assignments__role__in=ORGANISER_ROLES)
            | Q(pk__in=place_staff.staff_organisation_ids(user, PUBLIC_BODY_STAFF_ROLES))
        )
        .distinct()
        .order_by("name")
    )


def can_create_sessions(user) -> bool:
    """May open the page to set up a session: holds a role that can organise one somewhere."""
    return user.is_authenticated and (
        user.is_staff or organisations_user_may_organise_for(user).exists()
    )


def can_organise(user, *, place, organisation) -> bool:
    """May set up a session for this place organised by this organisation."""
    if not user.is_authenticated:
        return False
    if not organisations_user_may_organise_for(user).filter(pk=organisation.pk).exists():
        return False
    if place_staff.is_place_staff(user, place):
        return True
    if not runs_organisation(user, organisation):
        return False
    # An organisation's own people may organise where it works; a public body, where it is verified,
    # so an unverified one cannot put on sessions in the name of a council anywhere it claims.
    if organisation.is_public_body:
        return place_staff.verified_public_bodies(place).filter(pk=organisation.pk).exists()
    served = set(organisation.places_served.values_list("pk", flat=True))
    return any(p.pk in served for p in place.ancestors(include_self=True))


def can_manage(user, session) -> bool:
    """Change the session, its participants, decisions and links."""
    if not user.is_authenticated:
        return False
    return place_staff.is_place_staff(user, session.place) or runs_organisation(
        user, session.organised_by
    )
