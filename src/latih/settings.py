"""Settings of Latih, read from the environment and nothing else.

Every value has an embedded default (SQLite, local files, in-process cache and tasks) so
that ``make run`` works on a fresh machine. Production chooses PostgreSQL, Redis, Celery
workers and S3-compatible storage by setting environment variables; see docs/operations.md.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ

BASE_DIR = Path(__file__).resolve().parent
_DEFAULT_VAR_DIR = BASE_DIR.parent.parent / "var"
VAR_DIR = Path(environ.Env().str("LATIH_VAR_DIR", default=str(_DEFAULT_VAR_DIR)))

env = environ.Env()


# var/ holds the database (NIKs, birth dates), the secret key and the uploads: only the
# account that runs Latih may read it. Directories are made 0700 and files 0600 when they
# are created; the project's own var/ and the files below are tightened if an older
# version left them readable by others (a directory chosen with LATIH_VAR_DIR is left as
# the operator made it).
def _tighten(path: Path, mode: int) -> None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return
    if status.st_uid == os.getuid() and status.st_mode & 0o077:
        path.chmod(mode)


def _private_var_dir() -> None:
    if not VAR_DIR.exists():
        VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    if VAR_DIR.resolve() == _DEFAULT_VAR_DIR.resolve():
        _tighten(VAR_DIR, 0o700)


def _private_file(path: Path, text: str = "") -> None:
    """Create ``path`` with ``text``, readable by this account only, complete or not at
    all; a file another process created first is kept (and tightened)."""
    if path.parent == VAR_DIR:
        _private_var_dir()
    if path.exists():
        _tighten(path, 0o600)
        return
    temporary = path.with_name(f".{path.name}.{os.getpid()}.new")
    temporary.unlink(missing_ok=True)
    with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
        f.write(text)
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _embedded_secret_key() -> str:
    """A key generated once per installation and kept in var/, for the embedded mode only."""
    path = VAR_DIR / "secret_key"
    _private_file(path, secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = env.bool("DEBUG", default=False)
# Production sets its own SECRET_KEY; without one this is the embedded mode (`make run`),
# which keeps a generated key in var/ and may find its public address itself (SITE_URL).
EMBEDDED = not env.str("SECRET_KEY", default="")
SECRET_KEY = env.str("SECRET_KEY", default="") or _embedded_secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "latih.common",
    "latih.agencies",
    "latih.accounts",
    "latih.learning",
    "latih.exams",
    "latih.cohorts",
    "latih.certificates",
    "latih.portal",
    "latih.core",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files (pdf.js's worker among them) carry it too.
    "latih.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "latih.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The person's time zone (WIB, WITA, WIT), once the person is known.
    "latih.core.middleware.TimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "latih.accounts.middleware.PasswordRequiredMiddleware",
    "latih.common.errors.AppErrorMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "latih.urls"
WSGI_APPLICATION = "latih.wsgi.application"

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
                "django.template.context_processors.i18n",
                "latih.accounts.permissions.context_processor",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'latih.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the embedded server take concurrent requests without
    # "database is locked" errors; IMMEDIATE makes write transactions queue, not fail.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file too: an in-memory database shared between threads locks whole
    # tables instead of waiting, and concurrency is exactly what some tests exercise.
    # One file per test run (the process id), so that two runs never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
    _database_file = Path(str(DATABASES["default"]["NAME"]))
    if _database_file.is_absolute() and (
        _database_file.parent.is_dir() or _database_file.parent == VAR_DIR
    ):
        # SQLite creates its -wal and -shm files with the database file's permissions.
        _private_file(_database_file)
        for _suffix in ("-wal", "-shm"):
            _tighten(_database_file.with_name(_database_file.name + _suffix), 0o600)
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, background jobs -------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="latih"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Per-address counters (sign-in failures, certificate lookups) must be one count for every
# process of the installation, `manage.py unlock_address` included: Redis when there is
# one, else a table of the database that `migrate` creates.
CACHES["counters"] = (
    {**CACHES["default"]}
    if REDIS_URL
    else {
        "BACKEND": "latih.accounts.throttle.CounterCache",
        "LOCATION": "latih_counters",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
)

SESSION_ENGINE = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
}[env.str("SESSION_STORE", default="cached_db" if REDIS_URL else "db")]
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
# Without a broker the embedded mode runs jobs in the request that queued them.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Asia/Jakarta"
# An attempt queues its deadline job up to a day ahead; with Redis, a job not acknowledged
# within the visibility timeout is delivered again (harmless: the job is idempotent, but
# wasteful), so the timeout covers the longest time limit.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 26 * 3600}
# Run `celery -A latih beat` beside the workers; the embedded server runs the same sweep in
# a thread (see core/management/commands/serve.py).
CELERY_BEAT_SCHEDULE = {
    "submit-expired-attempts": {
        "task": "latih.exams.tasks.submit_expired_attempts",
        "schedule": 30.0,
    },
    "resume-stalled-jobs": {
        "task": "latih.cohorts.tasks.resume_stalled_jobs",
        "schedule": 60.0,
    },
}

# --- Completion and certificates ------------------------------------------------------
# The public address printed in certificates' QR codes. Production must set it (checked
# at start: certificates/addresses.py); the embedded server uses the address it listens on
# (`manage.py serve`), and other embedded commands the local port `PORT`.
SITE_URL = env.str(
    "SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}" if EMBEDDED else ""
).rstrip("/")
# Key of the check characters in certificate numbers; keep it when SECRET_KEY changes.
CERTIFICATE_KEY = env.str("CERTIFICATE_KEY", default="") or SECRET_KEY
# ASN are expected to reach this many hours (JP) of development a year (SPEC, Completion).
YEARLY_HOURS = env.int("YEARLY_HOURS", default=20)
# Public verification: lookups by number per address and window, against enumeration.
VERIFY_LOOKUP_LIMIT = env.int("VERIFY_LOOKUP_LIMIT", default=30)
VERIFY_LOOKUP_WINDOW = env.int("VERIFY_LOOKUP_WINDOW", default=600)

# --- Accounts and sign-in -------------------------------------------------------------
AUTH_USER_MODEL = "accounts.Person"
AUTHENTICATION_BACKENDS = [
    "latih.accounts.throttle.AddressLockBackend",
    "axes.backends.AxesStandaloneBackend",
    "latih.accounts.backends.NipPasswordBackend",
    "latih.accounts.backends.FirstLoginBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "latih.accounts.passwords.NotIdentityNumberValidator"},
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:sign_in"

# Brute-force protection: a run of failures locks the account (django-axes) for a while;
# far more failures from one address lock that address (accounts/throttle.py: offices
# and training centres share one NAT address). An admin can lift either earlier.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCK_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=30)
# Addresses are counted by accounts/throttle.py with their own limit, not by axes.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "latih.accounts.views.locked_out"
AXES_VERBOSE = False
# The NIK typed at a first sign-in is a secret there: never stored with the attempt.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "nik"]
AXES_USERNAME_CALLABLE = "latih.accounts.backends.lockout_username"
# Every per-address limit reads the address from latih.common.netaddr.client_address, which
# trusts exactly this many reverse proxies' X-Forwarded-For entries (0: none, the
# connection's address is the client's).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "latih.common.netaddr.client_address"
# A sign-in refused while locked (the account, or the address: accounts/throttle.py) is
# not one more failure of the account.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploads, imported files and certificates' PDFs: readable by this account only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
_media_backend = env.str("MEDIA_STORAGE", default="local")
STORAGES = {
    "default": {
        "BACKEND": {
            "local": "django.core.files.storage.FileSystemStorage",
            "s3": "storages.backends.s3.S3Storage",
        }[_media_backend],
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET", default=""),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        }
        if _media_backend == "s3"
        else {},
    },
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        ),
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0

# --- Email ----------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Latih <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "latih.core.error_pages.csrf_failure"
SESSION_COOKIE_HTTPONLY = True


def _storage_origins() -> list[str]:
    """Where the browser is sent for media files on S3 (signed addresses): the endpoint,
    path-style and bucket-as-host-style."""
    if _media_backend != "s3":
        return []
    bucket, region = env.str("S3_BUCKET", default=""), env.str("S3_REGION", default="")
    endpoint = urlsplit(env.str("S3_ENDPOINT_URL", default=""))
    if endpoint.scheme and endpoint.netloc:
        return [
            f"{endpoint.scheme}://{endpoint.netloc}",
            f"{endpoint.scheme}://{bucket}.{endpoint.netloc}",
        ]
    hosts = [f"{bucket}.s3.amazonaws.com"]
    if region:
        hosts += [f"{bucket}.s3.{region}.amazonaws.com", f"s3.{region}.amazonaws.com"]
    return [f"https://{host}" for host in hosts]


# Content-Security-Policy (core/middleware.py): everything from this site only; images,
# media and pdf.js's fetches also from the media storage; pdf.js's worker from here.
# CSP_MEDIA_ORIGINS overrides the storage origins (a CDN in front of the bucket).
_MEDIA_ORIGINS = " ".join(env.list("CSP_MEDIA_ORIGINS", default=_storage_origins()))
CONTENT_SECURITY_POLICY = "; ".join(
    directive.strip()
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src 'self' data: blob: {_MEDIA_ORIGINS}",
        f"media-src 'self' blob: {_MEDIA_ORIGINS}",
        f"connect-src 'self' {_MEDIA_ORIGINS}",
        "worker-src 'self' blob:",
        "font-src 'self'",
        "frame-src 'none'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    )
)
# Nothing here needs the camera, microphone, location or payments; videos may go full
# screen.
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "camera=()",
        "display-capture=()",
        "geolocation=()",
        "gyroscope=()",
        "magnetometer=()",
        "microphone=()",
        "payment=()",
        "usb=()",
        "fullscreen=(self)",
    ]
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
