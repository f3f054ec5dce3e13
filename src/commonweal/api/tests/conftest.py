"""The API tests' fixtures: the shared ones for calling the API (commonweal/testing/api.py)."""

from commonweal.testing.api import api, token_for  # noqa: F401 (fixtures)
