"""Reads about people: where they live, their roles, their tokens and their second factor."""

from django.db.models import QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonweal.accounts.models import ApiToken, RoleAssignment, User
from commonweal.accounts.roles import Role
from commonweal.places.models import Place

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
