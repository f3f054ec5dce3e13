"""The budgeting API: rounds, their projects, your own ballot, and results once published."""

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
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from commonweal.accounts.permissions import EmailNotConfirmed, has_confirmed_email
from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import (
    FIELD_ERRORS,
    FORBIDDEN,
    NOT_SIGNED_IN,
    ApiViewMixin,
    not_found,
)
from commonweal.participation import permissions, results, selectors, services_voting
from commonweal.participation.api_serializers import (
    BudgetBallotSerializer,
    BudgetProjectSerializer,
    BudgetResultsSerializer,
    BudgetRoundSerializer,
)
from commonweal.participation.models import BudgetRound

ROUND_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The round's number.")
)
NO_ROUND = not_found(_("There is no budgeting round with that number."))
TAGS = ["Budgeting rounds"]


def _round_or_404(request, pk) -> BudgetRound:
    round_ = selectors.round_get(pk)
    if round_ is None or not permissions.can_view(request.user, round_):
        # A draft is as unknown as a missing round to those who may not see it.
        raise NotFound(_g("There is no budgeting round with the number %(id)s.") % {"id": pk})
    return round_


@extend_schema_view(
    get=extend_schema(
        summary=_("List budgeting rounds"),
        description=_(
            "Participatory budgeting rounds, open ones first, 50 to a page. Drafts are left out."
        ),
        responses={
            200: OpenApiResponse(
                BudgetRoundSerializer(many=True), description=_("A page of rounds.")
            )
        },
        tags=TAGS,
    )
)
class BudgetRoundListView(ApiViewMixin, generics.ListAPIView):
    serializer_class = BudgetRoundSerializer
    pagination_class = ApiPagination
    queryset = BudgetRound.objects.none()

    def get_queryset(self):
        return selectors.round_list(self.request.user).exclude(status=BudgetRound.Status.DRAFT)


@extend_schema_view(
    get=extend_schema(
        summary=_("Get a budgeting round"),
        description=_("One round: its budget, phase, dates and ballot."),
        parameters=[ROUND_ID],
        responses={
            200: OpenApiResponse(BudgetRoundSerializer, description=_("The round.")),
            404: NO_ROUND,
        },
        tags=TAGS,
    )
)
class BudgetRoundDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = BudgetRoundSerializer
    queryset = BudgetRound.objects.none()

    def get(self, request, pk: int):
        return Response(BudgetRoundSerializer(_round_or_404(request, pk)).data)


@extend_schema_view(
    get=extend_schema(
        summary=_("List a round's projects"),
        description=_(
            "The projects on the ballot and the ideas that were checked, with the public reason."
        ),
        parameters=[ROUND_ID],
        responses={
            200: OpenApiResponse(BudgetProjectSerializer(many=True), description=_("Projects.")),
            404: NO_ROUND,
        },
        tags=TAGS,
    )
)
class ProjectListView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = BudgetProjectSerializer
    queryset = BudgetRound.objects.none()

    def get(self, request, pk: int):
        round_ = _round_or_404(request, pk)
        projects = [p for p in selectors.round_projects(round_) if p.status != p.Status.PROPOSED]
        return Response(BudgetProjectSerializer(projects, many=True).data)


@extend_schema_view(
    get=extend_schema(
        summary=_("Get your ballot"),
        description=_(
            "Your own ballot in the round, if you voted online. Nobody else can read it."
        ),
        parameters=[ROUND_ID],
        responses={
            200: OpenApiResponse(BudgetBallotSerializer, description=_("Your ballot.")),
            401: NOT_SIGNED_IN,
            404: not_found(_("No such round, or you have not voted in it online.")),
        },
        tags=TAGS,
    ),
    put=extend_schema(
        summary=_("Vote, or change your vote"),
        description=_(
            "Send your whole ballot. It replaces any ballot you sent before, until voting closes. "
            "A ballot over the round's limits is refused with the reason."
        ),
        parameters=[ROUND_ID],
        request=BudgetBallotSerializer,
        responses={
            200: OpenApiResponse(
                BudgetBallotSerializer, description=_("Recorded. Your ballot as stored.")
            ),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_ROUND,
        },
        tags=TAGS,
    ),
)
class MyBallotView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = BudgetBallotSerializer
    queryset = BudgetRound.objects.none()
    permission_classes = [IsAuthenticated]

    def get(self, request, pk: int):
        round_ = _round_or_404(request, pk)
        own = selectors.own_ballot(round_, request.user)
        if own is None:
            raise NotFound(_g("You have not voted online in this round."))
        return Response({"projects": own.marks, "age_confirmed": True})

    def put(self, request, pk: int):
        round_ = _round_or_404(request, pk)
        if not has_confirmed_email(request.user):
            raise EmailNotConfirmed(request.user, "vote")
        if not permissions.can_vote(request.user, round_):
            raise PermissionDenied(_g("You cannot vote in this round now."))
        given = BudgetBallotSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        ballot = services_voting.ballot_cast(
            round_=round_,
            voter=request.user,
            marks=given.validated_data["projects"],
            age_confirmed=given.validated_data["age_confirmed"],
        )
        return Response({"projects": ballot.marks, "age_confirmed": True})


@extend_schema_view(
    get=extend_schema(
        summary=_("Get a round's results"),
        description=_(
            "The funded projects and why, once the results are published. Before that, a 404."
        ),
        parameters=[ROUND_ID],
        responses={
            200: OpenApiResponse(BudgetResultsSerializer, description=_("The results.")),
            404: not_found(_("No such round, or its results are not published.")),
        },
        tags=TAGS,
    )
)
class ResultsView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = BudgetResultsSerializer
    queryset = BudgetRound.objects.none()

    def get(self, request, pk: int):
        round_ = _round_or_404(request, pk)
        found = (
            results.results_for(round_)
            if permissions.can_see_results(request.user, round_)
            else None
        )
        if found is None:
            raise NotFound(_g("The results of this round are not published yet."))
        count = found.count
        return Response(
            BudgetResultsSerializer(
                {
                    "rule": count.rule,
                    "satisfaction": count.satisfaction,
                    "completion": count.completion,
                    "ballots": count.ballots,
                    "spent": found.spent,
                    "counted_at": count.counted_at,
                    "engine_version": count.engine_version,
                    "ejr": found.ejr,
                    "projects": [
                        {
                            "id": r.project.pk,
                            "title": r.project.title,
                            "cost": r.project.cost,
                            "votes": r.votes,
                            "funded": r.funded,
                            "explanation": r.payments
                            if r.funded
                            else ([r.why_not] if r.why_not else []),
                        }
                        for r in found.funded + found.unfunded
                    ],
                }
            ).data
        )
