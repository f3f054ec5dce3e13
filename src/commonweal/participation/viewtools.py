"""Small helpers the budgeting views share: a round by id, seen or managed by this person.

The helpers every app's views share (``posted``, ``require``, ``add_service_errors``) are
core's (``core/viewtools.py``); they are imported here so the budgeting views find them together.
"""

from django.http import Http404

from commonweal.core.viewtools import add_service_errors, posted, require  # noqa: F401
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
