"""The OpenAPI document: how API tokens and sessions appear in it, and the document itself.

The answers every operation can give, and the schema class that adds them to each operation, are in
core/api/openapi.py; each app's api.py describes its own operations.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "commonweal.accounts.api_auth.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _(
                    "A personal API token, made on your account settings page. "
                    "Send it as: Authorization: Bearer <token>"
                )
            ),
        }


class TwoFactorSessionScheme(SessionScheme):
    """The browser session, documented as drf-spectacular documents Django REST framework's own."""

    target_class = "commonweal.accounts.api_auth.TwoFactorSessionAuthentication"


def api_schema() -> dict:
    """The OpenAPI 3 document for every endpoint under /api/, as a dict."""
    return SchemaGenerator().get_schema(request=None, public=True)
