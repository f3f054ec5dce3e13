"""Parser and writer for Pabulib .pb files."""

from fractions import Fraction

import pytest

from commonweal.participation.pb import pabulib, votes
from commonweal.participation.pb.pabulib import PabulibError

from .conftest import pabulib_names

SHARED_FILES = pabulib_names()

TINY = """META
key;value
description;"Tiny; with a semicolon"
budget;10.5
vote_type;cumulative
max_sum_points;3
PROJECTS
project_id;cost;name
1;5;Bench
10;4,5;Trees
VOTES
voter_id;age;vote;points
a;30;1,10;2,1
b;None;10;3
c;41;;
"""


def test_tiny_file_is_parsed_exactly():
    e = pabulib.parse(TINY)
    assert e.vote_type == "cumulative"
    assert e.budget == Fraction(21, 2)
    assert e.max_sum_points == 3
    assert dict(e.meta)["description"] == "Tiny; with a semicolon"
    assert [(p.id, p.cost, p.name) for p in e.projects] == [
        ("1", 5, "Bench"),
        ("10", Fraction(9, 2), "Trees"),
    ]
    assert [(b.voter_id, b.projects, b.points) for b in e.ballots] == [
        ("a", ("1", "10"), (2, 1)),
        ("b", ("10",), (3,)),
        ("c", (), ()),
    ]
    assert pabulib.parse(pabulib.write(e)) == e


@pytest.mark.parametrize(
    "text, line, words",
    [
        (
            "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;abc\nVOTES\nvoter_id;vote\n",
            7,
            "not a number",
        ),
        (
            "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\nv1;1,2\n",
            10,
            "unknown project '2'",
        ),
        (
            "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;5\n1;6\nVOTES\nvoter_id;vote\n",
            8,
            "appears twice",
        ),
        (
            "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote;points\nv1;1;2,3\n",
            10,
            "1 projects but 2 points",
        ),
        ("hello;world\nMETA\nkey;value\n", 1, "before the first section"),
        (
            "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;5;x\nVOTES\nvoter_id;vote\n",
            7,
            "3 fields",
        ),
    ],
)
def test_malformed_files_are_refused_with_the_line(text, line, words):
    with pytest.raises(PabulibError) as info:
        pabulib.parse(text)
    assert info.value.line == line
    assert words in str(info.value)
    assert f"line {line}:" in str(info.value)


def test_missing_budget_and_section():
    with pytest.raises(PabulibError, match="no budget"):
        pabulib.parse(
            "META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\n"
        )
    with pytest.raises(PabulibError, match="missing section VOTES"):
        pabulib.parse("META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\n")


@pytest.mark.parametrize("name", SHARED_FILES)
def test_round_trip_on_every_shared_file(name, data_dir):
    election = pabulib.parse_file(data_dir / name)
    assert election.projects and election.ballots
    meta = dict(election.meta)
    assert len(election.projects) == int(meta["num_projects"])
    assert len(election.ballots) == int(meta["num_votes"])
    again = pabulib.parse(pabulib.write(election))
    assert again == election


PLAIN = """META
key;value
budget;10
vote_type;approval
PROJECTS
project_id;cost;name
1;5;Bench
2;4;Trees
VOTES
voter_id;vote;age
a;1,2;30
b;2;41
c;;
"""


@pytest.mark.parametrize(
    "variant",
    [
        PLAIN.replace("\n", "\r\n"),  # Windows line endings
        PLAIN.replace("a;1,2;30", "a; 1, 2 ;30"),  # spaces around fields
        PLAIN.replace("a;1,2;30", 'a;"1,2";30'),  # a quoted field
        PLAIN.replace("c;;", "c;None;"),  # an empty ballot written as None
    ],
)
def test_votes_read_the_same_however_they_are_written(variant):
    # The VOTES section has a fast reader for plain text and falls back to the
    # csv module otherwise: both must give the same election.
    plain = pabulib.parse(PLAIN)
    assert [(b.voter_id, b.projects, b.fields) for b in plain.ballots] == [
        ("a", ("1", "2"), (("age", "30"),)),
        ("b", ("2",), (("age", "41"),)),
        ("c", (), (("age", ""),)),
    ]
    assert pabulib.parse(variant).ballots == plain.ballots


