"""The demo place, loaded once per test module rather than once per test.

Loading Riverside takes seconds (hundreds of people, organisations, needs, ballots and a panel);
most demo tests only read it. ``demo_place`` loads it once for the module, inside a transaction
that is rolled back when the module's last test has run, so no other module ever sees it. Each
test still runs in its own transaction inside that one (pytest-django's ``db``), rolled back
after it: a test that changes, reloads or resets the demo leaves the next test the demo as
loaded. A module whose tests need an empty database must not ask for ``demo_place``.
"""

import pytest
from django.db import transaction

from commonweal.demo import services
from commonweal.places.models import Place


@pytest.fixture(scope="module")
def _demo_loaded_for_the_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            services.demo_load()
            yield
        finally:
            transaction.set_rollback(True)


@pytest.fixture
def demo_place(_demo_loaded_for_the_module, db) -> Place:
    """Riverside, the demo place (loaded once for the module; each test's changes rolled back)."""
    return Place.objects.get(slug="riverside")
