"""The API's evaluation endpoints: an evaluator's own conflict declarations and scores; for those
who run the opportunity, moderation (every score side by side, once every evaluator is done) and
the result. The same rules as the pages (views_evaluation.py): nothing before the deadline, no
scores before declaring, never a conflicted bidder, nobody else's scores before moderation."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
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
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from commonweal.competitions import permissions, results
from commonweal.competitions import selectors_evaluation as selectors
from commonweal.competitions import services_evaluation as services
from commonweal.competitions.models import Evaluator, Opportunity
from commonweal.competitions.serializers_evaluation import (
    EvaluationAgreeInputSerializer,
    EvaluationConflictsSerializer,
    EvaluationDeclareSerializer,
    EvaluationModerationSerializer,
    EvaluationMyScoresSerializer,
    EvaluationResultsSerializer,
    EvaluationScoreInputSerializer,
)
from commonweal.core.api.views import (
    FIELD_ERRORS,
    FORBIDDEN,
    NOT_SIGNED_IN,
    ApiViewMixin,
    not_found,
)

TAGS = ["Tenders and grant rounds"]
OPPORTUNITY_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The opportunity's number.")
)
NO_OPPORTUNITY = not_found(
    _("There is no opportunity with that number, or it is a draft you cannot see.")
)
NO_SEAT = _("You are not on this opportunity's evaluation panel.")


def _opportunity(request, pk: int) -> Opportunity:
    opportunity = selectors.opportunity_get(pk)
    if opportunity is None or not permissions.can_view(request.user, opportunity):
        raise NotFound(_g("There is no opportunity with the number %(id)s.") % {"id": pk})
    return opportunity


def _seat(request, opportunity: Opportunity) -> Evaluator:
    evaluator = permissions.seat(request.user, opportunity)
    if evaluator is None:
        raise PermissionDenied(_g("You are not on this opportunity's evaluation panel."))
    evaluator.opportunity = opportunity
    return evaluator


def _managed(request, pk: int) -> Opportunity:
    opportunity = _opportunity(request, pk)
    if not permissions.can_manage(request.user, opportunity):
        raise PermissionDenied(_g("Only those who run this opportunity can do this."))
    return opportunity


def _refused(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        return ValidationError(
            {
                ("non_field_errors" if name == "__all__" else name): list(messages)
                for name, messages in error.message_dict.items()
            }
        )
    return ValidationError({"non_field_errors": error.messages})


def _conflicts_data(opportunity: Opportunity, evaluator: Evaluator) -> dict:
    bids = list(selectors.submitted_bids(opportunity)) if opportunity.deadline_passed() else []
    declared = selectors.declarations(evaluator)
    return {
        "declared": evaluator.conflicts_declared_at is not None,
        "bidders": [
            {
                "organisation": bid.organisation_id,
                "name": bid.organisation.name,
                "conflict": declared[bid.organisation_id].has_conflict
                if bid.organisation_id in declared
                else None,
                "details": declared[bid.organisation_id].details
                if bid.organisation_id in declared
                else "",
            }
            for bid in bids
        ],
    }


@extend_schema_view(
    get=extend_schema(
        summary=_("Your conflict declarations"),
        description=_(
            "For an evaluator on the panel, once bids have closed: every bidder's name (nothing of "
            "its bid) and what you declared about it."
        ),
        parameters=[OPPORTUNITY_ID],
        responses={
            200: OpenApiResponse(EvaluationConflictsSerializer, description=_("The bidders.")),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_OPPORTUNITY,
        },
        tags=TAGS,
    ),
    post=extend_schema(
        summary=_("Declare your conflicts"),
        description=_(
            "Say, for every bidder, whether you have a conflict of interest, with details for each "
            "conflict. Made once. You never see or score a bidder you are conflicted with."
        ),
        parameters=[OPPORTUNITY_ID],
        request=EvaluationDeclareSerializer,
        responses={
            200: OpenApiResponse(EvaluationConflictsSerializer, description=_("Declared.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_OPPORTUNITY,
        },
        tags=TAGS,
    ),
)
class ConflictsView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = EvaluationConflictsSerializer
    permission_classes = [IsAuthenticated]

    def get(self, request, pk: int):
        opportunity = _opportunity(request, pk)
        evaluator = _seat(request, opportunity)
        return Response(EvaluationConflictsSerializer(_conflicts_data(opportunity, evaluator)).data)

    def post(self, request, pk: int):
        opportunity = _opportunity(request, pk)
        evaluator = _seat(request, opportunity)
        given = EvaluationDeclareSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        declarations = {
            item["organisation"]: (item["conflict"], item.get("details", ""))
            for item in given.validated_data["declarations"]
        }
        try:
            services.conflicts_declare(
                actor=request.user, evaluator=evaluator, declarations=declarations
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(EvaluationConflictsSerializer(_conflicts_data(opportunity, evaluator)).data)


def _scores_data(evaluator: Evaluator) -> dict:
    own = selectors.own_scores(evaluator)
    rows = []
    for bid in selectors.bids_to_score(evaluator):
        for criterion in selectors.criteria_for(evaluator):
            score = own.get((bid.pk, criterion.pk))
            rows.append(
                {
                    "bid": bid.pk,
                    "bidder": bid.organisation.name,
                    "criterion": criterion.pk,
                    "title": criterion.title,
                    "score": score.score if score and score.passed is None else None,
                    "passed": score.passed if score else None,
                    "reason": score.reason if score else "",
                }
            )
    return {
        "done": evaluator.scores_submitted_at is not None,
        "scale": results.scale_values(evaluator.opportunity),
        "scores": rows,
    }


@extend_schema_view(
    get=extend_schema(
        summary=_("Your scores"),
        description=_(
            "For an evaluator who has declared their conflicts: every score you give (each bid you "
            "are not conflicted with, on each criterion you score), given or not. Only your own."
        ),
        parameters=[OPPORTUNITY_ID],
        responses={
            200: OpenApiResponse(EvaluationMyScoresSerializer, description=_("Your scores.")),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_OPPORTUNITY,
        },
        tags=TAGS,
    ),
    post=extend_schema(
        summary=_("Give a score"),
        description=_(
            "Score one bid on one criterion, on the opportunity's scale (a pass or fail criterion "
            "takes passed instead), with why. A score off the scale is refused. Answers with all "
            "your scores."
        ),
        parameters=[OPPORTUNITY_ID],
        request=EvaluationScoreInputSerializer,
        responses={
            200: OpenApiResponse(EvaluationMyScoresSerializer, description=_("Saved.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_OPPORTUNITY,
        },
        tags=TAGS,
    ),
)
class ScoresView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = EvaluationMyScoresSerializer
    permission_classes = [IsAuthenticated]

    def get(self, request, pk: int):
        opportunity = _opportunity(request, pk)
        evaluator = _seat(request, opportunity)
        if evaluator.conflicts_declared_at is None:
            raise PermissionDenied(_g("Declare your conflicts of interest first."))
        return Response(EvaluationMyScoresSerializer(_scores_data(evaluator)).data)

    def post(self, request, pk: int):
        opportunity = _opportunity(request, pk)
        evaluator = _seat(request, opportunity)
        if evaluator.conflicts_declared_at is None:
            raise PermissionDenied(_g("Declare your conflicts of interest first."))
        given = EvaluationScoreInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        bid = selectors.submitted_bid(opportunity, data["bid"])
        criterion = selectors.criterion_get(opportunity, data["criterion"])
        if bid is None or bid.organisation_id in selectors.conflicted_organisation_ids(evaluator):
            raise ValidationError({"bid": [_g("This is not a bid you score.")]})
        if criterion is None:
            raise ValidationError({"criterion": [_g("You do not score this criterion.")]})
        try:
            services.score_record(
                actor=request.user,
                evaluator=evaluator,
                bid=bid,
                criterion=criterion,
                score=data["score"],
                passed=data["passed"],
                reason=data["reason"],
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(EvaluationMyScoresSerializer(_scores_data(evaluator)).data)


def _moderation_data(opportunity: Opportunity) -> dict:
    panel = selectors.panel(opportunity)
    done = selectors.panel_done(opportunity)
    cells = []
    if done:
        for row in selectors.moderation_grid(
            opportunity, list(selectors.submitted_bids(opportunity))
        ):
            for cell in row.cells:
                cells.append(
                    {
                        "bid": row.bid.pk,
                        "bidder": row.bid.organisation.name,
                        "criterion": cell.criterion.pk,
                        "title": cell.criterion.title,
                        "scores": [
                            {
                                "evaluator": s.evaluator.user.full_name,
                                "score": s.score,
                                "passed": s.passed,
                                "reason": s.reason,
                            }
                            for s in cell.scores
                        ],
                        "agreed": {
                            "score": cell.agreed.score,
                            "passed": cell.agreed.passed,
                            "reason": cell.agreed.reason,
                        }
                        if cell.agreed
                        else None,
                    }
                )
    return {
        "open": done,
        "waiting_for": [
            seat.user.full_name
            for seat in panel
            if seat.conflicts_declared_at is None or seat.scores_submitted_at is None
        ],
        "cells": cells,
    }


@extend_schema_view(
    get=extend_schema(
        summary=_("Moderation"),
        description=_(
            "For those who run the opportunity: once every evaluator has declared and finished, "
            "every score side by side for each bid and criterion, with the agreed score. Before "
            "then, only who is not done yet."
        ),
        parameters=[OPPORTUNITY_ID],
        responses={
            200: OpenApiResponse(EvaluationModerationSerializer, description=_("The scores.")),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_OPPORTUNITY,
        },
        tags=TAGS,
    ),
    post=extend_schema(
        summary=_("Agree a score"),
        description=_(
            "Record the agreed score for one bid on one criterion (on the scale; passed for a pass "
            "or fail criterion), and why. Only once every evaluator is done."
        ),
        parameters=[OPPORTUNITY_ID],
        request=EvaluationAgreeInputSerializer,
        responses={
            200: OpenApiResponse(EvaluationModerationSerializer, description=_("Agreed.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_OPPORTUNITY,
        },
        tags=TAGS,
    ),
)
class ModerationView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = EvaluationModerationSerializer
    permission_classes = [IsAuthenticated]

    def get(self, request, pk: int):
        opportunity = _managed(request, pk)
        return Response(EvaluationModerationSerializer(_moderation_data(opportunity)).data)

    def post(self, request, pk: int):
        opportunity = _managed(request, pk)
        given = EvaluationAgreeInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        bid = selectors.submitted_bid(opportunity, data["bid"])
        criterion = selectors.criterion_get(opportunity, data["criterion"])
        if bid is None:
            raise ValidationError({"bid": [_g("There is no such bid.")]})
        if criterion is None:
            raise ValidationError({"criterion": [_g("There is no such criterion.")]})
        try:
            services.moderate(
                actor=request.user,
                bid=bid,
                criterion=criterion,
                score=data["score"],
                passed=data["passed"],
                reason=data["reason"],
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(EvaluationModerationSerializer(_moderation_data(opportunity)).data)


@extend_schema_view(
    get=extend_schema(
        summary=_("The result"),
        description=_(
            "For those who run the opportunity: each bid's points with their arithmetic, the most "
            "advantageous tender, the price formula in words, what moving each weight 5 points "
            "would do, rank reversals, each bid's social value valued, and what stops the result "
            "being final. Opens every bid, each opening recorded."
        ),
        parameters=[OPPORTUNITY_ID],
        responses={
            200: OpenApiResponse(EvaluationResultsSerializer, description=_("The result.")),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_OPPORTUNITY,
        },
        tags=TAGS,
    ),
)
class ResultsView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = EvaluationResultsSerializer
    permission_classes = [IsAuthenticated]

    def get(self, request, pk: int):
        opportunity = _managed(request, pk)
        result = results.evaluate_opportunity(opportunity, actor=request.user, why=_g("Results"))
        data = results.shown(result)
        data["excluded"] = [{"bidder": name, "why": why} for name, why in data["excluded"]]
        return Response(EvaluationResultsSerializer(data).data)


urlpatterns = [
    path(
        "opportunities/<int:pk>/evaluation/conflicts/",
        ConflictsView.as_view(),
        name="evaluation-conflicts",
    ),
    path(
        "opportunities/<int:pk>/evaluation/scores/",
        ScoresView.as_view(),
        name="evaluation-scores",
    ),
    path(
        "opportunities/<int:pk>/evaluation/moderation/",
        ModerationView.as_view(),
        name="evaluation-moderation",
    ),
    path(
        "opportunities/<int:pk>/evaluation/results/",
        ResultsView.as_view(),
        name="evaluation-results",
    ),
]
