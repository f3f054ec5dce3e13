"""One pool import per panel at a time, even when several files are uploaded at the same moment.

Runs on PostgreSQL only: SQLite lets one writer in at a time, so it cannot show the race.
"""

import threading
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from commonweal.panels import pool_imports
from commonweal.panels.models import PoolImport
from commonweal.panels.tests.helpers import make_panel, pool_csv, pool_rows

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="needs PostgreSQL: SQLite lets only one writer in at a time, so there is no race",
    ),
]


def test_files_uploaded_at_once_for_one_panel_start_one_import(monkeypatch):
    panel, staff = make_panel(pool=12)
    # No worker picks the import up, so it stays under way while the others try to start.
    monkeypatch.setattr(
        pool_imports, "pool_import_execute", lambda *, import_id: SimpleNamespace(status="queued")
    )
    uploads = 6
    start = threading.Barrier(uploads)
    started, refused, errors = [], [], []

    def upload(number):
        try:
            start.wait()
            pool_imports.pool_import_start(
                actor=staff,
                panel=panel,
                file_name=f"pool-{number}.csv",
                data=pool_csv(pool_rows(10 + number)),
            )
            started.append(number)
        except ValidationError as error:
            refused.append(error.messages)
        except Exception as error:  # reported below, so a thread's failure fails the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=(number,)) for number in range(uploads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(started) == 1 and PoolImport.objects.filter(panel=panel).count() == 1
    assert len(refused) == uploads - 1
    assert all("already under way" in messages[0] for messages in refused)
