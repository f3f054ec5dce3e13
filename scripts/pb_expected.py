#!/usr/bin/env python
"""Produce expected PB outcomes with the reference implementation, pabutools 1.2.3.

Expectations for Commonweal's PB engine must come from the reference, never
from our own code. pabutools is a test dependency, so the project's virtualenv
has it:

    .venv/bin/python scripts/pb_expected.py ../shared/data/pabulib/*.pb \\
        --update src/commonweal/participation/pb/tests/expected_large.json --timeout 1200

For every file and every rule key below it records
``{file_name: {rule_key: [selected project ids in selection order], ...}, ...}``
plus ``_pabutools_seconds`` (how long each call took) and ``_pabutools_timeouts``
(rule keys that did not finish within ``--timeout`` seconds: no expectation is
recorded for those, and the tests do not check them). ``--update`` merges into
an existing file (under a lock, so several runs can share one file).

Which satisfactions a file gets depends on its ballots, as in pabutools:
approval and choose-1 ballots: cost and cardinality; cumulative and scoring
ballots: cardinal; ordinal ballots: borda.

Rule keys, for a satisfaction SAT (pabutools class in brackets: Cost_Sat,
Cardinality_Sat, Additive_Cardinal_Sat, Additive_Borda_Sat):
- greedy_SAT            greedy_utilitarian_welfare(sat_class=...)
- mes_SAT               method_of_equal_shares(sat_class=...)
- mes_SAT_add1          method_of_equal_shares(sat_class=..., voter_budget_increment=1)
- mes_SAT_add1_greedy   completion_by_rule_combination([MES add1, greedy], same sat_class)
- mes_SAT_step1pct      exhaustion_by_budget_increase(MES, budget_step=budget/100)

Three things keep the long runs (hundreds or tens of thousands of MES passes)
within this machine's memory and time, without changing what pabutools computes:
- pabutools' MESVoter memoises budget / satisfaction per (project, budget) and
  never clears it; every add1 pass adds new budgets, so memory grows without
  bound (over 12 GB on Budapest). The script replaces the memo with the same
  division, uncached (``--keep-memo`` turns this off).
- exhaustion_by_budget_increase calls MES with ``sat_class``, which rebuilds the
  satisfaction profile on every pass. The script passes pabutools' own
  ``profile.as_sat_profile(sat_class)``, built once, as ``sat_profile`` instead:
  MES builds exactly that profile from ``sat_class`` (it depends on the ballots
  and project costs, never on the budget limit).
- mes_SAT_add1_greedy is completion_by_rule_combination with MES add1 first; when
  mes_SAT_add1 ran in the same call, its outcome is handed to
  completion_by_rule_combination as the first rule's result rather than
  computed twice.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import signal
import sys
import tempfile
import time

SATISFACTIONS = {
    "approval": ("cost", "cardinality"),
    "choose-1": ("cost", "cardinality"),
    "cumulative": ("cardinal",),
    "scoring": ("cardinal",),
    "ordinal": ("borda",),
}
COMPLETIONS = ("", "_add1", "_add1_greedy", "_step1pct")


def sat_class(name: str):
    from pabutools.election import (
        Additive_Borda_Sat,
        Additive_Cardinal_Sat,
        Cardinality_Sat,
        Cost_Sat,
    )

    return {
        "cost": Cost_Sat,
        "cardinality": Cardinality_Sat,
        "cardinal": Additive_Cardinal_Sat,
        "borda": Additive_Borda_Sat,
    }[name]


def rule_keys(vote_type: str) -> list[str]:
    """Every rule key for a file's vote type, cheapest first."""
    keys = []
    for sat in SATISFACTIONS.get(vote_type, ()):
        keys += [f"greedy_{sat}", f"mes_{sat}"]
    for completion in COMPLETIONS[1:]:
        keys += [f"mes_{sat}{completion}" for sat in SATISFACTIONS.get(vote_type, ())]
    return keys


