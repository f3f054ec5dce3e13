"""Who may do what through the API, per object. The rules themselves live in each app's permissions."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from commonweal.organisations import permissions as organisation_permissions


class MayChangeOrganisation(BasePermission):
    """Anyone may read an organisation; only its administrators and the back office may change it."""

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return organisation_permissions.can_edit(request.user, obj)


class MayViewPrivate(BasePermission):
    """The organisation's members, the back office and staff of verified public bodies working where it works."""

    def has_object_permission(self, request, view, obj) -> bool:
        return organisation_permissions.can_view_private(request.user, obj)
