"""The API's organisation endpoints: the list, one organisation (changed by its administrators),
and its members. Contact details and members only for those who may see them."""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.permissions import (
    SAFE_METHODS,
    BasePermission,
    IsAuthenticated,
    IsAuthenticatedOrReadOnly,
)
from rest_framework.response import Response

from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import (
    FIELD_ERRORS,
    FORBIDDEN,
    NOT_SIGNED_IN,
    SLUG,
    ApiViewMixin,
    PageContextMixin,
    not_found,
    valid_filters,
)
from commonweal.organisations import permissions, selectors
from commonweal.organisations.models import Organisation
from commonweal.organisations.serializers import (
    MemberSerializer,
    OrganisationFilterSerializer,
    OrganisationSerializer,
    OrganisationUpdateSerializer,
)
from commonweal.organisations.services import organisation_update


class MayChangeOrganisation(BasePermission):
    """Anyone may read an organisation; only its administrators and the back office may change it."""

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return permissions.can_edit(request.user, obj)


class MayViewPrivate(BasePermission):
    """The organisation's members, the back office and staff of verified public bodies working where it works."""

    def has_object_permission(self, request, view, obj) -> bool:
        return permissions.can_view_private(request.user, obj)


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
class OrganisationListView(PageContextMixin, ApiViewMixin, generics.ListAPIView):
    serializer_class = OrganisationSerializer
    pagination_class = ApiPagination
    queryset = Organisation.objects.none()

    def get_queryset(self):
        return selectors.organisation_list(
            **valid_filters(OrganisationFilterSerializer, self.request)
        )

    def page_context(self, organisations) -> dict:
        page_ids = [organisation.pk for organisation in organisations]
        places = selectors.organisations_places(page_ids)
        served_ids = {pk: [place.pk for place in served] for pk, served in places.served.items()}
        return {
            # Who may see contact details: one question for the page, about the places just read.
            "private_access": permissions.private_access(
                self.request.user, page_ids, places_served=served_ids
            ),
            "page_related": {"places_served": places.served},
            "verified_for": places.verified_for,
        }


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
    404: not_found(_("There is no organisation with that short name.")),
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
            404: not_found(_("There is no organisation with that short name.")),
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
        organisation = selectors.organisation_get(self.kwargs["slug"])
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
        organisation = selectors.organisation_get(organisation.slug)
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
            404: not_found(_("There is no organisation with that short name.")),
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
        organisation = selectors.organisation_get(slug)
        if organisation is None:
            raise NotFound(
                _g("There is no organisation with the short name “%(slug)s”.") % {"slug": slug}
            )
        self.check_object_permissions(request, organisation)
        members = selectors.organisation_members(organisation)
        return Response(MemberSerializer(members, many=True).data)
