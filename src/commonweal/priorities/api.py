"""The API's priority round endpoints: the list and one round, with results once published. Public;
drafts are not there for anyone, and ballots are never shown."""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from commonweal.core import pagecache
from commonweal.core.api.fields import page_related_ids
from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import FIELD_ERRORS, ApiViewMixin, not_found, record_id
from commonweal.priorities import results, selectors
from commonweal.priorities.apps import results_stamps
from commonweal.priorities.models import PriorityRound
from commonweal.priorities.serializers import ResultsSerializer, RoundSerializer

_ROUND_RESULTS = _(
    "The results (the method, how many people voted and each need's count and place) are null until "
    "they are published. Ballots are never shown."
)


def published_results(rounds) -> dict[int, dict]:
    """Each published round's results as the API sends them, by the round's id: the same for everyone,
    so laid out from the stored count (results.py: counted once, when published) and kept in the
    pages cache until the round, its ballots or one of its needs changes (as the round's page keeps
    its table). A page of rounds reads the cache once, and on a cold cache the stored counts of all
    its published rounds at once (two queries, one serializer), whatever the number of rounds and
    ballots."""
    published = {
        round_.pk: round_ for round_ in rounds if round_.status == PriorityRound.Status.PUBLISHED
    }
    answers: dict[int, dict] = {}

    def build(pk: int) -> dict:
        if not answers:  # the first round not kept: every published round's at once
            counted = results.rounds_results(published.values())
            sent = ResultsSerializer(
                [selectors.round_published_results(r, counted[r.pk]) for r in published.values()],
                many=True,
            ).data
            answers.update(
                (round_pk, dict(row)) for round_pk, row in zip(published, sent, strict=True)
            )
        return answers[pk]

    return pagecache.cached_each(
        "api-priorities-results", published, stamps=results_stamps, build=build
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

    def list(self, request, *args, **kwargs):
        rounds = self.paginate_queryset(self.get_queryset())
        context = {
            **self.get_serializer_context(),
            "results": published_results(rounds),
            "related_ids": {"needs": page_related_ids(rounds, "needs")},
        }
        return self.get_paginated_response(RoundSerializer(rounds, many=True, context=context).data)


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
        context = {**self.get_serializer_context(), "results": published_results([round_])}
        return Response(RoundSerializer(round_, context=context).data)
