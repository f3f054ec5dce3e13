#!/usr/bin/env python
"""Produce expected PB outcomes with the reference implementation, pabutools 1.2.3.

Expectations for Commonweal's PB engine must come from the reference, never
from our own code. Run this with an interpreter that has pabutools installed
(it is a reference only, never a dependency of Commonweal), for example:

    python3.11 -m venv /tmp/pbt && /tmp/pbt/bin/pip install pabutools==1.2.3
    /tmp/pbt/bin/python scripts/pb_expected.py ../shared/data/pabulib/Netherlands_Assen_2024.pb \
        --out src/commonweal/participation/pb/tests/expected_small.json

For every file and every rule below it prints (or writes) a JSON object
``{file_name: {rule_key: [selected project ids in selection order], ...}, ...}``.
Approval and choose-1 elections get the approval rules; cumulative (and
scoring) elections get the cardinal-satisfaction rules; ordinal ones are
skipped for now (Borda satisfaction is not implemented yet).

Rule keys (pabutools call in brackets):
- greedy_cost         greedy_utilitarian_welfare(sat_class=Cost_Sat)  -- greedy by approval count
- greedy_cardinality  greedy_utilitarian_welfare(sat_class=Cardinality_Sat)  -- approvals per cost
- mes_cost            method_of_equal_shares(sat_class=Cost_Sat)
- mes_cardinality     method_of_equal_shares(sat_class=Cardinality_Sat)
- mes_cost_add1       method_of_equal_shares(sat_class=Cost_Sat, voter_budget_increment=1)
- mes_cardinality_add1  same with Cardinality_Sat
- mes_cost_add1_greedy  completion_by_rule_combination([MES add1 (Cost_Sat), greedy (Cost_Sat)])
- mes_cost_step1pct   exhaustion_by_budget_increase(MES Cost_Sat, budget_step=budget/100)
Cumulative ballots:
- greedy_cardinal     greedy_utilitarian_welfare(sat_class=Additive_Cardinal_Sat)  -- points per cost
- mes_cardinal        method_of_equal_shares(sat_class=Additive_Cardinal_Sat)
- mes_cardinal_add1   same with voter_budget_increment=1
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time


def _cardinal_rules():
    from pabutools.election import Additive_Cardinal_Sat
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares

    return {
        "greedy_cardinal": lambda i, p: greedy_utilitarian_welfare(
            i, p, sat_class=Additive_Cardinal_Sat
        ),
        "mes_cardinal": lambda i, p: method_of_equal_shares(i, p, sat_class=Additive_Cardinal_Sat),
        "mes_cardinal_add1": lambda i, p: method_of_equal_shares(
            i, p, sat_class=Additive_Cardinal_Sat, voter_budget_increment=1
        ),
    }


def _rules():
    from pabutools.election import Cardinality_Sat, Cost_Sat
    from pabutools.fractions import frac
    from pabutools.rules import (
        completion_by_rule_combination,
        exhaustion_by_budget_increase,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    return {
        "greedy_cost": lambda i, p: greedy_utilitarian_welfare(i, p, sat_class=Cost_Sat),
        "greedy_cardinality": lambda i, p: greedy_utilitarian_welfare(
            i, p, sat_class=Cardinality_Sat
        ),
        "mes_cost": lambda i, p: method_of_equal_shares(i, p, sat_class=Cost_Sat),
        "mes_cardinality": lambda i, p: method_of_equal_shares(
            i, p, sat_class=Cardinality_Sat
        ),
        "mes_cost_add1": lambda i, p: method_of_equal_shares(
            i, p, sat_class=Cost_Sat, voter_budget_increment=1
        ),
        "mes_cardinality_add1": lambda i, p: method_of_equal_shares(
            i, p, sat_class=Cardinality_Sat, voter_budget_increment=1
        ),
        "mes_cost_add1_greedy": lambda i, p: completion_by_rule_combination(
            i,
            p,
            [method_of_equal_shares, greedy_utilitarian_welfare],
            [
                {"sat_class": Cost_Sat, "voter_budget_increment": 1},
                {"sat_class": Cost_Sat},
            ],
        ),
        "mes_cost_step1pct": lambda i, p: exhaustion_by_budget_increase(
            i,
            p,
            method_of_equal_shares,
            {"sat_class": Cost_Sat},
            budget_step=i.budget_limit * frac(1, 100),
        ),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--out", help="write JSON here (default: stdout)")
    ap.add_argument("--rules", help="comma-separated subset of rule keys")
    args = ap.parse_args(argv)

    from pabutools.election import parse_pabulib

    approval_rules = _rules()
    cardinal_rules = _cardinal_rules()
    result: dict[str, dict] = {}
    for path in args.files:
        name = os.path.basename(path)
        instance, profile = parse_pabulib(path)
        vote_type = instance.meta.get("vote_type")
        if vote_type in ("approval", "choose-1"):
            rules = approval_rules
        elif vote_type in ("cumulative", "scoring"):
            rules = cardinal_rules
        else:
            print(f"skip {name}: vote_type {vote_type}", file=sys.stderr)
            continue
        wanted = [k for k in args.rules.split(",") if k in rules] if args.rules else list(rules)
        entry = {"_pabutools_seconds": {}}
        for key in wanted:
            t0 = time.perf_counter()
            outcome = rules[key](instance, profile)
            dt = time.perf_counter() - t0
            entry[key] = [str(p.name) for p in outcome]
            entry["_pabutools_seconds"][key] = round(dt, 3)
            print(f"{name} {key}: {len(entry[key])} projects in {dt:.2f}s", file=sys.stderr)
        result[name] = entry
    text = json.dumps(result, indent=1, sort_keys=True)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
