"""`commonweal pb tally`: what an analyst sees, through the installed command and in-process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from commonweal.participation.pb import cli

from .conftest import REPO_ROOT

SMALL = """META
key;value
budget;10
vote_type;approval
PROJECTS
project_id;cost
a;6
b;5
c;4
VOTES
voter_id;vote
v1;a,b
v2;a,c
v3;a,b,c
"""
# Greedy by votes: a (3 votes, 6), then b and c tie on 2 votes: b (5) no longer
# fits in the 4 left, c (4) does. Worked by hand in test_rules.py.


@pytest.fixture
def small_file(tmp_path) -> Path:
    path = tmp_path / "small.pb"
    path.write_text(SMALL)
    return path


@pytest.fixture
def bad_file(tmp_path) -> Path:
    path = tmp_path / "bad.pb"
    path.write_text(SMALL.replace("b;5", "b;five"))
    return path


def command() -> list[str]:
    """The installed console script, next to this interpreter (the project's virtualenv)."""
    script = Path(sys.executable).with_name("commonweal")
    if not script.exists():
        pytest.skip(f"the commonweal command is not installed next to {sys.executable}")
    return [str(script)]


def run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(
        [*command(), "pb", "tally", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO_ROOT,
        env=env,
    )


@pytest.mark.slow
def test_command_prints_selection_cost_and_time(small_file):
    result = run(str(small_file), "--rule", "greedy")
    assert result.returncode == 0, result.stderr
    assert "a c" in result.stdout
    assert "Total cost: 10" in result.stdout
    assert "Time:" in result.stdout


@pytest.mark.slow
def test_command_json_is_one_object(small_file):
    result = run(str(small_file), "--rule", "greedy", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"selected", "cost", "seconds"}
    assert data["selected"] == ["a", "c"]
    assert data["cost"] == 10
    assert data["seconds"] >= 0


@pytest.mark.slow
def test_command_refuses_a_malformed_file_with_the_line(bad_file):
    result = run(str(bad_file), "--rule", "mes")
    assert result.returncode == 2
    assert "line 8: project 'b': cost 'five' is not a number" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.slow
def test_command_on_a_shared_election_matches_pabutools(data_dir):
    # Assen 2024: the city's official outcome, MES with add1 (expected_small.json, from pabutools).
    expected = json.loads((Path(__file__).with_name("expected_small.json")).read_text())
    result = run(
        str(data_dir / "Netherlands_Assen_2024.pb"),
        "--rule",
        "mes",
        "--completion",
        "add1",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    assert (
        json.loads(result.stdout)["selected"]
        == expected["Netherlands_Assen_2024.pb"]["mes_cost_add1"]
    )


def test_in_process_json(small_file, capsys):
    assert (
        cli.main(
            ["tally", str(small_file), "--rule", "mes", "--satisfaction", "cardinality", "--json"]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert sum({"a": 6, "b": 5, "c": 4}[p] for p in data["selected"]) == data["cost"] <= 10


@pytest.mark.parametrize(
    "args, words",
    [
        (
            ["--rule", "mes", "--satisfaction", "borda"],
            "borda satisfaction does not apply to approval ballots",
        ),
        (
            ["--rule", "mes", "--completion", "budget-increase", "--step", "0"],
            "--step must be more than 0",
        ),
        (["--rule", "mes", "--step", "5"], "--step is only for --completion budget-increase"),
    ],
)
def test_in_process_bad_options_say_what_is_wrong(small_file, capsys, args, words):
    assert cli.main(["tally", str(small_file), *args]) == 2
    assert words in capsys.readouterr().err


def test_in_process_missing_file(tmp_path, capsys):
    assert cli.main(["tally", str(tmp_path / "nowhere.pb"), "--rule", "greedy"]) == 2
    assert "nowhere.pb" in capsys.readouterr().err


def test_in_process_bad_file(bad_file, capsys):
    assert cli.main(["tally", str(bad_file), "--rule", "greedy"]) == 2
    assert "line 8:" in capsys.readouterr().err


def test_budget_increase_with_a_step(small_file, capsys):
    assert (
        cli.main(
            [
                "tally",
                str(small_file),
                "--rule",
                "mes",
                "--completion",
                "budget-increase",
                "--step",
                "1",
                "--json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["cost"] <= 10


def test_a_step_too_big_for_a_float_is_one_step_past_everything(small_file, capsys):
    # 1e999 is an exact amount (a 1 with 999 zeros); MES at the budget is the only pass that fits.
    assert (
        cli.main(
            [
                "tally",
                str(small_file),
                "--rule",
                "mes",
                "--completion",
                "budget-increase",
                "--step",
                "1e999",
                "--json",
            ]
        )
        == 0
    )
    huge = json.loads(capsys.readouterr().out)
    assert (
        cli.main(
            [
                "tally",
                str(small_file),
                "--rule",
                "mes",
                "--completion",
                "budget-increase",
                "--step",
                "1000000",
                "--json",
            ]
        )
        == 0
    )
    assert huge["selected"] == json.loads(capsys.readouterr().out)["selected"]


def test_amounts_beyond_floating_point_are_refused_with_a_message(tmp_path, capsys):
    path = tmp_path / "huge.pb"
    path.write_text(
        "META\nkey;value\nbudget;1e400\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
        "1;3e399\n2;5e399\nVOTES\nvoter_id;vote\na;1,2\nb;2\n"
    )
    assert cli.main(["tally", str(path), "--rule", "mes"]) == 2
    assert "the budget is too big or too small" in capsys.readouterr().err
    assert (
        cli.main(["tally", str(path), "--rule", "greedy", "--json"]) == 0
    )  # exact arithmetic only: fine
    assert json.loads(capsys.readouterr().out)["selected"] == [
        "2",
        "1",
    ]  # both fit; 2 has more support


@pytest.mark.slow
def test_the_engine_imports_without_django():
    code = (
        "import sys; import commonweal.participation.pb.cli, commonweal.participation.pb.rules, "
        "commonweal.participation.pb.fast; assert 'django' not in sys.modules, 'django was imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
