"""Benchmark: a city's community budget results page and its Pabulib file, worked out in the request
(as before) against stored once by the counting task (as now).

Run:  .venv/bin/python bench/results_page.py [--file ../shared/data/pabulib/Poland_Warszawa_2026.pb]
      [--repeat 3]

It makes a throwaway test database (SQLite in memory by default; with DATABASE_URL, a test database
next to the one named), imports the file as a round, counts it (by the file's rule, or --rule greedy or
mes; equal shares with completion add1) and publishes it. Then, each the better of --repeat runs, by CPU time and wall time:

- the results page as a visitor got it before whenever the shared cache had lost the explanation
  (the count replayed in the request), against the page reading the explanation stored on the count;
- the ``round.pb`` download as before (the file written on every download), against the stored file,
  and against a download answered 304 by its ETag.
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

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "shared/data/pabulib/Poland_Warszawa_2026.pb"


def best_of(repeat: int, setup, work) -> tuple[float, float]:
    """The lowest CPU and wall seconds of ``work`` over ``repeat`` runs, ``setup`` untimed before each."""
    cpu, wall = float("inf"), float("inf")
    for _ in range(repeat):
        setup()
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        work()
        cpu = min(cpu, time.process_time() - started_cpu)
        wall = min(wall, time.perf_counter() - started_wall)
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--rule",
        choices=["file", "greedy", "mes"],
        default="file",
        help="the file's own by default",
    )
    args = parser.parse_args()
    if not args.file.exists():
        sys.exit(f"No file at {args.file}: give one with --file.")

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.test import Client
        from django.urls import reverse

        from commonweal.participation import exchange, results, services_counting
        from commonweal.participation.models import BudgetRound, Count, RoundExport
        from commonweal.testing.factories import LocalAuthorityFactory, UserFactory

        place = LocalAuthorityFactory(name="Bench city")
        staff = UserFactory(full_name="Bench officer", is_staff=True)

        started = time.perf_counter()
        round_ = exchange.round_import(actor=staff, place=place, text=args.file.read_text())
        import_seconds = time.perf_counter() - started
        BudgetRound.objects.filter(pk=round_.pk).update(status=BudgetRound.Status.CLOSED)
        round_.refresh_from_db()
        rule = round_.rule if args.rule == "file" else args.rule
        started = time.perf_counter()
        count = services_counting.round_count(
            round_=round_,
            actor=staff,
            rule=rule,
            completion="none" if rule == "greedy" else "add1",
        )
        count_seconds = time.perf_counter() - started
        services_counting.round_publish(round_=round_, actor=staff)
        round_.refresh_from_db()
        stored = Count.objects.get(pk=count.pk).explanation

        client = Client()
        page = reverse("participation:results", kwargs={"pk": round_.pk})
        download = reverse("participation:export", kwargs={"pk": round_.pk})

        def get(path, **headers):
            response = client.get(path, **headers)
            assert response.status_code in (200, 304), (path, response.status_code)
            return response

        def replay_in_request() -> None:  # the old page on a cache miss: replay, then show
            results.explain_count(round_, Count.objects.get(pk=count.pk))
            get(page)

        def forget_words() -> None:
            Count.objects.filter(pk=count.pk).update(explanation=None)

        def keep_words() -> None:
            Count.objects.filter(pk=count.pk).update(explanation=stored)

        page_before = best_of(args.repeat, forget_words, replay_in_request)
        page_after = best_of(args.repeat, keep_words, lambda: get(page))

        def old_download() -> None:  # the old view: the file written on every download
            exchange.round_export(round_).encode()

        export_before = best_of(args.repeat, lambda: None, old_download)
        get(download)
        export_after = best_of(args.repeat, lambda: None, lambda: get(download))
        etag = get(download)["ETag"]
        export_304 = best_of(
            args.repeat, lambda: None, lambda: get(download, HTTP_IF_NONE_MATCH=etag)
        )
        size = len(RoundExport.objects.get(round=round_).text.encode())
        ballots = round_.ballots.count()
        projects = round_.projects.count()
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)

    print(
        f"{args.file.name}: {projects:,} projects, {ballots:,} ballots, {connection.vendor}; "
        f"import {import_seconds:.1f} s; count ({rule}) with its explanation, now in the "
        f"counting task: {count_seconds:.1f} s; round.pb {size / 1e6:.1f} MB"
    )
    print(
        f"{'':<26} {'before CPU':>10} {'after CPU':>10} {'before wall':>12} {'after wall':>11} {'ratio':>8}"
    )
    rows = [
        ("results page", page_before, page_after),
        ("round.pb download", export_before, export_after),
        ("round.pb, ETag sent (304)", export_before, export_304),
    ]
    for name, before, after in rows:
        print(
            f"{name:<26} {before[0]:>9.3f}s {after[0]:>9.3f}s {before[1]:>11.3f}s "
            f"{after[1]:>10.3f}s {before[1] / after[1]:>7.0f}x"
        )


if __name__ == "__main__":
    main()
