"""The API's notifications endpoints: your notifications, marking them seen, what you follow, and
how often you are emailed. Each is only ever about the person the token belongs to."""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from commonweal.core.api.pagination import ApiPagination
from commonweal.core.api.views import (
    FIELD_ERRORS,
    NOT_SIGNED_IN,
    ApiViewMixin,
    not_found,
    valid_filters,
)
from commonweal.notifications import registry, selectors, services
from commonweal.notifications.models import Notification
from commonweal.notifications.serializers import (
    ChoicesSerializer,
    FollowSerializer,
    NotificationFilterSerializer,
    NotificationSerializer,
    ReadAnswerSerializer,
    ReadSerializer,
)

TAGS = ["You"]


@extend_schema_view(
    get=extend_schema(
        summary=_("Your notifications"),
        description=_(
            "What you have been told, newest first, 50 to a page: news of the needs, votes, panels and "
            "places you follow, raised, support or took part in. Reading this list does not mark them "
            "as seen; post to /api/me/notifications/read/ for that."
        ),
        parameters=[NotificationFilterSerializer],
        responses={
            200: OpenApiResponse(NotificationSerializer(many=True), description=_("A page.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
        },
        tags=TAGS,
    )
)
class NotificationListView(ApiViewMixin, generics.ListAPIView):
    serializer_class = NotificationSerializer
    pagination_class = ApiPagination
    permission_classes = [IsAuthenticated]
    queryset = Notification.objects.none()

    def get_queryset(self):
        rows = selectors.notifications_of(self.request.user)
        if valid_filters(NotificationFilterSerializer, self.request).get("unread"):
            rows = rows.filter(read_at__isnull=True)
        return rows


@extend_schema_view(
    post=extend_schema(
        summary=_("Mark notifications as seen"),
        description=_("Those you name (ids), or all of them (all: true)."),
        request=ReadSerializer,
        responses={
            200: OpenApiResponse(ReadAnswerSerializer, description=_("Marked.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
        },
        tags=TAGS,
    )
)
class NotificationReadView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = ReadSerializer
    permission_classes = [IsAuthenticated]

    def post(self, request):
        given = ReadSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        if given.validated_data["all"]:
            ids = selectors.notifications_of(request.user).filter(read_at__isnull=True)
            marked = services.notifications_read(
                user=request.user, notification_ids=ids.values_list("pk", flat=True)
            )
        else:
            marked = services.notifications_read(
                user=request.user, notification_ids=given.validated_data["ids"]
            )
        return Response({"marked": marked, "unread": request.user.unread_notifications})


def _follow_rows(user, follows) -> list[dict]:
    return [
        {
            "kind": row.follow.kind,
            "object_id": row.follow.object_id,
            "title": str(row.record),
            "url": settings.SITE_URL + row.record.get_absolute_url()
            if hasattr(row.record, "get_absolute_url")
            else "",
        }
        for row in selectors.followed(user, follows)
    ]


@extend_schema_view(
    get=extend_schema(
        summary=_("What you follow"),
        description=_(
            "The needs, rounds, panels and places you follow, latest first, 50 to a page."
        ),
        responses={
            200: OpenApiResponse(FollowSerializer(many=True), description=_("A page.")),
            401: NOT_SIGNED_IN,
        },
        tags=TAGS,
    ),
    post=extend_schema(
        summary=_("Follow something"),
        description=_(
            "A need, a priority round, a community budget, a citizens' panel or a place you can see. "
            "Answers 201 when you now follow it, 200 when you already did."
        ),
        request=FollowSerializer,
        responses={
            200: OpenApiResponse(FollowSerializer, description=_("You already followed it.")),
            201: OpenApiResponse(FollowSerializer, description=_("You follow it now.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
        },
        tags=TAGS,
    ),
)
class FollowListView(ApiViewMixin, generics.ListCreateAPIView):
    serializer_class = FollowSerializer
    pagination_class = ApiPagination
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.follows_of(self.request.user)

    def list(self, request, *args, **kwargs):
        follows = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(_follow_rows(request.user, follows))

    def create(self, request, *args, **kwargs):
        given = FollowSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        kind, object_id = given.validated_data["kind"], given.validated_data["object_id"]
        try:
            created = services.follow(user=request.user, kind=kind, object_id=object_id)
        except DjangoValidationError as error:
            # The same answer whether it does not exist or is not the person's to see.
            raise ValidationError(
                {
                    "object_id": [
                        _g("There is nothing of that kind with that number you can follow.")
                    ]
                }
            ) from error
        follow = selectors.follows_of(request.user).get(kind=kind, object_id=object_id)
        [row] = _follow_rows(request.user, [follow])
        return Response(row, status=201 if created else 200)


@extend_schema_view(
    delete=extend_schema(
        summary=_("Stop following something"),
        responses={
            204: OpenApiResponse(description=_("You no longer follow it.")),
            401: NOT_SIGNED_IN,
            404: not_found(_("You do not follow it.")),
        },
        tags=TAGS,
    )
)
class FollowDetailView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = serializers.Serializer
    permission_classes = [IsAuthenticated]

    def delete(self, request, kind: str, object_id: int):
        if registry.kind_for(kind) is None or not services.unfollow(
            user=request.user, kind=kind, object_id=object_id
        ):
            raise NotFound(_g("You do not follow it."))
        return Response(status=204)


@extend_schema_view(
    get=extend_schema(
        summary=_("How often you are emailed"),
        description=_(
            "For each kind of news: now (an email each time), daily (one summary a day) or never. "
            "Your notifications list always has everything."
        ),
        responses={
            200: OpenApiResponse(ChoicesSerializer, description=_("Your choices.")),
            401: NOT_SIGNED_IN,
        },
        tags=TAGS,
    ),
    put=extend_schema(
        summary=_("Choose how often you are emailed"),
        description=_("Give the kinds of news to change; those you leave out stay as they are."),
        request=ChoicesSerializer,
        responses={
            200: OpenApiResponse(ChoicesSerializer, description=_("Your choices now.")),
            400: FIELD_ERRORS,
            401: NOT_SIGNED_IN,
        },
        tags=TAGS,
    ),
)
class ChoicesView(ApiViewMixin, generics.GenericAPIView):
    serializer_class = ChoicesSerializer
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response(selectors.frequencies_of(request.user))

    def put(self, request):
        given = ChoicesSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        services.preferences_set(user=request.user, frequencies=dict(given.validated_data))
        return Response(selectors.frequencies_of(request.user))
