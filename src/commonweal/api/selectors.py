"""Reads for the API. Organisations and places are read through their own apps' selectors,
so the API and the web pages always agree."""

from django.db.models import QuerySet

from commonweal.accounts.models import RoleAssignment, User
from commonweal.organisations import selectors as organisation_selectors
from commonweal.organisations.models import Organisation
from commonweal.places.models import Place


def place_list(*, kind: str = "", parent: Place | None = None) -> QuerySet[Place]:
    """Places, by name, optionally of one kind or directly inside one place."""
    places = Place.objects.select_related("parent").order_by("name", "pk")
    if kind:
        places = places.filter(kind=kind)
    if parent is not None:
        places = places.filter(parent=parent)
    return places


def organisation_list(
    *,
    q: str = "",
    legal_form: str = "",
    size_band: str = "",
    is_vcse: bool | None = None,
    is_sme: bool | None = None,
    place: Place | None = None,
) -> QuerySet[Organisation]:
    """Organisations, by name, filtered by what they are and where they work."""
    organisations = organisation_selectors.organisation_search(
        q=q,
        legal_forms=[legal_form] if legal_form else [],
        size_bands=[size_band] if size_band else [],
        vcse=is_vcse,
        sme=is_sme,
        place=place,
    )
    if is_sme is False:
        # The API says is_sme is null when the size is not known, so "not an SME" means known to be large.
        organisations = organisations.exclude(size_band="")
    return organisations


def organisation_get(*, slug: str) -> Organisation | None:
    return organisation_selectors.organisation_get(slug)


def organisation_members(*, organisation: Organisation) -> list[organisation_selectors.Member]:
    """Each person holding a role for the organisation, with the roles they hold."""
    return organisation_selectors.organisation_members(organisation)


def person_roles(*, user: User) -> list[RoleAssignment]:
    """The roles a person holds, with the organisation or place each is held for."""
    return list(
        user.role_assignments.select_related("organisation", "place").order_by("role", "pk")
    )
