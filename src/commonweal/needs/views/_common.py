"""Small helpers the needs views share."""

from django.http import Http404

from commonweal.core.viewtools import add_service_errors, posted, require  # noqa: F401 (shared by the views)
from commonweal.needs import selectors
from commonweal.needs.models import Need


def need_or_404(pk: int) -> Need:
    need = selectors.need_get(pk)
    if need is None:
        raise Http404
    return need
