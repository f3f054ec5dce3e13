"""Settings fail loudly on bad values. (Dated rules: test_policy_dated.py, test_policy_tables.py.)"""

import subprocess
import sys

import pytest

from commonweal.env import ConfigurationError, env_bool, env_int, env_list


def test_env_bool_reads_the_usual_words(monkeypatch):
    for raw, expected in [
        ("true", True),
        ("1", True),
        ("On", True),
        ("false", False),
        ("0", False),
        ("", False),
    ]:
        monkeypatch.setenv("CW_FLAG", raw)
        assert env_bool("CW_FLAG") is expected
    monkeypatch.delenv("CW_FLAG")
    assert env_bool("CW_FLAG", default=True) is True


def test_env_bool_names_the_variable_when_the_value_is_wrong(monkeypatch):
    monkeypatch.setenv("DEBUG_X", "perhaps")
    with pytest.raises(ConfigurationError, match="DEBUG_X must be true or false, not 'perhaps'"):
        env_bool("DEBUG_X")


def test_env_int_rejects_words_and_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("CW_N", "ten")
    with pytest.raises(ConfigurationError, match="CW_N must be a whole number"):
        env_int("CW_N", 1)
    monkeypatch.setenv("CW_N", "0")
    with pytest.raises(ConfigurationError, match="CW_N must be at least 1"):
        env_int("CW_N", 5, minimum=1)
    monkeypatch.setenv("CW_N", "7")
    assert env_int("CW_N", 5, minimum=1) == 7


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("CW_HOSTS", " a.example, b.example ,,")
    assert env_list("CW_HOSTS", []) == ["a.example", "b.example"]


# Production needs the audit trail's keys beside SECRET_KEY.
KEYS = {
    "SECRET_KEY": "x" * 50,
    "AUDIT_KEY": "y" * 50,
    "AUDIT_SIGNING_KEY": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    "COMPETITION_SEALING_KEY": "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=",
}


def _import_settings(env: dict) -> subprocess.CompletedProcess:
    clean = {"PATH": "/usr/bin:/bin", **env}
    return subprocess.run(
        [sys.executable, "-c", "import commonweal.settings"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow
def test_settings_refuse_to_start_without_a_secret_key_outside_the_demo():
    result = _import_settings({})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert _import_settings({"COMMONWEAL_DEMO": "true"}).returncode == 0
    assert _import_settings(KEYS).returncode == 0


@pytest.mark.slow
def test_settings_refuse_to_start_without_the_audit_keys_outside_the_demo():
    for missing in ("AUDIT_KEY", "AUDIT_SIGNING_KEY"):
        result = _import_settings({**KEYS, missing: ""})
        assert result.returncode != 0
        assert "AUDIT_KEY and AUDIT_SIGNING_KEY must be set" in result.stderr
    assert _import_settings({"COMMONWEAL_DEMO": "true", "SECRET_KEY": "x" * 50}).returncode == 0


@pytest.mark.slow
def test_settings_refuse_to_start_without_the_bid_sealing_key_outside_the_demo():
    result = _import_settings({**KEYS, "COMPETITION_SEALING_KEY": ""})
    assert result.returncode != 0
    assert "COMPETITION_SEALING_KEY must be set" in result.stderr
    assert _import_settings(KEYS).returncode == 0


@pytest.mark.slow
def test_settings_reject_a_bad_database_url_and_a_bad_flag():
    bad_url = _import_settings({**KEYS, "DATABASE_URL": "nonsense://what"})
    assert bad_url.returncode != 0 and "DATABASE_URL" in bad_url.stderr
    bad_flag = _import_settings({**KEYS, "DEBUG": "yes please"})
    assert bad_flag.returncode != 0 and "DEBUG must be true or false" in bad_flag.stderr
