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
import os
from typing import Any

from . import votes
from .election import (
    META_NUMBERS,
    VOTE_TYPES,
    Ballot,
    Election,
    Number,
    PabulibError,
    Project,
    format_number,
    is_none,
    parse_number,
)

__all__ = [
    "Ballot",
    "Number",
    "format_number",
    "parse_number",
    "Election",
    "PabulibError",
    "Project",
    "parse",
    "parse_file",
    "write",
    "write_file",
    "VOTE_TYPES",
]


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


class _Misread(Exception):
    """The quick split of a file did not line up with what the csv module reads."""


def _parse(text: str) -> Election:
    if text.startswith("\ufeff"):
        text = text[1:]
    split = votes.split_off(text)
    if split is not None:
        # The csv module reads only META and PROJECTS; the VOTES rows, most of
        # the file, never go through it (nor through a StringIO copy of them).
        try:
            return _parse_sections(text, split)
        except (_Misread, PabulibError):
            pass  # read it all the general way, which also words any error
    return _parse_sections(text, None)


def _parse_sections(text: str, split: tuple[str, str] | None) -> Election:
    stream = io.StringIO(text if split is None else split[0], newline="")
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
                    raise PabulibError(line, f"section {head.upper()} has no header line") from None
                if section == "projects":
                    if not header or header[0] != "project_id":
                        raise PabulibError(
                            reader.line_num, "PROJECTS header must start with project_id"
                        )
                    if "cost" not in header:
                        raise PabulibError(reader.line_num, "PROJECTS header has no cost column")
                elif section == "votes":
                    if "vote" not in header:
                        raise PabulibError(reader.line_num, "VOTES header has no vote column")
                    vote_header = header
                    votes_line = reader.line_num
                    if split is not None:
                        if stream.read():
                            raise _Misread
                        plain_rest = split[1]
                        break
                    plain_rest = votes.plain_rest(stream)
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
                values = dict(zip(header, (c.strip() for c in row), strict=False))
                pid = values.get("project_id", "")
                if not pid:
                    raise PabulibError(line, "project without project_id")
                if pid in project_ids:
                    raise PabulibError(line, f"project {pid!r} appears twice")
                if is_none(values.get("cost", "")):
                    raise PabulibError(line, f"project {pid!r} has no cost")
                try:
                    cost = parse_number(values["cost"])
                except (ValueError, ZeroDivisionError):
                    raise PabulibError(
                        line, f"project {pid!r}: cost {values['cost']!r} is not a number"
                    ) from None
                if cost < 0:
                    raise PabulibError(line, f"project {pid!r}: negative cost {values['cost']!r}")
                project_ids.add(pid)
                extra = tuple((k, v) for k, v in values.items() if k not in ("project_id", "cost"))
                projects.append(Project(pid, cost, values.get("name", ""), extra))
            else:
                raw_votes.append((line, row))
    except csv.Error as exc:
        raise PabulibError(reader.line_num, f"CSV error: {exc}") from None

    if split is not None and plain_rest is None:
        raise _Misread
    for name in ("meta", "projects", "votes"):
        if name not in seen_sections:
            raise PabulibError(0, f"missing section {name.upper()}")
    md = dict(meta)
    vote_type = md.get("vote_type")
    if vote_type is None:
        raise PabulibError(0, "META has no vote_type")
    if vote_type not in VOTE_TYPES:
        raise PabulibError(
            0, f"unknown vote_type {vote_type!r} (expected one of {', '.join(VOTE_TYPES)})"
        )
    if "budget" not in md:
        raise PabulibError(0, "META has no budget")
    try:
        budget = parse_number(md["budget"])
    except (ValueError, ZeroDivisionError):
        raise PabulibError(0, f"META budget {md['budget']!r} is not a number") from None
    limits: dict[str, Any] = {}  # Election's limit fields, each read by its META_NUMBERS reader
    for key, conv in META_NUMBERS.items():
        if key in md and not is_none(md[key]):
            try:
                limits[key] = conv(md[key])
            except (ValueError, ZeroDivisionError):
                limits[key] = None  # informative only (e.g. "Auto-filled ..."), never used by rules

    with_points = vote_type in ("cumulative", "scoring")
    if with_points and "points" not in vote_header:
        raise PabulibError(0, f"{vote_type} votes need a points column")
    ballots = None
    if plain_rest is not None:
        ballots = votes.plain_ballots(plain_rest, vote_header, project_ids, with_points)
        if ballots is None:
            raw_votes = votes.plain_rows(plain_rest, votes_line, len(vote_header))
    if ballots is None:
        ballots = votes.ballots_from_rows(raw_votes, vote_header, project_ids, with_points)

    return Election(
        meta=tuple(meta),
        projects=tuple(projects),
        ballots=tuple(ballots),
        vote_type=vote_type,
        budget=budget,
        **limits,
    )


def project_lines(text: str) -> dict[str, int]:
    """The line of each project's row in the PROJECTS section of a ``.pb`` text, by project id: to
    say where a project a program refuses is (the parser keeps no lines). Reads no further."""
    lines: dict[str, int] = {}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    section, header = None, None
    for row in reader:
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        head = row[0].strip().lower()
        if head in ("meta", "projects", "votes") and all(not c.strip() for c in row[1:]):
            if section == "projects":
                break
            section, header = head, None
        elif section == "projects" and header is None:
            header = [h.strip() for h in row]
        elif section == "projects" and header:
            pid = dict(zip(header, (c.strip() for c in row), strict=False)).get("project_id")
            if pid:
                lines.setdefault(pid, reader.line_num)
    return lines


def parse_file(path: str | os.PathLike[str]) -> Election:
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


def write_file(election: Election, path: str | os.PathLike[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(write(election))
