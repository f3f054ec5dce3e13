"""Reading and writing Pabulib ``.pb`` files (https://pabulib.org/format).

A ``.pb`` file has three semicolon-separated sections, each introduced by a
line holding only its name and followed by a header line:

- ``META`` (``key;value``): at least ``budget`` and ``vote_type``;
- ``PROJECTS`` (``project_id;cost;...``);
- ``VOTES`` (``voter_id;vote;...``, plus ``points`` for cumulative/scoring).

Fields may be quoted as in CSV (``"a;b"``), exactly as pabutools' parser (which
uses :mod:`csv`) reads them. Project ids stay strings, as in the file: rules
break ties by comparing them as strings, as pabutools does.

:func:`parse` / :func:`parse_file` raise :class:`PabulibError` with the line
number for malformed input; :func:`write` produces text that re-parses to an
equal :class:`Election`.
"""

from __future__ import annotations

import csv
import gc
import io
import re
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from itertools import repeat
from operator import itemgetter, methodcaller
from typing import NamedTuple

__all__ = [
    "Ballot",
    "Election",
    "PabulibError",
    "Project",
    "parse",
    "parse_file",
    "write",
    "write_file",
    "VOTE_TYPES",
]

VOTE_TYPES = ("approval", "choose-1", "cumulative", "scoring", "ordinal")

Number = int | Fraction


class PabulibError(ValueError):
    """A malformed Pabulib file; ``line`` is 1-based (0 when not tied to a line)."""

    def __init__(self, line: int, problem: str):
        self.line = line
        self.problem = problem
        super().__init__(f"line {line}: {problem}" if line else problem)


def parse_number(text: str) -> Number:
    """Parse ``7200``, ``7200.50``, ``7200,50`` or ``1/3`` exactly (int when integral)."""
    value = Fraction(text.strip().replace(",", "."))
    return value.numerator if value.denominator == 1 else value


