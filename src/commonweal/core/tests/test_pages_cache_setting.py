"""The pages cache and the whole-page cache are their own, in each worker's memory, whatever cache the
workers share."""

import json
import subprocess
import sys

import pytest


def _pages_cache(env: dict) -> dict:
    return _settings(env, "CACHES.pages")[0]


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


def _settings(env: dict, *names: str) -> list:
    code = (
        "import json, commonweal.settings as s; "
        f"print(json.dumps([getattr(s, n) if '.' not in n else s.CACHES[n.split('.')[1]] for n in {list(names)!r}]))"
    )
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
def test_whole_pages_for_visitors_kept_a_minute_in_each_worker_none_when_debugging(tmp_path):
    var = {"COMMONWEAL_VAR_DIR": str(tmp_path)}
    seconds, responses = _settings(var, "ANONYMOUS_CACHE_SECONDS", "CACHES.responses")
    assert seconds == 60
    assert responses["BACKEND"].endswith("LocMemCache")
    assert responses["OPTIONS"] == {"MAX_ENTRIES": 500}
    assert _settings({**var, "ANONYMOUS_CACHE_SECONDS": "5"}, "ANONYMOUS_CACHE_SECONDS") == [5]
    assert _settings({**var, "DEBUG": "true"}, "ANONYMOUS_CACHE_SECONDS") == [0]
    assert _settings({**var, "RESPONSES_CACHE_ENTRIES": "50"}, "CACHES.responses")[0][
        "OPTIONS"
    ] == {"MAX_ENTRIES": 50}
