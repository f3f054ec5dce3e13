"""Settings for the load benchmark's server (bench/load.py): Commonweal's own, with a URL
configuration that adds one bare Django view to measure against.

bench/load.py puts this folder on PYTHONPATH and sets DJANGO_SETTINGS_MODULE=bench_site for
gunicorn. Production never loads this module; the bare view is in bench_urls.py, not in
commonweal/urls.py.
"""

from commonweal.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"

if "API_THROTTLE" not in globals():
    # An earlier checkout measured with --server-code, from before API_THROTTLE=off existed: its API
    # throttling is switched off here the same way, so its endpoints are measured, not its 429s.
    REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None}}  # noqa: F405
