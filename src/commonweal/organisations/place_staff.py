"""Who acts for the public bodies of a place: the one rule every app and the API use.

Place-staff powers (reviewing needs, running rounds, panels and sessions, seeing a panel's pool,
entering paper ballots) come only from a role in ``PLACE_STAFF_ROLES`` at a public body with an
unrevoked verification for the place or a place it is part of. Verified for Riverside means staff
for Riverside and its wards; verified for a ward does not reach the borough. Saying "public body"
and "serves England" when registering gives nothing until the back office, or a verified public
body for those places, verifies it (``services_verification``). The back office keeps its powers.

A page asks these questions several times (the view, its form, a chooser): the answers about a
person are kept for the rest of the request (``core.requestmemo``), and forgotten when a role,
a verification, an organisation or a place changes (each app's ``ready``).
"""

from django.db.models import QuerySet

from commonweal.accounts.roles import Role
from commonweal.core.requestmemo import remember
from commonweal.organisations.models import Organisation, PublicBodyVerification
from commonweal.places.models import Place
from commonweal.places.selectors import places_and_around_ids, places_and_inside_ids

# The roles in a public body that run the work of commissioning in the places it is verified for:
# reviewing needs, running co-design sessions and rounds, looking after frameworks and panels.
PLACE_STAFF_ROLES = (Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR)


def live_verifications() -> QuerySet[PublicBodyVerification]:
    """Verifications not revoked, of organisations that are still public bodies."""
    return PublicBodyVerification.objects.filter(
        revoked_at__isnull=True, organisation__legal_form=Organisation.LegalForm.PUBLIC_BODY
    )


def verified_public_bodies(place: Place | None = None) -> QuerySet[Organisation]:
    """Public bodies with a live verification; with ``place``, for that place or a place it is part of."""
    verifications = live_verifications()
    if place is not None:
        verifications = verifications.filter(
            place_id__in=[p.pk for p in place.ancestors(include_self=True)]
        )
    return Organisation.objects.filter(pk__in=verifications.values("organisation_id"))


def is_verified(organisation: Organisation) -> bool:
    """The organisation is a public body verified for at least one place."""
    return live_verifications().filter(organisation=organisation).exists()


def verified_place_ids(organisation_ids) -> set[int]:
    """The places these public bodies are verified for, and every place inside them."""
    return places_and_inside_ids(
        live_verifications()
        .filter(organisation_id__in=organisation_ids)
        .values_list("place_id", flat=True)
    )


def _staff_assignments(user, roles=PLACE_STAFF_ROLES):
    return user.role_assignments.filter(role__in=roles, organisation__isnull=False)


def staff_organisation_ids(user, roles=PLACE_STAFF_ROLES) -> set[int]:
    """The verified public bodies in which the person holds one of ``roles`` (place-staff roles by default)."""
    if not user.is_authenticated:
        return set()

    def ask() -> frozenset[int]:
        held = _staff_assignments(user, roles).values("organisation_id")
        return frozenset(
            live_verifications()
            .filter(organisation_id__in=held)
            .values_list("organisation_id", flat=True)
        )

    return set(remember(("staff_organisation_ids", user.pk, tuple(roles)), ask))


def staff_bodies_and_places(user, roles=PLACE_STAFF_ROLES) -> tuple[set[int], set[int]]:
    """The verified public bodies in which the person holds one of ``roles`` (as ``staff_organisation_ids``)
    and the places those bodies are verified for (not the places inside them), in one query."""
    if not user.is_authenticated:
        return set(), set()

    def ask() -> tuple[frozenset[int], frozenset[int]]:
        pairs = list(
            live_verifications()
            .filter(organisation_id__in=_staff_assignments(user, roles).values("organisation_id"))
            .order_by()
            .values_list("organisation_id", "place_id")
        )
        return frozenset(body for body, _ in pairs), frozenset(place for _, place in pairs)

    bodies, places = remember(("staff_bodies_and_places", user.pk, tuple(roles)), ask)
    return set(bodies), set(places)


def is_place_staff(user, place: Place) -> bool:
    """The back office, or a place-staff role at a public body verified for the place or a place it is part of."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    # The places the person's bodies are verified for (one query, kept for the request: the
    # page's other questions ask it too), against the place and the places it is part of.
    _bodies, verified_for = staff_bodies_and_places(user)
    if not verified_for:
        return False
    return _verified_for_place_or_around(verified_for, place)


def _verified_for_place_or_around(verified_for: set[int], place: Place) -> bool:
    """Whether any of ``verified_for`` is the place or a place it is part of: up its parents as
    loaded with it while they were (no query; a body is most often verified for the place or the
    one above), then from the places' kept walk (places.selectors) if none of those was one."""
    seen = {place.pk}
    node = place
    while node.pk not in verified_for:
        if node.parent_id is None:
            return False  # the top: every place it is part of was loaded, and none is verified
        if not Place.parent.is_cached(node) or node.parent_id in seen:
            return not verified_for.isdisjoint(places_and_around_ids([place.pk]))
        node = node.parent
        seen.add(node.pk)
    return True


def is_staff_anywhere(user) -> bool:
    """The back office, or place staff somewhere: may set up rounds, budgets and panels for a place."""
    if not user.is_authenticated:
        return False
    return user.is_staff or bool(staff_organisation_ids(user))


def staff_place_ids(user) -> set[int]:
    """The places a person is place staff for through their roles (not the back office: that is everywhere)."""
    if not user.is_authenticated:
        return set()
    return set(
        remember(
            ("staff_place_ids", user.pk),
            lambda: frozenset(verified_place_ids(staff_organisation_ids(user))),
        )
    )


def staff_places(user) -> QuerySet[Place]:
    """The places a person is place staff for, by name: every place for the back office."""
    if user.is_authenticated and user.is_staff:
        return Place.objects.order_by("name")
    return Place.objects.filter(pk__in=staff_place_ids(user)).order_by("name")


def staff_role(user, place: Place):
    """The first role that makes a person place staff for the place, or None (also for the back office)."""
    if not user.is_authenticated:
        return None
    bodies = (
        live_verifications()
        .filter(place_id__in=[p.pk for p in place.ancestors(include_self=True)])
        .values("organisation_id")
    )
    return (
        _staff_assignments(user)
        .filter(organisation_id__in=bodies)
        .select_related("organisation")
        .order_by("role", "organisation__name")
        .first()
    )


def staff_bodies(user, place: Place | None = None) -> QuerySet[Organisation]:
    """The verified public bodies a person may act for (in ``place``, when given): any for the back office."""
    bodies = verified_public_bodies(place)
    if not (user.is_authenticated and user.is_staff):
        bodies = bodies.filter(pk__in=staff_organisation_ids(user))
    return bodies.order_by("name")
