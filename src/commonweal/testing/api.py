"""Fixtures for calling the JSON API as a person with a token, or as nobody.

Any app's API tests use them: ``from commonweal.testing.api import api, token_for  # noqa: F401``.
"""

import json

import pytest

from commonweal.accounts.tokens import api_token_create


@pytest.fixture
def token_for():
    """A fresh API token key for a person."""

    def _token_for(user) -> str:
        _token, key = api_token_create(user=user, name="Tests")
        return key

    return _token_for


@pytest.fixture
def api(client):
    """Call the API with the test client, optionally with a token, sending JSON."""

    class Api:
        def __init__(self):
            self.client = client

        @staticmethod
        def _headers(token):
            return {"Authorization": f"Bearer {token}"} if token else {}

        def get(self, url, params=None, *, token=None):
            return client.get(url, params or {}, headers=self._headers(token))

        def patch(self, url, data, *, token=None):
            return client.patch(
                url, json.dumps(data), content_type="application/json", headers=self._headers(token)
            )

        def post(self, url, data, *, token=None):
            return client.post(
                url, json.dumps(data), content_type="application/json", headers=self._headers(token)
            )

        def delete(self, url, *, token=None):
            return client.delete(url, headers=self._headers(token))

        def put(self, url, data, *, token=None):
            return client.put(
                url, json.dumps(data), content_type="application/json", headers=self._headers(token)
            )

    return Api()
