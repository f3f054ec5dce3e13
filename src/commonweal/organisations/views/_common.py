"""Small helpers the organisation views share."""

from django.http import Http404

from commonweal.core.viewtools import add_service_errors, posted, require  # noqa: F401 (shared by the views)
from commonweal.organisations import selectors
from commonweal.organisations.models import Organisation


def organisation_or_404(slug: str) -> Organisation:
    organisation = selectors.organisation_get(slug)
    if organisation is None:
        raise Http404
    return organisation
