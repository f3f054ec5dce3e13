"""CSV files that people open in a spreadsheet: every text cell made safe from formula injection.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
formula, so a need's title or an indicator's name typed as ``=HYPERLINK(...)`` would run on the
computer of whoever opens our export. As OWASP advises, such a cell is written with a single quote
in front: spreadsheets then show it as text, without the quote. Spreadsheets skip leading spaces
(no-break ones too) before they decide, so those count as well.

The escaping can be undone exactly (``unescape_cell``), for the files Commonweal reads back in: a cell
already starting with quotes before a formula character gets one more, so nothing typed is ever lost.
Numbers stay numbers, even negative ones and those held as text ("-5", "+1.5"): a spreadsheet reads
them as the number they are, and runs nothing.

Rows end with a carriage return and line feed, as RFC 4180 (and Excel) do: the csv module quotes a
cell only for the characters of the line ending, so with a bare line feed a cell holding a carriage
return would split its row.

Every CSV export uses ``writer`` or ``DictWriter`` from here, never the csv module's own. Not the
Pabulib ``.pb`` writer: that is a data format read by programs (pabutools, pabulib.org), where a
quote would change the data.
"""

import csv
import re

# Quotes already in front, then spaces a spreadsheet skips, then a character that starts a formula.
_RUNS_AS_FORMULA = re.compile(r"'*[ \u00a0]*[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
QUOTE = "'"
LINE_END = "\r\n"


def _needs_quote(text: str) -> bool:
    return bool(_RUNS_AS_FORMULA.match(text)) and not _NUMBER.fullmatch(text)


def safe_cell(value):
    """The value as a spreadsheet will show it rather than run it: text that would run gets a quote in front."""
    if isinstance(value, str) and _needs_quote(value):
        return QUOTE + value
    return value


def unescape_cell(text: str) -> str:
    """What ``safe_cell`` was given, for a cell of a file Commonweal wrote."""
    if text.startswith(QUOTE) and _needs_quote(text[1:]):
        return text[1:]
    return text


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    @property
    def dialect(self):
        return self._writer.dialect

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(file, **kwargs) -> _SafeWriter:
    """``csv.writer``, with every text cell made safe."""
    return _SafeWriter(csv.writer(file, lineterminator=LINE_END, **kwargs))


class DictWriter(csv.DictWriter):
    """``csv.DictWriter``, with every text cell (the header too) made safe."""

    def __init__(self, file, fieldnames, **kwargs):
        super().__init__(file, fieldnames, lineterminator=LINE_END, **kwargs)

    def writerow(self, rowdict):
        return super().writerow({key: safe_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts):
        for rowdict in rowdicts:
            self.writerow(rowdict)
