"""Our rules select exactly what pabutools 1.2.3 selects on the small shared elections.

expected_small.json is produced by scripts/pb_expected.py, which runs pabutools
(never our code): see that script for the pabutools call behind each rule key.
"""

import json
from pathlib import Path

import pytest

from commonweal.participation.pb import pabulib, rules

EXPECTED = json.loads((Path(__file__).with_name("expected_small.json")).read_text())

RULES = {
    "greedy_cost": lambda e: rules.greedy(e, "cost"),
    "greedy_cardinality": lambda e: rules.greedy(e, "cardinality"),
    "mes_cost": lambda e: rules.mes(e, "cost"),
    "mes_cardinality": lambda e: rules.mes(e, "cardinality"),
    "mes_cost_add1": lambda e: rules.mes_add1(e, "cost"),
    "mes_cardinality_add1": lambda e: rules.mes_add1(e, "cardinality"),
    "mes_cost_add1_greedy": lambda e: rules.mes_add1_greedy(e, "cost"),  # add1 then greedy (cost)
    "mes_cost_step1pct": lambda e: rules.mes_budget_increase(e, "cost"),
    "greedy_cardinal": lambda e: rules.greedy(e, "cardinal"),
    "mes_cardinal": lambda e: rules.mes(e, "cardinal"),
    "mes_cardinal_add1": lambda e: rules.mes_add1(e, "cardinal"),
}

CASES = [
    (name, key)
    for name, entry in sorted(EXPECTED.items())
    if not name.startswith("_")
    for key in sorted(entry)
    if not key.startswith("_")
]

_cache: dict[str, pabulib.Election] = {}
_results: dict[tuple[str, str], list[str]] = {}


def election(data_dir, name):
    if name not in _cache:
        _cache[name] = pabulib.parse_file(data_dir / name)
    return _cache[name]


def test_every_expected_rule_is_implemented():
    assert {key for _, key in CASES} <= set(RULES)


def outcome(data_dir, name, key):
    """Each rule runs once per election (add1 takes many passes)."""
    if (name, key) not in _results:
        _results[name, key] = RULES[key](election(data_dir, name))
    return _results[name, key]


@pytest.mark.parametrize("name, key", CASES)
def test_same_selection_as_pabutools(name, key, data_dir):
    assert outcome(data_dir, name, key) == EXPECTED[name][key]


@pytest.mark.parametrize("name", ["Netherlands_Assen_2024.pb", "Poland_Swiecie_2023.pb"])
def test_mes_add1_reproduces_the_official_outcome(name, data_dir):
    # These cities used MES (cost satisfaction) with add1; the file's `selected`
    # column records the official winners.
    e = election(data_dir, name)
    official = {p.id for p in e.projects if dict(p.fields).get("selected") == "1"}
    assert official
    selected = outcome(data_dir, name, "mes_cost_add1")
    assert set(selected) == official
    assert selected == EXPECTED[name]["mes_cost_add1"]
