"""Two-factor authentication for staff roles, enforced on every page."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class RequireTwoFactorForStaffMiddleware:
    """A person holding a staff role must confirm a code from their authenticator app before going on.

    So must anybody who has chosen to set up an authenticator app.

    They can still reach the pages that set up or check the second factor, and sign out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not self._exempt(request.path)
            # An API call with a token is judged by the token, not by a browser session beside it.
            and not (request.path.startswith("/api/") and "HTTP_AUTHORIZATION" in request.META)
        ):
            has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            # Staff roles must use a second factor; anybody who has turned one on is held to it too.
            if has_device or user.needs_two_factor:
                if request.path.startswith("/api/") and request.path != reverse("api:docs"):
                    return JsonResponse(
                        {"detail": _("Your account needs two-factor authentication. Sign in with your code, or use an API token.")},
                        status=403,
                    )
                target = "accounts:two-factor-verify" if has_device else "accounts:two-factor-setup"
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        exempt = (
            reverse("accounts:two-factor-setup"),
            reverse("accounts:two-factor-verify"),
            reverse("accounts:sign-out"),
        )
        return path in exempt or path.startswith("/static/")
