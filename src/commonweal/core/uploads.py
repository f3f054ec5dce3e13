"""Checking uploaded files: their size, and their real type from their content, never their name.

``check_upload`` reads the file's first bytes (and, for Office and OpenDocument
files, the names inside the zip) and returns the kind it found, or raises a
``ValidationError`` with a message a person can act on. ``safe_filename`` turns
whatever name a browser sent into one that is safe to store.

A CSV or text file is read by ``text_of``: UTF-8, or else Windows-1252, which Excel on Windows
writes when a sheet is saved as plain "CSV" (a £ sign or an é is then one byte that is not UTF-8).
"""

import codecs
import csv
import io
import os
import re
import secrets
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class FileKind:
    code: str
    content_type: str
    extension: str


PDF = FileKind("pdf", "application/pdf", ".pdf")
PNG = FileKind("png", "image/png", ".png")
JPEG = FileKind("jpeg", "image/jpeg", ".jpg")
DOCX = FileKind(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"
)
XLSX = FileKind(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"
)
ODT = FileKind("odt", "application/vnd.oasis.opendocument.text", ".odt")
ODS = FileKind("ods", "application/vnd.oasis.opendocument.spreadsheet", ".ods")
CSV = FileKind("csv", "text/csv", ".csv")
TEXT = FileKind("text", "text/plain", ".txt")
JSON = FileKind("json", "application/json", ".json")  # for imports; not a document kind

DOCUMENT_KINDS = frozenset({PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV, TEXT})

# What to do with a CSV file whose characters are neither UTF-8 nor Windows-1252.
SAVE_AS_CSV_UTF8 = gettext_lazy("Save the file as CSV UTF-8 in Excel: File, Save as, CSV UTF-8")

_ZIP_MAGIC = b"PK\x03\x04"
_OPENDOCUMENT = {ODT.content_type: ODT, ODS.content_type: ODS}
_HEAD_BYTES = 8


def _megabytes(size: int) -> str:
    megabytes = size / (1024 * 1024)
    return f"{megabytes:g}" if megabytes < 1 else f"{megabytes:.0f}"


def check_upload(
    file, *, allowed: frozenset[FileKind] = DOCUMENT_KINDS, max_bytes: int | None = None
) -> FileKind:
    """The kind of an uploaded file, or a ValidationError saying what is wrong with it."""
    max_bytes = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, os.SEEK_END)
        size = file.tell()
    if size == 0:
        raise ValidationError(_("The selected file is empty"), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file must be smaller than %(size)s MB") % {"size": _megabytes(max_bytes)},
            code="too_big",
        )
    name = getattr(file, "name", "") or ""
    detected = detect_kind(file)
    kind = detected if detected is not None and _name_agrees(name, detected) else None
    if kind is None or kind not in allowed:
        if detected is None and CSV in allowed and _extension(name) == ".csv":
            # A CSV file in some other character set (an old Mac's, UTF-16 "Unicode text"): not the
            # wrong kind of file, so say how to save it so it can be read.
            raise ValidationError(SAVE_AS_CSV_UTF8, code="not_utf8")
        raise ValidationError(
            _("The file must be a PDF, Word, Excel, OpenDocument, CSV, text, PNG or JPEG file"),
            code="wrong_type",
        )
    return kind


def detect_kind(file) -> FileKind | None:
    """What the file really is, from its content; None when it is none of the kinds we know."""
    file.seek(0)
    head = file.read(_HEAD_BYTES)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(_ZIP_MAGIC):
            return _zip_kind(file)
        if _is_utf8_text(file) or _is_windows_1252_text(file):
            extension = _extension(getattr(file, "name", "") or "")
            return {".csv": CSV, ".json": JSON}.get(extension, TEXT)
        return None
    finally:
        file.seek(0)


# Names people give files of each kind. A name that claims one kind while the
# content is another (a program renamed to .pdf, a web page renamed to .txt)
# is refused, even when the content would be allowed under its own name.
_EXTENSIONS = {
    ".pdf": {PDF},
    ".png": {PNG},
    ".jpg": {JPEG},
    ".jpeg": {JPEG},
    ".docx": {DOCX},
    ".xlsx": {XLSX},
    ".odt": {ODT},
    ".ods": {ODS},
    ".csv": {CSV, TEXT},
    ".txt": {CSV, TEXT},
    ".text": {TEXT},
    ".json": {JSON},
}
_TEXT_KINDS = {CSV, TEXT, JSON}


def _extension(name: str) -> str:
    return os.path.splitext(name.replace("\\", "/"))[1].lower()


def _name_agrees(name: str, kind: FileKind) -> bool:
    extension = _extension(name)
    if extension in _EXTENSIONS:
        return kind in _EXTENSIONS[extension]
    # Plain text is only plain text when it says so: an .html or .svg file is text too.
    return kind not in _TEXT_KINDS or extension == ""


def _zip_kind(file) -> FileKind | None:
    # Only the list of names and the tiny "mimetype" entry are read, so a
    # zip that would expand to gigabytes costs nothing here.
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
                return None
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return _OPENDOCUMENT.get(declared)
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return None
    return None


def _is_utf8_text(file, chunk_size: int = 64 * 1024) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    file.seek(0)
    while chunk := file.read(chunk_size):
        if b"\x00" in chunk:
            return False
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError:
            return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


# Bytes never in text a spreadsheet writes: control characters other than tab, line feed, form feed
# and carriage return (a NUL, say, in a program or an image).
_NOT_IN_TEXT = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _is_windows_1252_text(file, chunk_size: int = 64 * 1024) -> bool:
    """Whether the file is text in Windows-1252 (one byte a character): no control characters, and
    none of the five bytes that code leaves unused."""
    file.seek(0)
    while chunk := file.read(chunk_size):
        if _NOT_IN_TEXT.search(chunk):
            return False
        try:
            chunk.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return True


def text_of(data: bytes) -> str:
    """The text of an uploaded CSV or text file: UTF-8, with or without the mark Excel puts first
    ("CSV UTF-8"); else Windows-1252, which Excel on Windows writes for plain "CSV". A ValidationError
    (code ``not_utf8``) saying how to save it again when it is neither."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if not _NOT_IN_TEXT.search(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    raise ValidationError(SAVE_AS_CSV_UTF8, code="not_utf8")


def safe_filename(name: str, kind: FileKind, *, max_length: int = 80) -> str:
    """A stored name that cannot climb out of its folder or clash: random prefix, tidy stem, the real extension."""
    stem = os.path.splitext(os.path.basename((name or "").replace("\\", "/")))[0]
    stem = get_valid_filename(slugify(stem) or "file")[:max_length]
    return f"{secrets.token_hex(8)}-{stem}{kind.extension}"


def extension_for(content_type: str) -> str:
    """The file name ending for a stored content type, for naming a download."""
    for kind in DOCUMENT_KINDS:
        if kind.content_type == content_type:
            return kind.extension
    return ""


def csv_rows(text: str):
    """The rows of an uploaded CSV text, whatever its line endings (a file saved on an old Mac ends
    lines with a carriage return alone). A row the csv module cannot read (a cell over its size
    limit, say) comes as None, and nothing after it: the caller reports that row by its number."""
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield None
            return
        yield row
