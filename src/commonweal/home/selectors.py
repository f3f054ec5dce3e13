"""Reads for the pages that gather from every app: the home page, the dashboard and a place's page."""

from django.db.models import Case, Count, F, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonweal.accounts.roles import Role
from commonweal.codesign.apps import SESSIONS_STAMP
from commonweal.codesign.selectors import sessions_upcoming
from commonweal.core import pagecache
from commonweal.needs.models import Need
from commonweal.needs.selectors import need_counts_in, needs_in
from commonweal.organisations import permissions as organisation_permissions
from commonweal.organisations import place_staff
from commonweal.organisations.models import Organisation
from commonweal.panels.apps import PANELS_STAMP
from commonweal.panels.selectors import panels_gathering_volunteers
from commonweal.participation.apps import ROUNDS_STAMP as BUDGET_ROUNDS_STAMP
from commonweal.participation.selectors import rounds_under_way as budget_rounds_under_way
from commonweal.places.models import Place
from commonweal.places.selectors import place_with_descendant_ids
from commonweal.priorities.apps import ROUNDS_STAMP as PRIORITY_ROUNDS_STAMP
from commonweal.priorities.selectors import rounds_open_for_voting, rounds_opening_soon


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
    return {**kept, "open_now": open_now()}


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


# How many of each kind a list of what is open shows; the apps' own lists show the rest.
TAKE_PART_SHOWN = 20


def take_part(place: Place | None = None, *, shown: int = TAKE_PART_SHOWN) -> dict:
    """Everything people can take part in now or soon, in a place (with the places it is part of
    and those inside it) or everywhere: priority rounds open for votes and opening soon, community
    budgets taking ideas, voting or waiting for results, co-design sessions coming up, and panels
    gathering volunteers. Each list is at most ``shown`` long (one query each, however many there
    are), with ``more_<kind>`` saying whether there are more."""
    # The same for everyone: kept until a round, budget, session, panel or place changes, and for
    # a minute at most, as what is open now and what is coming soon move with the clock.
    minute = timezone.now().replace(second=0, microsecond=0)
    return pagecache.cached(
        "take-part",
        place.pk if place is not None else None,
        shown,
        minute.isoformat(),
        stamps=(PRIORITY_ROUNDS_STAMP, BUDGET_ROUNDS_STAMP, SESSIONS_STAMP, PANELS_STAMP, "places"),
        build=lambda: _take_part(place, shown),
    )


def _take_part(place: Place | None, shown: int) -> dict:
    around = _around(place) if place is not None else None
    lists = {
        "open_rounds": rounds_open_for_voting(),
        "soon_rounds": rounds_opening_soon(),
        "budgets": budget_rounds_under_way(),
        "upcoming_sessions": sessions_upcoming(),
        "recruiting_panels": panels_gathering_volunteers(),
    }
    found: dict = {"place": place, "today": timezone.localdate()}
    for kind, rows in lists.items():
        if around is not None:
            rows = rows.filter(place_id__in=around)
        first = list(rows[: shown + 1])
        found[kind] = first[:shown]
        found[f"more_{kind}"] = len(first) > shown
    found["anything"] = any(found[kind] for kind in lists)
    return found


def local_authorities() -> list[Place]:
    """The councils' areas on Commonweal, by name: the places a person chooses from first."""
    return list(Place.objects.filter(kind=Place.Kind.LOCAL_AUTHORITY).order_by("name", "pk"))


def open_now() -> dict:
    """What people can join today, everywhere, a few of each kind: for the home page."""
    return take_part(shown=5)


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
                section["take_part"] = take_part(place, shown=5)
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