def test_fast_reader_reports_the_line_of_a_bad_vote():
    with pytest.raises(PabulibError) as info:
        pabulib.parse(PLAIN.replace("b;2;41", "b;3;41"))
    assert info.value.line == 12
    assert "unknown project '3'" in str(info.value)
    with pytest.raises(PabulibError) as info:
        pabulib.parse(PLAIN.replace("b;2;41", "a;2;41"))
    assert info.value.line == 12
    assert "voter 'a' appears twice" in str(info.value)


@pytest.mark.parametrize(
    "variant",
    [
        PLAIN.replace("voter_id;vote;age", "age;voter_id;vote")
        .replace("a;1,2;30", "30;a;1,2")
        .replace("b;2;41", "41;b;2")
        .replace("c;;", ";c;"),  # columns in another order
        PLAIN.replace("b;2;41\n", "b;2;41\n\n").replace("c;;\n", "c;;\n\n"),  # blank lines
        PLAIN.replace("c;;", "c;"),  # a short row
    ],
)
def test_other_layouts_read_the_same(variant):
    assert pabulib.parse(variant).ballots == pabulib.parse(PLAIN).ballots


def test_a_project_listed_twice_is_refused_with_the_line():
    with pytest.raises(PabulibError) as info:
        pabulib.parse(PLAIN.replace("b;2;41", "b;2,2;41"))
    assert info.value.line == 12
    assert "voter 'b' lists a project twice" in str(info.value)


def test_ballots_share_nothing_mutable_and_compare_by_value():
    first, second = pabulib.parse(PLAIN).ballots[:2]
    assert first == pabulib.Ballot("a", ("1", "2"), None, (("age", "30"),))
    assert second == pabulib.Ballot(voter_id="b", projects=("2",), fields=(("age", "41"),))
    assert first != second
    with pytest.raises(AttributeError):
        first.projects = ()


def test_a_file_that_is_not_utf8_is_refused_with_the_line(tmp_path):
    path = tmp_path / "latin1.pb"
    path.write_bytes(PLAIN.replace("Trees", "Drzewa \u017c").encode("cp1250"))
    with pytest.raises(PabulibError) as info:
        pabulib.parse_file(path)
    assert info.value.line == 8
    assert "not UTF-8" in str(info.value)


@pytest.mark.parametrize("name", SHARED_FILES)
def test_fast_reader_equals_the_row_by_row_reader_on_every_shared_file(name, data_dir):
    # Two independent ways to read VOTES: whole-section (used whenever it can be)
    # and row by row (used for errors); they must agree ballot for ballot.
    election = pabulib.parse_file(data_dir / name)
    text = (data_dir / name).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    head, _, rest = text.partition("\nVOTES\n")
    header_line, _, body = rest.partition("\n")
    header = [h.strip() for h in header_line.split(";")]
    project_ids = {p.id for p in election.projects}
    with_points = election.vote_type in ("cumulative", "scoring")
    rows = votes.plain_rows(body, head.count("\n") + 3, len(header))
    assert (
        tuple(votes.ballots_from_rows(rows, header, project_ids, with_points)) == election.ballots
    )
    assert (
        votes.plain_ballots(body, header, project_ids, with_points) is not None
    )  # the fast way was used


POINTS = """META
key;value
budget;10
vote_type;cumulative
PROJECTS
project_id;cost
1;5
2;4
VOTES
voter_id;vote;points;sex
a;1,2;3,2;F
b;2;5;M
c;1,2;3,2;M
d;;;F
"""


