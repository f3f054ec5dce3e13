"""The API's endpoint about the caller: who the token (or session) belongs to, and their roles."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from commonweal.accounts import selectors
from commonweal.accounts.serializers import MeSerializer
from commonweal.core.api.views import NOT_SIGNED_IN, ApiViewMixin


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
        person = {"user": request.user, "roles": list(selectors.roles_of(request.user))}
        return Response(MeSerializer(person).data)
