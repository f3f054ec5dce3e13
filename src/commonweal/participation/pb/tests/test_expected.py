"""Our rules select exactly what pabutools 1.2.3 selects on every shared election.

expected_small.json and expected_large.json are produced by scripts/pb_expected.py,
which runs pabutools (never our code): see that script for the pabutools call
behind each rule key. A rule pabutools could not finish in the script's time
limit has no expectation (it is listed under ``_pabutools_timeouts``) and is
not checked here.
"""

import json
from pathlib import Path

import pytest

from commonweal.participation.pb import pabulib, rules

HERE = Path(__file__).parent


def load_expected() -> dict[str, dict[str, list[str]]]:
    """Both files merged; a key in expected_large.json wins (both come from pabutools)."""
    merged: dict[str, dict] = {}
    for name in ("expected_small.json", "expected_large.json"):
        path = HERE / name
        if path.exists():
            for election, entry in json.loads(path.read_text()).items():
                if election.startswith("_"):
                    continue  # notes, not an election
                merged.setdefault(election, {}).update(entry)
    return merged


EXPECTED = load_expected()

COMPLETIONS = {
    "": "none",
    "add1": "add1",
    "add1_greedy": "add1-greedy",
    "step1pct": "budget-increase",
}


def call(key: str) -> dict:
    """The tally() arguments behind a rule key such as ``mes_cost_add1_greedy``."""
    rule, satisfaction, *rest = key.split("_", 2)
    completion = COMPLETIONS[rest[0] if rest else ""]
    if rule == "greedy":
        return {"rule": "greedy", "satisfaction": satisfaction}
    return {"rule": "mes", "satisfaction": satisfaction, "completion": completion}


CASES = [
    (name, key)
    for name, entry in sorted(EXPECTED.items())
    for key in sorted(entry)
    if not key.startswith("_")
]

_cache: dict[str, pabulib.Election] = {}
_results: dict[tuple[str, str], list[str]] = {}


def election(data_dir, name):
    if name not in _cache:
        _cache[name] = pabulib.parse_file(data_dir / name)
    return _cache[name]


def outcome(data_dir, name, key):
    """Each rule runs once per election (several tests read it)."""
    if (name, key) not in _results:
        _results[name, key] = list(rules.tally(election(data_dir, name), **call(key)).selected)
    return _results[name, key]


def test_every_expected_rule_key_is_understood():
    for _, key in CASES:
        args = call(key)
        assert args["rule"] in ("greedy", "mes") and args["satisfaction"] in rules.SATISFACTIONS


def test_every_shared_election_has_expectations(data_dir):
    names = {p.name for p in data_dir.glob("*.pb")}
    assert names <= set(EXPECTED), f"no pabutools expectations for {sorted(names - set(EXPECTED))}"


def test_ranked_ballots_are_checked_with_borda():
    assert any(key.endswith("borda") or "_borda_" in key for _, key in CASES)


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
