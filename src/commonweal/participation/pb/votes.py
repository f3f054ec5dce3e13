"""Reading the VOTES section of a ``.pb`` file: most of the file, so most of the time.

Two ways, with the same result:

- :func:`plain_ballots`, for a section with no CSV quoting (nearly every real
  file): it works on the whole section at once (str.split, map and dicts run in
  C) and reads each distinct vote, points and other-columns text only once.
  Many voters cast the same vote, and age, sex or district repeat, so a ballot
  is mostly made of shared, already-checked parts. It gives up (returns None) at
  anything unusual: a short or long row, a bad vote, a voter twice.
- :func:`ballots_from_rows`, row by row, which reports the line and the problem
  of any error. The caller uses it whenever the fast way gives up.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from itertools import chain, repeat
from operator import itemgetter, methodcaller

from .election import Ballot, Number, PabulibError, is_none, new_ballot, parse_points

SPECIAL = ("voter_id", "vote", "points")

_SECTION_START = re.compile(r"\n(?i:meta|projects|votes)")  # faster than lowering the whole text


def plain_rest(stream: io.StringIO) -> str | None:
    """The rest of the file, when no CSV quoting is involved (else None, stream unmoved).

    When the rest has quotes, another section or bare carriage returns, the
    caller goes on with the csv module.
    """
    start = stream.tell()
    rest = stream.read()
    if "\r" in rest:
        rest = rest.replace("\r\n", "\n")
    if '"' in rest or "\r" in rest or _SECTION_START.search(rest):
        stream.seek(start)
        return None
    return rest


_VOTES_LINE = re.compile(r"^[ \t]*votes[ \t;]*\r?$", re.IGNORECASE | re.MULTILINE)


def split_off(text: str) -> tuple[str, str] | None:
    """(the file up to the VOTES header line, the VOTES rows) when the rows are plain text.

    None when there is no VOTES line, or its rows need the csv module (quotes,
    bare carriage returns, another section after them). The caller checks that
    the csv module, reading the first part, ends just at that header line.
    """
    found = _VOTES_LINE.search(text)
    if found is None:
        return None
    header_end = text.find("\n", found.end() + 1)
    if header_end < 0:
        return None
    rest = text[header_end + 1 :]
    if "\r" in rest:
        rest = rest.replace("\r\n", "\n")
    if '"' in rest or "\r" in rest or _SECTION_START.search(rest):
        return None
    return text[: header_end + 1], rest


def plain_rows(rest: str, line: int, width: int) -> list[tuple[int, list[str]]]:
    """(line number, fields) of each row of ``rest``, which starts after ``line``."""
    rows = []
    for number, text in enumerate(rest.split("\n"), start=line + 1):
        if not text or text.isspace():
            continue
        row = text.split(";")
        if len(row) != width:
            if len(row) > width:
                raise PabulibError(number, f"{len(row)} fields but the VOTES header has {width}")
            row += [""] * (width - len(row))
        rows.append((number, row))
    return rows


def _vote_ids(text: str, project_ids: set[str]) -> tuple[str, ...] | None:
    """The project ids of a vote's text, or None if it names an unknown project or one twice."""
    if is_none(text):
        return ()
    ids = tuple(text.split(","))
    if " " in text or "\t" in text:
        ids = tuple(v.strip() for v in ids)
    if not project_ids.issuperset(ids) or len(set(ids)) != len(ids):
        return None
    return ids


def _ids_table(texts: set[str], project_ids: set[str]) -> Mapping[str, tuple[str, ...] | None]:
    """Each distinct vote text and its project ids (None where the vote is wrong).

    All at once first (split, check every id and every repeat in C loops);
    vote by vote only when that finds something to strip or to report.
    """
    table: dict[str, tuple[str, ...]] = dict(
        zip(texts, map(tuple, map(methodcaller("split", ","), texts)), strict=False)
    )
    if "" in table:
        table[""] = ()
    ids = table.values()
    if project_ids.issuperset(chain.from_iterable(ids)) and sum(map(len, map(set, ids))) == sum(
        map(len, ids)
    ):
        return table
    return {text: _vote_ids(text, project_ids) for text in texts}


def _points_table(texts: set[str]) -> Mapping[str, tuple[Number, ...] | None]:
    """Each distinct points text and its numbers (None where one is not a number).

    Whole numbers, nearly always, are checked and read all at once.
    """
    table: dict[str, list[str]] = dict(
        zip(texts, map(methodcaller("split", ","), texts), strict=False)
    )
    if "" in table:
        table[""] = []
    digits = "".join(chain.from_iterable(table.values()))
    if digits.isascii() and digits.isdigit() and "" not in chain.from_iterable(table.values()):
        return {text: tuple(map(int, values)) for text, values in table.items()}
    result: dict[str, tuple[Number, ...] | None] = {}
    for text in texts:
        try:
            result[text] = () if is_none(text) else tuple(map(parse_points, text.split(",")))
        except (ValueError, ZeroDivisionError):
            result[text] = None
    return result


