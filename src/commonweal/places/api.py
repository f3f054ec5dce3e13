"""The API's place endpoints: the list and one place. Public."""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound

from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import FIELD_ERRORS, SLUG, ApiViewMixin, not_found, valid_filters
from commonweal.places import selectors
from commonweal.places.models import Place
from commonweal.places.serializers import PlaceFilterSerializer, PlaceSerializer


@extend_schema_view(
    get=extend_schema(
        summary=_("List places"),
        description=_(
            "Countries, local authorities, wards and neighbourhoods, by name, 50 to a page."
        ),
        parameters=[PlaceFilterSerializer],
        responses={
            200: OpenApiResponse(PlaceSerializer(many=True), description=_("A page of places.")),
            400: FIELD_ERRORS,
        },
        tags=["Places"],
    )
)
class PlaceListView(ApiViewMixin, generics.ListAPIView):
    serializer_class = PlaceSerializer
    pagination_class = ApiPagination
    queryset = Place.objects.none()

    def get_queryset(self):
        return selectors.place_list(**valid_filters(PlaceFilterSerializer, self.request))


@extend_schema_view(
    get=extend_schema(
        summary=_("Get a place"),
        description=_("One place, with the short name of the place it is part of."),
        parameters=[SLUG],
        responses={
            200: OpenApiResponse(PlaceSerializer, description=_("The place.")),
            404: not_found(_("There is no place with that short name.")),
        },
        tags=["Places"],
    )
)
class PlaceDetailView(ApiViewMixin, generics.RetrieveAPIView):
    serializer_class = PlaceSerializer
    queryset = Place.objects.none()
    lookup_field = "slug"

    def get_object(self):
        place = selectors.place_list().filter(slug=self.kwargs["slug"]).first()
        if place is None:
            raise NotFound(
                _g("There is no place with the short name “%(slug)s”.")
                % {"slug": self.kwargs["slug"]}
            )
        self.check_object_permissions(self.request, place)
        return place
