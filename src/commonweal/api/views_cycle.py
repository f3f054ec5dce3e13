"""The API's endpoints for the front of the commissioning cycle: needs and their evidence,
co-design sessions, priority rounds and outcomes frameworks. Reads are open to anyone and show
only what the public pages show to someone not signed in; anyone signed in may raise a need.
"""

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
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from commonweal.api import selectors_cycle as selectors
from commonweal.api.pagination import ApiPagination
from commonweal.api.serializers_cycle import (
    FrameworkDetailSerializer,
    FrameworkSerializer,
    RoundSerializer,
    SessionDetailSerializer,
    SessionSerializer,
)
from commonweal.api.serializers_needs import (
    EvidenceSerializer,
    NeedDetailSerializer,
    NeedFilterSerializer,
    NeedRaiseSerializer,
    NeedSerializer,
)
from commonweal.api.views import (
    FIELD_ERRORS,
    NOT_SIGNED_IN,
    SLUG,
    ApiViewMixin,
    _not_found,
    _valid_filters,
)
from commonweal.codesign.models import Session
from commonweal.needs.models import Need
from commonweal.needs.services import need_raise
from commonweal.outcomes.models import Framework
from commonweal.priorities.models import PriorityRound


def _id(what) -> OpenApiParameter:
    return OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description=what)


NEED_ID = _id(_("The need's number."))
NO_NEED = _not_found(_("There is no need with that number."))


def _need_or_404(pk) -> Need:
    need = selectors.need_get(pk=pk)
    if need is None:
        raise NotFound(_g("There is no need with the number %(id)s.") % {"id": pk})
    return need


def _need_detail(need: Need, context: dict) -> dict:
    context = {
        **context,
        "status_changes": selectors.need_status_changes(need=need),
        "outcomes": selectors.need_outcomes(need=need),
    }
    return NeedDetailSerializer(need, context=context).data


# --- needs ---------------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary=_("List needs"),
        description=_(
            "The needs register, newest first, 50 to a page: problems raised for a place, with their themes, "
            "the agencies they touch, their status and its public reason, and how many people support them. "
            "Merged needs are left out unless you ask for status=merged."
        ),
        parameters=[NeedFilterSerializer],
        responses={
            200: OpenApiResponse(NeedSerializer(many=True), description=_("A page of needs.")),
            400: FIELD_ERRORS,
        },
        tags=["Needs"],
    ),
    post=extend_schema(
        summary=_("Raise a need"),
        description=_(
            "For anyone with an account. Describe the problem, not a solution: what is going wrong, for whom, "
            "and where. The need starts with the status raised. Answers with the need as it is now."
        ),
        request=NeedRaiseSerializer,
        responses={
            201: OpenApiResponse(NeedDetailSerializer, description=_("Raised. The new need.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
        },
        tags=["Needs"],
    ),
)
class NeedListView(ApiViewMixin, generics.ListCreateAPIView):
    serializer_class = NeedSerializer
    pagination_class = ApiPagination
    queryset = Need.objects.none()
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        return selectors.need_list(**_valid_filters(NeedFilterSerializer, self.request))

    def create(self, request, *args, **kwargs):
        given = NeedRaiseSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        # The service raises Django's ValidationError for a rule it breaks: the exception handler makes it a 400.
        need = need_raise(actor=request.user, **given.validated_data)
        return Response(
            _need_detail(selectors.need_get(pk=need.pk), self.get_serializer_context()), status=201
        )


@extend_schema_view(
    get=extend_schema(
        summary=_("Get a need"),
        description=_(
            "One need, with its themes and agencies, its status and every change of status with the public "
            "reason, how many people support it, and the outcomes that address it."
        ),
        parameters=[NEED_ID],
        responses={
            200: OpenApiResponse(NeedDetailSerializer, description=_("The need.")),
            404: NO_NEED,
        },
        tags=["Needs"],
    )
)
class NeedDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = NeedDetailSerializer
    queryset = Need.objects.none()
    pagination_class = None

    def get(self, request, pk: int):
        return Response(_need_detail(_need_or_404(pk), self.get_serializer_context()))


@extend_schema_view(
    get=extend_schema(
        summary=_("List a need's evidence"),
        description=_(
            "The figures, documents and lived-experience stories on a need, oldest first. A story is only "
            "here if its teller gave consent and agreed to publish it. The storyteller's name is only given "
            "when they asked to be named."
        ),
        parameters=[NEED_ID],
        responses={
            200: OpenApiResponse(EvidenceSerializer(many=True), description=_("The evidence.")),
            404: NO_NEED,
        },
        tags=["Needs"],
    )
)
class NeedEvidenceView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = EvidenceSerializer
    queryset = Need.objects.none()
    pagination_class = None  # a need has a handful of pieces of evidence

    def get(self, request, pk: int):
        need = _need_or_404(pk)
        return Response(
            EvidenceSerializer(selectors.need_public_evidence(need=need), many=True).data
        )


# --- co-design sessions ----------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary=_("List co-design sessions"),
        description=_(
            "Co-design sessions, most recent first, 50 to a page, with the needs each worked on."
        ),
        responses={
            200: OpenApiResponse(
                SessionSerializer(many=True), description=_("A page of sessions.")
            ),
            400: FIELD_ERRORS,
        },
        tags=["Co-design"],
    )
)
class SessionListView(ApiViewMixin, generics.ListAPIView):
    serializer_class = SessionSerializer
    pagination_class = ApiPagination
    queryset = Session.objects.none()

    def get_queryset(self):
        return selectors.session_list()


