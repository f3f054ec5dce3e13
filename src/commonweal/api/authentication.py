"""Personal API tokens, sent as ``Authorization: Bearer <key>`` (or ``Token <key>``)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import HTTP_HEADER_ENCODING, exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from commonweal.accounts.tokens import api_token_user
from commonweal.core import audit

KEYWORDS = ("bearer", "token")


class ApiTokenAuthentication(BaseAuthentication):
    """A person's API token. The token is the credential: no second factor is asked for."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower().decode(HTTP_HEADER_ENCODING, errors="replace") not in KEYWORDS:
            return None  # some other way of signing in, or none
        if len(parts) == 1:
            raise exceptions.AuthenticationFailed(_("Put your API token after the word Bearer."))
        if len(parts) > 2:
            raise exceptions.AuthenticationFailed(_("An API token has no spaces in it. Send only the token after Bearer."))
        try:
            key = parts[1].decode(HTTP_HEADER_ENCODING)
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("This API token is not valid.")) from None
        user = api_token_user(key)
        if user is None:
            raise exceptions.AuthenticationFailed(
                _("This API token is not valid. It may have been revoked. Make a new one on your account settings page.")
            )
        # Changes made through the API are recorded against the token's owner.
        audit.set_actor(user)
        return user, key

    def authenticate_header(self, request) -> str:
        return "Bearer"
