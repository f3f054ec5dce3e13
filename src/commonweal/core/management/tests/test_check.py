"""`commonweal check` (the check_deployment command) against the test database."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from commonweal.settings import DEMO_SECRET_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_like(settings, tmp_path):
    settings.SECRET_KEY = "a-real-secret-key-for-this-test-only-0123456789-abcdefghijklmnop"
    settings.DEMO_MODE = False
    settings.MEDIA_ROOT = str(tmp_path / "uploads")
    return settings


def run_check(*args) -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command("check_deployment", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_a_sound_installation_passes(production_like):
    out, error = run_check()
    assert error is None, out
    assert "Commonweal is ready" in out


def test_unapplied_migrations_are_listed_by_name(production_like):
    MigrationRecorder(connection).record_unapplied("sessions", "0001_initial")
    out, error = run_check()
    assert error is not None
    assert "1 database migration has not been applied: sessions.0001_initial" in out


def test_the_demo_secret_key_is_a_problem_outside_the_demo(production_like):
    production_like.SECRET_KEY = DEMO_SECRET_KEY
    out, error = run_check()
    assert error is not None
    assert "SECRET_KEY is the demo key" in out


def test_the_demo_secret_key_is_fine_in_the_demo(production_like):
    production_like.SECRET_KEY = DEMO_SECRET_KEY
    production_like.DEMO_MODE = True
    out, error = run_check()
    assert "SECRET_KEY is the demo key" not in out
    assert error is None, out


def test_an_uploads_folder_that_cannot_be_written_is_a_problem(production_like, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the uploads folder should be")
    production_like.MEDIA_ROOT = str(blocker / "uploads")
    out, error = run_check()
    assert error is not None
    assert f"Uploaded files cannot be saved in {blocker / 'uploads'}" in out


def test_uploads_to_other_storage_are_not_checked_on_disk(production_like, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    production_like.MEDIA_ROOT = str(blocker / "uploads")
    production_like.STORAGES = {
        **production_like.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    out, error = run_check()
    assert error is None, out


def test_djangos_deployment_warnings_are_shown_and_fail_only_when_asked(production_like):
    production_like.SECURE_HSTS_SECONDS = 0
    out, error = run_check()
    assert error is None
    assert "security.W004" in out

    out, error = run_check("--fail-level", "WARNING")
    assert error is not None
    assert "security.W004" in out
