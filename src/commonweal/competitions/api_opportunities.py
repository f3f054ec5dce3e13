"""The API's opportunity endpoints: finding published tenders and grant rounds, one with its
criteria and documents, and a provider registering interest. A draft is the same 404 as an
opportunity that does not exist, for those who may not see it."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotAuthenticated, NotFound, ValidationError
from rest_framework.response import Response

from commonweal.competitions import permissions
from commonweal.competitions import selectors_opportunities as selectors
from commonweal.competitions import services_opportunities as services
from commonweal.competitions.models import Criterion, Opportunity
from commonweal.competitions.serializers_opportunities import (
    InterestSerializer,
    InterestWriteSerializer,
    OpportunityDetailSerializer,
    OpportunityFilterSerializer,
    OpportunitySerializer,
)
from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import (
    FIELD_ERRORS,
    NOT_SIGNED_IN,
    ApiViewMixin,
    not_found,
    record_id,
    valid_filters,
)
from commonweal.core.forms import ID_RANGE

TAGS = ["Opportunities"]
NO_OPPORTUNITY = not_found(
    _("There is no opportunity with that number, or it is a draft you cannot see.")
)


def opportunity_for(request, pk: int) -> Opportunity:
    """The opportunity the caller may see; the same 404 for one that does not exist and a draft."""
    opportunity = selectors.visible_to(request.user, pk) if pk in ID_RANGE else None
    if opportunity is None:
        raise NotFound(_g("There is no opportunity with the number %(id)s.") % {"id": pk})
    return opportunity


@extend_schema_view(
    get=extend_schema(
        summary=_("List opportunities"),
        description=_(
            "Published tenders and grant rounds, soonest closing first, 50 to a page. Narrow them "
            "by place (with the places inside and around it), theme, kind, value, open now, or "
            "closing before a day."
        ),
        parameters=[OpportunityFilterSerializer],
        responses={
            200: OpenApiResponse(
                OpportunitySerializer(many=True), description=_("A page of opportunities.")
            ),
            400: FIELD_ERRORS,
        },
        tags=TAGS,
    )
)
class OpportunityListView(ApiViewMixin, generics.ListAPIView):
    serializer_class = OpportunitySerializer
    pagination_class = ApiPagination
    queryset = Opportunity.objects.none()

    def get_queryset(self):
        given = valid_filters(OpportunityFilterSerializer, self.request)
        place = given.get("place")
        return selectors.published(
            selectors.Filters(
                place_ids=selectors.place_filter_ids(place) if place else None,
                theme=given.get("theme", ""),
                kind=given.get("kind", ""),
                value_min=given.get("value_min"),
                value_max=given.get("value_max"),
                open_now=given.get("open_now", False),
                closes_before=given.get("closes_before"),
            )
        )


@extend_schema_view(
    get=extend_schema(
        summary=_("Get an opportunity"),
        description=_(
            "One tender or grant round: its timetable, conditions, evaluation model (weights, "
            "price formula in words, scoring scale), its criteria with their questions and "
            "weights, and its public documents."
        ),
        parameters=[record_id(_("The opportunity's number."))],
        responses={
            200: OpenApiResponse(OpportunityDetailSerializer, description=_("The opportunity.")),
            404: NO_OPPORTUNITY,
        },
        tags=TAGS,
    )
)
class OpportunityDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = OpportunityDetailSerializer
    queryset = Opportunity.objects.none()

    def get(self, request, pk: int):
        opportunity = opportunity_for(request, pk)
        opportunity = (
            Opportunity.objects.select_related("plan__place", "lot")
            .prefetch_related(
                Prefetch("criteria", queryset=Criterion.objects.order_by("part", "position", "id")),
                "documents",
            )
            .get(pk=opportunity.pk)
        )
        return Response(
            OpportunityDetailSerializer(opportunity, context=self.get_serializer_context()).data
        )


@extend_schema_view(
    post=extend_schema(
        summary=_("Register interest in an opportunity"),
        description=_(
            "For a person who speaks for a provider: the provider's people hear of every answer "
            "and change. Registering twice is the same as once."
        ),
        parameters=[record_id(_("The opportunity's number."))],
        request=InterestWriteSerializer,
        responses={
            201: OpenApiResponse(InterestSerializer, description=_("Registered.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            404: NO_OPPORTUNITY,
        },
        tags=TAGS,
    )
)
class InterestView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = InterestWriteSerializer
    queryset = Opportunity.objects.none()

    def post(self, request, pk: int):
        opportunity = opportunity_for(request, pk)
        if not request.user.is_authenticated:
            raise NotAuthenticated
        given = InterestWriteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        organisation = next(
            (
                org
                for org in permissions.bidder_organisations(request.user)
                if org.slug == given.validated_data["organisation"]
            ),
            None,
        )
        if organisation is None:
            raise ValidationError({"organisation": [_g("Choose a provider you speak for.")]})
        interest = services.interest_register(
            actor=request.user, opportunity=opportunity, organisation=organisation
        )
        return Response(InterestSerializer(interest).data, status=201)
