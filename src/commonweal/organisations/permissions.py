"""Who may see and change what about an organisation.

"Any organisation" rules are for everybody; "my organisation" rules follow
the roles a person holds for that organisation.
"""

from collections.abc import Iterable, Mapping

from commonweal.accounts.roles import Role
from commonweal.organisations import place_staff
from commonweal.organisations.models import Organisation
from commonweal.places.selectors import places_and_around_ids, places_and_inside_ids

# Roles in a verified public body whose work needs a provider's private details
# (contacting them, checking their documents before an award).
DUE_DILIGENCE_ROLES = (Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.FINANCE_OFFICER)


def roles_held(user, organisation) -> frozenset[str]:
    """The roles the person holds for this organisation, in one query: a page that asks several of the
    questions below passes them as ``roles`` instead of each asking again."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(
        organisation.role_assignments.filter(user=user).order_by().values_list("role", flat=True)
    )


def is_member(user, organisation, *, roles: frozenset[str] | None = None) -> bool:
    """The person holds any role for this organisation."""
    if not user.is_authenticated:
        return False
    if roles is not None:
        return bool(roles)
    return organisation.role_assignments.filter(user=user).exists()


def can_view_private(user, organisation, *, roles: frozenset[str] | None = None) -> bool:
    """Contact details, private documents and the member list: its members, the back office, and
    staff of verified public bodies who have a reason (``has_reason_to_view``)."""
    if not user.is_authenticated:
        return False
    if user.is_staff or is_member(user, organisation, roles=roles):
        return True
    bodies, verified = place_staff.staff_bodies_and_places(user, DUE_DILIGENCE_ROLES)
    reach = _reach(verified)
    if reach and organisation.places_served.filter(pk__in=reach).exists():
        return True
    return organisation.pk in working_relationship_ids(bodies)


def _reach(verified_place_ids) -> set[int]:
    """The places whose organisations a person's verified public bodies may check, from the places
    they are verified for: those places, every place inside them and every place they are part of.
    An organisation serving any of these overlaps them (the same place, inside it, or containing it).
    Both walks are kept in the pages cache until a place changes (places.selectors)."""
    verified = set(verified_place_ids)
    if not verified:
        return set()
    return places_and_inside_ids(verified) | places_and_around_ids(verified)


def working_relationship_ids(public_body_ids) -> set[int]:
    """The organisations bidding for, or holding, work of these public bodies.

    The hook for the second reason to see a provider's private details. Competitions and
    agreements do not exist yet: when they do, they answer here (bids submitted to, and
    agreements held with, any of ``public_body_ids``), and both the pages and the API follow.
    """
    return set()


def private_access(
    user, organisation_ids, *, places_served: Mapping[int, Iterable[int]] | None = None
) -> tuple[bool, frozenset[int]]:
    """For a page of organisations: (may see every one's private details, ids among ``organisation_ids``
    whose private details they may see).

    The same rule as ``can_view_private``, asked once for a whole page instead of once a row, and only
    about the page: a commissioner's places may hold a city's thousands of organisations.
    ``places_served``: the ids of the places each of them serves, when the caller has read them
    already, instead of asking the database with every place the person's bodies reach.
    """
    if not user.is_authenticated:
        return False, frozenset()
    if user.is_staff:
        return True, frozenset()
    page = set(organisation_ids)
    if not page:
        return False, frozenset()
    ids = set(
        user.role_assignments.filter(organisation_id__in=page)
        .order_by()
        .values_list("organisation_id", flat=True)
    )
    bodies, verified = place_staff.staff_bodies_and_places(user, DUE_DILIGENCE_ROLES)
    reach = _reach(verified)
    others = page - ids
    if reach and others and places_served is not None:
        ids.update(pk for pk in others if not reach.isdisjoint(places_served[pk]))
    elif reach and others:
        ids.update(
            Organisation.places_served.through.objects.filter(
                organisation_id__in=others, place_id__in=reach
            ).values_list("organisation_id", flat=True)
        )
    ids.update(page & working_relationship_ids(bodies))
    return False, frozenset(ids)


def can_view_history(user, organisation, *, roles: frozenset[str] | None = None) -> bool:
    """The audit trail of the organisation's record: its members and the back office."""
    return user.is_authenticated and (user.is_staff or is_member(user, organisation, roles=roles))


def can_edit(user, organisation, *, roles: frozenset[str] | None = None) -> bool:
    """Change the profile, documents, members and roles: its administrators and the back office."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    if roles is not None:
        return Role.ADMINISTRATOR in roles
    return organisation.role_assignments.filter(user=user, role=Role.ADMINISTRATOR).exists()


# --- verifying public bodies -----------------------------------------------------------------------


def verifiable_place_ids(user) -> set[int] | None:
    """The places a person may verify public bodies for: None means any (the back office); otherwise
    the places their verified public bodies, where they are administrators, are verified for, and inside."""
    if not user.is_authenticated:
        return set()
    if user.is_staff:
        return None
    bodies = place_staff.staff_organisation_ids(user, (Role.ADMINISTRATOR,))
    return place_staff.verified_place_ids(bodies) if bodies else set()


def is_verifier(user) -> bool:
    """The back office, or an administrator of a verified public body."""
    return user.is_authenticated and (user.is_staff or bool(verifiable_place_ids(user)))


def can_verify(user, organisation, place=None, *, roles: frozenset[str] | None = None) -> bool:
    """Verify a public body (for ``place``, when given): the back office, or an administrator of another,
    verified public body, for the places it is itself verified for or places inside them. Without a
    place: for at least one of the places the organisation says it serves. Nobody verifies an
    organisation they belong to, unless from the back office."""
    if not user.is_authenticated or not organisation.is_public_body:
        return False
    if user.is_staff:
        return True
    if is_member(user, organisation, roles=roles):
        return False
    allowed = verifiable_place_ids(user)
    if not allowed:  # most people: no need to work out where the organisation may be verified
        return False
    if place is not None:
        return place.pk in allowed
    return any(pk in allowed for pk in claimed_place_ids(organisation))


def claimed_place_ids(organisation) -> set[int]:
    """The places an organisation says it serves, and every place inside them: where it may be verified."""
    return places_and_inside_ids(served.pk for served in organisation.places_served.all())


def can_revoke(user, verification) -> bool:
    """Revoke a verification: whoever could make it now."""
    return verification.revoked_at is None and can_verify(
        user, verification.organisation, verification.place
    )
