"""Benchmark: our sortition engine against sortition-algorithms on generated pools.

Run:  .venv/bin/python bench/sortition.py [--quick] [--skip-library] [--time-limit SECONDS]

Pools are generated with a fixed seed, so runs compare. A population is drawn with
census-like shares for five features (age band, sex, ethnicity, ward, housing tenure); the
pool is drawn from it with realistic volunteer skew (older people, women and owner-occupiers
answer invitations more often). Quotas come from the population shares: floor and ceiling of
share x seats, widened by one.

For each pool size (400 / 20, 1,000 / 40, 2,000 / 60 and a national assembly's 2,000 / 110;
with --quick 150 / 12 and 400 / 20; --only 2000/110 for one) it prints sortition-algorithms'
maximin and ours side by side (seconds, lowest selection probability, speed ratio), then our
maximin and our leximin side by side: the time limit asked, the time taken and its ratio to
the limit, the process's CPU seconds (compare those when the machine is shared), stages completed, whether refinement finished, and each one's lowest selection
probability. Targets: our maximin at least 5x faster, the same lowest probability to 1e-6,
full leximin on 400 / 20 in under 60 s and on 2,000 / 110 in under 2 minutes, and a run
never more than a few seconds over its limit.
"""

from __future__ import annotations

import argparse
import logging
import math
import multiprocessing
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from commonweal.panels.sortition import Person, Quota, check_panel, find_distribution

SEED = 20240601

# Census-like population shares (England-like, rounded) and how much more or less likely
# each group is to volunteer (relative propensity).
FEATURES: dict[str, dict[str, tuple[float, float]]] = {
    "age band": {
        "16-29": (0.21, 0.55),
        "30-44": (0.25, 0.85),
        "45-59": (0.25, 1.1),
        "60-74": (0.18, 1.5),
        "75+": (0.11, 1.2),
    },
    "sex": {"Female": (0.51, 1.25), "Male": (0.49, 0.8)},
    "ethnicity": {
        "White": (0.81, 1.05),
        "Asian": (0.096, 0.8),
        "Black": (0.042, 0.75),
        "Mixed": (0.03, 0.9),
        "Other": (0.022, 0.7),
    },
    "ward": {
        "Dockside": (0.2, 0.8),
        "Riverside": (0.18, 1.1),
        "Old Town": (0.17, 1.2),
        "Northfield": (0.16, 0.9),
        "Hillcrest": (0.15, 1.15),
        "Marshes": (0.14, 0.85),
    },
    "housing tenure": {
        "Owner-occupier": (0.62, 1.35),
        "Social renter": (0.17, 0.7),
        "Private renter": (0.21, 0.6),
    },
}


def make_pool(n: int, rng: random.Random) -> list[Person]:
    """n volunteers: people drawn from the population, kept with probability by propensity."""
    people: list[Person] = []
    top = math.prod(max(p for _, p in values.values()) for values in FEATURES.values())
    while len(people) < n:
        features, propensity = {}, 1.0
        for feature, values in FEATURES.items():
            names = list(values)
            value = rng.choices(names, weights=[values[v][0] for v in names])[0]
            features[feature] = value
            propensity *= values[value][1]
        if rng.random() < propensity / top * 4:
            people.append(Person(id=f"v{len(people) + 1:05d}", features=features))
    return people


def make_quotas(size: int) -> list[Quota]:
    """Floor and ceiling of population share x seats, widened by one."""
    quotas = []
    for feature, values in FEATURES.items():
        for value, (share, _) in values.items():
            target = share * size
            quotas.append(
                Quota(feature, value, max(0, math.floor(target) - 1), math.ceil(target) + 1)
            )
    return quotas


def run(people, quotas, size, method, time_limit):
    """The distribution, wall seconds and this process's CPU seconds for one call."""
    started, cpu = time.perf_counter(), time.process_time()
    d = find_distribution(people, quotas, size, method=method, time_limit=time_limit)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    bad = sum(1 for panel in d.panels if check_panel(panel, people, quotas, size))
    assert bad == 0, f"{bad} panels break the quotas"
    return d, seconds, cpu


def _library_child(people, quotas, size, conn) -> None:
    logging.disable(logging.WARNING)  # the library logs every step
    d, seconds, _ = run(people, quotas, size, "sortition-algorithms maximin", 0.0)
    conn.send((seconds, d.maximin))


