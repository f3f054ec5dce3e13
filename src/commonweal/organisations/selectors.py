"""Reads about organisations: the directory, who serves a place, members, documents and history."""

from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from commonweal.accounts.models import RoleAssignment, User
from commonweal.accounts.roles import ORGANISATION, PUBLIC_BODY_ROLES, ROLE_SCOPES, Role
from commonweal.core.models import AuditEntry
from commonweal.organisations import history, identifiers, place_staff
from commonweal.organisations.models import (
    Organisation,
    OrganisationDocument,
    PublicBodyVerification,
)
from commonweal.places.models import Place
from commonweal.places.selectors import place_with_descendant_ids, places_and_around_ids

PUBLIC_BODY = "public_body"
PROVIDER = "provider"


def _with_places(queryset: QuerySet) -> QuerySet:
    """With the places each serves and its live verifications, by place name
    (``live_verifications``): pages tag a public body with none "Awaiting verification"."""
    return queryset.prefetch_related(
        Prefetch("places_served", queryset=Place.objects.order_by("name")),
        Prefetch(
            "verifications",
            queryset=place_staff.live_verifications()
            .select_related("place")
            .order_by("place__name", "pk"),
            to_attr="live_verifications",
        ),
    )


def organisation_get(slug: str) -> Organisation | None:
    return _with_places(Organisation.objects.filter(slug=slug)).first()


def organisations_serving(place: Place) -> QuerySet:
    """The organisations serving a place or any place inside it (a council's wards, a ward's neighbourhoods)."""
    # EXISTS, not a join and DISTINCT over every column: the pages count these and take the first
    # few, and with a city's thousands of organisations the DISTINCT sorted them all each time.
    served = Organisation.places_served.through.objects.filter(
        organisation_id=OuterRef("pk"), place_id__in=place_with_descendant_ids(place)
    )
    return _with_places(Organisation.objects.filter(Exists(served)).order_by("name", "pk"))


def organisation_search(
    *,
    q: str = "",
    legal_forms: list[str] | tuple = (),
    size_bands: list[str] | tuple = (),
    vcse: bool | None = None,
    sme: bool | None = None,
    kind: str | None = None,
    place: Place | None = None,
) -> QuerySet:
    """The directory: organisations matching a name or identifier and the filters given, by name."""
    organisations = organisations_matching(Organisation.objects.all(), q)
    if legal_forms:
        organisations = organisations.filter(legal_form__in=legal_forms)
    if size_bands:
        organisations = organisations.filter(size_band__in=size_bands)
    if vcse is not None:
        organisations = organisations.filter(is_vcse=vcse)
    if sme is True:
        organisations = organisations.filter(is_sme=True)
    elif sme is False:
        # Not an SME means known to be large: an unknown size, or a public body, is neither.
        organisations = organisations.filter(is_sme=False).exclude(size_band="")
    if kind == PUBLIC_BODY:
        organisations = organisations.filter(legal_form=Organisation.LegalForm.PUBLIC_BODY)
    elif kind == PROVIDER:
        organisations = organisations.exclude(legal_form=Organisation.LegalForm.PUBLIC_BODY)
    if place is not None:
        # EXISTS, not a join and DISTINCT over every column (see organisations_serving).
        served = Organisation.places_served.through.objects.filter(
            organisation_id=OuterRef("pk"), place_id__in=place_with_descendant_ids(place)
        )
        organisations = organisations.filter(Exists(served))
    return _with_places(organisations.order_by("name", "pk"))


def organisations_matching(organisations: QuerySet, q: str) -> QuerySet:
    """Those of ``organisations`` a search finds, as the directory's does: what was typed, in the name or
    in the identifier (GB-CHC-1123456). All, for nothing typed. Choosers among thousands use it too."""
    q = (q or "").strip()
    if not q:
        return organisations
    return organisations.filter(
        Q(name__icontains=q) | Q(org_id__icontains=identifiers.normalise(q))
    )


@dataclass(frozen=True)
class Member:
    user: User
    assignments: list[RoleAssignment]


def organisation_members(organisation: Organisation) -> list[Member]:
    """Each person holding a role for the organisation, with their roles."""
    members: dict[int, Member] = {}
    assignments = organisation.role_assignments.select_related("user").order_by(
        "user__full_name", "user__email", "role"
    )
    for assignment in assignments:
        members.setdefault(assignment.user_id, Member(assignment.user, [])).assignments.append(
            assignment
        )
    return list(members.values())


def organisation_roles_allowed(organisation: Organisation) -> list[Role]:
    """The roles a person may hold for this organisation: public-body roles only in a public body."""
    return [
        role
        for role in Role
        if ORGANISATION in ROLE_SCOPES[role]
        and (organisation.is_public_body or role not in PUBLIC_BODY_ROLES)
    ]


def organisation_administrator_count(organisation: Organisation) -> int:
    return organisation.role_assignments.filter(role=Role.ADMINISTRATOR).count()


def organisation_documents(organisation: Organisation, *, include_private: bool) -> QuerySet:
    documents = organisation.documents.all()
    return documents if include_private else documents.filter(is_public=True)


