"""The API's priority round endpoints: the list and one round, with results once published. Public;
drafts are not there for anyone, and ballots are never shown."""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import FIELD_ERRORS, ApiViewMixin, not_found, record_id
from commonweal.priorities import selectors
from commonweal.priorities.models import PriorityRound
from commonweal.priorities.serializers import RoundSerializer

_ROUND_RESULTS = _(
    "The results (the method, how many people voted and each need's count and place) are null until "
    "they are published. Ballots are never shown."
)


@extend_schema_view(
    get=extend_schema(
        summary=_("List priority rounds"),
        description=_(
            "Priority rounds that have been opened, newest first, 50 to a page. Drafts are not shown."
        ),
        responses={
            200: OpenApiResponse(RoundSerializer(many=True), description=_("A page of rounds.")),
            400: FIELD_ERRORS,
        },
        tags=["Priorities"],
    )
)
class RoundListView(ApiViewMixin, generics.ListAPIView):
    serializer_class = RoundSerializer
    pagination_class = ApiPagination
    queryset = PriorityRound.objects.none()

    def get_queryset(self):
        return selectors.rounds_opened()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "results": selectors.round_published_results}


@extend_schema_view(
    get=extend_schema(
        summary=_("Get a priority round"),
        description=_ROUND_RESULTS,
        parameters=[record_id(_("The round's number."))],
        responses={
            200: OpenApiResponse(RoundSerializer, description=_("The round.")),
            404: not_found(_("There is no round with that number.")),
        },
        tags=["Priorities"],
    )
)
class RoundDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = RoundSerializer
    queryset = PriorityRound.objects.none()
    pagination_class = None

    def get(self, request, pk: int):
        round_ = selectors.round_opened_get(pk)
        if round_ is None:  # a draft is not there for anyone outside
            raise NotFound(_g("There is no round with the number %(id)s.") % {"id": pk})
        context = {**self.get_serializer_context(), "results": selectors.round_published_results}
        return Response(RoundSerializer(round_, context=context).data)