def run_rule(key: str, instance, profile, earlier: dict | None = None):
    """Run the pabutools call behind a rule key; returns the selected project ids.

    ``earlier`` maps rule keys already run on this file to pabutools' outcomes
    (BudgetAllocation); add1_greedy reuses its add1 from there.
    """
    from pabutools.fractions import frac
    from pabutools.rules import (
        completion_by_rule_combination,
        exhaustion_by_budget_increase,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    rule, sat, *completion = key.split("_", 2)
    cls = sat_class(sat)
    completion = completion[0] if completion else ""
    if rule == "greedy":
        outcome = greedy_utilitarian_welfare(instance, profile, sat_class=cls)
    elif completion == "":
        outcome = method_of_equal_shares(instance, profile, sat_class=cls)
    elif completion == "add1":
        outcome = method_of_equal_shares(instance, profile, sat_class=cls, voter_budget_increment=1)
    elif completion == "add1_greedy":
        add1 = (earlier or {}).get(f"mes_{sat}_add1")
        if add1 is None:
            first, first_params = (
                method_of_equal_shares,
                {"sat_class": cls, "voter_budget_increment": 1},
            )
        else:

            def first(instance, profile, initial_budget_allocation=None, resoluteness=True):
                # completion_by_rule_combination starts from an empty allocation.
                assert not initial_budget_allocation and resoluteness
                return add1

            first_params = {}
        outcome = completion_by_rule_combination(
            instance,
            profile,
            [first, greedy_utilitarian_welfare],
            [first_params, {"sat_class": cls}],
        )
    elif completion == "step1pct":
        outcome = exhaustion_by_budget_increase(
            instance,
            profile,
            method_of_equal_shares,
            {"sat_profile": profile.as_sat_profile(sat_class=cls)},
            budget_step=instance.budget_limit * frac(1, 100),
        )
    else:
        raise ValueError(f"unknown rule key {key}")
    if earlier is not None:
        earlier[key] = outcome
    return [str(p.name) for p in outcome]


def bound_mes_memory() -> None:
    """Replace MESVoter's ever-growing memo of budget / satisfaction with the same division, uncached."""
    from pabutools.fractions import frac
    from pabutools.rules.mes import mes_rule

    def budget_over_sat_project(self, proj):
        return frac(self.budget, self.sat.sat_project(proj))

    mes_rule.MESVoter.budget_over_sat_project = budget_over_sat_project


class TimedOut(Exception):
    pass


def _alarm(signum, frame):
    raise TimedOut


def update_file(path: str, name: str, entry: dict) -> None:
    """Merge one file's entry into the JSON at ``path`` (locked: runs may share the file)."""
    lock_path = os.path.join(
        tempfile.gettempdir(), "pb_expected-" + os.path.basename(path) + ".lock"
    )
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = {}
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        old = data.get(name, {})
        for key, value in entry.items():
            if key.startswith("_") and isinstance(value, dict):
                merged = dict(old.get(key, {}) if isinstance(old.get(key), dict) else {})
                merged.update(value)
                old[key] = merged
            else:
                old[key] = value
        # A rule that has now finished is no longer a timeout.
        timeouts = old.get("_pabutools_timeouts", {})
        old["_pabutools_timeouts"] = {k: v for k, v in timeouts.items() if k not in old}
        if "_not_run" in old:
            old["_not_run"] = [
                k for k in old["_not_run"] if k not in old and k not in old["_pabutools_timeouts"]
            ]
        data[name] = old
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(data, indent=1, sort_keys=True) + "\n")
        os.replace(tmp, path)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--out", help="write JSON here (default: stdout)")
    ap.add_argument("--update", help="merge results into this JSON file, after each rule")
    ap.add_argument(
        "--rules", help="comma-separated rule keys, or suffixes such as _add1 (default: all)"
    )
    ap.add_argument("--skip", help="comma-separated rule keys not to run")
    ap.add_argument("--timeout", type=float, default=0, help="seconds per rule call (0: no limit)")
    ap.add_argument("--keep-memo", action="store_true", help="keep pabutools' unbounded MES memo")
    args = ap.parse_args(argv)
    if not args.keep_memo:
        bound_mes_memory()

    from pabutools.election import parse_pabulib

    signal.signal(signal.SIGALRM, _alarm)
    result: dict[str, dict] = {}
    for path in args.files:
        name = os.path.basename(path)
        instance, profile = parse_pabulib(path)
        keys = rule_keys(instance.meta.get("vote_type"))
        if args.rules:
            wanted = args.rules.split(",")
            keys = [
                k
                for k in keys
                if k in wanted or any(w.startswith("_") and k.endswith(w) for w in wanted)
            ]
        if args.skip:
            keys = [k for k in keys if k not in args.skip.split(",")]
        entry: dict = {"_pabutools_seconds": {}, "_pabutools_timeouts": {}}
        earlier: dict = {}
        for key in keys:
            if (
                key.endswith("_add1_greedy")
                and key[: -len("_greedy")] in entry["_pabutools_timeouts"]
            ):
                # It runs add1 first, which did not finish: no need to wait again.
                entry["_pabutools_timeouts"][key] = args.timeout
                if args.update:
                    update_file(args.update, name, {"_pabutools_timeouts": {key: args.timeout}})
                continue
            t0 = time.perf_counter()
            if args.timeout:
                signal.setitimer(signal.ITIMER_REAL, args.timeout)
            try:
                selected = run_rule(key, instance, profile, earlier)
            except TimedOut:
                entry["_pabutools_timeouts"][key] = args.timeout
                print(
                    f"{name} {key}: no result within {args.timeout:.0f}s",
                    file=sys.stderr,
                    flush=True,
                )
                if args.update:
                    update_file(args.update, name, {"_pabutools_timeouts": {key: args.timeout}})
                continue
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            dt = time.perf_counter() - t0
            reused = key[: -len("_greedy")] if key.endswith("_add1_greedy") else None
            if reused in entry["_pabutools_seconds"]:
                dt += entry["_pabutools_seconds"][reused]  # the add1 run it completed
            entry[key] = selected
            entry["_pabutools_seconds"][key] = round(dt, 3)
            print(
                f"{name} {key}: {len(selected)} projects in {dt:.2f}s", file=sys.stderr, flush=True
            )
            if args.update:
                update_file(
                    args.update, name, {key: selected, "_pabutools_seconds": {key: round(dt, 3)}}
                )
        result[name] = entry
    if not args.update:
        text = json.dumps(result, indent=1, sort_keys=True)
        if args.out:
            with open(args.out, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        else:
            print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
