"""Settings for the test suite: the real settings, with fast hashing and jobs run at once."""

import os
import tempfile

os.environ.setdefault("COMMONWEAL_TESTING", "true")

from commonweal.settings import *  # noqa: F403
from commonweal.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AUDIT_SEAL_AFTER_COMMIT = (
    "inline"  # each test's data is invisible to a sealer thread's own connection
)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="commonweal-test-uploads-")
STATIC_ROOT = tempfile.mkdtemp(prefix="commonweal-test-static-")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_COOKIES = SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None}}  # noqa: F405
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Emptied before each test (conftest.py): stamps roll back with each test's data.
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    "responses": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "responses",
    },
}
# No whole pages kept: a test's changes never commit, so the audit trail's head, which makes a kept
# page stale, never moves inside a test. tests/across_apps/test_anonymous_page_cache.py switches it on.
ANONYMOUS_CACHE_SECONDS = 0
