"""The API's clarification questions for an opportunity: everyone reads the published ones (the
asker never present); a person who speaks for a provider asks one while questions are open."""

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
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from commonweal.competitions import permissions
from commonweal.competitions import services_questions as questions_service
from commonweal.competitions.models import Opportunity, Question
from commonweal.competitions.serializers_questions import (
    AskedQuestionSerializer,
    AskSerializer,
    PublishedQuestionSerializer,
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
NO_OPPORTUNITY = not_found(
    _("There is no opportunity with that number, or it is a draft you cannot see.")
)
NO_PAGE = not_found(
    _(
        "There is no opportunity with that number (or it is a draft you cannot see), or no page "
        "with that number: it is past the last page. The first page always exists."
    )
)


def opportunity_for(request, pk: int) -> Opportunity:
    """The opportunity the caller may see; the same 404 for one that does not exist and a draft."""
    opportunity = questions_service.opportunity_get(pk)
    if opportunity is None or not permissions.can_view(request.user, opportunity):
        raise NotFound(_g("There is no opportunity with the number %(id)s.") % {"id": pk})
    return opportunity


@extend_schema_view(
    get=extend_schema(
        summary=_("List an opportunity's answered questions"),
        description=_(
            "The clarification questions whose answers are published to everyone, oldest first, "
            "50 to a page. Who asked is never given."
        ),
        parameters=[OPPORTUNITY_ID],
        responses={
            200: OpenApiResponse(
                PublishedQuestionSerializer(many=True), description=_("A page of questions.")
            ),
            404: NO_PAGE,
        },
        tags=TAGS,
    ),
    post=extend_schema(
        summary=_("Ask a clarification question"),
        description=_(
            "For a person who speaks for a provider, while the opportunity is open and before its "
            "questions close (after, a 400 says when they closed). The answer is published to "
            "everyone without saying who asked, or replied to you alone. Answers with your "
            "question and its status."
        ),
        parameters=[OPPORTUNITY_ID],
        request=AskSerializer,
        responses={
            201: OpenApiResponse(AskedQuestionSerializer, description=_("Asked.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: NO_OPPORTUNITY,
        },
        tags=TAGS,
    ),
)
class QuestionListView(ApiViewMixin, generics.ListAPIView):
    serializer_class = PublishedQuestionSerializer
    pagination_class = ApiPagination
    permission_classes = [IsAuthenticatedOrReadOnly]
    queryset = Question.objects.none()

    def get_queryset(self):
        opportunity = opportunity_for(self.request, self.kwargs["pk"])
        return questions_service.published_questions(opportunity)

    def post(self, request, pk: int):
        opportunity = opportunity_for(request, pk)
        organisations = permissions.bidder_organisations(request.user)
        if not organisations:
            raise PermissionDenied(_g("Only people who speak for a provider can ask questions."))
        given = AskSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        organisation = _organisation(organisations, given.validated_data.get("organisation"))
        question = questions_service.question_ask(
            actor=request.user,
            opportunity=opportunity,
            organisation=organisation,
            text=given.validated_data["question"],
        )
        return Response(AskedQuestionSerializer(question).data, status=201)


def _organisation(organisations, chosen: int | None):
    if chosen is None:
        if len(organisations) == 1:
            return organisations[0]
        raise ValidationError(
            {"organisation": [_g("Give the number of the organisation you ask for.")]}
        )
    for organisation in organisations:
        if organisation.pk == chosen:
            return organisation
    raise ValidationError(
        {"organisation": [_g("You do not speak for an organisation with that number.")]}
    )


urlpatterns = [
    path(
        "opportunities/<int:pk>/questions/",
        QuestionListView.as_view(),
        name="opportunity-questions",
    ),
]
