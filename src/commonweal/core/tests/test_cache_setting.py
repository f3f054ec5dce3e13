"""Web workers share one cache, so a limit such as failed sign-ins holds across them."""

import subprocess
import sys

import pytest


def _cache_backend(env: dict) -> str:
    code = "import commonweal.settings as s; print(s.CACHES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", "COMMONWEAL_DEMO": "true", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.slow
def test_the_cache_is_a_shared_folder_by_default_and_redis_when_configured(tmp_path):
    assert _cache_backend({"COMMONWEAL_VAR_DIR": str(tmp_path)}).endswith("FileBasedCache")
    assert _cache_backend(
        {"COMMONWEAL_VAR_DIR": str(tmp_path), "REDIS_URL": "redis://127.0.0.1:6379/1"}
    ).endswith("RedisCache")
