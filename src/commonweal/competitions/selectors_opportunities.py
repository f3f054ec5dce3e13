"""Reads about opportunities: finding published ones, a person's drafts, one opportunity with its
criteria, the checks of its criteria tree, and the social value minimum for its place and day."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.commissioning import permissions as plan_permissions
from commonweal.commissioning.selectors_design import plan_jurisdiction
from commonweal.competitions import scoring
from commonweal.competitions.models import Criterion, Opportunity
from commonweal.core.policy import SOCIAL_VALUE_MIN_WEIGHTING, Jurisdiction, NoRuleInForce, in_force
from commonweal.organisations.place_staff import staff_organisation_ids
from commonweal.places.selectors import places_and_around_ids, places_and_inside_ids

# The formula names of the model and of the pure scoring.
FORMULAS = {
    Opportunity.PriceFormula.PROPORTIONAL: scoring.PriceFormula.PROPORTIONAL_TO_LOWEST,
    Opportunity.PriceFormula.LINEAR: scoring.PriceFormula.LINEAR,
    Opportunity.PriceFormula.AGAINST_BUDGET: scoring.PriceFormula.AGAINST_BUDGET,
}


def percent(value: Decimal) -> str:
    """A percentage as people write it: 90, 12.5 (never 90.00)."""
    text = format(value.normalize(), "f")
    return text


@dataclass(frozen=True)
class Filters:
    """What a list of opportunities is narrowed to (each may be left out)."""

    place_ids: frozenset[int] | None = None  # a place and every place inside it
    theme: str = ""  # a term's slug among the plan's themes
    kind: str = ""
    value_min: Decimal | None = None
    value_max: Decimal | None = None
    open_now: bool = False
    closes_before: datetime.date | None = None


def place_filter_ids(place) -> frozenset[int]:
    """The place chosen, the places inside it (an opportunity in a ward is in its borough) and
    those around it (a borough's opportunity is open to a ward's providers)."""
    return frozenset(places_and_inside_ids([place.pk]) | places_and_around_ids([place.pk]))


def _listed(rows: QuerySet) -> QuerySet:
    return rows.select_related("plan__place", "lot").order_by("closes_at", "id")


def published(filters: Filters | None = None, *, now: datetime.datetime | None = None) -> QuerySet:
    """Published opportunities (cancelled ones too, so a provider sees what happened), soonest
    closing first, narrowed by ``filters``."""
    filters = filters or Filters()
    rows = Opportunity.objects.filter(published_at__isnull=False)
    if filters.place_ids is not None:
        rows = rows.filter(plan__place_id__in=filters.place_ids)
    if filters.theme:
        rows = rows.filter(plan__themes__slug=filters.theme)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.value_min is not None:
        rows = rows.filter(value__gte=filters.value_min)
    if filters.value_max is not None:
        rows = rows.filter(value__lte=filters.value_max)
    if filters.open_now:
        rows = rows.filter(status=Opportunity.Status.OPEN, closes_at__gt=now or timezone.now())
    if filters.closes_before is not None:
        rows = rows.filter(closes_at__date__lt=filters.closes_before)
    return _listed(rows.distinct() if filters.theme else rows)


def drafts_of(user) -> QuerySet:
    """The drafts a person may run: all for the back office, else those of plans whose lead or a
    paying agency they are staff at (the same people commissioning.permissions.can_manage lets in)."""
    rows = Opportunity.objects.filter(status=Opportunity.Status.DRAFT)
    if not user.is_authenticated:
        return Opportunity.objects.none()
    if not user.is_staff:
        mine = staff_organisation_ids(user)
        if not mine:
            return Opportunity.objects.none()
        rows = rows.filter(
            Q(plan__lead_id__in=mine) | Q(plan__contributions__organisation_id__in=mine)
        ).distinct()
        # Place staff of the plan's place only (can_manage checks it per plan; few drafts).
        plans = {row.plan_id: row.plan for row in rows.select_related("plan__place")}
        managed = [pk for pk, plan in plans.items() if plan_permissions.can_manage(user, plan)]
        rows = Opportunity.objects.filter(status=Opportunity.Status.DRAFT, plan_id__in=managed)
    return rows.select_related("plan__place", "lot").order_by("-updated_at", "-id")


def visible_to(user, pk: int) -> Opportunity | None:
    """The opportunity with this id when the person may see it (a draft only those who run it)."""
    from commonweal.competitions import permissions

    opportunity = opportunity_get(pk)
    if opportunity is None or not permissions.can_view(user, opportunity):
        return None
    return opportunity


def opportunity_get(pk: int) -> Opportunity | None:
    try:
        return (
            Opportunity.objects.select_related(
                "plan__place", "plan__lead", "lot", "social_value_framework"
            )
            .filter(pk=pk)
            .first()
        )
    except OverflowError:
        return None


def with_details(pk: int) -> Opportunity:
    """One opportunity with its criteria, documents and interest count, in a few queries."""
    return (
        Opportunity.objects.select_related(
            "plan__place", "plan__lead", "lot", "social_value_framework"
        )
        .prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("part", "position", "id")),
            "documents",
            "plan__themes",
        )
        .annotate(interest_count=Count("interests", distinct=True))
        .get(pk=pk)
    )


@dataclass
class Node:
    criterion: Criterion
    children: list["Node"]
    depth: int


@dataclass
class Part:
    part: str
    label: str
    nodes: list[Node]
    problems: list[str]


def _sibling_problem(children: list[Criterion], where: str) -> str | None:
    weighted = [child for child in children if not child.pass_fail]
    if not weighted:
        return None
    total = sum((child.weight for child in weighted), start=Decimal("0"))
    if total != 100:
        return _("The weights under %(where)s add up to %(total)s%%, not 100%%.") % {
            "where": where,
            "total": f"{percent(total)}",
        }
    return None


def _build(
    by_parent: dict[int | None, list[Criterion]],
    children: list[Criterion],
    depth: int,
    where: str,
    problems: list[str],
) -> list[Node]:
    problem = _sibling_problem(children, where)
    if problem:
        problems.append(problem)
    return [
        Node(
            child,
            _build(by_parent, by_parent.get(child.pk, []), depth + 1, f"“{child.title}”", problems),
            depth,
        )
        for child in children
    ]


def tree(opportunity: Opportunity, criteria: list[Criterion] | None = None) -> list[Part]:
    """The criteria as two trees (quality, social value), each with what is wrong with its weights."""
    rows = (
        criteria
        if criteria is not None
        else list(opportunity.criteria.order_by("part", "position", "id"))
    )
    by_parent: dict[int | None, list[Criterion]] = {}
    for row in rows:
        by_parent.setdefault(row.parent_id, []).append(row)
    parts = []
    for part, label in Criterion.Part.choices:
        problems: list[str] = []
        top = [row for row in by_parent.get(None, []) if row.part == part]
        nodes = _build(by_parent, top, 0, str(label).lower(), problems)
        parts.append(Part(part, str(label), nodes, problems))
    return parts


def _pure(nodes: list[Node]) -> tuple[scoring.Criterion, ...]:
    return tuple(
        scoring.Criterion(
            id=str(node.criterion.pk),
            name=node.criterion.title,
            weight=node.criterion.weight,
            children=_pure(node.children),
            pass_fail=node.criterion.pass_fail,
        )
        for node in nodes
    )


def scale_of(opportunity: Opportunity) -> scoring.Scale:
    from commonweal.messages import message

    return scoring.Scale(
        tuple(
            (Decimal(str(point["score"])), message(str(point.get("descriptor", ""))))
            for point in opportunity.scale or []
        )
    )


def tree_problem(opportunity: Opportunity) -> str | None:
    """Why the criteria and weights cannot be scored, in the pure scoring's words, or None."""
    parts = {part.part: part for part in tree(opportunity)}
    try:
        pure = scoring.CriteriaTree(
            quality=_pure(parts[Criterion.Part.QUALITY].nodes),
            social_value=_pure(parts[Criterion.Part.SOCIAL_VALUE].nodes),
            scale=scale_of(opportunity),
        )
        # No bids: evaluate checks the weights and the tree first, then says there are no bids.
        scoring.evaluate(
            pure,
            [],
            price_weight=opportunity.price_weight,
            quality_weight=opportunity.quality_weight,
            social_value_weight=opportunity.social_value_weight,
            formula=FORMULAS[Opportunity.PriceFormula(opportunity.price_formula)],
            formula_params=formula_params(opportunity),
        )
    except scoring.ScoringError as error:
        if error.field != "bids":
            return error.message.render(_, _ngettext)
    for part, weight in (
        (parts[Criterion.Part.QUALITY], opportunity.quality_weight),
        (parts[Criterion.Part.SOCIAL_VALUE], opportunity.social_value_weight),
    ):
        if weight and not any(not node.criterion.pass_fail for node in part.nodes):
            return _("%(part)s counts %(weight)s%% of the score but has no scored criteria.") % {
                "part": part.label,
                "weight": f"{percent(weight)}",
            }
    return None


