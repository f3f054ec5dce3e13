"""The API's market, requirements, barrier check and lots endpoints for a plan.

Anyone who may see the plan reads them (a draft is as unknown as a missing plan to everyone else);
only those who run the plan change its requirements and lots.
"""

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from commonweal.commissioning import capacity, permissions, selectors
from commonweal.commissioning import selectors_design as design
from commonweal.commissioning.api import plan_for
from commonweal.commissioning.models import Lot, Plan, Requirements
from commonweal.commissioning.serializers_design import (
    BarrierCheckSerializer,
    LotSerializer,
    LotWriteSerializer,
    MarketSerializer,
    RequirementsSerializer,
)
from commonweal.commissioning.services_design import lot_remove, lot_save, requirements_save
from commonweal.commissioning.views_design import (
    BiddersShown,
    Named,
    bidders_shown,
    flags_shown,
    link_names,
    rendered,
    rules_shown,
    size_label,
)
from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import (
    FIELD_ERRORS,
    FORBIDDEN,
    NOT_SIGNED_IN,
    ApiViewMixin,
    not_found,
)
from commonweal.organisations.models import Organisation
from commonweal.places.selectors import places_and_inside_ids

TAGS = ["Commissioning plans"]
# How many providers a list names in the API before it gives how many more.
NAMES_GIVEN = 50

PLAN_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The plan's number.")
)
LOT_ID = OpenApiParameter(
    "lot_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The lot's number.")
)
NO_PLAN = not_found(_("There is no plan with that number, or it is a draft you cannot see."))
NO_PAGE = not_found(
    _(
        "There is no plan with that number (or it is a draft you cannot see), or no page with "
        "that number: it is past the last page. The first page always exists."
    )
)
NO_LOT = not_found(
    _("There is no plan with that number (or it is a draft you cannot see), or no such lot in it.")
)


def managed_plan_for(request, pk: int) -> Plan:
    """The plan, for those who run it: a 404 as for reading, then a 403 for everyone else."""
    plan = plan_for(request, pk)
    if not permissions.can_manage(request.user, plan):
        raise PermissionDenied(_g("Only the people running this plan can change it."))
    return plan


def _names(group: Named | None) -> dict | None:
    if group is None:
        return None
    return {
        "count": group.total,
        "providers": [{"name": link.name, "slug": link.slug} for link in group.links],
        "more": group.more,
    }


def _bidders(shown: BiddersShown) -> dict:
    found = shown.check.capacity
    if found is None:
        return {
            "months": None,
            "annual_value": None,
            "can_bid": None,
            "stretch": None,
            "too_small": None,
            "unknown": None,
            "consortium": None,
            "consortium_possible": None,
        }
    return {
        "months": shown.check.months,
        "annual_value": found.annual_value,
        "can_bid": _names(shown.can_bid),
        "stretch": _names(shown.stretch),
        "too_small": _names(shown.too_small),
        "unknown": _names(shown.unknown),
        "consortium": _names(shown.consortium),
        "consortium_possible": found.consortium_possible,
    }


def _shown(check: design.Bidders) -> BiddersShown:
    return bidders_shown(check, cap=NAMES_GIVEN)


def lots_bidders(plan: Plan, lots: list[Lot]) -> dict[int, dict]:
    """Who could bid for each of these lots: the market read once for them all."""
    if not lots:
        return {}
    months = design.contract_months(plan, design.requirements_of(plan))
    providers = selectors.market_providers(plan)
    shown = {
        lot.pk: _shown(design.bidders(lot.title, lot, lot.value, months, providers)) for lot in lots
    }
    link_names(group for item in shown.values() for group in item.groups())
    return {pk: _bidders(item) for pk, item in shown.items()}


@extend_schema_view(
    get=extend_schema(
        summary=_("Get a plan's market"),
        description=_(
            "The providers serving the plan's place (or a place around or inside it) and those it "
            "pays now: how many, by size and by legal form; where the current spend goes (VCSE "
            "organisations, SMEs), from the current contracts the plan records; and who could bid "
            "for the whole plan as one contract. Provider names come 50 at most to a list, with "
            "how many more there are."
        ),
        parameters=[PLAN_ID],
        responses={
            200: OpenApiResponse(MarketSerializer, description=_("The market.")),
            404: NO_PLAN,
        },
        tags=TAGS,
    )
)
class MarketView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = MarketSerializer
    queryset = Plan.objects.none()

    def get(self, request, pk: int):
        plan = plan_for(request, pk)
        providers = selectors.market_providers(plan)
        spend = capacity.spend_shares(selectors.current_spend(plan))
        total = selectors.plan_total(plan)
        months = design.contract_months(plan, design.requirements_of(plan))
        whole = _shown(design.bidders("", None, total, months, providers))
        link_names(whole.groups())
        forms = dict(Organisation.LegalForm.choices)
        data = {
            "place": plan.place.slug,
            "provider_count": len(providers),
            "by_size_band": design.by_size_band(providers),
            "by_legal_form": design.by_legal_form(providers),
            "current_spend": {
                "source": "plan",
                "total": spend.total,
                "vcse": spend.vcse,
                "sme": spend.sme,
                "vcse_share": spend.vcse_share,
                "sme_share": spend.sme_share,
                "by_size_band": [
                    {"code": band, "label": size_label(band), "amount": amount}
                    for band, amount in spend.by_size_band.items()
                ],
                "by_legal_form": [
                    {"code": code, "label": str(forms.get(code, code)), "amount": amount}
                    for code, amount in spend.by_legal_form.items()
                ],
            },
            "theme_spend": [
                {
                    "theme": row.theme.slug,
                    "label": row.theme.name,
                    "plans": row.plans,
                    "total": row.total,
                    "vcse_share": row.vcse_share,
                    "sme_share": row.sme_share,
                }
                for row in design.theme_spend(plan)
            ],
            "whole_plan": _bidders(whole),
            "whole_plan_value": total,
        }
        return Response(MarketSerializer(data).data)


