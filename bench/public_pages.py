"""Benchmark: the heavy public pages built on every request (cold) against their public part kept in
the pages cache (core/pagecache.py), side by side in one run.

Run:  .venv/bin/python bench/public_pages.py [--scale 10] [--repeat 50]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_bench .venv/bin/python bench/public_pages.py

It makes a throwaway test database (SQLite in memory by default; with DATABASE_URL, a test database
next to the one named), loads the Riverside demo (grown N-fold with --scale), and asks each page as a
visitor through Django's test client --repeat times: the needs summary; each published outcomes
framework's page, its latest published version's page, its JSON and CSV files and the API's
framework; and the published priority round with the most ballots. Each cold (the pages cache
emptied before each request, so the page is built as it was before the cache) and cached (after one
view). It prints the CPU milliseconds a request (the median, steadier than wall time on a shared
machine), the wall milliseconds, the queries a request and the ratio of CPU times, cold over cached.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonweal.test_settings")
os.environ["COMMONWEAL_DEMO"] = "true"

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def measure(client, url: str, repeat: int, *, cold: bool) -> tuple[float, float, int, int]:
    """Median CPU and wall milliseconds, queries and bytes of one request."""
    from django.core.cache import caches

    pages = caches["pages"]
    pages.clear()
    client.get(url)  # warm Python's own caches (templates, URL resolvers) either way
    cpu, wall = [], []
    for _ in range(repeat):
        if cold:
            pages.clear()
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        response = client.get(url)
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started_wall)
        assert response.status_code == 200, (url, response.status_code)
    if cold:
        pages.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return (
        statistics.median(cpu) * 1000,
        statistics.median(wall) * 1000,
        len(queries.captured_queries),
        len(response.content),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--scale", type=int, default=0, help="grow the demo N-fold first")
    args = parser.parse_args()

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.core.management import call_command
        from django.db.models import Count
        from django.test import Client

        from commonweal.outcomes.models import Framework
        from commonweal.priorities.models import PriorityRound

        started = time.perf_counter()
        options = {"scale": args.scale} if args.scale else {}
        call_command("demo", verbosity=0, **options)
        print(
            f"Demo loaded{f' at {args.scale}x' if args.scale else ''} in "
            f"{time.perf_counter() - started:.0f} s ({connection.vendor})."
        )

        urls = ["/needs/summary/"]
        for framework in Framework.objects.order_by("slug"):
            version = framework.versions.filter(status="published").order_by("-number").first()
            if version is None:
                continue
            base = f"/outcomes/{framework.slug}/"
            urls += [
                base,
                f"{base}versions/{version.number}/",
                f"{base}versions/{version.number}/export.json",
                f"{base}versions/{version.number}/export.csv",
                f"/api/frameworks/{framework.slug}/",
            ]
        biggest = (
            PriorityRound.objects.filter(status="published")
            .annotate(ballot_count=Count("ballots"))
            .order_by("-ballot_count", "pk")
            .first()
        )
        if biggest is not None:
            urls.append(f"/priorities/{biggest.pk}/")
        client = Client()
        header = (
            f"{'page':<58} {'cold CPU':>9} {'cached':>8} {'ratio':>6}"
            f" {'cold wall':>10} {'cached':>8} {'queries':>9} {'KB':>6}"
        )
        print(f"\n{args.repeat} requests each, milliseconds a request (median)\n")
        print(header)
        print("-" * len(header))
        for url in urls:
            cold = measure(client, url, args.repeat, cold=True)
            warm = measure(client, url, args.repeat, cold=False)
            print(
                f"{url:<58} {cold[0]:>9.2f} {warm[0]:>8.2f} {cold[0] / warm[0]:>5.1f}x"
                f" {cold[1]:>10.2f} {warm[1]:>8.2f} {f'{cold[2]} / {warm[2]}':>9}"
                f" {warm[3] / 1024:>6.0f}"
            )
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
