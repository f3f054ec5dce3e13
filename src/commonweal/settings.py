"""Django settings for Commonweal, read from the environment.

Every value a deployment may change is read here, once, with a helper from
``commonweal.env`` that names the variable when its value is wrong.
"""

from pathlib import Path

import dj_database_url
from csp import constants as csp_constants
from django.utils.translation import gettext_lazy as _

from commonweal.env import ConfigurationError, env_bool, env_int, env_list, env_proxies, env_str

BASE_DIR = Path(__file__).resolve().parent
# var/ holds the embedded database, uploaded files and anything else the
# running site writes. It defaults to var/ beside the project checkout.
VAR_DIR = Path(env_str("COMMONWEAL_VAR_DIR") or Path.cwd() / "var")

# The demo place: fictional data, demo sign-ins printed on start-up, and the
# current two-factor code shown to demo staff users.
DEMO_MODE = env_bool("COMMONWEAL_DEMO", default=False)
DEBUG = env_bool("DEBUG", default=False)

# The demo's key is public, so `commonweal check` refuses it outside the demo.
DEMO_SECRET_KEY = "commonweal-demo-only-not-secret"
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DEMO_MODE or DEBUG or env_bool("COMMONWEAL_TESTING", default=False):
        SECRET_KEY = DEMO_SECRET_KEY
    else:
        raise ConfigurationError(
            "SECRET_KEY must be set. Use a long random value, for example from "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`. "
            "Only the demo (COMMONWEAL_DEMO=true) runs without one."
        )

# The audit trail's keys, kept out of the database (see README, "The audit trail"): AUDIT_KEY makes
# each entry's hash an HMAC, so nobody with only the database can recompute the chain; AUDIT_SIGNING_KEY
# (Ed25519, PEM or base64 of the 32-byte seed) signs the checkpoints published at /audit/checkpoints/.
# Required like SECRET_KEY; the demo, DEBUG and the tests derive both from SECRET_KEY (`commonweal check`
# warns), which is only as secret as SECRET_KEY is.
AUDIT_KEY = env_str("AUDIT_KEY")
AUDIT_SIGNING_KEY = env_str("AUDIT_SIGNING_KEY")
AUDIT_KEYS_DERIVED = not (AUDIT_KEY and AUDIT_SIGNING_KEY)
if AUDIT_KEYS_DERIVED and not (DEMO_MODE or DEBUG or env_bool("COMMONWEAL_TESTING", default=False)):
    raise ConfigurationError(
        "AUDIT_KEY and AUDIT_SIGNING_KEY must be set. Make them with `commonweal audit keys`. "
        "Only the demo (COMMONWEAL_DEMO=true) runs without them."
    )
# Sealed bids (competitions/keys.py): the master secret each tender's key is derived from, never in the
# database, so a copy of it opens no bid. Base64 of 32 random bytes or more (`commonweal competitions key`
# makes one). COMPETITION_SEALING_KEY_FALLBACKS (comma-separated) are older secrets still tried when a bid
# is opened, for rotation. Required like AUDIT_KEY; the demo, DEBUG and the tests derive it from SECRET_KEY.
COMPETITION_SEALING_KEY = env_str("COMPETITION_SEALING_KEY")
COMPETITION_SEALING_KEY_FALLBACKS = [
    key.strip()
    for key in (env_str("COMPETITION_SEALING_KEY_FALLBACKS") or "").split(",")
    if key.strip()
]
if not COMPETITION_SEALING_KEY and not (
    DEMO_MODE or DEBUG or env_bool("COMMONWEAL_TESTING", default=False)
):
    raise ConfigurationError(
        "COMPETITION_SEALING_KEY must be set: it keeps bids sealed until their deadline. Make one with "
        "`commonweal competitions key`. Only the demo (COMMONWEAL_DEMO=true) runs without it."
    )
# The sealer signs a checkpoint of the audit trail when the newest is older than this (0: every time it seals).
AUDIT_CHECKPOINT_SECONDS = env_int("AUDIT_CHECKPOINT_SECONDS", 600, minimum=0)
# The name signed into every checkpoint, so a checkpoint of one site is never taken for another's.
AUDIT_ORIGIN = env_str("AUDIT_ORIGIN") or ""
# Who seals new entries just after each commit: the process's sealer thread ("background"), or the
# writer itself ("inline", slower for the writer; the test suite uses it).
AUDIT_SEAL_AFTER_COMMIT = (env_str("AUDIT_SEAL_AFTER_COMMIT") or "background").lower()
if AUDIT_SEAL_AFTER_COMMIT not in ("background", "inline"):
    raise ConfigurationError(
        f"AUDIT_SEAL_AFTER_COMMIT must be background or inline, not {AUDIT_SEAL_AFTER_COMMIT!r}."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Where users can get this deployment's source code (AGPL section 13).
SOURCE_CODE_URL = env_str("SOURCE_CODE_URL") or ""
SITE_URL = (env_str("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "commonweal.core",
    "commonweal.ballots",
    "commonweal.opendata",
    "commonweal.accounts",
    "commonweal.places",
    "commonweal.notifications",
    "commonweal.organisations",
    "commonweal.outcomes",
    "commonweal.needs",
    "commonweal.codesign",
    "commonweal.priorities",
    "commonweal.participation",
    "commonweal.panels",
    "commonweal.commissioning",
    "commonweal.competitions",
    "commonweal.agreements",
    "commonweal.payments",
    "commonweal.home",
    "commonweal.api",
    "commonweal.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Answers a page asks for more than once (who acts for which places), kept for the request.
    "commonweal.core.requestmemo.RequestMemoMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Pages kept whole for people who are not signed in (core/responsecache.py): after the
    # language is known, before anything reads the session or the CSRF cookie.
    "commonweal.core.responsecache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Text a database cannot store (a null character, bytes that are not UTF-8) is a 400 before any view.
    "commonweal.core.middleware_input.RefuseUnstorableInputMiddleware",
    "commonweal.accounts.middleware.RequireTwoFactorForStaffMiddleware",
    "commonweal.core.middleware.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "commonweal.urls"
WSGI_APPLICATION = "commonweal.wsgi.application"

# Django's renderer, drawing inputs, text areas and selects without a template each (core/form_renderer.py).
FORM_RENDERER = "commonweal.core.form_renderer.FastWidgetRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "commonweal.core.context_processors.site",
            ],
        },
    },
]

# Database: the embedded SQLite file under var/ unless DATABASE_URL says otherwise.
_default_sqlite = f"sqlite:///{VAR_DIR / 'commonweal.sqlite3'}"
try:
    _db = dj_database_url.parse(env_str("DATABASE_URL") or _default_sqlite, conn_max_age=60)
except ValueError as error:
    raise ConfigurationError(
        f"DATABASE_URL is not a database address Commonweal understands: {error}"
    ) from None
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # Many readers and one writer at a time: WAL lets readers carry on while a
    # write happens, IMMEDIATE takes the write lock at the start of a
    # transaction (no upgrade deadlocks) and the timeout is SQLite's
    # busy_timeout, how long a writer waits for the lock.
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {
        "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 20, minimum=1),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
# A link to confirm an email address works for this long.
EMAIL_CONFIRMATION_TIMEOUT = 60 * 60 * 24 * 3  # three days
# How many tries each of these gets in a window of so many minutes, per email address and per client
# network (an IPv4 address or an IPv6 /64, see BEHIND_PROXY): (attempts, minutes). Counted before the
# password or anything else is checked (accounts/throttle.py).
ATTEMPT_LIMITS = {
    "sign-in": {"email": (10, 15), "network": (100, 15)},
    "sign-up": {"email": (10, 60), "network": (20, 60)},
    "password-reset": {"email": (5, 60), "network": (20, 60)},
    "confirm-email": {"email": (5, 60), "network": (20, 60)},
}
OTP_TOTP_ISSUER = "Commonweal"

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Uploaded files go through Django's storage API: a folder under var/ by
# default, or any S3-compatible store (FILE_STORAGE=s3, with the commonweal[s3]
# extra; credentials come from the usual AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY variables).
_file_storage = (env_str("FILE_STORAGE") or "local").lower()
if _file_storage == "local":
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif _file_storage == "s3":
    _bucket = env_str("S3_BUCKET")
    if not _bucket:
        raise ConfigurationError("S3_BUCKET must be set when FILE_STORAGE is s3.")
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    raise ConfigurationError(f"FILE_STORAGE must be local or s3, not {_file_storage!r}.")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
MEDIA_ROOT = VAR_DIR / "uploads"
MEDIA_URL = "/uploads/"  # never served directly: downloads go through a permission check
# Uploaded files: the largest allowed, and the kinds allowed (by content, not by name).
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 10, minimum=1) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
WHITENOISE_USE_FINDERS = DEBUG

# Email: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "Commonweal <no-reply@commonweal.invalid>"

# Notifications: a person who chose a daily summary gets it at this hour, local time (0 to 23).
NOTIFICATIONS_DIGEST_HOUR = env_int("NOTIFICATIONS_DIGEST_HOUR", 7, minimum=0)
if NOTIFICATIONS_DIGEST_HOUR > 23:
    raise ConfigurationError(
        f"NOTIFICATIONS_DIGEST_HOUR must be an hour from 0 to 23, not {NOTIFICATIONS_DIGEST_HOUR}."
    )

# Open data (opendata/): every OCDS release is checked against the OCDS 1.1.5 schema before it is
# published, read from this folder and never downloaded. Unset: var/ocds/schema-1.1.5/ in the project
# (`make ocds-schema` puts it there), else the shared data beside the project; with neither, nothing
# can be published (and the export and API say how to install it).
_ocds_schema_candidates = (
    BASE_DIR.parent.parent / "var" / "ocds" / "schema-1.1.5",
    BASE_DIR.parent.parent.parent / "shared" / "data" / "ocds" / "schema-1.1.5",
)
OCDS_SCHEMA_DIR = env_str("OCDS_SCHEMA_DIR") or next(
    (str(path) for path in _ocds_schema_candidates if (path / "release-schema.json").is_file()),
    None,
)
# Grants as open data (competitions/threesixty.py): funded grant decisions are checked against the
# 360Giving 1.4 schema before they are published, read from this folder and never downloaded. Unset:
# var/360giving/schema/ in the project, else the shared data beside the project.
_threesixty_schema_candidates = (
    BASE_DIR.parent.parent / "var" / "360giving" / "schema",
    BASE_DIR.parent.parent.parent / "shared" / "data" / "360giving" / "schema",
)
THREESIXTY_SCHEMA_DIR = env_str("THREESIXTY_SCHEMA_DIR") or next(
    (str(path) for path in _threesixty_schema_candidates if path.is_dir()),
    None,
)
# Every grant's 360Giving id starts with the publisher's prefix, registered with 360Giving. The default
# is no registered prefix: set yours before publishing grants.
THREESIXTY_GIVING_PREFIX = (env_str("THREESIXTY_GIVING_PREFIX") or "360G-commonweal-local").strip()
# Every contracting process's OCDS id starts with this prefix. The default is no registered prefix:
# a publisher registers its own with the Open Contracting Partnership and sets it here.
OCDS_OCID_PREFIX = (env_str("OCDS_OCID_PREFIX") or "ocds-commonweal-local").strip()
if not OCDS_OCID_PREFIX.isascii() or any(c.isspace() or c in "/?#" for c in OCDS_OCID_PREFIX):
    raise ConfigurationError(
        f"OCDS_OCID_PREFIX must be a prefix like ocds-213czf, with no spaces, not {OCDS_OCID_PREFIX!r}."
    )
# Who publishes the open data, as named in every OCDS package: the body running this site.
OCDS_PUBLISHER_NAME = env_str("OCDS_PUBLISHER_NAME") or "Commonweal"

# Background jobs through Django's task API. The database backend needs
# nothing more than the database; set TASKS_BACKEND=rq and REDIS_URL to share
# a Redis queue between several machines.
_tasks_backend = (env_str("TASKS_BACKEND") or "database").lower()
if _tasks_backend == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif _tasks_backend == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
elif _tasks_backend == "rq":
    INSTALLED_APPS += ["django_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL") or "redis://127.0.0.1:6379/0"}}
else:
    raise ConfigurationError(
        f"TASKS_BACKEND must be database, immediate or rq, not {_tasks_backend!r}."
    )

# The ballot box commits waiting ballots in batches, so nothing stored links a voter to their ballot:
# only when a box holds at least this many and the oldest has waited this long (or voting has ended).
BALLOT_BOX_MIN_BATCH = env_int("BALLOT_BOX_MIN_BATCH", 10, minimum=1)
BALLOT_BOX_MIN_WAIT_SECONDS = env_int("BALLOT_BOX_MIN_WAIT_SECONDS", 15 * 60, minimum=0)

# The cache holds short-lived shared state such as failed sign-in counts, so every web worker must
# see the same one: a folder under var/ on one machine, Redis (REDIS_URL, with the commonweal[redis]
# extra) across several.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("REDIS_URL"),
    }
    if env_str("REDIS_URL")
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
    },
    # The public parts of heavy pages (core/pagecache.py), in each worker's memory: they are kept
    # under stamps read from the database, so no worker serves one that is out of date, and a
    # deploy starts afresh. PAGES_CACHE_ENTRIES parts at most per worker (0 keeps none; with DEBUG,
    # none either, so a template being changed shows at once).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "commonweal-pages",
        "TIMEOUT": 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGES_CACHE_ENTRIES", 2000, minimum=0)},
    }
    if env_int("PAGES_CACHE_ENTRIES", 2000, minimum=0) and not DEBUG
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    # Whole pages for people who are not signed in (core/responsecache.py), in each worker's memory:
    # RESPONSES_CACHE_ENTRIES pages at most per worker.
    "responses": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "commonweal-responses",
        "OPTIONS": {"MAX_ENTRIES": env_int("RESPONSES_CACHE_ENTRIES", 500, minimum=1)},
    },
}

# How long a page kept for people who are not signed in may be served (core/responsecache.py).
# A recorded change makes every kept page stale at once; this bounds what changes with the clock
# or goes unrecorded (ballots). 0 keeps none; with DEBUG, none either.
ANONYMOUS_CACHE_SECONDS = 0 if DEBUG else env_int("ANONYMOUS_CACHE_SECONDS", 60, minimum=0)

# How many reverse proxies stand in front of the site (false, true meaning one, or a number).
# Forwarded headers are trusted from that many proxies only, for every limit (core/client.py),
# the API's throttles and the HTTPS header; with none, only the connection's own address counts.
BEHIND_PROXY = env_proxies("BEHIND_PROXY")

# The API's rate limits (core/api/throttling.py): anonymous callers per client address, signed-in
# people per person; the back office may give one API token its own rate. API_THROTTLE=off switches
# every API limit off, for benchmarks only (sign-in limits are not these and stay on).
API_THROTTLE = env_bool("API_THROTTLE", default=True)
API_THROTTLE_RATES = {"anon": "120/min", "user": "600/min"}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "commonweal.accounts.api_auth.ApiTokenAuthentication",
        # A session counts only once it has passed the second factor the person's roles need.
        "commonweal.accounts.api_auth.TwoFactorSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # drf-spectacular's, documenting the answers every operation can give (400, 401, 403, 404 past the last page, 429).
    "DEFAULT_SCHEMA_CLASS": "commonweal.core.api.openapi.ApiAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON only, refusing bodies nested too deep or holding text a database cannot store (a 400, not a 500).
    "DEFAULT_PARSER_CLASSES": ["commonweal.core.api.parsers.SafeJSONParser"],
    "EXCEPTION_HANDLER": "commonweal.core.api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_RATES": API_THROTTLE_RATES if API_THROTTLE else {"anon": None, "user": None},
    "NUM_PROXIES": BEHIND_PROXY,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Commonweal API",
    "DESCRIPTION": "Places, organisations, people, needs, co-design sessions, priority rounds and outcomes frameworks, for commissioning people-focused public services.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for the choice each kind of news has (notifications' choices endpoint).
    "ENUM_NAME_OVERRIDES": {
        "EmailFrequencyEnum": "commonweal.notifications.topics.Frequency",
        "AgreementKindEnum": "commonweal.agreements.models.Agreement.Kind",
        "AgreementStatusEnum": "commonweal.agreements.models.Agreement.Status",
        "VariationKindEnum": "commonweal.agreements.models.Variation.Kind",
        "AssetTransferKindEnum": "commonweal.agreements.models.AssetTransfer.Kind",
        "AllianceMemberRoleEnum": "commonweal.agreements.models.Member.Role",
        "RiskStatusEnum": "commonweal.agreements.models.Risk.Status",
        "RiskLevelEnum": "commonweal.agreements.models.Risk.Level",
        # A risk's likelihood and impact as the API takes them: 1, 2 or 3.
        "RiskLevelCodeEnum": [(1, 1), (2, 2), (3, 3)],
        "AccountRoleEnum": "commonweal.accounts.roles.Role",
        "PanelStatusEnum": "commonweal.panels.models.Panel.Status",
    },
}

# Security headers and cookies. HTTPS-only settings switch on with SECURE_COOKIES.
SECURE_COOKIES = env_bool("SECURE_COOKIES", default=not (DEBUG or DEMO_MODE))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A Content-Security-Policy every page keeps (django-csp): scripts, styles, images and fonts only
# from this site, no inline script or style, no plugins, no framing, and forms post only here.
# The SVG charts draw with attributes (fill=), never style=; GOV.UK Frontend's CSS uses no data: URLs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp_constants.SELF],
        "script-src": [csp_constants.SELF],
        "style-src": [csp_constants.SELF],
        "img-src": [csp_constants.SELF],
        "font-src": [csp_constants.SELF],
        "connect-src": [csp_constants.SELF],
        "object-src": [csp_constants.NONE],
        "base-uri": [csp_constants.SELF],
        "frame-ancestors": [csp_constants.NONE],
        "form-action": [csp_constants.SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A page refused to someone (a 403) is one line, not a traceback (core/logs.py).
    "filters": {"one_line_client_errors": {"()": "commonweal.core.logs.OneLineClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"filters": ["one_line_client_errors"]},
    },
}
