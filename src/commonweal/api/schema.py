"""The OpenAPI document: how API tokens and sessions appear in it, and the document itself.

The document depends only on the code and the settings, so each process builds it once (per language),
on first use, and keeps it with its rendered bytes and their ETag; changing a setting (as tests do)
forgets it.

The answers every operation can give, and the schema class that adds them to each operation, are in
core/api/openapi.py; each app's api.py describes its own operations.
"""

import hashlib
import threading
from dataclasses import dataclass

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import get_language
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


def build_api_schema() -> dict:
    """The OpenAPI 3 document for every endpoint under /api/, as a dict, built anew (slow: tens of ms)."""
    return SchemaGenerator().get_schema(request=None, public=True)


@dataclass(frozen=True)
class RenderedSchema:
    body: bytes
    etag: str  # strong: a digest of the bytes and their media type, quoted


_lock = threading.Lock()
_documents: dict[str | None, dict] = {}
_rendered: dict[tuple[str | None, str], RenderedSchema] = {}


def api_schema() -> dict:
    """The OpenAPI 3 document, built on first use in this process (for the active language) and kept.
    Read it, never change it: every caller shares it."""
    language = get_language()
    document = _documents.get(language)
    if document is None:
        with _lock:
            document = _documents.get(language)
            if document is None:
                document = _documents[language] = build_api_schema()
    return document


def rendered_api_schema(renderer) -> RenderedSchema:
    """The document as ``renderer`` writes it (its own media type, its default indent), kept like the
    document itself, with a strong ETag."""
    key = (get_language(), renderer.media_type)
    rendered = _rendered.get(key)
    if rendered is None:
        body = renderer.render(api_schema(), renderer.media_type, {})
        digest = hashlib.sha256(renderer.media_type.encode() + b"\0" + body).hexdigest()
        rendered = RenderedSchema(body=body, etag=f'"{digest[:32]}"')
        with _lock:
            _rendered.setdefault(key, rendered)
    return _rendered[key]


@receiver(setting_changed)
def _forget_built_schema(**kwargs) -> None:
    """A changed setting may change the document: build it again when next asked."""
    with _lock:
        _documents.clear()
        _rendered.clear()