def organisation_document_get(
    organisation: Organisation, document_id: int
) -> OrganisationDocument | None:
    return organisation.documents.filter(pk=document_id).first()


def organisation_history(organisation: Organisation) -> list[history.ReadableEntry]:
    """Changes to the organisation, its documents and its people's roles, newest first."""
    return history.readable(organisation_history_entries(organisation))


def organisation_history_entries(organisation: Organisation) -> QuerySet[AuditEntry]:
    """The audit entries about the organisation, its documents, its people's roles and its
    verifications, newest first (show a page at a time)."""
    org_pk = organisation.pk
    return (
        AuditEntry.objects.filter(
            Q(model="organisations.organisation", object_id=str(org_pk))
            | (
                Q(
                    model__in=(
                        "organisations.organisationdocument",
                        "accounts.roleassignment",
                        "organisations.publicbodyverification",
                    )
                )
                & (Q(after__organisation_id=org_pk) | Q(before__organisation_id=org_pk))
            )
        )
        .select_related("actor")
        .order_by("-id")
    )


# --- verification of public bodies ----------------------------------------------------------------


def organisation_verifications(organisation: Organisation) -> list[PublicBodyVerification]:
    """The live verifications of a public body, by place (those ``organisation_get`` read with it)."""
    read = getattr(organisation, "live_verifications", None)
    if read is not None:
        return list(read)
    return list(
        place_staff.live_verifications()
        .filter(organisation=organisation)
        .select_related("place")
        .order_by("place__name")
    )


def verification_get(
    organisation: Organisation, verification_id: int
) -> PublicBodyVerification | None:
    return (
        organisation.verifications.select_related("organisation", "place")
        .filter(pk=verification_id)
        .first()
    )


def verification_place_choices(user, organisation: Organisation) -> QuerySet:
    """The places this person may verify the organisation for: places it says it serves, or inside them,
    that they may verify for (any, for the back office), and it is not yet verified for."""
    from commonweal.organisations import permissions

    ids = permissions.claimed_place_ids(organisation)
    allowed = permissions.verifiable_place_ids(user)
    if allowed is not None:
        ids &= allowed
    already = organisation.verifications.filter(revoked_at__isnull=True).values("place_id")
    return (
        Place.objects.filter(pk__in=ids)
        .exclude(pk__in=already)
        .select_related("parent")
        .order_by("name")
    )


def public_bodies_awaiting_verification(user) -> QuerySet:
    """Public bodies with no live verification that this person may verify, oldest first: every one for the
    back office; for a verified body's administrator, those serving places around the ones it is verified for."""
    from commonweal.organisations import permissions

    awaiting = Organisation.objects.filter(legal_form=Organisation.LegalForm.PUBLIC_BODY).exclude(
        pk__in=place_staff.live_verifications().values("organisation_id")
    )
    allowed = permissions.verifiable_place_ids(user)
    if allowed is not None:
        reach = places_and_around_ids(allowed)
        awaiting = (
            awaiting.filter(places_served__in=reach).exclude(role_assignments__user=user).distinct()
        )
    return _with_places(awaiting.order_by("created_at", "pk"))


def organisation_list(
    *,
    q: str = "",
    legal_form: str = "",
    size_band: str = "",
    is_vcse: bool | None = None,
    is_sme: bool | None = None,
    place: Place | None = None,
) -> QuerySet[Organisation]:
    """The API's list: organisations by name, filtered by what they are and where they work."""
    organisations = organisation_search(
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
    # Not their places: the API reads its page's at once (organisations_places).
    return organisations.prefetch_related(None)


class PlaceShown(NamedTuple):
    """What the API's list shows of a place an organisation serves (its short name), with its id."""

    pk: int
    slug: str


@dataclass(frozen=True)
class OrganisationsPlaces:
    """By organisation: the places it serves, by name, and the short names of the places its live
    verifications are for, sorted."""

    served: dict[int, list[PlaceShown]]
    verified_for: dict[int, list[str]]


def organisations_places(organisation_ids: list[int]) -> OrganisationsPlaces:
    """For a page of organisations, the places each serves and the places each public body among
    them is verified for (not revoked), in two queries of short names: Django's prefetch made a
    manager, a query and a whole Place for every link, more than writing the page."""
    served: dict[int, list[PlaceShown]] = {pk: [] for pk in organisation_ids}
    links = Organisation.places_served.through.objects.filter(organisation_id__in=organisation_ids)
    for organisation_id, place_id, slug in links.order_by("place__name", "place_id").values_list(
        "organisation_id", "place_id", "place__slug"
    ):
        served[organisation_id].append(PlaceShown(place_id, slug))
    verified_for: dict[int, list[str]] = {pk: [] for pk in organisation_ids}
    live = place_staff.live_verifications().filter(organisation_id__in=organisation_ids)
    for organisation_id, slug in live.values_list("organisation_id", "place__slug"):
        verified_for[organisation_id].append(slug)
    for slugs in verified_for.values():
        slugs.sort()  # as Python orders them, like a single organisation's
    return OrganisationsPlaces(served, verified_for)
