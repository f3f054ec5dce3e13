"""What every API endpoint shares: the base view, lists that read once for a page, checked filters,
and the answers it documents.

An app's endpoints (its ``api.py``) are thin: a serializer checks filters and input, the app's
selectors read, its services write.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from commonweal.core.api import openapi
from commonweal.core.api.errors import api_exception_handler
from commonweal.core.api.parsers import SafeJSONParser
from commonweal.core.api.throttling import AnonRateThrottle, UserRateThrottle

# The answers many operations share (core/api/openapi.py adds them wherever they can happen).
FIELD_ERRORS = openapi.BAD_REQUEST
NOT_SIGNED_IN = openapi.NOT_SIGNED_IN
FORBIDDEN = openapi.FORBIDDEN


def not_found(what: str) -> OpenApiResponse:
    """A documented 404: ``{"detail": ...}``, described as ``what``."""
    return openapi.error_response(what)


SLUG = OpenApiParameter(
    "slug", str, OpenApiParameter.PATH, description=_("Its short name, as used in web addresses.")
)


def record_id(what) -> OpenApiParameter:
    """The ``id`` in a record's address (``/needs/<id>/``), described as ``what``."""
    return OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description=what)


def valid_filters(serializer_class, request) -> dict:
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


class PageContextMixin:
    """A list whose rows need something read once for the whole page (who may see each row's contact
    details, each row's terms): the view's ``page_context(rows)`` is worked out after paging and
    added to the serializer's context, so the serializer asks nothing of the database for each row."""

    def page_context(self, rows: list) -> dict:
        return {}

    def list(self, request, *args, **kwargs):
        rows = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        context = {**self.get_serializer_context(), **self.page_context(rows)}
        serializer = self.get_serializer_class()(rows, many=True, context=context)
        return self.get_paginated_response(serializer.data)