def plain_ballots(
    rest: str, header: list[str], project_ids: set[str], with_points: bool
) -> list[Ballot] | None:
    """Every ballot of a section without quoting, or None for the caller to read it row by row."""
    if "voter_id" not in header or (with_points and "points" not in header):
        return None
    width = len(header)
    rest = rest.rstrip("\n")
    lines = rest.split("\n") if "\n\n" not in rest else list(filter(None, rest.split("\n")))
    special = [h for h in SPECIAL if h in header]
    other = [i for i, h in enumerate(header) if h not in SPECIAL]
    names = tuple(header[i] for i in other)
    lead = len(special)
    if header[:lead] == special:
        # The usual layout: voter_id;vote[;points] first. Split those off; the
        # rest of the line, as one string, is the key of its other columns.
        columns = {h: i for i, h in enumerate(special)}
        if other:
            parts = list(map(methodcaller("split", ";", lead), lines))
            if set(map(len, parts)) != {lead + 1}:
                return None
            keys = list(map(itemgetter(lead), parts))
            fields = {key: key.split(";") for key in set(keys)}
        else:
            parts = list(map(methodcaller("split", ";"), lines))
            keys = None
    else:
        columns = {h: header.index(h) for h in special}
        parts = list(map(methodcaller("split", ";"), lines))
        if set(map(len, parts)) != {width}:
            return None
        keys = None
        if other:
            pick = itemgetter(*other)
            keys = list(map(pick, parts)) if len(other) > 1 else [(v,) for v in map(pick, parts)]
            fields = {key: list(key) for key in set(keys)}
    ballot_fields: Iterable[tuple[tuple[str, str], ...]]
    if keys is None:
        if set(map(len, parts)) != {width}:
            return None
        ballot_fields = repeat(())
    else:
        if any(len(values) != len(names) for values in fields.values()):
            return None
        shared = {
            key: tuple(zip(names, map(str.strip, values), strict=False))
            for key, values in fields.items()
        }
        ballot_fields = map(shared.__getitem__, keys)

    voter_ids = list(map(itemgetter(columns["voter_id"]), parts))
    if len(set(voter_ids)) != len(voter_ids) or len("".join(voter_ids).split()) != 1:
        return None  # a voter twice, or spaces to strip (or an id with a space inside)
    votes = list(map(itemgetter(columns["vote"]), parts))
    vote_ids = _ids_table(set(votes), project_ids)
    if None in vote_ids.values():
        return None
    ids = list(map(vote_ids.__getitem__, votes))
    points: Iterable[tuple[Number, ...] | None] = repeat(None)
    if with_points:
        texts = list(map(itemgetter(columns["points"]), parts))
        numbers = _points_table(set(texts))
        if None in numbers.values():
            return None
        given = list(map(numbers.__getitem__, texts))
        if list(map(len, ids)) != list(map(len, given)):  # type: ignore[arg-type]  # no None left
            return None
        points = given
    return list(map(new_ballot, zip(voter_ids, ids, points, ballot_fields, strict=False)))


def ballots_from_rows(
    rows: list[tuple[int, list[str]]], header: list[str], project_ids: set[str], with_points: bool
) -> list[Ballot]:
    """Ballots from (line number, fields) rows; any problem raises PabulibError with its line."""
    vote_col = header.index("vote")
    points_col = header.index("points") if "points" in header else None
    id_col = header.index("voter_id") if "voter_id" in header else None
    other_cols = [(i, h) for i, h in enumerate(header) if h not in SPECIAL]
    ballots: list[Ballot] = []
    voter_ids: set[str] = set()
    for line, row in rows:
        width = len(row)
        voter_id = (
            row[id_col].strip() if id_col is not None and id_col < width else str(len(ballots))
        )
        if voter_id in voter_ids:
            raise PabulibError(line, f"voter {voter_id!r} appears twice")
        voter_ids.add(voter_id)
        vote_text = row[vote_col].strip() if vote_col < width else ""
        ids: tuple[str, ...]
        if is_none(vote_text):
            ids = ()
        else:
            ids = tuple(v.strip() for v in vote_text.split(","))
            if not project_ids.issuperset(ids):
                unknown = next(pid for pid in ids if pid not in project_ids)
                raise PabulibError(
                    line, f"voter {voter_id!r} votes for unknown project {unknown!r}"
                )
            if len(set(ids)) != len(ids):
                raise PabulibError(line, f"voter {voter_id!r} lists a project twice")
        points: tuple[Number, ...] | None = None
        if with_points:
            assert points_col is not None  # the parser checks a points column is there
            ptext = row[points_col].strip() if points_col < width else ""
            ptexts = [] if is_none(ptext) else ptext.split(",")
            if len(ptexts) != len(ids):
                raise PabulibError(
                    line, f"voter {voter_id!r}: {len(ids)} projects but {len(ptexts)} points"
                )
            try:
                points = tuple(parse_points(p) for p in ptexts)
            except (ValueError, ZeroDivisionError):
                raise PabulibError(
                    line, f"voter {voter_id!r}: points {ptext!r} are not numbers"
                ) from None
        extra = tuple((h, row[i].strip() if i < width else "") for i, h in other_cols)
        ballots.append(new_ballot((voter_id, ids, points, extra)))
    return ballots
