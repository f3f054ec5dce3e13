"""The JSON API's endpoints.

Thin: serializers check filters and input, selectors read, services write.
"""

from django.http import JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiJsonRenderer2
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView

from commonweal.api import schema as openapi
from commonweal.api import selectors
from commonweal.api.exceptions import api_exception_handler
from commonweal.api.pagination import ApiPagination
from commonweal.api.parsers import SafeJSONParser
from commonweal.api.permissions import MayChangeOrganisation, MayViewPrivate
from commonweal.api.serializers import (
    MemberSerializer,
    MeSerializer,
    OrganisationFilterSerializer,
    OrganisationSerializer,
    OrganisationUpdateSerializer,
    PlaceFilterSerializer,
    PlaceSerializer,
)
from commonweal.api.throttling import AnonRateThrottle, UserRateThrottle
from commonweal.organisations import permissions as organisation_permissions
from commonweal.organisations.models import Organisation
from commonweal.organisations.services import organisation_update
from commonweal.places.models import Place

# The answers many operations share (api/schema.py adds them wherever they can happen).
FIELD_ERRORS = openapi.BAD_REQUEST
NOT_SIGNED_IN = openapi.NOT_SIGNED_IN
FORBIDDEN = openapi.FORBIDDEN


def _not_found(what: str) -> OpenApiResponse:
    return openapi.error_response(what)


SLUG = OpenApiParameter(
    "slug", str, OpenApiParameter.PATH, description=_("Its short name, as used in web addresses.")
)


def _valid_filters(serializer_class, request) -> dict:
    """The query parameters, checked; a bad one is a 400 naming it. Empty ones are ignored."""
    given = {key: value for key, value in request.query_params.items() if value.strip()}
    serializer = serializer_class(data=given)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class ApiViewMixin:
    """What every endpoint shares: JSON in (depth- and character-checked), throttles, plain errors,
    no paging unless a list asks for it, and a document that lists every answer it can give."""

    parser_classes = [SafeJSONParser]
    throttle_classes = [AnonRateThrottle, UserRateThrottle]
    pagination_class = None

    def get_exception_handler(self):
        return api_exception_handler


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
        return selectors.place_list(**_valid_filters(PlaceFilterSerializer, self.request))


