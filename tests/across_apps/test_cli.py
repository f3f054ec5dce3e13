"""The `commonweal` console command: our commands first, Django's behind them, problems in words."""

import pytest

from commonweal import cli
from commonweal.core.management.tests.support import SECRET, commonweal, commonweal_env


def test_help_lists_commonweals_own_commands_first_then_every_django_command(capsys):
    cli.main(["commonweal", "--help"])
    text = capsys.readouterr().out
    ours = [text.index(f"  {name} ") for name in ("serve", "demo", "check", "audit verify")]
    django_section = text.index("Every command")
    assert all(position < django_section for position in ours)
    for _name, words in cli.COMMANDS:
        assert words in text
    assert "db_worker" in text[django_section:] and "createsuperuser" in text[django_section:]


def test_late_payment_is_listed_and_typed_with_its_hyphen(capsys):
    cli.main(["commonweal", "--help"])
    assert "  late-payment " in capsys.readouterr().out
    cli.main(["commonweal", "help", "late-payment"])
    assert "usage: commonweal late-payment" in capsys.readouterr().out


@pytest.mark.django_db
def test_late_payment_runs_with_its_hyphen(capsys):
    """The issue's example (worked by hand in payments/tests/test_late_payment.py)."""
    cli.main(
        ["commonweal", "late-payment", "--amount", "12000", "--due", "2025-01-31"]
        + ["--paid", "2025-03-17", "--json"]
    )
    assert '"total": "12288.63"' in capsys.readouterr().out


def test_help_for_check_describes_commonweals_check(capsys):
    cli.main(["commonweal", "help", "check"])
    text = capsys.readouterr().out
    assert "usage: commonweal check" in text
    assert "--fail-level" in text


@pytest.mark.slow
def test_a_missing_secret_key_is_explained_in_words_not_a_traceback(tmp_path):
    result = commonweal("migrate", env=commonweal_env(tmp_path / "var"))
    assert result.returncode == 2
    assert "SECRET_KEY must be set" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_check_lists_unapplied_migrations_then_passes_once_they_are_applied(tmp_path):
    env = commonweal_env(tmp_path / "var", SECRET_KEY=SECRET)

    fresh = commonweal("check", env=env)
    assert fresh.returncode == 1, fresh.stdout + fresh.stderr
    assert "have not been applied" in fresh.stdout
    assert "accounts.0001_initial" in fresh.stdout and "commonweal migrate" in fresh.stdout
    assert "Commonweal is not ready" in fresh.stderr

    migrated = commonweal("migrate", env=env)
    assert migrated.returncode == 0, migrated.stderr

    ready = commonweal("check", env=env)
    assert ready.returncode == 0, ready.stdout + ready.stderr
    assert "Commonweal is ready" in ready.stdout


@pytest.mark.slow
def test_check_refuses_the_demo_secret_key_outside_the_demo(tmp_path):
    env = commonweal_env(tmp_path / "var", DEBUG="true")  # DEBUG alone falls back to the demo key
    result = commonweal("check", env=env)
    assert result.returncode == 1
    assert "SECRET_KEY is the demo key" in result.stdout


@pytest.mark.slow
def test_check_says_when_the_database_cannot_be_reached(tmp_path):
    env = commonweal_env(
        tmp_path / "var",
        SECRET_KEY=SECRET,
        DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing?connect_timeout=3",
    )
    result = commonweal("check", env=env)
    assert result.returncode == 1
    assert "cannot reach its database" in result.stdout


@pytest.mark.django_db
def test_other_commands_are_djangos(capsys):
    cli.main(["commonweal", "showmigrations", "places"])
    assert "[X] 0001_initial" in capsys.readouterr().out


@pytest.mark.slow
def test_missing_audit_keys_are_explained_in_words(tmp_path):
    env = commonweal_env(tmp_path / "var", SECRET_KEY=SECRET, AUDIT_KEY="", AUDIT_SIGNING_KEY="")
    result = commonweal("migrate", env=env)
    assert result.returncode == 2
    assert (
        "AUDIT_KEY and AUDIT_SIGNING_KEY must be set. Make them with `commonweal audit keys`."
        in result.stderr
    )
    assert "Traceback" not in result.stderr
