"""The API's commissioning plan endpoints: the plans a caller may see, and one plan with its money.
The advisor's, market's, requirements' and lots' endpoints are in api_advisor.py and api_design.py."""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from commonweal.commissioning import permissions, selectors
from commonweal.commissioning.models import Plan
from commonweal.commissioning.serializers import PlanDetailSerializer, PlanSerializer
from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import FIELD_ERRORS, ApiViewMixin, not_found, record_id


@extend_schema_view(
    get=extend_schema(
        summary=_("List commissioning plans"),
        description=_(
            "Published plans (the pipeline), newest first, 50 to a page; signed in, also the drafts "
            "you run or are a citizen commissioner on."
        ),
        responses={
            200: OpenApiResponse(PlanSerializer(many=True), description=_("A page of plans.")),
            400: FIELD_ERRORS,
        },
        tags=["Commissioning plans"],
    )
)
class PlanListView(ApiViewMixin, generics.ListAPIView):
    serializer_class = PlanSerializer
    pagination_class = ApiPagination
    queryset = Plan.objects.none()

    def get_queryset(self):
        return selectors.plans_visible_to(self.request.user)


def plan_for(request, pk: int) -> Plan:
    """The plan the caller may see; the same 404 for one that does not exist and a draft not theirs."""
    plan = selectors.plan_get(pk)
    if plan is None or not permissions.can_view(request.user, plan):
        raise NotFound(_g("There is no plan with the number %(id)s.") % {"id": pk})
    return plan


@extend_schema_view(
    get=extend_schema(
        summary=_("Get a commissioning plan"),
        description=_(
            "One plan: what it is for, its stage, the money each agency pools into it year by year, "
            "what is spent on the work now, the needs and outcomes it aims at, and the route chosen."
        ),
        parameters=[record_id(_("The plan's number."))],
        responses={
            200: OpenApiResponse(PlanDetailSerializer, description=_("The plan.")),
            404: not_found(
                _("There is no plan with that number, or it is a draft you cannot see.")
            ),
        },
        tags=["Commissioning plans"],
    )
)
class PlanDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = PlanDetailSerializer
    queryset = Plan.objects.none()

    def get(self, request, pk: int):
        plan = plan_for(request, pk)
        plan = (
            Plan.objects.select_related("place", "lead")
            .prefetch_related(
                "contributions__organisation", "current_contracts__provider", "needs", "outcomes"
            )
            .get(pk=plan.pk)
        )
        return Response(PlanDetailSerializer(plan, context=self.get_serializer_context()).data)
