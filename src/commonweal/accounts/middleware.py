"""Two-factor authentication for staff roles, enforced on every page."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commonweal.accounts import permissions, selectors, tokens

SECOND_FACTOR_NEEDED = _(
    "Your account needs two-factor authentication. Sign in with your code, or use an API token."
)


class RequireTwoFactorForStaffMiddleware:
    """A person holding a staff role must confirm a code from their authenticator app before going on.

    So must anybody who has chosen to set up an authenticator app.

    They can still reach the pages that set up or check the second factor, and sign out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        # Nobody signed in has a second factor to lack: such a request (most of the traffic) skips
        # the exempt pages' reversing too.
        if (
            user.is_authenticated
            and not self._exempt(request)
            and permissions.lacks_second_factor(user)
        ):
            if request.path.startswith("/api/") and request.path != reverse("api:docs"):
                return JsonResponse({"detail": str(SECOND_FACTOR_NEEDED)}, status=403)
            has_device = selectors.has_two_factor(user)
            target = "accounts:two-factor-verify" if has_device else "accounts:two-factor-setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _exempt(request) -> bool:
        path = request.path
        # An API call with a token is judged by the token alone (api/authentication.py); any other
        # Authorization header (Basic, garbage) leaves the session as the credential, so the session
        # must have passed the second factor.
        if path.startswith("/api/") and tokens.bears_token(request):
            return True
        exempt = (
            reverse("accounts:two-factor-setup"),
            reverse("accounts:two-factor-verify"),
            reverse("accounts:sign-out"),
        )
        return path in exempt or path.startswith("/static/")
