"""What every app's JSON API endpoints share, with public names.

``views.ApiViewMixin`` (JSON in, throttles, plain errors), ``pagination.ApiPagination``, the error
handler (``errors.py``), the JSON parser (``parsers.py``), the rate limits (``throttling.py``),
shared serializer helpers (``fields.py``) and the answers every operation documents
(``openapi.py``). Each app's own endpoints live in its ``api.py``; the ``api`` app gathers their
routes and serves the OpenAPI document. Like the rest of core, nothing here imports another app:
signing in with an API token lives in ``accounts/api_auth.py``.
"""
