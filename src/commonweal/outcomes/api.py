"""The API's outcomes framework endpoints: the list and one framework's latest published version.
Public; a draft version is never shown."""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from commonweal.core import pagecache
from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import FIELD_ERRORS, SLUG, ApiViewMixin, not_found
from commonweal.outcomes import selectors
from commonweal.outcomes.apps import ENDORSEMENTS_STAMP, FRAMEWORKS_STAMP
from commonweal.outcomes.models import Framework
from commonweal.outcomes.serializers import FrameworkDetailSerializer, FrameworkSerializer


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
        return selectors.frameworks_published()


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
            404: not_found(_("There is no published framework with that short name.")),
        },
        tags=["Outcomes"],
    )
)
class FrameworkDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = FrameworkDetailSerializer
    queryset = Framework.objects.none()
    pagination_class = None

    def get(self, request, slug: str):
        framework = selectors.framework_published_get(slug)
        if framework is None:
            raise NotFound(
                _g("There is no published framework with the short name “%(slug)s”.")
                % {"slug": slug}
            )
        context = self.get_serializer_context()
        # The same for everyone: kept in the pages cache until the framework, its endorsements,
        # the needs its outcomes address, its place or an organisation named in it changes.
        data = pagecache.cached(
            "api-framework",
            framework.pk,
            stamps=(FRAMEWORKS_STAMP, ENDORSEMENTS_STAMP, "needs", "places", "organisations"),
            build=lambda: (
                FrameworkDetailSerializer(
                    framework,
                    context={**context, **selectors.framework_published_version(framework)},
                ).data
            ),
        )
        return Response(data)
