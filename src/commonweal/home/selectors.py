"""Reads for the pages that gather from every app: the home page, the dashboard and a place's page."""

from django.db.models import Case, Count, F, Q, When
from django.utils.translation import gettext_lazy as _

from commonweal.accounts.roles import Role
from commonweal.codesign.selectors import sessions_upcoming
from commonweal.core import pagecache
from commonweal.needs.models import Need
from commonweal.needs.selectors import need_counts_in, needs_in
from commonweal.organisations import permissions as organisation_permissions
from commonweal.organisations import place_staff
from commonweal.organisations.models import Organisation
from commonweal.places.models import Place
from commonweal.places.selectors import place_with_descendant_ids
from commonweal.priorities.selectors import rounds_open_for_voting


def home_summary() -> dict:
    """The local authorities on Commonweal, with their wards and the organisations serving them.

    The places and the counts are the same for everyone and change seldom: they are kept in the
    pages cache under the places' and organisations' stamps (one query for the stamps instead of
    the two below, the organisations counted over the whole directory). What is open now is asked
    on every view, as it changes with the clock.
    """
    kept = pagecache.cached(
        "home-summary", stamps=("places", "organisations"), build=_places_and_organisations
    )
    return {**kept, **open_now()}


def _places_and_organisations() -> dict:
    authorities = (
        Place.objects.filter(kind=Place.Kind.LOCAL_AUTHORITY)
        .annotate(ward_count=Count("children", distinct=True))
        .order_by("name")
    )
    orgs = Organisation.objects.aggregate(
        total=Count("id"),
        vcse=Count("id", filter=Q(is_vcse=True)),
        sme=Count("id", filter=Q(is_sme=True)),
        public=Count("id", filter=Q(legal_form=Organisation.LegalForm.PUBLIC_BODY)),
    )
    return {"authorities": list(authorities), "organisation_counts": orgs}


def open_now() -> dict:
    """What people can join today: priority rounds open for votes and co-design sessions coming up."""
    return {
        "open_rounds": list(rounds_open_for_voting()[:10]),
        "upcoming_sessions": list(sessions_upcoming()[:5]),
    }


def market_mixes(places: list[Place]) -> list[dict]:
    """How many providers serving each place (or a place inside it) are VCSE, SME, and of each size.

    The counts run over every provider in the market (thousands in a city), the same for everyone:
    they are kept in the pages cache under the organisations' and places' stamps (a provider
    joining, leaving, changing size or the places it serves bumps "organisations"), so a dashboard
    reads one query of stamps instead of counting them again on every view.
    """
    if not places:
        return []
    ids = sorted({place.pk for place in places})
    counts = pagecache.cached(
        "market-mixes",
        *ids,
        stamps=("organisations", "places"),
        build=lambda: _market_counts(ids),
    )
    empty = {"total": 0, "vcse": 0, "sme": 0, "sizes": {}}
    mixes = []
    for place in places:
        row = counts.get(place.pk, empty)
        mixes.append(
            {
                "place": place,
                "total": row["total"],
                "vcse": row["vcse"],
                "sme": row["sme"],
                "by_size": [
                    (band.label, row["sizes"].get(band.value, 0)) for band in Organisation.SizeBand
                ]
                + [(_("Not known"), row["sizes"].get("unknown", 0))],
            }
        )
    return mixes


def _market_counts(ids: list[int]) -> dict[int, dict]:
    """For each place id, its providers counted: total, VCSE, SME and by size band.

    Two grouped queries however many places: each link from a provider to a place, or to a place just
    inside one, counted once per provider for that place.
    """
    links = (
        Organisation.places_served.through.objects.filter(
            Q(place_id__in=ids) | Q(place__parent_id__in=ids)
        )
        .exclude(organisation__legal_form=Organisation.LegalForm.PUBLIC_BODY)
        .annotate(
            # Places never nest one local authority in another, so a link is for one of them.
            market=Case(When(place_id__in=ids, then=F("place_id")), default=F("place__parent_id"))
        )
        .order_by()
    )
    provider = "organisation_id"
    counts = {
        row["market"]: {
            "total": row["total"],
            "vcse": row["vcse"],
            "sme": row["sme"],
            "sizes": {},
        }
        for row in links.values("market").annotate(
            total=Count(provider, distinct=True),
            vcse=Count(provider, distinct=True, filter=Q(organisation__is_vcse=True)),
            sme=Count(provider, distinct=True, filter=Q(organisation__is_sme=True)),
        )
    }
    for row in links.values("market", "organisation__size_band").annotate(
        n=Count(provider, distinct=True)
    ):
        if row["market"] in counts:
            counts[row["market"]]["sizes"][row["organisation__size_band"] or "unknown"] = row["n"]
    return counts


def market_mix(place: Place) -> dict:
    """How many providers serving a place are VCSE, SME, and of each size."""
    return market_mixes([place])[0]


def dashboard_sections(user) -> list[dict]:
    """One section per role the person holds, saying what they can do with it now."""
    assignments = list(
        user.role_assignments.select_related("organisation", "place", "place__parent")
    )
    sections = []
    for assignment in assignments:
        section = {"assignment": assignment, "role": assignment.role, "title": str(assignment)}
        org, place = assignment.organisation, assignment.place
        if org is not None:
            section["organisation"] = org
            # From the roles already read: whether this person may change the organisation's profile.
            section["can_edit_organisation"] = organisation_permissions.can_edit(
                user,
                org,
                roles=frozenset(a.role for a in assignments if a.organisation_id == org.pk),
            )
            section["member_count"] = org.role_assignments.values("user").distinct().count()
            served = list(org.places_served.all())
            section["places_served"] = served
            if (
                assignment.role
                in (Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.FINANCE_OFFICER)
                and served
            ):
                section["markets"] = market_mixes(
                    [p for p in served if p.kind == Place.Kind.LOCAL_AUTHORITY]
                )
            if org.is_public_body:
                verified = list(
                    Place.objects.filter(
                        pk__in=place_staff.live_verifications()
                        .filter(organisation=org)
                        .values("place_id")
                    ).order_by("name")
                )
                section["verified_places"] = verified
                section["awaiting_verification"] = not verified
                if assignment.role in place_staff.PLACE_STAFF_ROLES:
                    # Needs to review only where the body is verified: its powers come from there.
                    raised = need_counts_in(verified, status=Need.Status.RAISED)
                    section["needs_to_review"] = [(p, raised[p.pk]) for p in verified]
        if place is not None:
            section["place"] = place
            section["organisations_serving"] = place.organisations_serving.count()
            section["place_need_count"] = needs_in(place).count()
            if assignment.role in (Role.RESIDENT, Role.CITIZEN_COMMISSIONER):
                around = _around(place)
                section["open_rounds"] = [
                    r for r in open_now()["open_rounds"] if r.place_id in around
                ]
        sections.append(section)
    return sections


def _around(place: Place) -> set[int]:
    """The place, the places it is part of and the places inside it: where a round may concern its people."""
    return {p.pk for p in place.ancestors(include_self=True)} | set(
        place_with_descendant_ids(place)
    )


def taking_part(place: Place) -> dict:
    """How people take part in a place: its needs and its outcomes frameworks."""
    return {
        "need_count": needs_in(place).count(),
        "frameworks": list(place.frameworks.order_by("name")),
    }
