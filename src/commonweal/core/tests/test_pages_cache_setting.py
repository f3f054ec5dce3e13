"""The pages cache is its own, in each worker's memory, whatever cache the workers share."""

import json
import subprocess
import sys

import pytest


def _pages_cache(env: dict) -> dict:
    code = "import json, commonweal.settings as s; print(json.dumps(s.CACHES['pages']))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", "COMMONWEAL_DEMO": "true", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.slow
def test_its_own_cache_of_2000_parts_none_when_switched_off_or_debugging(tmp_path):
    var = {"COMMONWEAL_VAR_DIR": str(tmp_path)}
    for env in ({}, {"REDIS_URL": "redis://127.0.0.1:6379/1"}):
        pages = _pages_cache({**var, **env})
        assert pages["BACKEND"].endswith("LocMemCache")
        assert pages["OPTIONS"] == {"MAX_ENTRIES": 2000}
    assert _pages_cache({**var, "PAGES_CACHE_ENTRIES": "50"})["OPTIONS"] == {"MAX_ENTRIES": 50}
    for env in ({"PAGES_CACHE_ENTRIES": "0"}, {"DEBUG": "true"}):
        assert _pages_cache({**var, **env})["BACKEND"].endswith("DummyCache")
