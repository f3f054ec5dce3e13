"""Uploaded files are checked by size and by what they really are, not by their name."""

import pytest
from django.core.exceptions import ValidationError

from commonweal.core import uploads
from commonweal.organisations.tests import samples

WRONG_TYPE = "The file must be a PDF, Word, Excel, OpenDocument, CSV, text, PNG or JPEG file"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("accounts.pdf", samples.PDF_BYTES, "application/pdf"),
        ("logo.png", samples.PNG_BYTES, "image/png"),
        ("photo.jpeg", samples.JPEG_BYTES, "image/jpeg"),
        ("photo.JPG", samples.JPEG_BYTES, "image/jpeg"),
        (
            "policy.docx",
            samples.DOCX_BYTES,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "budget.xlsx",
            samples.XLSX_BYTES,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("constitution.odt", samples.ODT_BYTES, "application/vnd.oasis.opendocument.text"),
        ("figures.ods", samples.ODS_BYTES, "application/vnd.oasis.opendocument.spreadsheet"),
        ("members.csv", samples.CSV_BYTES, "text/csv"),
        ("notes.txt", samples.TEXT_BYTES, "text/plain"),
        ("README", samples.TEXT_BYTES, "text/plain"),
        # Saved by Excel or Notepad on Windows: Windows-1252, where an é or a £ is one byte.
        ("figures.csv", "Café,£1,200\r\n".encode("cp1252"), "text/csv"),
        ("notes.txt", "café in Windows-1252".encode("cp1252"), "text/plain"),
    ],
)
def test_allowed_kinds_are_recognised_by_their_content(name, content, content_type):
    kind = uploads.check_upload(samples.upload(name, content))
    assert kind.content_type == content_type


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("annual-report.pdf", samples.EXE_BYTES),  # a program renamed to look like a PDF
        ("annual-report.pdf", samples.TEXT_BYTES),  # text claiming to be a PDF
        ("annual-report.pdf", samples.PNG_BYTES),  # an image claiming to be a PDF
        ("policy.docx", samples.PLAIN_ZIP_BYTES),  # a zip without a Word document inside
        ("policy.docx", samples.XLSX_BYTES),  # a spreadsheet claiming to be a Word document
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("program.exe", samples.EXE_BYTES),
        ("notes.txt", b"caf\x81: neither UTF-8 nor Windows-1252"),
        ("notes.txt", b"text with a \x00 byte"),
        ("archive.zip", samples.PLAIN_ZIP_BYTES),
    ],
)
def test_other_files_are_refused_whatever_they_are_called(name, content):
    with pytest.raises(ValidationError) as error:
        uploads.check_upload(samples.upload(name, content, "application/pdf"))
    assert error.value.messages == [WRONG_TYPE]


def test_a_file_over_the_limit_is_refused_with_the_limit_in_megabytes(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    too_big = samples.PDF_BYTES + b"0" * (10 * 1024 * 1024 + 1 - len(samples.PDF_BYTES))
    with pytest.raises(ValidationError) as error:
        uploads.check_upload(samples.upload("big.pdf", too_big))
    assert error.value.messages == ["The file must be smaller than 10 MB"]


def test_a_file_exactly_at_the_limit_is_accepted(settings):
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    exactly = samples.PDF_BYTES + b"0" * (2 * 1024 * 1024 - len(samples.PDF_BYTES))
    assert uploads.check_upload(samples.upload("big.pdf", exactly)) == uploads.PDF


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        uploads.check_upload(samples.upload("empty.pdf", b""))
    assert error.value.messages == ["The selected file is empty"]


def test_checking_leaves_the_file_ready_to_be_read_from_the_start():
    file = samples.upload("accounts.pdf", samples.PDF_BYTES)
    uploads.check_upload(file)
    assert file.read() == samples.PDF_BYTES


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "..\\..\\windows\\system.pdf",
        "/abs/path.pdf",
        "Annual report 2024 (final).pdf",
        ".pdf",
        "",
    ],
)
def test_stored_names_stay_in_their_folder_and_take_the_real_extension(name):
    stored = uploads.safe_filename(name, uploads.PDF)
    assert "/" not in stored and "\\" not in stored and ".." not in stored and " " not in stored
    assert stored.endswith(".pdf")


def test_stored_names_keep_a_readable_stem_and_are_unique():
    first = uploads.safe_filename("Annual report 2024.docx", uploads.PDF)
    second = uploads.safe_filename("Annual report 2024.docx", uploads.PDF)
    assert first.endswith("-annual-report-2024.pdf")
    assert first != second