def test_points_are_read_and_shared_between_equal_votes():
    election = pabulib.parse(POINTS)
    assert [(b.voter_id, b.projects, b.points, b.fields) for b in election.ballots] == [
        ("a", ("1", "2"), (3, 2), (("sex", "F"),)),
        ("b", ("2",), (5,), (("sex", "M"),)),
        ("c", ("1", "2"), (3, 2), (("sex", "M"),)),
        ("d", (), (), (("sex", "F"),)),
    ]
    assert pabulib.parse(POINTS.replace("\n", "\r\n")) == election
    assert pabulib.parse(POINTS.replace("b;2;5;M", 'b;"2";5;M')) == election  # read by csv instead


@pytest.mark.parametrize(
    "bad, words",
    [
        ("b;2;5,1;M", "voter 'b': 1 projects but 2 points"),
        ("b;2;five;M", "voter 'b': points 'five' are not numbers"),
        ("b;3;5;M", "voter 'b' votes for unknown project '3'"),
        ("a;2;5;M", "voter 'a' appears twice"),
    ],
)
def test_a_bad_points_row_is_refused_with_its_line(bad, words):
    with pytest.raises(PabulibError) as info:
        pabulib.parse(POINTS.replace("b;2;5;M", bad))
    assert info.value.line == 12
    assert words in str(info.value)


def _random_file(rng) -> str:
    """A small .pb file with the quirks real files have, and now and then a mistake."""
    vote_type = rng.choice(["approval", "cumulative", "ordinal", "choose-1"])
    ids = [str(n) for n in rng.sample(range(1, 40), rng.randint(1, 6))]
    columns = (
        ["voter_id", "vote"]
        + (["points"] if vote_type == "cumulative" else [])
        + rng.choice([[], ["age"], ["sex", "district"]])
    )
    if rng.random() < 0.3:
        columns = rng.sample(columns, len(columns))
    lines = (
        [
            "META",
            "key;value",
            f"budget;{rng.randint(1, 100)}",
            f"vote_type;{vote_type}",
            "PROJECTS",
            "project_id;cost",
        ]
        + [f"{pid};{rng.randint(0, 50)}" for pid in ids]
        + ["VOTES", ";".join(columns)]
    )
    for n in range(rng.randint(0, 12)):
        chosen = rng.sample(ids, rng.randint(0, len(ids)))
        if chosen and rng.random() < 0.05:
            chosen.append(chosen[0])  # a project twice
        if rng.random() < 0.05:
            chosen.append("99")  # an unknown project
        vote = ",".join(chosen)
        if not chosen and rng.random() < 0.3:
            vote = "None"
        if rng.random() < 0.1:
            vote = " " + vote.replace(",", ", ")
        points = ",".join(str(rng.randint(0, 5)) for _ in chosen)
        if rng.random() < 0.05:
            points += ",1"  # one point too many
        if rng.random() < 0.03:
            points = "x"
        values = {
            "voter_id": f"v{n}" if rng.random() > 0.03 else "v0",
            "vote": vote,
            "points": points,
            "age": str(rng.randint(16, 90)),
            "sex": rng.choice(["F", "M", " F"]),
            "district": "North",
        }
        row = [values[c] for c in columns]
        if rng.random() < 0.03:
            row = row[:-1]  # a short row
        lines.append(";".join(row))
        if rng.random() < 0.05:
            lines.append("")  # a blank line
    text = "\n".join(lines) + "\n"
    return text.replace("\n", "\r\n") if rng.random() < 0.2 else text


def _read(text):
    try:
        return pabulib.parse(text)
    except PabulibError as error:
        return ("refused", error.line, error.problem)


@pytest.mark.parametrize("seed", range(40))
def test_the_fast_reader_agrees_with_the_row_by_row_reader_on_odd_files(seed, monkeypatch):
    import random

    rng = random.Random(seed)
    texts = [_random_file(rng) for _ in range(10)]
    fast = [_read(text) for text in texts]
    monkeypatch.setattr(votes, "split_off", lambda text: None)
    monkeypatch.setattr(votes, "plain_ballots", lambda *args: None)
    slow = [_read(text) for text in texts]
    for text, quick, careful in zip(texts, fast, slow, strict=False):
        assert quick == careful, text
