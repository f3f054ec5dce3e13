"""Reads about people: where they live, their roles, their tokens and their second factor."""

from functools import cache

from django.db import connection
from django.db.models import QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonweal.accounts.models import ApiToken, RoleAssignment, User
from commonweal.accounts.roles import STAFF_ROLES, Role
from commonweal.places.models import Place
from commonweal.places.selectors import place_with_descendant_ids

RESIDENCE_KINDS = (Place.Kind.LOCAL_AUTHORITY, Place.Kind.WARD, Place.Kind.NEIGHBOURHOOD)


def residence_places() -> QuerySet[Place]:
    """The places a person can say they live in: local authorities, wards and neighbourhoods."""
    return Place.objects.filter(kind__in=RESIDENCE_KINDS)


def residence_choices() -> list[tuple[Place, str]]:
    """Every place someone can live in, each borough followed by its wards, labelled "Ward, Borough"."""
    places = list(residence_places().order_by("name", "pk"))
    by_id = {place.pk: place for place in places}
    children: dict[int | None, list[Place]] = {}
    for place in places:
        parent = place.parent_id if place.parent_id in by_id else None
        children.setdefault(parent, []).append(place)

    ordered: list[tuple[Place, str]] = []

    def visit(place: Place, names: list[str]) -> None:
        names = [place.name, *names]
        ordered.append((place, ", ".join(names)))
        for child in children.get(place.pk, []):
            visit(child, names)

    # Local authorities first; then any ward or neighbourhood whose authority is not on Commonweal.
    roots = children.get(None, [])
    for root in sorted(roots, key=lambda p: (p.kind != Place.Kind.LOCAL_AUTHORITY, p.name)):
        visit(root, [])
    return ordered


def residence_of(user: User) -> Place | None:
    """The place a person has said they live in, if any."""
    assignment = (
        RoleAssignment.objects.filter(user=user, role=Role.RESIDENT)
        .select_related("place", "place__parent", "place__parent__parent")
        .order_by("-granted_at")
        .first()
    )
    return assignment.place if assignment else None


def residence_label(place: Place) -> str:
    """A place named with the places it is part of, up to its local authority: "Ward, Borough"."""
    names = [place.name]
    node = place.parent
    while node is not None and node.kind in RESIDENCE_KINDS:
        names.append(node.name)
        node = node.parent
    return ", ".join(names)


def roles_of(user: User) -> QuerySet[RoleAssignment]:
    """The roles a person holds, with the organisation or place each is held for."""
    return (
        RoleAssignment.objects.filter(user=user)
        .select_related("organisation", "place")
        .order_by("role", "pk")
    )


def people_holding(role: str, place: Place) -> QuerySet:
    """The ids of everyone who holds ``role`` for the place or a place inside it (the residents a
    round in it is for, its citizen commissioners), each once."""
    return (
        RoleAssignment.objects.filter(role=role, place_id__in=place_with_descendant_ids(place))
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def api_token_of(user: User, token_id: int) -> ApiToken | None:
    """One of the person's own tokens; None for anybody else's, so the two look the same."""
    return ApiToken.objects.filter(user=user, pk=token_id).first()


def confirmed_device(user: User) -> TOTPDevice | None:
    """The authenticator app a person has set up, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def has_two_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_expected(user: User) -> bool:
    """Whether the person's sign-in needs a second factor: their roles need one
    (``User.needs_two_factor``) or they have set up an authenticator app.

    Asked on every page a person signed in with a password alone sees, so it is one plain query for
    both (``_SECOND_FACTOR_SQL``): the ORM spent about 0.7 ms of CPU building the two queries it
    replaces, ten times what the database took to answer them.
    """
    if user.is_staff or user.is_superuser:
        return True
    with connection.cursor() as cursor:
        cursor.execute(_second_factor_sql(), [user.pk, *_STAFF_ROLE_VALUES, user.pk])
        return cursor.fetchone() is not None


_STAFF_ROLE_VALUES = sorted(STAFF_ROLES)


@cache
def _second_factor_sql() -> str:
    """A staff role held, or an authenticator app confirmed: the first row of either is enough."""
    quote = connection.ops.quote_name
    roles = RoleAssignment._meta
    devices = TOTPDevice._meta
    placeholders = ", ".join(["%s"] * len(_STAFF_ROLE_VALUES))
    return (
        f"SELECT 1 FROM {quote(roles.db_table)}"
        f" WHERE {quote(roles.get_field('user').column)} = %s"
        f" AND {quote(roles.get_field('role').column)} IN ({placeholders})"
        f" UNION ALL SELECT 1 FROM {quote(devices.db_table)}"
        f" WHERE {quote(devices.get_field('user').column)} = %s"
        f" AND {quote(devices.get_field('confirmed').column)}"
        " LIMIT 1"
    )
