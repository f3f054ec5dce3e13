"""Every API error is JSON: ``{"detail": "..."}``, or field errors for bad input."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.exceptions import ErrorDetail
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from commonweal.core.api.throttling import try_again_in_words
from commonweal.core.exceptions import RefusedWithReason


def api_exception_handler(exc, context):
    """DRF's handler, with Django's own exceptions turned into plain, leak-free API errors."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, RefusedWithReason):
        # Says only what the person must do (an unconfirmed email address names only their own).
        exc = exceptions.PermissionDenied(str(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, exceptions.Throttled) and exc.wait:
        # DRF's "Request was throttled. Expected available in 5 seconds." in plain words; Retry-After
        # carries the same whole seconds.
        exc.detail = ErrorDetail(try_again_in_words(exc.wait), code="throttled")
    return drf_exception_handler(exc, context)
