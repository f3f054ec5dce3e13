"""Exceptions any app may raise, for core's handlers to turn into answers."""

from django.core.exceptions import PermissionDenied


class RefusedWithReason(PermissionDenied):
    """A refusal whose message is written for the person refused and may be shown to them.

    It says what they must do and names nothing of anyone else's (the API shows it as the 403's
    detail). A plain ``PermissionDenied`` says nothing about the record, so its message is never shown.
    """