_REQUIREMENTS_PUT = _(
    "For the people running the plan. Sends every requirement: one left out is set empty (money, "
    "years and days to null, accreditations to none), and consortium_bids and needs_investment to "
    "their defaults (true and false). Sent unchanged, nothing changes. Answers with the requirements "
    "as they are now: 201 when they were set for the first time."
)


@extend_schema_view(
    get=extend_schema(
        summary=_("Get a plan's requirements"),
        description=_(
            "The requirements the plan proposes to ask of providers, which the barrier check reads. "
            "A 404 until they are set."
        ),
        parameters=[PLAN_ID],
        responses={
            200: OpenApiResponse(RequirementsSerializer, description=_("The requirements.")),
            404: not_found(
                _(
                    "There is no plan with that number (or you cannot see it), or its requirements are not set yet."
                )
            ),
        },
        tags=TAGS,
    ),
    put=extend_schema(
        summary=_("Set a plan's requirements"),
        description=_REQUIREMENTS_PUT,
        parameters=[PLAN_ID],
        request=RequirementsSerializer,
        responses={
            200: OpenApiResponse(RequirementsSerializer, description=_("Changed (or unchanged).")),
            201: OpenApiResponse(RequirementsSerializer, description=_("Set for the first time.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_PLAN,
        },
        tags=TAGS,
    ),
)
class RequirementsView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = RequirementsSerializer
    queryset = Requirements.objects.none()
    http_method_names = ["get", "put", "head", "options"]

    def get(self, request, pk: int):
        plan = plan_for(request, pk)
        requirements = design.requirements_of(plan)
        if requirements is None:
            raise NotFound(_g("The requirements for this plan are not set yet."))
        return Response(RequirementsSerializer(requirements).data)

    def put(self, request, pk: int):
        plan = managed_plan_for(request, pk)
        existed = design.requirements_of(plan) is not None
        given = RequirementsSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        # The service raises Django's ValidationError for a rule it breaks: the exception handler makes it a 400.
        requirements = requirements_save(
            actor=request.user, plan=plan, **given.requirement_fields()
        )
        return Response(RequirementsSerializer(requirements).data, status=200 if existed else 201)


@extend_schema_view(
    get=extend_schema(
        summary=_("Check a plan's requirements for barriers"),
        description=_(
            "Each of the plan's requirements that would shut small or local providers out: why, the "
            "providers in the place it would shut out (by name, 20 at most, with how many more), what "
            "to do instead and the law or guidance behind it; and every check made, with whether it "
            "passed. The plan's lots are checked one by one; without lots, the whole plan as one "
            "contract. Before the requirements are set, nothing is checked."
        ),
        parameters=[PLAN_ID],
        responses={
            200: OpenApiResponse(BarrierCheckSerializer, description=_("The check.")),
            404: NO_PLAN,
        },
        tags=TAGS,
    )
)
class BarriersView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = BarrierCheckSerializer
    queryset = Plan.objects.none()

    def get(self, request, pk: int):
        plan = plan_for(request, pk)
        check = design.barrier_check(plan, today=timezone.localdate())
        flags = flags_shown(check)
        data = {
            "requirements_set": check.requirements is not None,
            "checked_on": check.on,
            "jurisdiction": str(check.jurisdiction),
            "problem": rendered(check.problem.message) if check.problem else None,
            "flags": [
                {
                    "rule": flag.rule,
                    "requirement": raw.requirement,
                    "requirement_label": flag.requirement,
                    "lot": flag.lot.pk if flag.lot else None,
                    "reason": flag.reason,
                    "mitigation": flag.mitigation,
                    "reference": flag.reference,
                    "excluded": _names(flag.excluded),
                }
                for flag, raw in zip(flags, check.flags, strict=True)
            ],
            "checks": [
                {
                    "rule": rule.rule,
                    "title": rule.title,
                    "why": rule.why,
                    "guidance": rule.guidance,
                    "passed": rule.passed,
                }
                for rule in (rules_shown(check) if check.requirements is not None else [])
            ],
        }
        return Response(BarrierCheckSerializer(data).data)


def _write_serializer(plan: Plan, **kwargs) -> LotWriteSerializer:
    return LotWriteSerializer(inside_ids=places_and_inside_ids([plan.place_id]), **kwargs)


def _lot_answer(plan: Plan, lot: Lot, context: dict) -> dict:
    lot = design.lot_get(plan, lot.pk)
    return LotSerializer(lot, context={**context, "bidders": lots_bidders(plan, [lot])}).data


@extend_schema_view(
    get=extend_schema(
        summary=_("List a plan's lots"),
        description=_(
            "The parts of the plan bought or funded on their own, oldest first, 50 to a page, each "
            "with who could bid for it."
        ),
        parameters=[PLAN_ID],
        responses={
            200: OpenApiResponse(LotSerializer(many=True), description=_("A page of lots.")),
            404: NO_PAGE,
        },
        tags=TAGS,
    ),
    post=extend_schema(
        summary=_("Add a lot to a plan"),
        description=_(
            "For the people running the plan. The lots together cannot be worth more than the money "
            "in the plan; a lot split by geography needs its area. Answers with the new lot."
        ),
        parameters=[PLAN_ID],
        request=LotWriteSerializer,
        responses={
            201: OpenApiResponse(LotSerializer, description=_("Added. The new lot.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_PLAN,
        },
        tags=TAGS,
    ),
)
class LotListView(ApiViewMixin, generics.ListAPIView):
    serializer_class = LotSerializer
    pagination_class = ApiPagination
    queryset = Lot.objects.none()

    def get_queryset(self):
        self.plan = plan_for(self.request, self.kwargs["pk"])
        return design.plan_lots(self.plan)

    def list(self, request, *args, **kwargs):
        lots = self.paginate_queryset(self.get_queryset())
        context = {**self.get_serializer_context(), "bidders": lots_bidders(self.plan, lots)}
        return self.get_paginated_response(LotSerializer(lots, many=True, context=context).data)

    def post(self, request, pk: int):
        plan = managed_plan_for(request, pk)
        given = _write_serializer(plan, data=request.data)
        given.is_valid(raise_exception=True)
        lot = lot_save(actor=request.user, plan=plan, **given.validated_data)
        return Response(_lot_answer(plan, lot, self.get_serializer_context()), status=201)


_LOT_CHANGE = _(
    "For the people running the plan. Send only the fields to change. The lots together cannot be "
    "worth more than the money in the plan. Answers with the lot as it is now."
)


@extend_schema_view(
    get=extend_schema(
        summary=_("Get a lot"),
        description=_("One lot of a plan, with who could bid for it."),
        parameters=[PLAN_ID, LOT_ID],
        responses={200: OpenApiResponse(LotSerializer, description=_("The lot.")), 404: NO_LOT},
        tags=TAGS,
    ),
    patch=extend_schema(
        summary=_("Change a lot"),
        description=_LOT_CHANGE,
        parameters=[PLAN_ID, LOT_ID],
        request=LotWriteSerializer,
        responses={
            200: OpenApiResponse(LotSerializer, description=_("Changed. The lot as it is now.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_LOT,
        },
        tags=TAGS,
    ),
    delete=extend_schema(
        summary=_("Remove a lot"),
        description=_("For the people running the plan. The record of changes keeps what it was."),
        parameters=[PLAN_ID, LOT_ID],
        responses={
            204: OpenApiResponse(description=_("Removed.")),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_LOT,
        },
        tags=TAGS,
    ),
)
class LotDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = LotSerializer
    queryset = Lot.objects.none()
    http_method_names = ["get", "patch", "delete", "head", "options"]

    @staticmethod
    def _lot(plan: Plan, lot_pk: int) -> Lot:
        lot = design.lot_get(plan, lot_pk)
        if lot is None:
            raise NotFound(_g("This plan has no lot with the number %(id)s.") % {"id": lot_pk})
        return lot

    def get(self, request, pk: int, lot_pk: int):
        plan = plan_for(request, pk)
        return Response(_lot_answer(plan, self._lot(plan, lot_pk), self.get_serializer_context()))

    def patch(self, request, pk: int, lot_pk: int):
        plan = managed_plan_for(request, pk)
        lot = self._lot(plan, lot_pk)
        given = _write_serializer(plan, data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        lot = lot_save(actor=request.user, plan=plan, lot=lot, **given.validated_data)
        return Response(_lot_answer(plan, lot, self.get_serializer_context()))

    def delete(self, request, pk: int, lot_pk: int):
        plan = managed_plan_for(request, pk)
        lot_remove(actor=request.user, lot=self._lot(plan, lot_pk))
        return Response(status=204)


# Paths under /api/plans/, in the API's namespace ("api"): the app's api_urls.py includes them.
urlpatterns = [
    path("<int:pk>/market/", MarketView.as_view(), name="plan-market"),
    path("<int:pk>/requirements/", RequirementsView.as_view(), name="plan-requirements"),
    path("<int:pk>/barriers/", BarriersView.as_view(), name="plan-barriers"),
    path("<int:pk>/lots/", LotListView.as_view(), name="plan-lots"),
    path("<int:pk>/lots/<int:lot_pk>/", LotDetailView.as_view(), name="plan-lot"),
]
