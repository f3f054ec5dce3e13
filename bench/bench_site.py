"""Settings for the load benchmark's server (bench/load.py): Commonweal's own, with a URL
configuration that adds one bare Django view to measure against.

bench/load.py puts this folder on PYTHONPATH and sets DJANGO_SETTINGS_MODULE=bench_site for
gunicorn. Production never loads this module; the bare view is in bench_urls.py, not in
commonweal/urls.py.
"""

from commonweal.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
