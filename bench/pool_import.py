"""Benchmark: importing a citizens' panel pool, the old way (a save and an audit entry per person) against
the new one (one bulk write and one audit entry with a digest).

Run:  .venv/bin/python bench/pool_import.py [--people 4000] [--repeat 2]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_bench .venv/bin/python bench/pool_import.py

It makes a throwaway test database (SQLite in memory by default; with DATABASE_URL, a test database
next to the one named), a panel with two features, and a generated pool file. Reading and checking the
file is the same for both ways and is timed once; each way's write is timed on its own, the better of
--repeat runs, into an empty pool. It prints both times, the rows per second and the ratio.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonweal.test_settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def per_row_write(*, actor, panel, people) -> None:
    """The import as it was: each person saved, and so audited, one by one."""
    from commonweal.core import audit
    from commonweal.panels.models import Volunteer

    with (
        transaction.atomic(),
        audit.audit_context(actor=actor, reason="Imported the pool (per row)"),
    ):
        panel.pool.all().delete()
        for number, person in enumerate(people, start=1):
            Volunteer.objects.create(
                panel=panel,
                number=number,
                name=person["name"],
                email=person["email"],
                household=person["household"],
                values=person["values"],
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from commonweal.core.models import AuditEntry
        from commonweal.panels import imports, services
        from commonweal.panels.tests.helpers import make_panel, pool_csv, pool_rows

        panel, staff = make_panel(pool=None)
        data = pool_csv(pool_rows(args.people))
        started = time.perf_counter()
        people = imports.read_pool(panel, data)
        read_seconds = time.perf_counter() - started

        def timed(write) -> tuple[float, int]:
            best, entries = float("inf"), 0
            for _ in range(args.repeat):
                panel.pool.all().delete()
                panel.refresh_from_db()
                before = AuditEntry.objects.count()
                started = time.perf_counter()
                write()
                best = min(best, time.perf_counter() - started)
                entries = AuditEntry.objects.count() - before
            return best, entries

        old_seconds, old_entries = timed(
            lambda: per_row_write(actor=staff, panel=panel, people=people)
        )
        new_seconds, new_entries = timed(
            lambda: services.pool_replace(actor=staff, panel=panel, people=people)
        )
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)

    print(
        f"Pool import, {args.people:,} people, {connection.vendor}; reading and checking the file: "
        f"{read_seconds:.2f} s ({args.people / read_seconds:,.0f} rows/s)"
    )
    print(f"{'write':<34} {'seconds':>8} {'rows/s':>10} {'audit entries':>14}")
    print(
        f"{'per row (save + entry each)':<34} {old_seconds:>8.2f} {args.people / old_seconds:>10,.0f} "
        f"{old_entries:>14,}"
    )
    print(
        f"{'bulk (one write, one entry)':<34} {new_seconds:>8.2f} {args.people / new_seconds:>10,.0f} "
        f"{new_entries:>14,}"
    )
    print(f"The bulk write is {old_seconds / new_seconds:.1f}x faster.")


if __name__ == "__main__":
    main()
