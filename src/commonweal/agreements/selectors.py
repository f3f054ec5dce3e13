"""Reads about agreements: the lists people may see, one agreement with what hangs off it, the
jurisdiction its rules come from, and the awards and grant decisions still waiting for one."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from commonweal.agreements import permissions
from commonweal.agreements.models import Agreement
from commonweal.competitions.models import Award, GrantDecision, Opportunity
from commonweal.core.policy import Jurisdiction
from commonweal.organisations.place_staff import staff_organisation_ids, staff_place_ids
from commonweal.places.models import Place
from commonweal.places.selectors import places_and_around_ids, places_and_inside_ids

# The first letter of an ONS GSS code says which country of the UK a place is in (as commissioning
# reads it for a plan); a place with none, and none around it, is taken to be in England.
_GSS_COUNTRY = {
    "E": Jurisdiction.ENGLAND,
    "W": Jurisdiction.WALES,
    "S": Jurisdiction.SCOTLAND,
    "N": Jurisdiction.NORTHERN_IRELAND,
}


def place_jurisdiction(place_id: int) -> Jurisdiction:
    """The UK jurisdiction an agreement's rules come from, by its place."""
    codes = (
        Place.objects.filter(pk__in=places_and_around_ids([place_id]))
        .exclude(gss_code="")
        .values_list("gss_code", flat=True)
    )
    for code in codes:
        found = _GSS_COUNTRY.get(code[:1].upper())
        if found is not None:
            return found
    return Jurisdiction.ENGLAND


def visible_to(user) -> QuerySet[Agreement]:
    """Every agreement in force or ended, and the drafts the person runs or speaks for."""
    public = ~Q(status=Agreement.Status.DRAFT)
    if not user.is_authenticated:
        return Agreement.objects.filter(public)
    if user.is_staff:
        return Agreement.objects.all()
    own = permissions.speaks_for_ids(user)
    runs = Q(commissioner_id__in=staff_organisation_ids(user)) & Q(
        place_id__in=places_and_inside_ids(staff_place_ids(user))
    )
    mine = (
        runs
        | Q(provider_id__in=own)
        | Q(members__organisation_id__in=own, members__role="provider")
        | Q(kind=Agreement.Kind.SUBCONTRACT, commissioner_id__in=own)
    )
    ids = Agreement.objects.filter(mine).values("pk")
    return Agreement.objects.filter(public | Q(pk__in=ids))


@dataclass(frozen=True)
class Filters:
    place: Place | None = None
    kind: str = ""
    provider: str = ""
    status: str = ""
    organisation: int | None = None


def agreement_list(user, filters: Filters) -> QuerySet[Agreement]:
    """What the person may see, narrowed by the filters, newest first."""
    rows = visible_to(user)
    if filters.place is not None:
        rows = rows.filter(place_id__in=places_and_inside_ids([filters.place.pk]))
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.provider:
        named = filters.provider.strip()
        member_of = Agreement.objects.filter(members__organisation__name__icontains=named).values(
            "pk"
        )
        rows = rows.filter(Q(provider__name__icontains=named) | Q(pk__in=member_of))
    if filters.organisation is not None:
        seat = Agreement.objects.filter(members__organisation_id=filters.organisation).values("pk")
        rows = rows.filter(
            Q(provider_id=filters.organisation)
            | Q(commissioner_id=filters.organisation)
            | Q(pk__in=seat)
        )
    return rows.select_related("place", "commissioner", "provider").order_by("-starts_on", "-pk")


def agreement_get(pk: int) -> Agreement | None:
    return (
        Agreement.objects.select_related(
            "place",
            "commissioner",
            "provider",
            "plan",
            "award__opportunity",
            "grant_decision__bid__opportunity",
            "parent",
        )
        .filter(pk=pk)
        .first()
    )


def initial_value(agreement: Agreement):
    """The value first agreed: before the first change of value, or the value now."""
    first = agreement.variations.filter(kind="value").order_by("decided_at", "pk").first()
    if first is None or "value" not in first.before:
        return agreement.value
    from decimal import Decimal

    return Decimal(first.before["value"])


def awards_waiting(user) -> list[Award]:
    """Awards past their standstill with no agreement yet, for the tenders the person runs."""
    if not permissions.can_create(user):
        return []
    rows = Award.objects.filter(
        standstill_ends_on__lt=timezone.localdate(), agreement__isnull=True
    ).select_related("opportunity__plan__place", "bid__organisation")
    if not user.is_staff:
        rows = rows.filter(opportunity__plan__lead_id__in=staff_organisation_ids(user))
    return list(rows.order_by("standstill_ends_on", "pk")[:50])


def grant_decisions_waiting(user) -> list[GrantDecision]:
    """Funded, published grant decisions with no agreement yet, for the rounds the person runs."""
    if not permissions.can_create(user):
        return []
    rows = GrantDecision.objects.filter(
        awarded=True,
        agreement__isnull=True,
        bid__opportunity__kind=Opportunity.Kind.GRANT_ROUND,
        bid__opportunity__status=Opportunity.Status.AWARDED,
    ).select_related("bid__organisation", "bid__opportunity__plan__place")
    if not user.is_staff:
        rows = rows.filter(bid__opportunity__plan__lead_id__in=staff_organisation_ids(user))
    return list(rows.order_by("pk")[:50])
