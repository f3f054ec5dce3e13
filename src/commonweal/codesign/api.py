"""The API's co-design session endpoints: the list and one session. Public."""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from commonweal.codesign import selectors
from commonweal.codesign.models import Session
from commonweal.codesign.serializers import SessionDetailSerializer, SessionSerializer
from commonweal.core.api.fields import page_related_ids
from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import (
    FIELD_ERRORS,
    ApiViewMixin,
    PageContextMixin,
    not_found,
    record_id,
)


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
class SessionListView(PageContextMixin, ApiViewMixin, generics.ListAPIView):
    serializer_class = SessionSerializer
    pagination_class = ApiPagination
    queryset = Session.objects.none()

    def get_queryset(self):
        return selectors.session_list()

    def page_context(self, sessions) -> dict:
        return {"related_ids": {"needs": page_related_ids(sessions, "needs")}}


@extend_schema_view(
    get=extend_schema(
        summary=_("Get a co-design session"),
        description=_(
            "One session: its agenda and notes, who took part (by the name they agreed to show, and how they "
            "took part), what was decided and who agreed, and the needs and outcomes it worked on."
        ),
        parameters=[record_id(_("The session's number."))],
        responses={
            200: OpenApiResponse(SessionDetailSerializer, description=_("The session.")),
            404: not_found(_("There is no session with that number.")),
        },
        tags=["Co-design"],
    )
)
class SessionDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = SessionDetailSerializer
    queryset = Session.objects.none()
    pagination_class = None

    def get(self, request, pk: int):
        session = selectors.session_detail(pk)
        if session is None:
            raise NotFound(_g("There is no session with the number %(id)s.") % {"id": pk})
        return Response(
            SessionDetailSerializer(session, context=self.get_serializer_context()).data
        )
