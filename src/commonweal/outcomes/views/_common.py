"""Small helpers the outcomes views share."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from commonweal.core.viewtools import add_service_errors, posted, require  # noqa: F401
from commonweal.outcomes import permissions, selectors


def framework_or_404(slug: str, *, owner: bool = True):
    framework = selectors.framework_get(slug, owner=owner)
    if framework is None:
        raise Http404
    return framework


def version_or_404(framework, number: int):
    version = selectors.version_get(framework, number)
    if version is None:
        raise Http404
    return version


def viewable_version(request, slug: str, number: int):
    """The framework and version, 404 if unknown, 403 if it is a draft this person may not see."""
    framework = framework_or_404(slug)
    version = version_or_404(framework, number)
    if not permissions.can_view_version(request.user, version):
        raise PermissionDenied
    return framework, version


def managed_draft(request, slug: str, number: int):
    """The framework and a draft version this person manages; published versions are never edited."""
    framework = framework_or_404(slug)
    require(permissions.can_manage(request.user, framework))
    version = version_or_404(framework, number)
    if version.status != version.Status.DRAFT:
        raise Http404
    return framework, version
