"""The API for those who run an opportunity (permissions.can_manage): every clarification question
with who asked, and answering it; choosing the evaluation panel; the abnormally low bid reviews
(run the checks, ask a bidder to explain, decide). And for a bidder's own people: explaining a low
price when asked. The same rules as the pages (views_questions.py, views_evaluation.py): a draft
is a 404 for anyone who does not run it, a published one a 403; a low-bid explanation is a 404 for
everyone but that bid's own people."""

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

from commonweal.accounts.models import User
from commonweal.competitions import permissions
from commonweal.competitions import selectors_evaluation as selectors
from commonweal.competitions import services_evaluation as evaluation_service
from commonweal.competitions import services_questions as questions_service
from commonweal.competitions.models import Evaluator, LowBidReview, Opportunity, Question
from commonweal.competitions.serializers_management import (
    AnswerSerializer,
    LowBidCheckSerializer,
    LowBidDecideSerializer,
    LowBidExplainedSerializer,
    LowBidExplainSerializer,
    LowBidReviewSerializer,
    ManagedPanelAddSerializer,
    ManagedPanelSerializer,
    ManagedQuestionSerializer,
)
from commonweal.core.api.pagination import ApiPagination
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
QUESTION_ID = OpenApiParameter(
    "question_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The question's number.")
)
SEAT_ID = OpenApiParameter(
    "evaluator_pk",
    OpenApiTypes.INT,
    OpenApiParameter.PATH,
    description=_("The seat's number (id in the panel's seats)."),
)
BID_ID = OpenApiParameter(
    "bid_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The bid's number.")
)
NO_OPPORTUNITY = not_found(
    _("There is no opportunity with that number, or it is a draft you cannot see.")
)
NO_PAGE = not_found(
    _(
        "There is no opportunity with that number (or it is a draft you cannot see), or no page "
        "with that number: it is past the last page. The first page always exists."
    )
)
NO_QUESTION = not_found(
    _(
        "There is no opportunity with that number (or it is a draft you cannot see), or it has no "
        "question with that number."
    )
)
NO_SEAT = not_found(
    _(
        "There is no opportunity with that number (or it is a draft you cannot see), or no seat "
        "with that number on its panel."
    )
)
NO_REVIEW = not_found(
    _(
        "There is no opportunity with that number (or it is a draft you cannot see), or no "
        "submitted bid with that number under review for a low price."
    )
)
NO_EXPLANATION = not_found(
    _(
        "There is no opportunity with that number, no bid of yours with that number asked to "
        "explain its price, or it is not your organisation's bid."
    )
)


def _opportunity(request, pk: int) -> Opportunity:
    """The opportunity the caller may see; the same 404 for one that does not exist and a draft."""
    opportunity = selectors.opportunity_get(pk)
    if opportunity is None or not permissions.can_view(request.user, opportunity):
        raise NotFound(_g("There is no opportunity with the number %(id)s.") % {"id": pk})
    return opportunity


def _managed(request, pk: int) -> Opportunity:
    opportunity = _opportunity(request, pk)
    if not permissions.can_manage(request.user, opportunity):
        raise PermissionDenied(_g("Only those who run this opportunity can do this."))
    return opportunity


