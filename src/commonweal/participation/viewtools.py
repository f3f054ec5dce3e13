"""Small helpers the budgeting views share."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from commonweal.participation import permissions, selectors
from commonweal.participation.models import BudgetRound


def round_or_404(user, pk: int) -> BudgetRound:
    round_ = selectors.round_get(pk)
    if round_ is None:
        raise Http404
    require(permissions.can_view(user, round_))
    return round_


def managed_round_or_404(user, pk: int) -> BudgetRound:
    round_ = round_or_404(user, pk)
    require(permissions.can_manage(user, round_))
    return round_


def require(allowed: bool) -> None:
    """Refuse with a 403 that says nothing about the round."""
    if not allowed:
        raise PermissionDenied


def posted(request):
    return request.POST if request.method == "POST" else None


def add_service_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
