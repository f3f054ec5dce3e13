"""Fixtures shared by the whole suite.

The shared test world (commonweal/testing/place_world.py: Riverside, its ward and council, and the
people in them) and the API callers (commonweal/testing/api.py: api, token_for) are registered
here once, so every test asks for their fixtures by name and no app's conftest imports them.
"""

import pytest
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django_otp import DEVICE_ID_SESSION_KEY

from commonweal.testing.factories import confirmed_totp_device


def _flush_may_empty_the_audit_trail(sender, connection, **kwargs):
    """The suite empties every table between transactional tests; on PostgreSQL the trail refuses TRUNCATE unless told."""
    if connection.vendor == "postgresql":
        from commonweal.core.audit_chain import TRUNCATE_ALLOWED

        with connection.cursor() as cursor:
            cursor.execute(TRUNCATE_ALLOWED)


connection_created.connect(_flush_may_empty_the_audit_trail, dispatch_uid="audit_truncate_in_tests")


def _seed_the_vocabulary_again_after_a_flush(sender, using, **kwargs):
    """Put the needs vocabulary back when a transactional test has emptied every table.

    The vocabulary is seeded by a data migration, so only the migrated database holds it. A
    transactional test (transaction=True) ends by flushing every table; with the workers stealing
    tests from each other (make test: --dist worksteal), any test may run after one on the same
    database. Flushing sends post_migrate, as contenttypes relies on, so the seed runs again here.
    """
    if sender.label != "needs" or using != "default":
        return
    from importlib import import_module

    from django.db import connections
    from django.utils.text import slugify

    from commonweal.needs.models import Term

    # A migration test flushes a database it has taken back to an older schema: leave that alone
    # (it migrates forward again, and the data migration seeds the vocabulary then).
    introspection = connections[using].introspection
    if not set(introspection.django_table_names()) <= set(introspection.table_names()):
        return
    if Term.objects.using(using).exists():
        return
    # As the data migration leaves it, and nothing more: bulk_create sends no signals, so nothing
    # is written to the audit trail or the page stamps (a migration test that follows takes the
    # schema back, and would trip over entries the migrated database never had).
    seeded = import_module("commonweal.needs.migrations.0003_seed_vocabulary").VOCABULARIES
    Term.objects.using(using).bulk_create(
        Term(vocabulary=vocabulary, slug=slugify(name), name=name, position=position)
        for vocabulary, names in seeded.items()
        for position, name in enumerate(names, start=1)
    )


post_migrate.connect(
    _seed_the_vocabulary_again_after_a_flush, dispatch_uid="vocabulary_after_flush"
)

pytest_plugins = ["commonweal.testing.place_world", "commonweal.testing.api"]


@pytest.fixture
def sign_in(client):
    """Sign a person in to the test client, with a second factor when their roles need one."""

    def _sign_in(user, *, verified: bool = True):
        client.force_login(user)
        if verified and user.needs_two_factor:
            device = confirmed_totp_device(user)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    return _sign_in


@pytest.fixture(autouse=True)
def _empty_pages_cache():
    """Each test starts with empty page caches: the stamps they were kept under roll back with the data."""
    from django.core.cache import caches

    caches["pages"].clear()
    caches["responses"].clear()
