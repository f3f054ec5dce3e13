"""Reads for the pages that gather from every app: the home page, the dashboard and a place's page."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from commonweal.accounts.roles import Role
from commonweal.codesign.selectors import sessions_upcoming
from commonweal.needs.models import Need
from commonweal.needs.selectors import need_counts_in, needs_in
from commonweal.organisations import place_staff
from commonweal.organisations.models import Organisation
from commonweal.places.models import Place
from commonweal.places.selectors import place_with_descendant_ids
from commonweal.priorities.selectors import rounds_open_for_voting


def home_summary() -> dict:
    """The local authorities on Commonweal, with their wards and the organisations serving them."""
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
    return {"authorities": authorities, "organisation_counts": orgs, **open_now()}


def open_now() -> dict:
    """What people can join today: priority rounds open for votes and co-design sessions coming up."""
    return {
        "open_rounds": list(rounds_open_for_voting()[:10]),
        "upcoming_sessions": list(sessions_upcoming()[:5]),
    }


def market_mix(place: Place) -> dict:
    """How many providers serving a place are VCSE, SME, and of each size."""
    providers = (
        Organisation.objects.exclude(legal_form=Organisation.LegalForm.PUBLIC_BODY)
        .filter(Q(places_served=place) | Q(places_served__parent=place))
        .distinct()
    )
    # Group a plain query over the matching ids: grouping the joined, distinct query counts rows of the join.
    sizes = (
        Organisation.objects.filter(pk__in=providers.values("pk"))
        .values("size_band")
        .annotate(n=Count("id"))
    )
    by_size = {row["size_band"] or "unknown": row["n"] for row in sizes.order_by()}
    return {
        "place": place,
        "total": providers.count(),
        "vcse": providers.filter(is_vcse=True).count(),
        "sme": providers.filter(is_sme=True).count(),
        "by_size": [(band.label, by_size.get(band.value, 0)) for band in Organisation.SizeBand]
        + [(_("Not known"), by_size.get("unknown", 0))],
    }


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
            section["member_count"] = org.role_assignments.values("user").distinct().count()
            served = list(org.places_served.all())
            section["places_served"] = served
            if (
                assignment.role
                in (Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.FINANCE_OFFICER)
                and served
            ):
                section["markets"] = [
                    market_mix(p) for p in served if p.kind == Place.Kind.LOCAL_AUTHORITY
                ]
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
