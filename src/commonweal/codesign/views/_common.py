"""Small helpers the co-design views share."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from commonweal.codesign import permissions, selectors
from commonweal.codesign.models import Session


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


def posted(request):
    """The submitted data on a POST, None otherwise, so an empty POST still shows its errors."""
    return request.POST if request.method == "POST" else None


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