def _refused(error: DjangoValidationError) -> ValidationError:
    """A service's refusal as a 400 with field errors (a refusal not about a field under
    non_field_errors)."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {
                ("non_field_errors" if name == "__all__" else name): list(messages)
                for name, messages in error.message_dict.items()
            }
        )
    return ValidationError({"non_field_errors": error.messages})


# --- Questions -----------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary=_("List every question on an opportunity"),
        description=_(
            "For those who run the opportunity: every clarification question, oldest first, 50 to "
            "a page, with who asked and for which organisation, its state (waiting, published or "
            "private) and its answer."
        ),
        parameters=[OPPORTUNITY_ID],
        responses={
            200: OpenApiResponse(
                ManagedQuestionSerializer(many=True), description=_("A page of questions.")
            ),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_PAGE,
        },
        tags=TAGS,
    ),
)
class AllQuestionsView(ApiViewMixin, generics.ListAPIView):
    serializer_class = ManagedQuestionSerializer
    pagination_class = ApiPagination
    permission_classes = [IsAuthenticated]
    queryset = Question.objects.none()

    def get_queryset(self):
        opportunity = _managed(self.request, self.kwargs["pk"])
        return questions_service.all_questions(opportunity)


@extend_schema_view(
    post=extend_schema(
        summary=_("Answer a question"),
        description=_(
            "For those who run the opportunity. publish true publishes the answer to everyone "
            "(never saying who asked; interested providers are told); false replies to the asker "
            "alone. A published answer can be corrected but not made private. Sent unchanged, "
            "nothing is written. Answers with the question."
        ),
        parameters=[OPPORTUNITY_ID, QUESTION_ID],
        request=AnswerSerializer,
        responses={
            200: OpenApiResponse(ManagedQuestionSerializer, description=_("Answered.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_QUESTION,
        },
        tags=TAGS,
    ),
)
class AnswerView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = AnswerSerializer
    permission_classes = [IsAuthenticated]

    def post(self, request, pk: int, question_pk: int):
        opportunity = _managed(request, pk)
        question = questions_service.question_get(opportunity, question_pk)
        if question is None:
            raise NotFound(_g("This opportunity has no question with that number."))
        given = AnswerSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            question = questions_service.question_answer(
                actor=request.user,
                question=question,
                answer=given.validated_data["answer"],
                publish=given.validated_data["publish"],
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(ManagedQuestionSerializer(question).data)


# --- The panel -----------------------------------------------------------------------------------


def _panel_data(opportunity: Opportunity) -> dict:
    return {
        "seats": selectors.panel(opportunity),
        "can_remove": not selectors.scoring_started(opportunity),
        "eligible_officers": list(selectors.eligible_officers(opportunity).only("id", "full_name")),
        "eligible_citizens": list(selectors.eligible_citizens(opportunity).only("id", "full_name")),
    }


@extend_schema_view(
    get=extend_schema(
        summary=_("The evaluation panel"),
        description=_(
            "For those who run the opportunity: who holds a seat (their name, officer or citizen, "
            "whether they have declared their conflicts and finished scoring, never their scores), "
            "whether a seat can still be taken away, and the people who may be added."
        ),
        parameters=[OPPORTUNITY_ID],
        responses={
            200: OpenApiResponse(ManagedPanelSerializer, description=_("The panel.")),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_OPPORTUNITY,
        },
        tags=TAGS,
    ),
    post=extend_schema(
        summary=_("Add someone to the evaluation panel"),
        description=_(
            "Give a seat: officer to staff with an evaluator's, commissioner's or procurement "
            "officer's role at one of the plan's agencies; citizen to one of the plan's citizen "
            "commissioners. Anyone else, someone already on the panel, or a change once moderation "
            "has begun is refused with a 400. Answers with the panel."
        ),
        parameters=[OPPORTUNITY_ID],
        request=ManagedPanelAddSerializer,
        responses={
            201: OpenApiResponse(ManagedPanelSerializer, description=_("Added.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_OPPORTUNITY,
        },
        tags=TAGS,
    ),
)
class PanelView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = ManagedPanelSerializer
    permission_classes = [IsAuthenticated]

    def get(self, request, pk: int):
        opportunity = _managed(request, pk)
        return Response(ManagedPanelSerializer(_panel_data(opportunity)).data)

    def post(self, request, pk: int):
        opportunity = _managed(request, pk)
        given = ManagedPanelAddSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        user = User.objects.filter(pk=given.validated_data["user"]).first()
        if user is None:
            raise ValidationError({"user": [_g("There is nobody with that number.")]})
        try:
            evaluation_service.evaluator_add(
                actor=request.user,
                opportunity=opportunity,
                user=user,
                kind=given.validated_data["kind"],
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(ManagedPanelSerializer(_panel_data(opportunity)).data, status=201)


@extend_schema_view(
    delete=extend_schema(
        summary=_("Take someone off the evaluation panel"),
        description=_(
            "For those who run the opportunity, only before anybody has scored (after, a 400 says "
            "so). Their conflict declarations go with the seat; the record of changes keeps them."
        ),
        parameters=[OPPORTUNITY_ID, SEAT_ID],
        responses={
            204: OpenApiResponse(description=_("Taken off the panel.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_SEAT,
        },
        tags=TAGS,
    ),
)
class PanelSeatView(ApiViewMixin, generics.GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ManagedPanelSerializer

    def delete(self, request, pk: int, evaluator_pk: int):
        opportunity = _managed(request, pk)
        seat = (
            Evaluator.objects.filter(opportunity=opportunity, pk=evaluator_pk)
            .select_related("opportunity")
            .first()
            if selectors.fits(evaluator_pk)
            else None
        )
        if seat is None:
            raise NotFound(_g("There is no seat with that number on this panel."))
        try:
            evaluation_service.evaluator_remove(actor=request.user, evaluator=seat)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(status=204)


# --- Low bids ------------------------------------------------------------------------------------


def _review(opportunity: Opportunity, bid_pk: int) -> LowBidReview:
    review = selectors.low_bid_review_get(opportunity, bid_pk)
    if review is None:
        raise NotFound(_g("No bid with that number is under review for a low price."))
    return review


@extend_schema_view(
    get=extend_schema(
        summary=_("List the low-bid reviews"),
        description=_(
            "For those who run the opportunity: each bid flagged as abnormally low, by bidder, 50 "
            "to a page: the flags with their reasons, whether the bidder was asked to explain, "
            "its explanation, and the decision with its reason."
        ),
        parameters=[OPPORTUNITY_ID],
        responses={
            200: OpenApiResponse(
                LowBidReviewSerializer(many=True), description=_("A page of reviews.")
            ),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_PAGE,
        },
        tags=TAGS,
    ),
)
class LowBidsView(ApiViewMixin, generics.ListAPIView):
    serializer_class = LowBidReviewSerializer
    pagination_class = ApiPagination
    permission_classes = [IsAuthenticated]
    queryset = LowBidReview.objects.none()

    def get_queryset(self):
        opportunity = _managed(self.request, self.kwargs["pk"])
        return selectors.low_bid_reviews(opportunity)


@extend_schema_view(
    post=extend_schema(
        summary=_("Check the bids for abnormally low prices"),
        description=_(
            "For those who run the opportunity, after the deadline (before, a 400 says so). Opens "
            "every submitted bid (each opening recorded), tests the prices against each other and "
            "the opportunity's cost model, and opens a review for each flagged bid. A bid already "
            "under review keeps its review. Send an empty body."
        ),
        parameters=[OPPORTUNITY_ID],
        request=None,
        responses={
            200: OpenApiResponse(LowBidCheckSerializer, description=_("Checked.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_OPPORTUNITY,
        },
        tags=TAGS,
    ),
)
class LowBidsCheckView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = LowBidCheckSerializer
    permission_classes = [IsAuthenticated]

    def post(self, request, pk: int):
        opportunity = _managed(request, pk)
        try:
            made = evaluation_service.low_bids_check(actor=request.user, opportunity=opportunity)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(LowBidCheckSerializer({"flagged": len(made), "reviews": made}).data)


@extend_schema_view(
    post=extend_schema(
        summary=_("Ask a bidder to explain a low price"),
        description=_(
            "For those who run the opportunity. The bidder's own people are told, and explain on "
            "their bid. Asked twice, nothing changes; once decided, a 400. Send an empty body. "
            "Answers with the review."
        ),
        parameters=[OPPORTUNITY_ID, BID_ID],
        request=None,
        responses={
            200: OpenApiResponse(LowBidReviewSerializer, description=_("Asked.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_REVIEW,
        },
        tags=TAGS,
    ),
)
class LowBidAskView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = LowBidReviewSerializer
    permission_classes = [IsAuthenticated]

    def post(self, request, pk: int, bid_pk: int):
        opportunity = _managed(request, pk)
        review = _review(opportunity, bid_pk)
        try:
            review = evaluation_service.low_bid_ask(actor=request.user, review=review)
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(LowBidReviewSerializer(review).data)


@extend_schema_view(
    post=extend_schema(
        summary=_("Decide on a low bid"),
        description=_(
            "For those who run the opportunity: accept the price or reject the bid as abnormally "
            "low, always with a reason. A bid can be rejected only after its bidder was asked to "
            "explain (the Procurement Act 2023, section 19). Answers with the review."
        ),
        parameters=[OPPORTUNITY_ID, BID_ID],
        request=LowBidDecideSerializer,
        responses={
            200: OpenApiResponse(LowBidReviewSerializer, description=_("Decided.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_REVIEW,
        },
        tags=TAGS,
    ),
)
class LowBidDecideView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = LowBidDecideSerializer
    permission_classes = [IsAuthenticated]

    def post(self, request, pk: int, bid_pk: int):
        opportunity = _managed(request, pk)
        review = _review(opportunity, bid_pk)
        given = LowBidDecideSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            review = evaluation_service.low_bid_decide(
                actor=request.user,
                review=review,
                decision=given.validated_data["decision"],
                reason=given.validated_data["reason"],
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(LowBidReviewSerializer(review).data)


@extend_schema_view(
    post=extend_schema(
        summary=_("Explain your low price"),
        description=_(
            "For the bidder's own people, once asked to explain its price and until the decision "
            "(after, a 400). Everyone else, and a bid not asked, gets a 404. Answers with what you "
            "are asked and your explanation."
        ),
        parameters=[OPPORTUNITY_ID, BID_ID],
        request=LowBidExplainSerializer,
        responses={
            200: OpenApiResponse(LowBidExplainedSerializer, description=_("Explained.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            404: NO_EXPLANATION,
        },
        tags=TAGS,
    ),
)
class LowBidExplainView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = LowBidExplainSerializer
    permission_classes = [IsAuthenticated]

    def post(self, request, pk: int, bid_pk: int):
        opportunity = _opportunity(request, pk)
        review = selectors.low_bid_review_get(opportunity, bid_pk)
        if (
            review is None
            or review.explanation_requested_at is None
            or not permissions.is_bidders_own(request.user, review.bid)
        ):
            raise NotFound(_g("You have no bid with that number asked to explain its price."))
        given = LowBidExplainSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            review = evaluation_service.low_bid_explain(
                actor=request.user,
                review=review,
                explanation=given.validated_data["explanation"],
            )
        except DjangoValidationError as error:
            raise _refused(error) from None
        return Response(LowBidExplainedSerializer(review).data)


# Appended to api_urls_questions.py and api_urls_evaluation.py (the API's namespace, "api").
question_urlpatterns = [
    path(
        "opportunities/<int:pk>/questions/all/",
        AllQuestionsView.as_view(),
        name="opportunity-questions-all",
    ),
    path(
        "opportunities/<int:pk>/questions/<int:question_pk>/answer/",
        AnswerView.as_view(),
        name="opportunity-question-answer",
    ),
]

evaluation_urlpatterns = [
    path(
        "opportunities/<int:pk>/evaluation/panel/",
        PanelView.as_view(),
        name="evaluation-panel",
    ),
    path(
        "opportunities/<int:pk>/evaluation/panel/<int:evaluator_pk>/",
        PanelSeatView.as_view(),
        name="evaluation-panel-seat",
    ),
    path(
        "opportunities/<int:pk>/evaluation/low-bids/",
        LowBidsView.as_view(),
        name="evaluation-low-bids",
    ),
    path(
        "opportunities/<int:pk>/evaluation/low-bids/check/",
        LowBidsCheckView.as_view(),
        name="evaluation-low-bids-check",
    ),
    path(
        "opportunities/<int:pk>/evaluation/low-bids/<int:bid_pk>/ask/",
        LowBidAskView.as_view(),
        name="evaluation-low-bid-ask",
    ),
    path(
        "opportunities/<int:pk>/evaluation/low-bids/<int:bid_pk>/decide/",
        LowBidDecideView.as_view(),
        name="evaluation-low-bid-decide",
    ),
    path(
        "opportunities/<int:pk>/low-bid-explanation/<int:bid_pk>/",
        LowBidExplainView.as_view(),
        name="opportunity-low-bid-explanation",
    ),
]
