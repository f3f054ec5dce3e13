"""Small helpers the co-design views share."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from commonweal.codesign import permissions, selectors
from commonweal.codesign.models import Session
from commonweal.core.viewtools import add_service_errors, posted, require  # noqa: F401 (shared by the views)


def session_or_404(pk: int) -> Session:
    session = selectors.session_get(pk)
    if session is None:
        raise Http404
    return session


def managed_session_or_403(request, pk: int) -> Session:
    """The session, if the person may run it; 404 if unknown, 403 (saying nothing) if not theirs."""
    session = session_or_404(pk)
    if not permissions.can_manage(request.user, session):
        raise PermissionDenied
    return session
