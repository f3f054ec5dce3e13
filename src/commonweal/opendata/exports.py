"""Writing the open data to files: every release in one release package, and one compiled record per
process in one record package (`commonweal export ocds --out DIR`).

Each package is written as it is read, a chunk of rows at a time, so the files can grow past what
fits in memory; each is written beside its final name and moved into place when whole, so a
reader never finds half a file.
"""

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from commonweal.opendata import selectors
from commonweal.opendata.compile import default_base_url, package_head, records

RELEASES_FILE = "releases.json"
RECORDS_FILE = "records.json"


@dataclass(frozen=True)
class FileExport:
    """An export a later app adds to `commonweal export` (this layer never imports it): ``write``
    writes the whole file to the path it is given and says how many items it wrote (0: nothing
    to export, and no file is written)."""

    name: str
    help: str
    write: Callable[[Path], int]


_FILE_EXPORTS: dict[str, FileExport] = {}


def register(name: str, write: Callable[[Path], int], *, help: str) -> None:
    """Add ``commonweal export <name> --out FILE`` (from the registering app's ``ready``)."""
    if name == "ocds":
        raise ValueError("ocds is the open data's own export")
    _FILE_EXPORTS[name] = FileExport(name, help, write)


def file_exports() -> list[FileExport]:
    return [_FILE_EXPORTS[name] for name in sorted(_FILE_EXPORTS)]


def write_whole(path: Path, text: str) -> None:
    """Write ``text`` beside ``path`` and move it into place when whole."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Exported:
    releases: int
    records: int


def export_ocds(folder: Path, *, base_url: str | None = None) -> Exported:
    """Write releases.json and records.json into ``folder`` (which must exist); nothing is written
    when no release is published (a package holds one release or record at least)."""
    published = selectors.last_published()
    if published is None:
        return Exported(0, 0)
    base = (base_url or default_base_url()).rstrip("/") + "/"
    written_releases = _write(
        folder / RELEASES_FILE,
        package_head(uri=base + RELEASES_FILE, published=published),
        "releases",
        selectors.releases_in_order(),
    )
    written_records = _write(
        folder / RECORDS_FILE,
        package_head(uri=base + RECORDS_FILE, published=published),
        "records",
        (record for ocids in selectors.ocids_in_order() for record in records(ocids)),
    )
    return Exported(written_releases, written_records)


def _write(path: Path, head: dict, key: str, items: Iterable[dict]) -> int:
    """``head`` with ``key`` holding ``items``, written one item at a time; how many were written."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            count = _write_package(file, head, key, items)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def _write_package(file: TextIO, head: dict, key: str, items: Iterable[dict]) -> int:
    opening = json.dumps(head, ensure_ascii=False)[:-1]  # without its closing brace
    file.write(f'{opening}, "{key}": [')
    count = 0
    for item in items:
        file.write(",\n" if count else "\n")
        file.write(json.dumps(item, ensure_ascii=False))
        count += 1
    file.write("\n]}\n")
    return count
