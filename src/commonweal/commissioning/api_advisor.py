"""The API's route advisor endpoints: a plan's latest advice, asking for new advice, and recording
the route chosen and why. The advice's sentences are in the language the request asks for."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from commonweal.commissioning import permissions, selectors, services
from commonweal.commissioning import words_advisor as words
from commonweal.commissioning.api import plan_for
from commonweal.commissioning.models import Advice, Plan
from commonweal.commissioning.serializers_advisor import (
    AdviceSerializer,
    AnswersSerializer,
    RouteChoiceSerializer,
    RouteChosenSerializer,
)
from commonweal.core.api.views import (
    FIELD_ERRORS,
    FORBIDDEN,
    NOT_SIGNED_IN,
    ApiViewMixin,
    not_found,
    record_id,
)

TAGS = ["Commissioning plans"]
PLAN_ID = record_id(_("The plan's number."))
NO_PLAN = _("There is no plan with that number, or it is a draft you cannot see.")


def _managed(request, pk: int) -> Plan:
    """The plan, for those who run it: a 404 as for any plan the caller cannot see, else a 403."""
    plan = plan_for(request, pk)
    if not permissions.can_manage(request.user, plan):
        raise PermissionDenied
    return plan


def _advice_data(request, plan: Plan, record: Advice) -> dict:
    show_who = permissions.can_manage(request.user, plan)
    advice = words.advice_in_words(record, show_who=show_who)
    return AdviceSerializer(
        {**advice, "route_chosen": words.route_chosen(plan, advice, show_who=show_who)}
    ).data


@extend_schema_view(
    get=extend_schema(
        summary=_("Get a plan's route advice"),
        description=_(
            "The latest advice of the route advisor for a plan: which law applies and the threshold "
            "used, with its source; every route, those that fit first, each with why it fits or "
            "each answer that rules it out, what it asks, its risks, what follows and the law "
            "behind it; the answers it was based on; and the route chosen. It is not legal advice. "
            "Its sentences are in the language asked for with Accept-Language."
        ),
        parameters=[PLAN_ID],
        responses={
            200: OpenApiResponse(AdviceSerializer, description=_("The latest advice.")),
            404: not_found(
                _(
                    "There is no plan with that number, it is a draft you cannot see, or nobody "
                    "has asked the advisor about it yet."
                )
            ),
        },
        tags=TAGS,
    ),
    post=extend_schema(
        summary=_("Ask the route advisor"),
        description=_(
            "For those who run the plan. Send the answers to every question the advisor asks "
            "(incumbent_satisfactory only when incumbent is true; mutuals_in_market only for "
            "light_touch and health_care services). The advice is kept with the plan and the "
            "answers, and becomes its latest."
        ),
        parameters=[PLAN_ID],
        request=AnswersSerializer,
        responses={
            201: OpenApiResponse(AdviceSerializer, description=_("The advice, now the latest.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: not_found(NO_PLAN),
        },
        tags=TAGS,
    ),
)
class PlanAdviceView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = AdviceSerializer
    queryset = Advice.objects.none()
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get(self, request, pk: int):
        plan = plan_for(request, pk)
        record = selectors.latest_advice(plan)
        if record is None:
            raise NotFound(_g("Nobody has asked the route advisor about this plan yet."))
        return Response(_advice_data(request, plan, record))

    def post(self, request, pk: int):
        plan = _managed(request, pk)
        given = AnswersSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        record = services.advice_record(actor=request.user, plan=plan, answers=given.answers())
        return Response(_advice_data(request, plan, record), status=201)


@extend_schema_view(
    post=extend_schema(
        summary=_("Record the route chosen"),
        description=_(
            "For those who run the plan: the route chosen and why, against the plan's latest advice "
            "(or the advice named). A route the advice ruled out may be chosen, with a reason; the "
            "answer then lists each answer that ruled it out."
        ),
        parameters=[PLAN_ID],
        request=RouteChoiceSerializer,
        responses={
            200: OpenApiResponse(
                RouteChosenSerializer, description=_("The route chosen, and why.")
            ),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: not_found(NO_PLAN),
        },
        tags=TAGS,
    )
)
class PlanRouteView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = RouteChoiceSerializer
    queryset = Plan.objects.none()
    permission_classes = [IsAuthenticated]

    def post(self, request, pk: int):
        plan = _managed(request, pk)
        given = RouteChoiceSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        wanted = given.validated_data.get("advice")
        if wanted is None:
            record = selectors.latest_advice(plan)
        else:
            record = plan.advice.filter(pk=wanted).first()
        if record is None:
            problem = (
                _g("Ask the route advisor before you record the route chosen.")
                if wanted is None
                else _g("This plan has no advice with that number.")
            )
            raise ValidationError({"advice": [problem]})
        try:
            services.route_choose(
                actor=request.user,
                plan=plan,
                route=given.validated_data["route"],
                reason=given.validated_data["reason"],
                advice=record,
            )
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict) from None
        advice = words.advice_in_words(record)
        return Response(RouteChosenSerializer(words.route_chosen(plan, advice, show_who=True)).data)


# Under /api/plans/, in the API's namespace (api_urls.py includes them).
urlpatterns = [
    path("<int:pk>/advice/", PlanAdviceView.as_view(), name="plan-advice"),
    path("<int:pk>/route/", PlanRouteView.as_view(), name="plan-route"),
]
