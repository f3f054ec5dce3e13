"""The API's open data endpoints: OCDS releases as published, and each process's compiled record.
Open data: anyone may read them, with no sign-in."""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import FIELD_ERRORS, ApiViewMixin, not_found, valid_filters
from commonweal.opendata import selectors
from commonweal.opendata.compile import record_for, record_package
from commonweal.opendata.models import Release
from commonweal.opendata.serializers import (
    RecordPackageSerializer,
    ReleaseFilterSerializer,
    ReleaseSerializer,
)

TAGS = ["Open data (OCDS)"]
RELEASE_ID = OpenApiParameter(
    "release_id", str, OpenApiParameter.PATH, description=_("The release's id.")
)
OCID = OpenApiParameter(
    "ocid",
    str,
    OpenApiParameter.PATH,
    description=_("The contracting process's open contracting id (ocid)."),
)


@extend_schema_view(
    get=extend_schema(
        summary=_("List OCDS releases"),
        description=_(
            "Every published OCDS release, newest first (by release date), 50 to a page, each "
            "exactly as published: it passed the OCDS 1.1 release schema. Open data: no sign-in needed."
        ),
        parameters=[ReleaseFilterSerializer],
        responses={
            200: OpenApiResponse(
                ReleaseSerializer(many=True), description=_("A page of releases.")
            ),
            400: FIELD_ERRORS,
        },
        tags=TAGS,
    )
)
class ReleaseListView(ApiViewMixin, generics.ListAPIView):
    serializer_class = ReleaseSerializer
    pagination_class = ApiPagination
    permission_classes = [AllowAny]
    queryset = Release.objects.none()

    def get_queryset(self):
        return selectors.releases(**valid_filters(ReleaseFilterSerializer, self.request))


@extend_schema_view(
    get=extend_schema(
        summary=_("Get an OCDS release"),
        description=_(
            "One release, by its id, exactly as published. Open data: no sign-in needed."
        ),
        parameters=[RELEASE_ID],
        responses={
            200: OpenApiResponse(ReleaseSerializer, description=_("The release.")),
            404: not_found(_("No release with that id is published.")),
        },
        tags=TAGS,
    )
)
class ReleaseDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = ReleaseSerializer
    permission_classes = [AllowAny]
    queryset = Release.objects.none()

    def get(self, request, release_id: str):
        release = selectors.release_get(release_id)
        if release is None:
            raise NotFound(_g("No release with the id “%(id)s” is published.") % {"id": release_id})
        return Response(ReleaseSerializer(release).data)


@extend_schema_view(
    get=extend_schema(
        summary=_("Get an OCDS record"),
        description=_(
            "A record package holding one contracting process's record: every release published for "
            "it, oldest first, and the compiled release, its releases merged by the OCDS rules into "
            "the process as it stands. Open data: no sign-in needed."
        ),
        parameters=[OCID],
        responses={
            200: OpenApiResponse(RecordPackageSerializer, description=_("The record package.")),
            404: not_found(_("No release is published for a process with that ocid.")),
        },
        tags=TAGS,
    )
)
class RecordDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = RecordPackageSerializer
    permission_classes = [AllowAny]
    queryset = Release.objects.none()

    def get(self, request, ocid: str):
        record = record_for(ocid)
        if record is None:
            raise NotFound(
                _g("No release is published for a process with the ocid “%(ocid)s”.")
                % {"ocid": ocid}
            )
        package = record_package(
            [record],
            uri=request.build_absolute_uri(),
            published=selectors.last_published(ocid=ocid),
        )
        return Response(RecordPackageSerializer(package).data)
