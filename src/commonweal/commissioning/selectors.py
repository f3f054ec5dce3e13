"""Reads about commissioning plans: lists, a plan's money, and the providers in its market."""

from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from commonweal.commissioning import capacity
from commonweal.commissioning.models import Advice, Contribution, CurrentContract, Plan
from commonweal.organisations.models import Organisation
from commonweal.organisations.place_staff import staff_organisation_ids
from commonweal.places.models import Place
from commonweal.places.selectors import places_and_around_ids, places_and_inside_ids


def plans_visible_to(user, *, place: Place | None = None) -> QuerySet[Plan]:
    """Published plans, and the drafts a person runs or is a citizen commissioner on, newest first."""
    plans = Plan.objects.select_related("place", "lead")
    if place is not None:
        plans = plans.filter(place_id__in=places_and_inside_ids([place.pk]))
    if not user.is_authenticated:
        return plans.filter(published_at__isnull=False)
    if user.is_staff:
        return plans
    bodies = staff_organisation_ids(user)
    return plans.filter(
        Q(published_at__isnull=False)
        | Q(lead_id__in=bodies)
        | Q(contributions__organisation_id__in=bodies)
        | Q(citizen_commissioners=user)
    ).distinct()


def plan_get(pk: int) -> Plan | None:
    return Plan.objects.select_related("place", "lead", "panel").filter(pk=pk).first()


def plan_total(plan: Plan) -> Decimal:
    """All the money pooled into the plan, every year."""
    return plan.contributions.aggregate(total=Sum("amount"))["total"] or Decimal("0")


def contributions(plan: Plan) -> list[Contribution]:
    return list(plan.contributions.select_related("organisation").order_by("financial_year", "id"))


def totals_by_year(rows: list[Contribution]) -> list[tuple[int, Decimal]]:
    """The plan's envelope: the money pooled, year by year."""
    totals: dict[int, Decimal] = {}
    for row in rows:
        totals[row.financial_year] = totals.get(row.financial_year, Decimal("0")) + row.amount
    return sorted(totals.items())


def totals_by_agency(rows: list[Contribution]) -> list[tuple[Organisation, Decimal]]:
    """Each agency's share of the pool, largest first."""
    totals: dict[int, tuple[Organisation, Decimal]] = {}
    for row in rows:
        organisation, total = totals.get(row.organisation_id, (row.organisation, Decimal("0")))
        totals[row.organisation_id] = (organisation, total + row.amount)
    return sorted(totals.values(), key=lambda pair: (-pair[1], pair[0].name))


def current_contracts(plan: Plan) -> list[CurrentContract]:
    return list(plan.current_contracts.select_related("provider").order_by("id"))


def latest_advice(plan: Plan) -> Advice | None:
    return plan.advice.order_by("-created_at", "-id").first()


def as_provider(organisation: Organisation) -> capacity.Provider:
    """An organisation as the pure capacity and barrier checks see it."""
    return capacity.Provider(
        id=organisation.pk,
        name=organisation.name,
        annual_turnover=organisation.annual_turnover,
        size_band=organisation.size_band or "",
        is_sme=bool(organisation.is_sme),
        is_vcse=bool(organisation.is_vcse),
        legal_form=organisation.legal_form,
    )


PROVIDER_FIELDS = (
    "id",
    "name",
    "slug",
    "annual_turnover",
    "size_band",
    "is_sme",
    "is_vcse",
    "legal_form",
)


def providers_serving(place: Place) -> QuerySet[Organisation]:
    """Providers (not public bodies) that serve the place, a place it is part of, or one inside it."""
    around = places_and_around_ids([place.pk]) | places_and_inside_ids([place.pk])
    return (
        Organisation.objects.exclude(legal_form=Organisation.LegalForm.PUBLIC_BODY)
        .filter(places_served__in=around)
        .distinct()
        .only(*PROVIDER_FIELDS)
        .order_by("name", "id")
    )


def market_providers(plan: Plan) -> list[capacity.Provider]:
    """Everyone the plan's market checks consider: providers serving its place and those it pays now.

    Read whole (only the columns the checks need), because the capacity and barrier checks are pure
    Python over every provider: fine for the hundreds a borough has. For a city's thousands, the
    next step is to run the checks in a task and keep the result, or to pre-filter by turnover in
    SQL before the checks."""
    serving = list(providers_serving(plan.place))
    seen = {organisation.pk for organisation in serving}
    current = [
        contract.provider
        for contract in plan.current_contracts.select_related("provider")
        if contract.provider_id not in seen and not contract.provider.is_public_body
    ]
    unique = {organisation.pk: organisation for organisation in [*serving, *current]}
    return [as_provider(organisation) for organisation in unique.values()]


def current_spend(plan: Plan) -> list[tuple[capacity.Provider, Decimal]]:
    return [
        (as_provider(contract.provider), contract.annual_value)
        for contract in current_contracts(plan)
    ]


def need_plans(need) -> list[Plan]:
    """The published plans that meet a need, newest first (shown on the need's page to everyone)."""
    return list(
        Plan.objects.filter(needs=need, published_at__isnull=False)
        .select_related("lead")
        .order_by("-published_at", "-id")
    )