def run_library(people, quotas, size, limit: float):
    """sortition-algorithms' maximin in a child process, stopped after `limit` seconds: (seconds, lowest) or None."""
    parent, child = multiprocessing.get_context("fork").Pipe()
    process = multiprocessing.get_context("fork").Process(
        target=_library_child, args=(people, quotas, size, child)
    )
    process.start()
    answer = parent.recv() if parent.poll(limit) else None
    process.terminate()
    process.join()
    return answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller pools, for a fast check")
    parser.add_argument(
        "--skip-library", action="store_true", help="do not run sortition-algorithms"
    )
    parser.add_argument(
        "--time-limit", type=float, default=120.0, help="leximin time limit in seconds"
    )
    parser.add_argument(
        "--library-limit", type=float, default=900.0, help="stop sortition-algorithms after this"
    )
    parser.add_argument("--only", help="one pool, as PEOPLE/SEATS (e.g. 2000/110)")
    args = parser.parse_args()
    cases = (
        [(150, 12), (400, 20)] if args.quick else [(400, 20), (1000, 40), (2000, 60), (2000, 110)]
    )
    rng = random.Random(SEED)
    # Every pool is drawn from the same seeded generator in order, so --only gives the same pool.
    pools = [(n, size, make_pool(n, rng), make_quotas(size)) for n, size in cases]
    if args.only:
        pools = [pool for pool in pools if f"{pool[0]}/{pool[1]}" == args.only]
        if not pools:
            parser.error(f"--only must be one of: {', '.join(f'{n}/{s}' for n, s in cases)}")

    print(
        "Maximin: sortition-algorithms against ours (seconds for the whole call, lowest selection probability)"
    )
    print(
        f"{'pool/seats':>11} {'theirs s':>9} {'ours s':>8} {'ratio':>7} {'their lowest':>13} {'our lowest':>11} {'agree':>6}"
    )
    maximins = {}
    for n, size, people, quotas in pools:
        ours, our_s, our_cpu = run(people, quotas, size, "maximin", args.time_limit)
        maximins[n, size] = (ours, our_s, our_cpu)
        theirs = (
            None if args.skip_library else run_library(people, quotas, size, args.library_limit)
        )
        if theirs is None:
            note = "-" if args.skip_library else f">{args.library_limit:.0f}"
            print(
                f"{n:>5}/{size:<5} {note:>9} {our_s:>8.2f} {'-':>7} {'-':>13} {ours.maximin:>11.8f} {'-':>6}"
            )
            continue
        their_s, their_lowest = theirs
        agree = abs(their_lowest - ours.maximin) <= 1e-6
        print(
            f"{n:>5}/{size:<5} {their_s:>9.2f} {our_s:>8.2f} {their_s / our_s:>6.1f}x "
            f"{their_lowest:>13.8f} {ours.maximin:>11.8f} {'yes' if agree else 'NO':>6}",
            flush=True,
        )

    print()
    print(
        "Ours: maximin and leximin side by side (limit asked, wall seconds taken and their ratio, "
        "CPU seconds of this process, stages, finished, lowest selection probability)"
    )
    print(
        f"{'pool/seats':>11} {'method':>8} {'limit s':>8} {'seconds':>8} {'/limit':>7} {'CPU s':>8} {'stages':>7} "
        f"{'finished':>9} {'lowest':>11} {'panels':>7} {'distinct chances':>17}"
    )
    for n, size, people, quotas in pools:
        results = [("maximin", *maximins[n, size])]
        results.append(("leximin", *run(people, quotas, size, "leximin", args.time_limit)))
        for method, d, seconds, cpu in results:
            levels = len({round(p, 6) for p in d.selection_probability.values()})
            print(
                f"{n:>5}/{size:<5} {method:>8} {args.time_limit:>8.0f} {seconds:>8.2f} "
                f"{seconds / args.time_limit:>6.2f}x {cpu:>8.2f} {d.stages_completed:>7} "
                f"{'yes' if d.finished else 'no':>9} {d.maximin:>11.8f} {len(d.panels):>7} {levels:>17}",
                flush=True,
            )
        lexi, maxi = results[1][1], results[0][1]
        print(
            f"{'':>11} leximin's lowest / maximin's: {lexi.maximin / maxi.maximin:.6f} "
            f"(1 or more: never below maximin)",
            flush=True,
        )


if __name__ == "__main__":
    main()
