"""`commonweal export ocds --out DIR`: every release in a release package and a compiled record per
process in a record package, both valid OCDS, written a chunk at a time; bad input is a clear
message and status 2, never a traceback."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from commonweal.core.management.tests.support import SECRET, commonweal, commonweal_env
from commonweal.opendata import selectors
from commonweal.opendata.models import Release
from commonweal.opendata.schema import validate_record_package, validate_release_package
from commonweal.opendata.services import release_publish
from commonweal.opendata.tests import samples

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ocds_schema")]


def export(folder: Path, *extra: str) -> str:
    out = StringIO()
    call_command("export", "ocds", "--out", str(folder), *extra, stdout=out)
    return out.getvalue()


@pytest.fixture
def published():
    """Plan 7 with two releases, plan 8 with one."""
    for data in (
        samples.release(1),
        samples.release(2, date="2027-02-07T09:30:00Z", tag=["planningUpdate"]),
        samples.release(1, ocid="ocds-commonweal-local-plan-8", date="2027-01-15T12:00:00Z"),
    ):
        release_publish(data=data, actor=None)
    # Published at known times: the packages are dated by the newest.
    for number, release in enumerate(Release.objects.order_by("pk"), start=1):
        release.published_at = datetime.datetime(2027, 3, number, tzinfo=datetime.UTC)
        release.save()


@override_settings(OCDS_PUBLISHER_NAME="Riverside Council")
def test_the_export_writes_valid_release_and_record_packages(tmp_path, published):
    said = export(tmp_path, "--base-url", "https://riverside.example/open-data")

    releases = json.loads((tmp_path / "releases.json").read_text())
    records = json.loads((tmp_path / "records.json").read_text())
    assert validate_release_package(releases) == []
    assert validate_record_package(records) == []
    assert releases["uri"] == "https://riverside.example/open-data/releases.json"
    assert records["uri"] == "https://riverside.example/open-data/records.json"
    assert releases["publisher"] == records["publisher"] == {"name": "Riverside Council"}
    assert releases["version"] == records["version"] == "1.1"
    # A plan's lots are the lots extension's tender.lots: every package says where they are defined.
    lots = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json"
    assert releases["extensions"] == records["extensions"] == [lots]
    assert releases["publishedDate"] == records["publishedDate"] == "2027-03-03T00:00:00Z"
    # Every release, oldest first; one record per process, its releases compiled.
    assert [release["id"] for release in releases["releases"]] == [
        "ocds-commonweal-local-plan-8-1",
        "ocds-commonweal-local-plan-7-1",
        "ocds-commonweal-local-plan-7-2",
    ]
    assert [record["ocid"] for record in records["records"]] == [
        "ocds-commonweal-local-plan-7",
        "ocds-commonweal-local-plan-8",
    ]
    plan_7 = records["records"][0]
    assert [release["id"] for release in plan_7["releases"]] == [
        "ocds-commonweal-local-plan-7-1",
        "ocds-commonweal-local-plan-7-2",
    ]
    assert plan_7["compiledRelease"]["date"] == "2027-02-07T09:30:00Z"
    assert "Wrote 3 releases to" in said and "Wrote 2 records to" in said


def test_the_export_reads_a_chunk_at_a_time(tmp_path, published, monkeypatch):
    monkeypatch.setattr(selectors, "CHUNK", 1)
    export(tmp_path)
    releases = json.loads((tmp_path / "releases.json").read_text())
    records = json.loads((tmp_path / "records.json").read_text())
    assert len(releases["releases"]) == 3
    assert len(records["records"]) == 2
    assert len(records["records"][0]["releases"]) == 2


def test_the_export_makes_its_folder(tmp_path, published):
    export(tmp_path / "open-data" / "2027")
    assert (tmp_path / "open-data" / "2027" / "releases.json").is_file()


def test_with_nothing_published_nothing_is_written(tmp_path):
    said = export(tmp_path)
    assert "nothing was written" in said
    assert list(tmp_path.iterdir()) == []


def test_an_out_that_is_a_file_is_a_clear_error(tmp_path):
    taken = tmp_path / "releases.json"
    taken.write_text("{}")
    with pytest.raises(CommandError) as error:
        export(taken)
    assert error.value.returncode == 2
    assert "is a file, not a folder" in str(error.value)


def test_an_out_inside_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "notes.txt").write_text("")
    with pytest.raises(CommandError) as error:
        export(tmp_path / "notes.txt" / "open-data")
    assert error.value.returncode == 2
    assert "Could not make the folder" in str(error.value)


def test_a_folder_that_cannot_be_written_is_a_clear_error(published):
    folder = Path("/proc")  # a folder nobody, not even root, can add a file to
    if not folder.is_dir():
        pytest.skip("this system has no /proc")
    with pytest.raises(CommandError) as error:
        export(folder)
    assert error.value.returncode == 2
    assert "Could not write into /proc" in str(error.value)


def test_no_out_is_a_clear_error():
    with pytest.raises(CommandError) as error:
        call_command("export", "ocds")
    assert error.value.returncode == 2
    assert "--out DIR" in str(error.value)


@pytest.mark.slow
def test_the_real_command_says_what_is_wrong_with_status_2(tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("")
    env = commonweal_env(tmp_path / "var", SECRET_KEY=SECRET)
    for args in (("--out", str(taken)), ()):
        result = commonweal("export", "ocds", *args, env=env)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
    assert (
        "is a file, not a folder"
        in commonweal("export", "ocds", "--out", str(taken), env=env).stderr
    )