def _ngettext(singular: str, plural: str, count: int) -> str:
    from django.utils.translation import ngettext

    return ngettext(singular, plural, count)


def formula_params(opportunity: Opportunity) -> dict[str, Decimal]:
    params: dict[str, Decimal] = {}
    if opportunity.price_floor is not None:
        params["floor"] = opportunity.price_floor
    if opportunity.price_ceiling is not None:
        params["ceiling"] = opportunity.price_ceiling
    if opportunity.budget is not None:
        params["budget"] = opportunity.budget
    return params


def price_explanation(opportunity: Opportunity) -> str:
    """How price is scored, in plain words (scoring.explanation), or why it cannot be said yet."""
    try:
        return scoring.explanation(
            FORMULAS[Opportunity.PriceFormula(opportunity.price_formula)],
            formula_params(opportunity),
        ).render(_, _ngettext)
    except scoring.ScoringError as error:
        return error.message.render(_, _ngettext)


def legal_day(opportunity: Opportunity) -> datetime.date:
    """The day whose rules apply to the opportunity: the day it was published, else today."""
    return timezone.localdate(opportunity.published_at or timezone.now())


def social_value_minimum(plan, on: datetime.date) -> tuple[Decimal, bool] | None:
    """The least weight social value should carry for the plan's place on the day, and whether it
    is only guidance there (England's minimum where the place sets none); None when none applies."""
    place = plan_jurisdiction(plan)
    try:
        return in_force(SOCIAL_VALUE_MIN_WEIGHTING, on, place).value, False
    except NoRuleInForce:
        try:
            rule = in_force(SOCIAL_VALUE_MIN_WEIGHTING, on, Jurisdiction.ENGLAND)
        except NoRuleInForce:
            return None
        return rule.value, place is not Jurisdiction.ENGLAND


def social_value_warning(plan, weight: Decimal | None, on: datetime.date) -> str:
    """A warning (never a refusal) when social value weighs less than the minimum, or ""."""
    if weight is None:
        return ""
    minimum = social_value_minimum(plan, on)
    if minimum is None or weight >= minimum[0]:
        return ""
    value, as_guidance = minimum
    if as_guidance:
        return _(
            "Social value carries %(weight)s%% of the score. This place sets no minimum, so "
            "England's minimum of %(minimum)s%% is a fair guide. A weighting this small barely "
            "counts what local and voluntary providers bring."
        ) % {"weight": f"{percent(weight)}", "minimum": f"{percent(value)}"}
    return _(
        "Social value carries %(weight)s%% of the score, below the minimum of %(minimum)s%% in "
        "the policy that applies here. You may still go ahead, but say why in the conditions."
    ) % {"weight": f"{percent(weight)}", "minimum": f"{percent(value)}"}
