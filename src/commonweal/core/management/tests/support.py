"""Running the real `commonweal` command in a child process, against its own fresh SQLite database."""

import os
import subprocess
import sys
from pathlib import Path

# Left out of the child's environment so it uses the real settings and its own database.
_TEST_ONLY = (
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "COMMONWEAL_TESTING",
    "SECRET_KEY",
    "DEBUG",
    "COMMONWEAL_DEMO",
    "TASKS_BACKEND",
    "FILE_STORAGE",
    "S3_BUCKET",
    "AUDIT_KEY",
    "AUDIT_SIGNING_KEY",
    "COMPETITION_SEALING_KEY",
)

SECRET = "a-real-secret-key-for-this-test-only-0123456789-abcdefghijklmnop"
# Set beside SECRET_KEY, as production needs them.
AUDIT_KEYS = {
    "AUDIT_KEY": "an-audit-key-for-this-test-only-0123456789",
    "AUDIT_SIGNING_KEY": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    "COMPETITION_SEALING_KEY": "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=",
}


def commonweal_env(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _TEST_ONLY}
    env["COMMONWEAL_VAR_DIR"] = str(var_dir)
    if "SECRET_KEY" in extra:
        env.update(AUDIT_KEYS)
    env.update(extra)
    return env


def commonweal(
    *args: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "commonweal.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=Path(env["COMMONWEAL_VAR_DIR"]).parent,
    )
