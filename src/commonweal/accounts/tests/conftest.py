"""Fixtures for the accounts tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_sign_in_counts():
    # Failed sign-in counts live in the cache, which outlives a test's database.
    cache.clear()
    yield
    cache.clear()
