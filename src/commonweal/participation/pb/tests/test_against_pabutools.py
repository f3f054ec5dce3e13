"""Small random elections, full of ties, counted by pabutools and by us in the same test.

pabutools 1.2.3 is a test dependency: here it is the reference, run live on
elections small enough to count in milliseconds. Costs and votes are drawn from
a few values so that equal prices and equal vote counts (ties) are common, and
ids run past 9 so that tie-breaking by id *as a string* ("10" < "9") matters.
"""

import random

import pytest

from commonweal.participation.pb import pabulib, rules

from .test_expected import call

pabutools = pytest.importorskip("pabutools")

SATISFACTIONS = {
    "approval": ("cost", "cardinality"),
    "cumulative": ("cardinal",),
    "ordinal": ("borda",),
}
KEYS = ["greedy_{}", "mes_{}", "mes_{}_add1", "mes_{}_add1_greedy", "mes_{}_step1pct"]


def random_election(seed: int, vote_type: str) -> str:
    rng = random.Random(seed)
    n_projects = rng.randint(3, 11)
    costs = [
        rng.choice([0, 10, 20, 20, 30, 40, 50])
        if seed % 7 == 0
        else rng.choice([10, 20, 20, 30, 45])
        for _ in range(n_projects)
    ]
    budget = rng.choice([40, 60, 75, 100])
    if seed >= 16:
        # A small currency unit: add1 then needs hundreds of passes, most skipped by our engine.
        costs, budget = [c * 53 for c in costs], budget * 53
    lines = [
        "META",
        "key;value",
        f"budget;{budget}",
        f"vote_type;{vote_type}",
        "PROJECTS",
        "project_id;cost",
    ]
    lines += [f"{i + 1};{c}" for i, c in enumerate(costs)]
    lines += ["VOTES", "voter_id;vote" + (";points" if vote_type == "cumulative" else "")]
    for v in range(rng.randint(2, 14)):
        # pabutools cannot read an empty cumulative ballot ("v1;;")
        fewest = 1 if vote_type == "cumulative" else 0
        chosen = rng.sample(range(1, n_projects + 1), rng.randint(fewest, min(4, n_projects)))
        row = f"v{v};{','.join(map(str, chosen))}"
        if vote_type == "cumulative":
            row += ";" + ",".join(str(rng.randint(1, 3)) for _ in chosen)
        lines.append(row)
    return "\n".join(lines) + "\n"


def pabutools_selects(text: str, key: str) -> list[str]:
    import scripts_pb_expected
    from pabutools.election.pabulib import parse_pabulib_from_string

    instance, profile = parse_pabulib_from_string(text)
    return scripts_pb_expected.run_rule(key, instance, profile)


CASES = [
    (seed, vote_type, key.format(sat))
    for seed in range(20)
    for vote_type, sats in SATISFACTIONS.items()
    for sat in sats
    for key in KEYS
]


@pytest.fixture(scope="module", autouse=True)
def reference_script():
    """Import scripts/pb_expected.py (the pabutools calls behind each rule key) as a module."""
    import importlib.util
    import sys

    from .conftest import REPO_ROOT

    spec = importlib.util.spec_from_file_location(
        "scripts_pb_expected", REPO_ROOT / "scripts" / "pb_expected.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules["scripts_pb_expected"] = module
    yield
    sys.modules.pop("scripts_pb_expected", None)


@pytest.mark.parametrize("seed, vote_type, key", CASES)
def test_same_selection_as_pabutools_on_random_elections(seed, vote_type, key):
    text = random_election(seed, vote_type)
    election = pabulib.parse(text)
    ours = list(rules.tally(election, **call(key)).selected)
    theirs = pabutools_selects(text, key)
    # pabutools puts free projects with supporters first, in the order of a
    # Python set (it changes from run to run); we put them first in id order.
    free = {p.id for p in election.projects if p.cost == 0}
    assert [p for p in ours if p not in free] == [p for p in theirs if p not in free], text
    assert set(ours) == set(theirs), text
