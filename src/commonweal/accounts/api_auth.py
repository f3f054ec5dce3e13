"""How the API knows who is calling: a personal API token, sent as ``Authorization: Bearer <key>``
(or ``Token <key>``), or a browser session that has passed its second factor.

Settings name both in REST_FRAMEWORK's DEFAULT_AUTHENTICATION_CLASSES; the OpenAPI document
describes them (api/schema.py).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import HTTP_HEADER_ENCODING, exceptions
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    get_authorization_header,
)

from commonweal.accounts.middleware import SECOND_FACTOR_NEEDED
from commonweal.accounts.permissions import lacks_second_factor
from commonweal.accounts.tokens import KEYWORDS, api_token_find
from commonweal.core import audit


class ApiTokenAuthentication(BaseAuthentication):
    """A person's API token. The token is the credential: no second factor is asked for."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if (
            not parts
            or parts[0].lower().decode(HTTP_HEADER_ENCODING, errors="replace") not in KEYWORDS
        ):
            return None  # some other way of signing in, or none
        if len(parts) == 1:
            raise exceptions.AuthenticationFailed(_("Put your API token after the word Bearer."))
        if len(parts) > 2:
            raise exceptions.AuthenticationFailed(
                _("An API token has no spaces in it. Send only the token after Bearer.")
            )
        try:
            key = parts[1].decode(HTTP_HEADER_ENCODING)
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("This API token is not valid.")) from None
        token = api_token_find(key)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _(
                    "This API token is not valid. It may have been revoked. Make a new one on your account settings page."
                )
            )
        # Changes made through the API are recorded against the token's owner.
        audit.set_actor(token.user)
        # request.auth is the token itself: the throttle reads its own rate, if the back office set one.
        return token.user, token

    def authenticate_header(self, request) -> str:
        return "Bearer"


class TwoFactorSessionAuthentication(SessionAuthentication):
    """A browser session, only once it has passed the second factor the person's account needs.

    Whatever other headers the request carries: a session signed in with a password alone is refused
    rather than treated as the person.
    """

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and lacks_second_factor(result[0]):
            raise exceptions.AuthenticationFailed(SECOND_FACTOR_NEEDED)
        return result
