"""Benchmark: concurrent audited writes on PostgreSQL, without the audit trail, with it, and with the old global lock.

Run:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_audit_bench .venv/bin/python bench/audit_trail.py
      [--writes 200] [--connections 60] [--rounds 3]

It makes a throwaway test database next to the one named. Each write is one transaction in its own
thread's connection, all started together: an audited save of a place, then two reads in the same
transaction (as a request does before it commits). Four ways, side by side, the better of --rounds:

- without the trail: the model is not registered, so nothing is recorded;
- with the trail, as deployed (AUDIT_SEAL_AFTER_COMMIT=background): the entry is inserted and queued; after
  commit the writer wakes its process's sealer thread, which chains it;
- with the trail, sealed inline (AUDIT_SEAL_AFTER_COMMIT=inline): after commit the writer seals, unless
  another is sealing;
- the old way, emulated: each writer locks the chain head until it commits (what every audited write did
  before), then appends.

It prints writes per second for each, the ratio of the trail's throughput to none (goal: at least two
thirds) and the time from the last commit until every entry is sealed. PostgreSQL allows 100
connections by default, so the writes share --connections connections (each thread one connection,
each write its own transaction).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonweal.test_settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def old_append(*, instance, action, before, after, actor, reason):
    """As appending was before: lock the one head row, chain the entry, move the head; held until commit."""
    from django.utils import timezone

    from commonweal.core import audit, audit_chain
    from commonweal.core.models import AuditChainHead, AuditEntry

    head = AuditChainHead.objects.select_for_update().get(pk=1)  # held until the writer commits
    entry = AuditEntry.objects.create(
        at=timezone.now(),
        actor_id=None,
        actor_label=audit._actor_label(actor),
        action=action,
        model=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        before=before,
        after=after,
        reason=str(reason or ""),
    )
    audit_chain.unkeyed_hash(prev_hash=head.last_hash, entry=entry)
    # The old code moved the head here too; left as it is, so that the real chain stays whole.
    return entry


def run_writes(*, writes: int, threads: int, parent, label: str) -> tuple[float, float]:
    """Do ``writes`` transactions from ``threads`` threads at once; (seconds, moment of the last commit)."""
    from commonweal.places.models import Place

    last_commit = [0.0]
    lock = threading.Lock()
    shares = [writes // threads + (1 if n < writes % threads else 0) for n in range(threads)]

    def writer(number: int, count: int) -> None:
        connection.ensure_connection()
        barrier.wait()
        for item in range(count):
            with transaction.atomic():
                place = Place.objects.create(
                    name=f"{label} {number}-{item}",
                    slug=f"{label}-{number}-{item}",
                    kind=Place.Kind.WARD,
                    parent=parent,
                )
                Place.objects.filter(parent=parent).exists()
                Place.objects.filter(pk=place.pk).values_list("name", flat=True).first()
            with lock:
                last_commit[0] = max(last_commit[0], time.perf_counter())
        connections.close_all()

    workers = [threading.Thread(target=writer, args=(n, c)) for n, c in enumerate(shares) if c]
    barrier = threading.Barrier(len(workers) + 1)
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    return time.perf_counter() - started, last_commit[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=200)
    parser.add_argument("--connections", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from commonweal.core import audit
        from commonweal.core.models import AuditSeal, PendingSeal
        from commonweal.places.models import Place

        country = Place.objects.create(name="Benchland", slug="benchland", kind=Place.Kind.COUNTRY)
        parent = Place.objects.create(
            name="Bench Borough",
            slug="bench-borough",
            kind=Place.Kind.LOCAL_AUTHORITY,
            parent=country,
        )
        audit.seal(wait=True)
        new_append = audit._append
        results: dict[str, list[float]] = {"none": [], "background": [], "inline": [], "old": []}
        sealed_after: dict[str, list[float]] = {"background": [], "inline": []}
        for round_ in range(args.rounds):
            audit._registry.pop(Place, None)
            seconds, _last = run_writes(
                writes=args.writes, threads=args.connections, parent=parent, label=f"none{round_}"
            )
            results["none"].append(seconds)

            audit.register(Place)
            for mode in ("background", "inline"):
                settings.AUDIT_SEAL_AFTER_COMMIT = mode
                sealed_before = AuditSeal.objects.count()
                seconds, last_commit = run_writes(
                    writes=args.writes,
                    threads=args.connections,
                    parent=parent,
                    label=f"{mode}{round_}",
                )
                while PendingSeal.objects.exists():
                    time.sleep(0.001)
                sealed_after[mode].append(time.perf_counter() - last_commit)
                assert AuditSeal.objects.count() - sealed_before == args.writes, (
                    "an entry was left unsealed"
                )
                results[mode].append(seconds)

            audit._append = old_append
            try:
                seconds, _last = run_writes(
                    writes=args.writes,
                    threads=args.connections,
                    parent=parent,
                    label=f"old{round_}",
                )
            finally:
                audit._append = new_append
            results["old"].append(seconds)
        report = audit.verify_chain()
    finally:
        import atexit

        from commonweal.core import audit_chain

        atexit.unregister(audit_chain._seal_before_exit)  # the database goes with this run
        audit_chain.release_sealer_connection()
        connections.close_all()
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)

    best = {name: min(times) for name, times in results.items()}
    rate = {name: args.writes / seconds for name, seconds in best.items()}
    print(
        f"{args.writes} audited writes on PostgreSQL from {args.connections} connections at once, "
        f"better of {args.rounds} rounds"
    )
    print(f"{'':44} {'seconds':>8} {'writes/s':>9} {'vs none':>8} {'all sealed after':>17}")
    for name, words in (
        ("none", "without the trail"),
        ("background", "trail, sealed by the process's sealer thread"),
        ("inline", "trail, sealed by each writer after commit"),
        ("old", "old way (head locked until commit)"),
    ):
        sealed = (
            f"{statistics.median(sealed_after[name]) * 1000:.0f} ms (worst {max(sealed_after[name]) * 1000:.0f})"
            if name in sealed_after
            else ""
        )
        print(
            f"{words:44} {best[name]:8.3f} {rate[name]:9.0f} {rate[name] / rate['none']:8.2f} {sealed:>17}"
        )
    print(
        f"Trail throughput against none: {rate['background'] / rate['none']:.2f} (goal: at least 0.67; "
        f"{rate['inline'] / rate['none']:.2f} sealing inline); against the old way: "
        f"{rate['background'] / rate['old']:.1f}x"
    )
    print("'all sealed after': from the last commit until no entry waits (median of the rounds).")
    print(
        f"Chain verified afterwards: {'intact' if report.intact else report.problem}, {report.checked} entries."
    )


if __name__ == "__main__":
    main()
