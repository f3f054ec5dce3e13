"""What every API endpoint shares: the base view, checked filters, and the answers it documents.

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
