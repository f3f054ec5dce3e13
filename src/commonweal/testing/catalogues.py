"""A small translation catalogue for a test, to see a page in another language.

``use_catalogue(settings, tmp_path, "cy", {"English": "translation", (singular, plural):
(form 0, form 1)})`` compiles it and puts it first on ``settings.LOCALE_PATHS``; then
``translation.override("cy")`` reads it (Django clears its translation caches when
LOCALE_PATHS changes).
"""

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
