"""The API's award endpoints: a tender's award (everyone once made; those who run it award it),
a grant round's decisions (published ones for everyone, all for those who run it, who decide), and
every published funded grant as a 360Giving package."""

from django.urls import path
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from commonweal.competitions import permissions, selectors_award, services_award, threesixty
from commonweal.competitions.models import Bid, GrantDecision, Opportunity
from commonweal.competitions.selectors_opportunities import opportunity_get
from commonweal.competitions.serializers_award import (
    AwardDecideSerializer,
    AwardSerializer,
    GrantDecideSerializer,
    GrantDecisionSerializer,
)
from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import (
    FIELD_ERRORS,
    FORBIDDEN,
    NOT_SIGNED_IN,
    ApiViewMixin,
    not_found,
)
from commonweal.core.forms import ID_RANGE

TAGS = ["Tenders and grant rounds"]
OPPORTUNITY_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The opportunity's number.")
)


def _opportunity(request, pk: int, *, grant: bool) -> Opportunity:
    opportunity = opportunity_get(pk) if pk in ID_RANGE else None
    if (
        opportunity is None
        or opportunity.is_grant != grant
        or not permissions.can_view(request.user, opportunity)
    ):
        raise NotFound(_g("There is no opportunity with the number %(id)s.") % {"id": pk})
    return opportunity


class AwardView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = AwardSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    queryset = Opportunity.objects.none()

    @extend_schema(
        summary=_("Get a tender's award"),
        description=_(
            "The winning bidder, the contract's value, why it wins, the standstill's last day and, "
            "once recorded, the contract's dates. Everyone may read it once the tender is awarded."
        ),
        parameters=[OPPORTUNITY_ID],
        responses={
            200: OpenApiResponse(AwardSerializer, description=_("The award.")),
            404: not_found(_("There is no such tender, or it is not awarded yet.")),
        },
        tags=TAGS,
    )
    def get(self, request, pk: int):
        opportunity = _opportunity(request, pk, grant=False)
        award = selectors_award.award_for(opportunity)
        if award is None:
            raise NotFound(_g("This tender is not awarded yet."))
        return Response(AwardSerializer(award).data)

    @extend_schema(
        summary=_("Award a tender"),
        description=_(
            "For those who run it. Refused, saying what to do, while an evaluator has not declared "
            "their conflicts, a low bid waits for a decision, or the result is not final. Writes "
            "each bidder's assessment summary, starts the standstill and publishes the OCDS award "
            "release."
        ),
        parameters=[OPPORTUNITY_ID],
        request=AwardDecideSerializer,
        responses={
            201: OpenApiResponse(AwardSerializer, description=_("Awarded.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: not_found(_("There is no such tender.")),
        },
        tags=TAGS,
    )
    def post(self, request, pk: int):
        opportunity = _opportunity(request, pk, grant=False)
        if not permissions.can_manage(request.user, opportunity):
            raise PermissionDenied(_g("Only those who run this tender may award it."))
        given = AwardDecideSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        bid = None
        if data.get("bid") is not None:
            bid = opportunity.bids.filter(pk=data["bid"], status=Bid.Status.SUBMITTED).first()
            if bid is None:
                raise NotFound(_g("There is no submitted bid with that number."))
        made = services_award.award_decide(
            actor=request.user,
            opportunity=opportunity,
            bid=bid,
            value=data.get("value"),
            reason=data["reason"],
            why_not_the_winner=data["why_not_the_winner"],
        )
        return Response(AwardSerializer(made.award).data, status=201)


class DecisionListView(ApiViewMixin, generics.ListAPIView):
    serializer_class = GrantDecisionSerializer
    pagination_class = ApiPagination
    permission_classes = [IsAuthenticatedOrReadOnly]
    queryset = GrantDecision.objects.none()

    @extend_schema(
        summary=_("List a grant round's decisions"),
        description=_(
            "Once the decisions are published, everyone reads the funded ones and each applicant "
            "their own; those who run the round read every decision at any time. 50 to a page."
        ),
        parameters=[OPPORTUNITY_ID],
        responses={
            200: OpenApiResponse(
                GrantDecisionSerializer(many=True), description=_("A page of decisions.")
            ),
            404: not_found(
                _(
                    "There is no such grant round, or no page with that number: it is past the last page. The first page always exists."
                )
            ),
        },
        tags=TAGS,
    )
    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    def get_queryset(self):
        opportunity = _opportunity(self.request, self.kwargs["pk"], grant=True)
        rows = selectors_award.grant_decisions(opportunity)
        if permissions.can_manage(self.request.user, opportunity):
            return rows
        if opportunity.status != Opportunity.Status.AWARDED:
            return rows.none()
        own = [org.pk for org in permissions.bidder_organisations(self.request.user)]
        return rows.filter(awarded=True) | rows.filter(bid__organisation__in=own)

    @extend_schema(
        summary=_("Decide on a grant application"),
        description=_(
            "For those who run the round, after it closes and until its decisions are published. "
            "A reason is needed, and an amount when funded. The same decision again changes nothing."
        ),
        parameters=[OPPORTUNITY_ID],
        request=GrantDecideSerializer,
        responses={
            200: OpenApiResponse(GrantDecisionSerializer, description=_("The decision.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: not_found(_("There is no such grant round or application.")),
        },
        tags=TAGS,
    )
    def post(self, request, pk: int):
        opportunity = _opportunity(request, pk, grant=True)
        if not permissions.can_manage(request.user, opportunity):
            raise PermissionDenied(_g("Only those who run this grant round may decide."))
        given = GrantDecideSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        number = data.pop("application")
        bid = (
            opportunity.bids.filter(pk=number, status=Bid.Status.SUBMITTED)
            .select_related("opportunity__plan", "organisation")
            .first()
            if number in ID_RANGE
            else None
        )
        if bid is None:
            raise NotFound(_g("There is no submitted application with that number."))
        decision = services_award.grant_decide(
            actor=request.user,
            bid=bid,
            awarded=data["awarded"],
            amount=data.get("amount"),
            reason=data["reason"],
            planned_start=data.get("planned_start"),
            planned_end=data.get("planned_end"),
        )
        return Response(GrantDecisionSerializer(decision).data)


class ThreeSixtyGivingView(ApiViewMixin, generics.GenericAPIView):
    queryset = GrantDecision.objects.none()

    @extend_schema(
        summary=_("Every published grant, in 360Giving format"),
        description=_(
            "A 360Giving Data Standard grant package of every funded decision of the grant rounds "
            "whose decisions are published. With none yet, the package's grants list is empty "
            "(the standard asks for one at least, so it is valid only once there is one)."
        ),
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description=_("The package."))},
        tags=TAGS,
    )
    def get(self, request):
        data = threesixty.published_package() or {"version": threesixty.VERSION, "grants": []}
        return Response(data)


urlpatterns = [
    path("opportunities/<int:pk>/award/", AwardView.as_view(), name="opportunity-award"),
    path(
        "opportunities/<int:pk>/decisions/",
        DecisionListView.as_view(),
        name="opportunity-decisions",
    ),
    path("grants/360giving/", ThreeSixtyGivingView.as_view(), name="grants-360giving"),
]
