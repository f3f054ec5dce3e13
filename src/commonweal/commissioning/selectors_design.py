"""Reads for the market, the barrier check and the lot designer: a plan's providers counted by size
and legal form, the share of its current spend going to VCSE organisations and SMEs, who could bid
for each lot, and its proposed requirements checked for barriers (capacity.py, barriers.py)."""

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from commonweal.commissioning import barriers, capacity, selectors
from commonweal.commissioning.models import CurrentContract, Lot, Plan, Requirements
from commonweal.core.policy import Jurisdiction
from commonweal.needs.models import Term
from commonweal.organisations.models import Organisation
from commonweal.places.models import Place
from commonweal.places.selectors import place_children, places_and_around_ids, places_and_inside_ids

# The first letter of an ONS GSS code says which country of the UK a place is in. K codes cover
# more than one (the UK, Great Britain, England and Wales) and say nothing here.
_GSS_COUNTRY = {
    "E": Jurisdiction.ENGLAND,
    "W": Jurisdiction.WALES,
    "S": Jurisdiction.SCOTLAND,
    "N": Jurisdiction.NORTHERN_IRELAND,
}
# Places carry no jurisdiction of their own: one with no GSS code (and none on the places it is
# part of) is taken to be in England, where most councils are.
DEFAULT_JURISDICTION = Jurisdiction.ENGLAND

NOT_KNOWN = ""


def plan_jurisdiction(plan: Plan) -> Jurisdiction:
    """The UK jurisdiction of the plan's place, from its GSS code or that of a place it is part of."""
    around = places_and_around_ids([plan.place_id])
    codes = (
        Place.objects.filter(pk__in=around).exclude(gss_code="").values_list("gss_code", flat=True)
    )
    for code in codes:
        found = _GSS_COUNTRY.get(code[:1].upper())
        if found is not None:
            return found
    return DEFAULT_JURISDICTION


def organisation_slugs(ids: Iterable[int]) -> dict[int, str]:
    """Each organisation's short name for its page's address, in one query."""
    wanted = set(ids)
    if not wanted:
        return {}
    return dict(Organisation.objects.filter(pk__in=wanted).values_list("pk", "slug"))


@dataclass(frozen=True)
class Tally:
    """How many of the market's providers have one size band or legal form."""

    code: str
    label: str
    count: int


def by_size_band(providers: Sequence[capacity.Provider]) -> list[Tally]:
    """Providers counted by size band, smallest first, those of unknown size last."""
    counts = Counter(provider.size_band or NOT_KNOWN for provider in providers)
    order = [*Organisation.SizeBand.values, NOT_KNOWN]
    labels = {**dict(Organisation.SizeBand.choices), NOT_KNOWN: _size_not_known()}
    return [Tally(code, str(labels[code]), counts[code]) for code in order if counts[code]]


def by_legal_form(providers: Sequence[capacity.Provider]) -> list[Tally]:
    """Providers counted by legal form, most common first."""
    counts = Counter(provider.legal_form or NOT_KNOWN for provider in providers)
    labels = dict(Organisation.LegalForm.choices)
    rows = [
        Tally(code, str(labels.get(code, _form_not_known())), count)
        for code, count in counts.items()
    ]
    return sorted(rows, key=lambda row: (-row.count, row.label))


def _size_not_known() -> str:
    from django.utils.translation import gettext

    return gettext("Size not known")


def _form_not_known() -> str:
    from django.utils.translation import gettext

    return gettext("Legal form not known")


def lots_value(plan: Plan) -> Decimal:
    """What the plan's lots are worth together."""
    return plan.lots.aggregate(total=Sum("value"))["total"] or Decimal("0")


def plan_lots(plan: Plan) -> QuerySet[Lot]:
    return plan.lots.select_related("area").order_by("id")


def lot_get(plan: Plan, pk: int) -> Lot | None:
    return plan_lots(plan).filter(pk=pk).first()


def contract_months(plan: Plan, requirements: Requirements | None = None) -> int | None:
    """How long the work runs, for a yearly value: the plan's duration, else the contract length
    its requirements propose."""
    if plan.duration_months:
        return plan.duration_months
    if requirements is not None and requirements.contract_months:
        return requirements.contract_months
    return None


@dataclass(frozen=True)
class Bidders:
    """Who could bid for a lot (or the whole plan, when it has no lots): None when the yearly
    value cannot be worked out because the plan does not say how long it runs."""

    title: str
    lot: Lot | None
    value: Decimal
    months: int | None
    capacity: capacity.LotCapacity | None


def bidders(title: str, lot: Lot | None, value: Decimal, months: int | None, providers) -> Bidders:
    if not months:
        return Bidders(title, lot, value, None, None)
    yearly = capacity.annual_value(value, months)
    return Bidders(title, lot, value, months, capacity.lot_capacity(yearly, providers))