@extend_schema_view(
    get=extend_schema(
        summary=_("Get a co-design session"),
        description=_(
            "One session: its agenda and notes, who took part (by the name they agreed to show, and how they "
            "took part), what was decided and who agreed, and the needs and outcomes it worked on."
        ),
        parameters=[_id(_("The session's number."))],
        responses={
            200: OpenApiResponse(SessionDetailSerializer, description=_("The session.")),
            404: _not_found(_("There is no session with that number.")),
        },
        tags=["Co-design"],
    )
)
class SessionDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = SessionDetailSerializer
    queryset = Session.objects.none()
    pagination_class = None

    def get(self, request, pk: int):
        session = selectors.session_get(pk=pk)
        if session is None:
            raise NotFound(_g("There is no session with the number %(id)s.") % {"id": pk})
        return Response(
            SessionDetailSerializer(session, context=self.get_serializer_context()).data
        )


# --- priority rounds ----------------------------------------------------------------------------------

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
        return selectors.round_list()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "results": selectors.round_results}


@extend_schema_view(
    get=extend_schema(
        summary=_("Get a priority round"),
        description=_ROUND_RESULTS,
        parameters=[_id(_("The round's number."))],
        responses={
            200: OpenApiResponse(RoundSerializer, description=_("The round.")),
            404: _not_found(_("There is no round with that number.")),
        },
        tags=["Priorities"],
    )
)
class RoundDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = RoundSerializer
    queryset = PriorityRound.objects.none()
    pagination_class = None

    def get(self, request, pk: int):
        round_ = selectors.round_get(pk=pk)
        if round_ is None:  # a draft is not there for anyone outside
            raise NotFound(_g("There is no round with the number %(id)s.") % {"id": pk})
        context = {**self.get_serializer_context(), "results": selectors.round_results}
        return Response(RoundSerializer(round_, context=context).data)


# --- outcomes frameworks ---------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary=_("List outcomes frameworks"),
        description=_(
            "Common outcomes frameworks that have a published version, by name, 50 to a page. "
            "Frameworks still in their first draft are not shown."
        ),
        responses={
            200: OpenApiResponse(
                FrameworkSerializer(many=True), description=_("A page of frameworks.")
            ),
            400: FIELD_ERRORS,
        },
        tags=["Outcomes"],
    )
)
class FrameworkListView(ApiViewMixin, generics.ListAPIView):
    serializer_class = FrameworkSerializer
    pagination_class = ApiPagination
    queryset = Framework.objects.none()

    def get_queryset(self):
        return selectors.framework_list()


@extend_schema_view(
    get=extend_schema(
        summary=_("Get an outcomes framework"),
        description=_(
            "One framework and its latest published version in full: the voluntary organisations that "
            "endorsed it, and its outcome areas, outcomes and indicators, with the needs each outcome "
            "addresses. A draft version is never shown."
        ),
        parameters=[SLUG],
        responses={
            200: OpenApiResponse(FrameworkDetailSerializer, description=_("The framework.")),
            404: _not_found(_("There is no published framework with that short name.")),
        },
        tags=["Outcomes"],
    )
)
class FrameworkDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = FrameworkDetailSerializer
    queryset = Framework.objects.none()
    pagination_class = None

    def get(self, request, slug: str):
        framework = selectors.framework_get(slug=slug)
        if framework is None:
            raise NotFound(
                _g("There is no published framework with the short name “%(slug)s”.")
                % {"slug": slug}
            )
        context = {
            **self.get_serializer_context(),
            **selectors.framework_published_version(framework=framework),
        }
        return Response(FrameworkDetailSerializer(framework, context=context).data)
