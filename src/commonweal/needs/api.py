"""The API's needs endpoints: the register, one need, its evidence, and raising a need.

Reads are open to anyone and show only what the needs pages show to someone not signed in (never
a private story, never who supports a need); anyone signed in may raise a need.
"""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import (
    FIELD_ERRORS,
    NOT_SIGNED_IN,
    ApiViewMixin,
    PageContextMixin,
    not_found,
    record_id,
    valid_filters,
)
from commonweal.needs import selectors
from commonweal.needs.models import Need
from commonweal.needs.serializers import (
    EvidenceSerializer,
    NeedDetailSerializer,
    NeedFilterSerializer,
    NeedRaiseSerializer,
    NeedSerializer,
)
from commonweal.needs.services import need_raise

NEED_ID = record_id(_("The need's number."))
NO_NEED = not_found(_("There is no need with that number."))


def _need_or_404(pk) -> Need:
    need = selectors.need_get(pk)
    if need is None:
        raise NotFound(_g("There is no need with the number %(id)s.") % {"id": pk})
    return need


def _need_detail(need: Need, context: dict) -> dict:
    context = {
        **context,
        "status_changes": selectors.need_status_changes(need),
        "outcomes": selectors.need_outcomes(need),
    }
    return NeedDetailSerializer(need, context=context).data


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
class NeedListView(PageContextMixin, ApiViewMixin, generics.ListCreateAPIView):
    serializer_class = NeedSerializer
    pagination_class = ApiPagination
    queryset = Need.objects.none()
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        return selectors.need_list(**valid_filters(NeedFilterSerializer, self.request))

    def page_context(self, needs) -> dict:
        return {"terms": selectors.need_terms([need.pk for need in needs])}

    def create(self, request, *args, **kwargs):
        given = NeedRaiseSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        # The service raises Django's ValidationError for a rule it breaks: the exception handler makes it a 400.
        need = need_raise(actor=request.user, **given.validated_data)
        return Response(
            _need_detail(selectors.need_get(need.pk), self.get_serializer_context()), status=201
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
        return Response(EvidenceSerializer(selectors.need_published_evidence(need), many=True).data)
