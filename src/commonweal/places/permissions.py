"""Who acts for the public bodies of a place."""

from commonweal.accounts.roles import Role

# The roles in a public body that run the work of commissioning in the places it serves:
# reviewing needs, running co-design sessions and priority rounds, looking after frameworks.
PLACE_STAFF_ROLES = (Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR)


def is_public_body_staff_for(user, place) -> bool:
    """The back office, or a place-staff role in a public body serving the place or a place it is part of."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    place_ids = [p.pk for p in place.ancestors(include_self=True)]
    return user.role_assignments.filter(
        role__in=PLACE_STAFF_ROLES,
        organisation__legal_form="public_body",
        organisation__places_served__in=place_ids,
    ).exists()
