"""A CSV file saved by Excel on Windows (Windows-1252: a £ sign or an é is one byte) is a CSV file,
read as the person wrote it; one in a character set we cannot tell says how to save it again, never
"wrong type of file"."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from commonweal.core import uploads

CSV_KINDS = frozenset({uploads.CSV, uploads.TEXT})
SAVE_AGAIN = "Save the file as CSV UTF-8 in Excel: File, Save as, CSV UTF-8"
# What Excel on Windows writes for a sheet saved as plain "CSV": Windows-1252, rows ending CR LF.
EXCEL_WINDOWS = (
    b"name,cost\r\nCaf\xe9 on the green,\xa31,200\r\n\x93Quoted\x94 \x96 dash,\x80 5\r\n"
)


def upload(data: bytes, name: str = "list.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_a_csv_saved_by_excel_on_windows_is_a_csv_file():
    assert uploads.check_upload(upload(EXCEL_WINDOWS), allowed=CSV_KINDS) == uploads.CSV
    assert (
        uploads.check_upload(upload(EXCEL_WINDOWS, "list.txt"), allowed=CSV_KINDS) == uploads.TEXT
    )


def test_its_text_is_read_as_written():
    assert uploads.text_of(EXCEL_WINDOWS) == (
        "name,cost\r\nCafé on the green,£1,200\r\n“Quoted” – dash,€ 5\r\n"
    )


@pytest.mark.parametrize(
    "data",
    [
        "Café,£1\n".encode(),  # CSV UTF-8
        b"\xef\xbb\xbf" + "Café,£1\n".encode(),  # CSV UTF-8 as Excel saves it, with its mark first
    ],
)
def test_utf8_comes_first_with_or_without_the_mark_excel_puts_first(data):
    assert uploads.text_of(data) == "Café,£1\n"


@pytest.mark.parametrize(
    "data",
    [
        b"name\r\nREF-\x81\r\n",  # 0x81: a byte Windows-1252 leaves unused, and not UTF-8
        "name\r\nCafé\r\n".encode("utf-16"),  # Excel's "Unicode Text"
        b"name\r\nCaf\xe9\x01\r\n",  # a control character no spreadsheet writes
    ],
)
def test_a_csv_in_a_character_set_we_cannot_tell_says_how_to_save_it(data):
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload(data), allowed=CSV_KINDS)
    assert (refused.value.code, refused.value.messages) == ("not_utf8", [SAVE_AGAIN])
    with pytest.raises(ValidationError) as refused:
        uploads.text_of(data)
    assert refused.value.messages == [SAVE_AGAIN]


def test_a_file_of_another_kind_called_csv_is_still_the_wrong_type():
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload(png), allowed=CSV_KINDS)
    assert refused.value.code == "wrong_type"


def test_a_document_upload_that_takes_no_csv_says_wrong_type():
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload(b"REF-\x81\r\n"), allowed=frozenset({uploads.PDF}))
    assert refused.value.code == "wrong_type"
