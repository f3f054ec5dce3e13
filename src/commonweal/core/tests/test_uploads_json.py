"""JSON files are accepted where an import asks for them, and never as documents."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from commonweal.core import uploads

IMPORT_KINDS = frozenset({uploads.CSV, uploads.TEXT, uploads.JSON})


def test_a_json_file_is_accepted_for_an_import():
    upload = SimpleUploadedFile("framework.json", b'{"areas": []}', content_type="application/json")
    assert uploads.check_upload(upload, allowed=IMPORT_KINDS) == uploads.JSON


def test_a_json_file_is_not_a_document():
    upload = SimpleUploadedFile("framework.json", b'{"areas": []}', content_type="application/json")
    with pytest.raises(ValidationError):
        uploads.check_upload(upload)


def test_a_binary_file_called_json_is_refused():
    upload = SimpleUploadedFile(
        "framework.json", b"\x00\x01\x02binary", content_type="application/json"
    )
    with pytest.raises(ValidationError):
        uploads.check_upload(upload, allowed=IMPORT_KINDS)