def area_choices(plan: Plan, *, keep: Place | None = None) -> list[Place]:
    """The areas a lot may cover: the plan's place and the places directly inside it (a council's
    wards: tens, not thousands), and the area a lot has now, if it is deeper."""
    places = [plan.place, *place_children(plan.place)]
    if keep is not None and all(place.pk != keep.pk for place in places):
        places.append(keep)
    return places


def requirements_of(plan: Plan) -> Requirements | None:
    return Requirements.objects.filter(plan=plan).first()


def check_day(plan: Plan, today: datetime.date) -> datetime.date:
    """The day whose law the check applies: the day the procurement starts, else today."""
    return plan.procurement_starts_on or today


def as_barrier_requirements(
    plan: Plan,
    requirements: Requirements,
    *,
    lot_values: Sequence[Decimal],
    on: datetime.date,
    jurisdiction: Jurisdiction,
) -> barriers.Requirements:
    """The stored requirements as the pure barrier check reads them."""
    return barriers.Requirements(
        minimum_turnover=requirements.minimum_turnover,
        public_liability=requirements.public_liability,
        employers_liability=requirements.employers_liability,
        professional_indemnity=requirements.professional_indemnity,
        accreditations=requirements.accreditation_list(),
        experience_years=requirements.experience_years,
        mobilisation_days=requirements.mobilisation_days,
        payment_terms=barriers.PaymentTerms(requirements.payment_terms),
        contract_months=requirements.contract_months,
        lot_values=tuple(lot_values),
        price_weighting=requirements.price_weighting,
        social_value_weighting=requirements.social_value_weighting,
        consortium_bids=requirements.consortium_bids,
        needs_investment=requirements.needs_investment,
        starts_on=on,
        jurisdiction=jurisdiction,
    )


@dataclass(frozen=True)
class BarrierCheck:
    """The plan's requirements (None until set), the day and jurisdiction whose law the check read,
    the lots it checked (in the order the check numbers them), the flags it raised, and the
    reason it could not run (requirements no contract could have), if it could not."""

    requirements: Requirements | None
    on: datetime.date
    jurisdiction: Jurisdiction
    lots: tuple[Lot, ...] = ()
    flags: tuple[barriers.Flag, ...] = ()
    problem: barriers.RequirementsError | None = None

    @property
    def flagged(self) -> set[str]:
        return {flag.rule for flag in self.flags}


def barrier_check(plan: Plan, *, today: datetime.date) -> BarrierCheck:
    """Check the plan's requirements against the providers in its market: each lot, or the whole
    plan as one contract while it has no lots."""
    requirements = requirements_of(plan)
    on = check_day(plan, today)
    jurisdiction = plan_jurisdiction(plan)
    if requirements is None:
        return BarrierCheck(None, on, jurisdiction)
    lots = tuple(plan.lots.order_by("id"))
    values = [lot.value for lot in lots] or [selectors.plan_total(plan)]
    try:
        checked = as_barrier_requirements(
            plan, requirements, lot_values=values, on=on, jurisdiction=jurisdiction
        )
    except barriers.RequirementsError as error:
        return BarrierCheck(requirements, on, jurisdiction, lots, problem=error)
    flags = barriers.check(checked, selectors.market_providers(plan))
    return BarrierCheck(requirements, on, jurisdiction, lots, tuple(flags))


@dataclass(frozen=True)
class ThemeSpend:
    """What is spent today on one theme in a place, across the published plans that record it."""

    theme: Term
    plans: int
    total: Decimal
    vcse_share: Decimal | None
    sme_share: Decimal | None


def theme_spend(plan: Plan) -> list[ThemeSpend]:
    """For each of the plan's themes: the current spend recorded by published plans (and this one)
    for the plan's place and the places inside it, and the shares going to VCSE organisations and
    to SMEs. Summed in the database, in one query grouped by theme."""
    themes = {theme.pk: theme for theme in plan.themes.all()}
    if not themes:
        return []
    rows = (
        CurrentContract.objects.filter(
            Q(plan__published_at__isnull=False) | Q(plan=plan),
            plan__place_id__in=places_and_inside_ids([plan.place_id]),
            plan__themes__in=list(themes),
        )
        .values("plan__themes")
        .annotate(
            total=Sum("annual_value"),
            vcse=Sum("annual_value", filter=Q(provider__is_vcse=True)),
            sme=Sum("annual_value", filter=Q(provider__is_sme=True)),
            plans=Count("plan", distinct=True),
        )
        .order_by()
    )
    found = [
        ThemeSpend(
            theme=themes[row["plan__themes"]],
            plans=row["plans"],
            total=row["total"],
            vcse_share=capacity.percent(row["vcse"] or Decimal("0"), row["total"]),
            sme_share=capacity.percent(row["sme"] or Decimal("0"), row["total"]),
        )
        for row in rows
        if row["total"]
    ]
    return sorted(found, key=lambda row: row.theme.name)