@extend_schema_view(
    get=extend_schema(
        summary=_("Get a place"),
        description=_("One place, with the short name of the place it is part of."),
        parameters=[SLUG],
        responses={
            200: OpenApiResponse(PlaceSerializer, description=_("The place.")),
            404: _not_found(_("There is no place with that short name.")),
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


@extend_schema_view(
    get=extend_schema(
        summary=_("List organisations"),
        description=_(
            "Public bodies and providers, by name, 50 to a page. Each comes with its size, SME and VCSE status "
            "and the reason for each. Contact details are null unless you may see them."
        ),
        parameters=[OrganisationFilterSerializer],
        responses={
            200: OpenApiResponse(
                OrganisationSerializer(many=True), description=_("A page of organisations.")
            ),
            400: FIELD_ERRORS,
        },
        tags=["Organisations"],
    )
)
class OrganisationListView(ApiViewMixin, generics.ListAPIView):
    serializer_class = OrganisationSerializer
    pagination_class = ApiPagination
    queryset = Organisation.objects.none()

    def get_queryset(self):
        return selectors.organisation_list(
            **_valid_filters(OrganisationFilterSerializer, self.request)
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["private_access"] = organisation_permissions.private_access(self.request.user)
        return context


_UPDATE_DESCRIPTION = _(
    "For the organisation's administrators and the back office. Send only the fields to change with PATCH; "
    "PUT needs at least name and legal_form. Fields that are not listed here (identifier, short name, size, "
    "SME and VCSE status) cannot be changed and are ignored: size and status are worked out again from the "
    "facts you send. places_served replaces the whole list. Answers with the organisation as it is now."
)
_UPDATE_RESPONSES = {
    200: OpenApiResponse(
        OrganisationSerializer, description=_("Changed. The organisation as it is now.")
    ),
    400: FIELD_ERRORS,
    401: NOT_SIGNED_IN,
    403: FORBIDDEN,
    404: _not_found(_("There is no organisation with that short name.")),
}


@extend_schema_view(
    get=extend_schema(
        summary=_("Get an organisation"),
        description=_(
            "One organisation's public facts, with its size, SME and VCSE status and the reason for each. "
            "Contact details are null unless you are one of its members, in the back office, or a commissioner, "
            "procurement officer or finance officer of a verified public body whose places overlap the places "
            "it serves."
        ),
        parameters=[SLUG],
        responses={
            200: OpenApiResponse(OrganisationSerializer, description=_("The organisation.")),
            404: _not_found(_("There is no organisation with that short name.")),
        },
        tags=["Organisations"],
    ),
    patch=extend_schema(
        summary=_("Change some of an organisation's facts"),
        description=_UPDATE_DESCRIPTION,
        parameters=[SLUG],
        request=OrganisationUpdateSerializer,
        responses=_UPDATE_RESPONSES,
        tags=["Organisations"],
    ),
    put=extend_schema(
        summary=_("Replace an organisation's facts"),
        description=_UPDATE_DESCRIPTION,
        parameters=[SLUG],
        request=OrganisationUpdateSerializer,
        responses=_UPDATE_RESPONSES,
        tags=["Organisations"],
    ),
)
class OrganisationDetailView(ApiViewMixin, generics.RetrieveUpdateAPIView):
    serializer_class = OrganisationSerializer
    queryset = Organisation.objects.none()
    lookup_field = "slug"
    permission_classes = [IsAuthenticatedOrReadOnly, MayChangeOrganisation]
    http_method_names = ["get", "put", "patch", "head", "options"]

    def get_object(self):
        organisation = selectors.organisation_get(slug=self.kwargs["slug"])
        if organisation is None:
            raise NotFound(
                _g("There is no organisation with the short name “%(slug)s”.")
                % {"slug": self.kwargs["slug"]}
            )
        self.check_object_permissions(self.request, organisation)
        return organisation

    def update(self, request, *args, **kwargs):
        organisation = self.get_object()
        changes = OrganisationUpdateSerializer(
            organisation, data=request.data, partial=kwargs.get("partial", False)
        )
        changes.is_valid(raise_exception=True)
        # The service raises Django's ValidationError for a rule it breaks: the exception handler makes it a 400.
        organisation_update(
            organisation=organisation,
            actor=request.user,
            reason=_g("Changed through the API"),
            **changes.validated_data,
        )
        organisation = selectors.organisation_get(slug=organisation.slug)
        return Response(self.get_serializer(organisation).data)


@extend_schema_view(
    get=extend_schema(
        summary=_("List an organisation's members"),
        description=_(
            "Each person holding a role for the organisation, with their roles. For its members, the back office, "
            "and commissioners, procurement officers and finance officers of verified public bodies whose places "
            "overlap the places it serves."
        ),
        parameters=[SLUG],
        responses={
            200: OpenApiResponse(
                MemberSerializer(many=True), description=_("The members, by name.")
            ),
            401: NOT_SIGNED_IN,
            403: FORBIDDEN,
            404: _not_found(_("There is no organisation with that short name.")),
        },
        tags=["Organisations"],
    )
)
class OrganisationMembersView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = MemberSerializer
    queryset = Organisation.objects.none()
    pagination_class = None  # an organisation has a handful of members
    permission_classes = [IsAuthenticated, MayViewPrivate]

    def get(self, request, slug: str):
        organisation = selectors.organisation_get(slug=slug)
        if organisation is None:
            raise NotFound(
                _g("There is no organisation with the short name “%(slug)s”.") % {"slug": slug}
            )
        self.check_object_permissions(request, organisation)
        members = selectors.organisation_members(organisation=organisation)
        return Response(MemberSerializer(members, many=True).data)


@extend_schema_view(
    get=extend_schema(
        summary=_("Who you are"),
        description=_("The person the token belongs to: their name, email address and roles."),
        responses={
            200: OpenApiResponse(MeSerializer, description=_("You, and your roles.")),
            401: NOT_SIGNED_IN,
        },
        tags=["You"],
    )
)
class MeView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = MeSerializer
    pagination_class = None
    permission_classes = [IsAuthenticated]

    def get(self, request):
        person = {"user": request.user, "roles": selectors.person_roles(user=request.user)}
        return Response(MeSerializer(person).data)


@extend_schema(exclude=True)
class SchemaView(APIView):
    """The OpenAPI 3 document. Public and the same for everyone, so a bad token does not matter here."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [OpenApiJsonRenderer2, OpenApiJsonRenderer]

    def get(self, request):
        return Response(
            openapi.api_schema(),
            headers={"Content-Disposition": 'inline; filename="commonweal-openapi.json"'},
        )


@csrf_exempt
def not_found(request, unknown: str = ""):
    """Any other address under /api/: a JSON 404, pointing to the address with a slash when that exists."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not-found":
            return JsonResponse(
                {
                    "detail": _g("Not found. API addresses end with a slash: try %(path)s")
                    % {"path": request.path + "/"}
                },
                status=404,
            )
    return JsonResponse(
        {"detail": _g("Not found. See the API documentation for the addresses you can use.")},
        status=404,
    )
