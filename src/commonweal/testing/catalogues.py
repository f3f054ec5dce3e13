"""Translation catalogues in tests: a small one to see a page in another language, and what
makemessages finds in some source files.

``use_catalogue(settings, tmp_path, "cy", {"English": "translation", (singular, plural):
(form 0, form 1)})`` compiles it and puts it first on ``settings.LOCALE_PATHS``; then
``translation.override("cy")`` reads it (Django clears its translation caches when
LOCALE_PATHS changes).
"""

import re
import shutil
import struct
from pathlib import Path

Catalogue = dict[str | tuple[str, str], str | tuple[str, str]]


def use_catalogue(settings, tmp_path: Path, language: str, catalogue: Catalogue) -> None:
    write_mo(tmp_path / language / "LC_MESSAGES" / "django.mo", catalogue)
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]


def write_mo(path: Path, catalogue: Catalogue) -> None:
    """A compiled gettext catalogue (the .mo format), plural entries included."""
    entries = {
        "": "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"
    }
    for msgid, msgstr in catalogue.items():
        if isinstance(msgid, tuple):
            entries["\0".join(msgid)] = "\0".join(msgstr)
        else:
            entries[msgid] = msgstr
    ids = sorted(entries)
    keys = [k.encode() for k in ids]
    values = [entries[k].encode() for k in ids]
    start = 7 * 4 + 16 * len(ids)
    key_offsets, offset = [], start
    for key in keys:
        key_offsets.append((len(key), offset))
        offset += len(key) + 1
    value_offsets = []
    for value in values:
        value_offsets.append((len(value), offset))
        offset += len(value) + 1
    header = struct.pack("<7I", 0x950412DE, 0, len(ids), 7 * 4, 7 * 4 + 8 * len(ids), 0, 0)
    table = b"".join(struct.pack("<2I", *pair) for pair in key_offsets + value_offsets)
    path.parent.mkdir(parents=True)
    path.write_bytes(
        header + table + b"".join(k + b"\0" for k in keys) + b"".join(v + b"\0" for v in values)
    )


def extracted(tmp_path: Path, monkeypatch, *sources: Path) -> set[str]:
    """Every msgid and msgid_plural ``makemessages`` finds in ``sources`` (files or folders)."""
    from django.core.management import call_command

    for source in sources:
        if source.is_dir():
            shutil.copytree(source, tmp_path / source.name, ignore=shutil.ignore_patterns("tests"))
        else:
            shutil.copy(source, tmp_path / source.name)
    (tmp_path / "locale").mkdir()
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["cy"], verbosity=0)
    return catalogue_entries((tmp_path / "locale/cy/LC_MESSAGES/django.po").read_text())


def catalogue_entries(po: str) -> set[str]:
    """Every msgid and msgid_plural in a .po file, its quoted lines joined."""
    entries, current = set(), None
    for line in [*po.splitlines(), ""]:
        start = re.match(r'(msgid|msgid_plural) "(.*)"$', line)
        if start:
            if current is not None:
                entries.add(current)
            current = start.group(2)
        elif current is not None and line.startswith('"'):
            current += line[1:-1]
        else:
            if current is not None:
                entries.add(current)
            current = None
    return {entry.replace('\\"', '"') for entry in entries} - {""}


def templates(message) -> set[str]:
    """A message's templates, and those of any message among its values."""
    found = {message.template} | ({message.plural} if message.plural else set())
    for value in message.params.values():
        if not isinstance(value, str | int):
            found |= templates(value)
    return found