def _parse_points(text: str) -> Number:
    """Points are nearly always small whole numbers: read those without Fraction."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return parse_number(text)


def format_number(value: Number) -> str:
    if isinstance(value, int) or (isinstance(value, Fraction) and value.denominator == 1):
        return str(int(value))
    # Exact decimal when possible, else a fraction (re-parses exactly).
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den == 1:
        digits = max(twos, fives)
        scaled = value * 10**digits
        sign = "-" if scaled < 0 else ""
        s = str(abs(int(scaled))).rjust(digits + 1, "0")
        return f"{sign}{s[:-digits]}.{s[-digits:]}"
    return f"{value.numerator}/{value.denominator}"


@dataclass(frozen=True)
class Project:
    id: str
    cost: Number
    name: str = ""
    # Every column of the PROJECTS row except project_id and cost, as text, in file order.
    fields: tuple[tuple[str, str], ...] = ()


class Ballot(NamedTuple):
    """One voter's ballot (immutable). A named tuple: a large file has tens of
    thousands, and a tuple is built several times faster than a frozen dataclass."""

    voter_id: str
    # Project ids: a set in file order (approval, choose-1), the ranking
    # best first (ordinal), or the projects given points (cumulative, scoring).
    projects: tuple[str, ...]
    points: tuple[Number, ...] | None = None
    # Other columns (age, sex, voting_method, ...), as text, in file order.
    fields: tuple[tuple[str, str], ...] = ()


_new_ballot = partial(tuple.__new__, Ballot)  # _new_ballot((voter_id, projects, points, fields))


@dataclass(frozen=True)
class Election:
    meta: tuple[tuple[str, str], ...]
    projects: tuple[Project, ...]
    ballots: tuple[Ballot, ...]
    vote_type: str
    budget: Number
    min_length: int | None = None
    max_length: int | None = None
    min_sum_cost: Number | None = None
    max_sum_cost: Number | None = None
    min_points: Number | None = None
    max_points: Number | None = None
    min_sum_points: Number | None = None
    max_sum_points: Number | None = None
    _index: dict = field(default=None, compare=False, repr=False, hash=False)

    def __post_init__(self):
        object.__setattr__(self, "_index", {p.id: p for p in self.projects})

    @property
    def meta_dict(self) -> dict[str, str]:
        return dict(self.meta)

    def project(self, project_id: str) -> Project:
        return self._index[project_id]

    @property
    def num_voters(self) -> int:
        return len(self.ballots)


_META_NUMBERS = {
    "min_length": int,
    "max_length": int,
    "min_sum_cost": parse_number,
    "max_sum_cost": parse_number,
    "min_points": parse_number,
    "max_points": parse_number,
    "min_sum_points": parse_number,
    "max_sum_points": parse_number,
}


def _is_none(text: str) -> bool:
    return text.strip().lower() in ("", "none")


_SECTION_START = re.compile(r"\n(?i:meta|projects|votes)")  # faster than lowering the whole text


def _plain_rest(stream: io.StringIO) -> str | None:
    """The rest of the file, when no CSV quoting is involved (else None, stream unmoved).

    The VOTES section is most of a file; splitting it directly is several times
    faster than the csv module. When the rest has quotes, another section or
    bare carriage returns, the caller goes on with csv.
    """
    start = stream.tell()
    rest = stream.read()
    if "\r" in rest:
        rest = rest.replace("\r\n", "\n")
    if '"' in rest or "\r" in rest or _SECTION_START.search(rest):
        stream.seek(start)
        return None
    return rest


def _plain_rows(rest: str, line: int, width: int) -> list[tuple[int, list[str]]]:
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


def _has_space(text: str) -> bool:
    return " " in text or "\t" in text


def _plain_approval_ballots(rest: str, header: list[str], project_ids: set[str]) -> list[Ballot] | None:
    """Ballots without points from plain rows (no quotes): the common case.

    Every step works on the whole section at once (C loops over str.split,
    map and sets); the other columns' values repeat (age, sex, district...), so
    each distinct combination is made into ``fields`` once and shared. Returns
    None when anything is unusual (short or long rows, spaces or tabs to strip,
    an empty ballot written as None, an unknown project, a project listed
    twice, a voter twice): the
    caller then reads row by row, which reports the line of any error.
    """
    width = len(header)
    if "voter_id" not in header:
        return None
    lines = list(filter(None, rest.split("\n")))
    id_col, vote_col = header.index("voter_id"), header.index("vote")
    other = [i for i, h in enumerate(header) if h not in ("voter_id", "vote")]
    names = tuple(header[i] for i in other)
    if (id_col, vote_col) == (0, 1):
        # The usual layout: split off the id and the vote; the rest of the line is the key of its fields.
        parts = list(map(methodcaller("split", ";", 2), lines))
        if width == 2:
            if any(len(row) != 2 for row in parts):
                return None
            keys = None
        else:
            if set(map(len, parts)) != {3}:
                return None
            keys = list(map(itemgetter(2), parts))
            unique = {key: tuple(zip(names, key.split(";"))) for key in set(keys)}
            if any(key.count(";") != len(names) - 1 for key in unique):
                return None
    else:
        parts = list(map(methodcaller("split", ";"), lines))
        if set(map(len, parts)) != {width}:
            return None
        if not other:
            keys = None
        else:
            keys = list(map(itemgetter(*other), parts)) if len(other) > 1 else [
                (v,) for v in map(itemgetter(other[0]), parts)
            ]
            unique = {key: tuple(zip(names, key)) for key in set(keys)}
    if keys is not None and any(v != v.strip() for f in unique.values() for _, v in f):
        return None
    voter_ids = list(map(itemgetter(id_col), parts))
    if len(set(voter_ids)) != len(voter_ids) or _has_space(";".join(voter_ids)):
        return None
    votes = list(map(itemgetter(vote_col), parts))
    joined = ",".join(filter(None, votes))
    if _has_space(joined) or not project_ids.issuperset(joined.split(",")):
        return None  # spaces, an unknown project, or an empty ballot written as None
    ids = list(map(tuple, map(methodcaller("split", ","), votes)))
    if "" in votes:  # empty ballots
        ids = [i if v else () for i, v in zip(ids, votes)]
    if sum(map(len, map(set, ids))) != sum(map(len, ids)):
        return None  # a ballot lists a project twice
    fields = repeat(()) if keys is None else map(unique.__getitem__, keys)
    return list(map(_new_ballot, zip(voter_ids, ids, repeat(None), fields)))


def parse(text: str) -> Election:
    """Parse the text of a ``.pb`` file."""
    # A large file makes tens of thousands of small objects, none of them cyclic:
    # the cycle collector would rescan them again and again (half the time spent).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(text)
    finally:
        if collecting:
            gc.enable()


def _parse(text: str) -> Election:
    if text.startswith("\ufeff"):
        text = text[1:]
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=";")
    section = None
    header: list[str] = []
    meta: list[tuple[str, str]] = []
    meta_keys: set[str] = set()
    projects: list[Project] = []
    project_ids: set[str] = set()
    raw_votes: list[tuple[int, list[str]]] = []
    plain_rest, votes_line = None, 0  # the VOTES rows as plain text, and the line before them
    vote_header: list[str] = []
    seen_sections: set[str] = set()
    try:
        for row in reader:
            line = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            head = row[0].strip().lower()
            if head in ("meta", "projects", "votes") and all(not c.strip() for c in row[1:]):
                if head in seen_sections:
                    raise PabulibError(line, f"section {head.upper()} appears twice")
                seen_sections.add(head)
                section = head
                try:
                    header = [h.strip() for h in next(reader)]
                except StopIteration:
                    raise PabulibError(line, f"section {head.upper()} has no header line")
                if section == "projects":
                    if not header or header[0] != "project_id":
                        raise PabulibError(reader.line_num, "PROJECTS header must start with project_id")
                    if "cost" not in header:
                        raise PabulibError(reader.line_num, "PROJECTS header has no cost column")
                elif section == "votes":
                    if "vote" not in header:
                        raise PabulibError(reader.line_num, "VOTES header has no vote column")
                    vote_header = header
                    votes_line = reader.line_num
                    plain_rest = _plain_rest(stream)
                    if plain_rest is not None:
                        break
                continue
            if section is None:
                raise PabulibError(line, "data before the first section (META, PROJECTS or VOTES)")
            if len(row) > len(header):
                raise PabulibError(
                    line, f"{len(row)} fields but the {section.upper()} header has {len(header)}"
                )
            if section == "meta":
                if len(row) < 2:
                    raise PabulibError(line, "META line needs key;value")
                key, value = row[0].strip(), row[1].strip()
                if key in meta_keys:
                    raise PabulibError(line, f"META key {key!r} appears twice")
                meta_keys.add(key)
                meta.append((key, value))
            elif section == "projects":
                values = dict(zip(header, (c.strip() for c in row)))
                pid = values.get("project_id", "")
                if not pid:
                    raise PabulibError(line, "project without project_id")
                if pid in project_ids:
                    raise PabulibError(line, f"project {pid!r} appears twice")
                if _is_none(values.get("cost", "")):
                    raise PabulibError(line, f"project {pid!r} has no cost")
                try:
                    cost = parse_number(values["cost"])
                except (ValueError, ZeroDivisionError):
                    raise PabulibError(line, f"project {pid!r}: cost {values['cost']!r} is not a number")
                if cost < 0:
                    raise PabulibError(line, f"project {pid!r}: negative cost {values['cost']!r}")
                project_ids.add(pid)
                extra = tuple((k, v) for k, v in values.items() if k not in ("project_id", "cost"))
                projects.append(Project(pid, cost, values.get("name", ""), extra))
            else:
                raw_votes.append((line, row))
    except csv.Error as exc:
        raise PabulibError(reader.line_num, f"CSV error: {exc}") from None

    for name in ("meta", "projects", "votes"):
        if name not in seen_sections:
            raise PabulibError(0, f"missing section {name.upper()}")
    md = dict(meta)
    vote_type = md.get("vote_type")
    if vote_type is None:
        raise PabulibError(0, "META has no vote_type")
    if vote_type not in VOTE_TYPES:
        raise PabulibError(0, f"unknown vote_type {vote_type!r} (expected one of {', '.join(VOTE_TYPES)})")
    if "budget" not in md:
        raise PabulibError(0, "META has no budget")
    try:
        budget = parse_number(md["budget"])
    except (ValueError, ZeroDivisionError):
        raise PabulibError(0, f"META budget {md['budget']!r} is not a number")
    limits = {}
    for key, conv in _META_NUMBERS.items():
        if key in md and not _is_none(md[key]):
            try:
                limits[key] = conv(md[key])
            except (ValueError, ZeroDivisionError):
                limits[key] = None  # informative only (e.g. "Auto-filled ..."), never used by rules

    with_points = vote_type in ("cumulative", "scoring")
    vote_col = vote_header.index("vote")
    points_col = vote_header.index("points") if "points" in vote_header else None
    if with_points and points_col is None:
        raise PabulibError(0, f"{vote_type} votes need a points column")
    id_col = vote_header.index("voter_id") if "voter_id" in vote_header else None
    other_cols = [
        (i, h) for i, h in enumerate(vote_header) if h not in ("voter_id", "vote", "points")
    ]
    ballots = None
    if plain_rest is not None:
        if not with_points:
            ballots = _plain_approval_ballots(plain_rest, vote_header, project_ids)
        if ballots is None:
            raw_votes = _plain_rows(plain_rest, votes_line, len(vote_header))
    if ballots is not None:
        raw_votes = []
    else:
        ballots = []
    voter_ids: set[str] = set()
    for line, row in raw_votes:
        width = len(row)
        voter_id = row[id_col].strip() if id_col is not None and id_col < width else str(len(ballots))
        if voter_id in voter_ids:
            raise PabulibError(line, f"voter {voter_id!r} appears twice")
        voter_ids.add(voter_id)
        vote_text = row[vote_col].strip() if vote_col < width else ""
        if _is_none(vote_text):
            ids = ()
        else:
            ids = tuple(vote_text.split(","))
            if " " in vote_text or "\t" in vote_text:
                ids = tuple(v.strip() for v in ids)
            if not project_ids.issuperset(ids):
                unknown = next(pid for pid in ids if pid not in project_ids)
                raise PabulibError(line, f"voter {voter_id!r} votes for unknown project {unknown!r}")
            if len(set(ids)) != len(ids):
                raise PabulibError(line, f"voter {voter_id!r} lists a project twice")
        points = None
        if with_points:
            ptext = row[points_col].strip() if points_col < width else ""
            ptexts = [] if _is_none(ptext) else ptext.split(",")
            if len(ptexts) != len(ids):
                raise PabulibError(
                    line, f"voter {voter_id!r}: {len(ids)} projects but {len(ptexts)} points"
                )
            try:
                points = tuple(_parse_points(p) for p in ptexts)
            except (ValueError, ZeroDivisionError):
                raise PabulibError(line, f"voter {voter_id!r}: points {ptext!r} are not numbers")
        extra = tuple((h, row[i].strip() if i < width else "") for i, h in other_cols)
        ballots.append(_new_ballot((voter_id, ids, points, extra)))

    return Election(
        meta=tuple(meta),
        projects=tuple(projects),
        ballots=tuple(ballots),
        vote_type=vote_type,
        budget=budget,
        **limits,
    )


def parse_file(path) -> Election:
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        text = data.decode("utf-8-sig")  # decoding in one go is faster than a text-mode read
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PabulibError(line, "the file is not UTF-8 text") from None
    return parse(text)


def write(election: Election) -> str:
    """Serialise an election as ``.pb`` text (re-parses to an equal election)."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    meta = dict(election.meta)
    meta["budget"] = meta.get("budget") or format_number(election.budget)
    if parse_number(meta["budget"]) != election.budget:
        meta["budget"] = format_number(election.budget)
    meta["vote_type"] = election.vote_type
    out.write("META\n")
    w.writerow(["key", "value"])
    for key, value in meta.items():
        w.writerow([key, value])
    out.write("PROJECTS\n")
    extra_keys: list[str] = []
    for p in election.projects:
        for k, _ in p.fields:
            if k not in extra_keys:
                extra_keys.append(k)
    w.writerow(["project_id", "cost", *extra_keys])
    for p in election.projects:
        f = dict(p.fields)
        w.writerow([p.id, format_number(p.cost), *(f.get(k, "") for k in extra_keys)])
    out.write("VOTES\n")
    with_points = election.vote_type in ("cumulative", "scoring")
    vote_keys: list[str] = []
    for b in election.ballots:
        for k, _ in b.fields:
            if k not in vote_keys:
                vote_keys.append(k)
    w.writerow(["voter_id", *vote_keys, "vote", *(["points"] if with_points else [])])
    for b in election.ballots:
        f = dict(b.fields)
        row = [b.voter_id, *(f.get(k, "") for k in vote_keys), ",".join(b.projects)]
        if with_points:
            row.append(",".join(format_number(x) for x in (b.points or ())))
        w.writerow(row)
    return out.getvalue()


def write_file(election: Election, path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(write(election))
