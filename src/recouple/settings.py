"""Django settings for Recouple: one file, read from the environment (see README)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url

from recouple import config

ENV = config.Environment()

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir(ENV)

DEBUG = ENV.boolean("RECOUPLE_DEBUG", False, "recouple.E001")
SECRET_KEY = config.secret_key(ENV, DATA_DIR)
ENCRYPTION_KEYS = config.encryption_keys(ENV, DATA_DIR)

ALLOWED_HOSTS = ENV.word_list("RECOUPLE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
if not ALLOWED_HOSTS:
    ENV.problem(
        "recouple.E004",
        "RECOUPLE_ALLOWED_HOSTS names no host, so every request would be refused.",
        "Set it to a comma-separated list such as recouple.example.org, or unset it.",
    )
CSRF_TRUSTED_ORIGINS = ENV.word_list("RECOUPLE_CSRF_TRUSTED_ORIGINS", [])
SIGNUPS_OPEN = ENV.choice("RECOUPLE_SIGNUPS", "open", ("open", "closed"), "recouple.E002") == "open"

# Behind a TLS-terminating proxy (the hosted deployment) cookies must be secure and plain
# HTTP redirected; a local install on 127.0.0.1 has no certificate.
HTTPS = ENV.boolean("RECOUPLE_HTTPS", False, "recouple.E001")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Preloading commits a whole domain to HTTPS in browsers for months and is hard to undo:
# that is the operator's decision, so its deploy-check reminder is silenced here.
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = ["security.W021"]
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Absolute lifetime of a sign-in; SessionTimeoutMiddleware also ends one left idle.
SESSION_COOKIE_AGE = (
    60 * 60 * 24 * ENV.integer("RECOUPLE_SESSION_MAX_DAYS", 14, "recouple.E006", low=1, high=90)
)
SESSION_IDLE_SECONDS = 60 * ENV.integer(
    "RECOUPLE_SESSION_IDLE_MINUTES", 720, "recouple.E006", low=5, high=60 * 24 * 30
)
CSRF_COOKIE_HTTPONLY = True
# An API token not used for this many days stops working (and is removed).
API_TOKEN_IDLE_DAYS = ENV.integer("RECOUPLE_TOKEN_IDLE_DAYS", 30, "recouple.E006", low=1, high=365)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "recouple.core",
    "recouple.accounts",
    "recouple.safety",
    "recouple.assessment",
    "recouple.path",
    "recouple.nocontact",
    "recouple.drafts",
    "recouple.amends",
    "recouple.reconnect",
    "recouple.journal",
    "recouple.growth",
    "recouple.dashboard",
    "recouple.reminders",
    "recouple.summaries",
    "recouple.supporters",
    "recouple.pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "recouple.core.middleware.SecurityHeadersMiddleware",
    "recouple.core.middleware.ApiErrorsAsJsonMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "recouple.accounts.middleware.SessionTimeoutMiddleware",
    "recouple.accounts.middleware.UserTimezoneMiddleware",
    "recouple.situation.middleware.SituationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Plain inputs drawn without a template each (same bytes; see core/renderers.py).
FORM_RENDERER = "recouple.core.renderers.FastWidgets"

ROOT_URLCONF = "recouple.urls"
WSGI_APPLICATION = "recouple.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "recouple.pages.context_processors.recouple",
            ],
        },
    },
]


def _database() -> dict[str, Any]:
    url = ENV.text("DATABASE_URL")
    if url:
        try:
            parsed: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
        except ValueError as exc:
            ENV.problem(
                "recouple.E003",
                f"DATABASE_URL cannot be read: {exc}.",
                "Use the form postgres://USER:PASSWORD@HOST:PORT/NAME.",
            )
        else:
            if parsed.get("ENGINE") == "django.db.backends.postgresql":
                parsed["CONN_HEALTH_CHECKS"] = True
                return parsed
            ENV.problem(
                "recouple.E003",
                "DATABASE_URL names a database other than PostgreSQL.",
                "Use postgres://USER:PASSWORD@HOST:PORT/NAME, or unset it to use SQLite.",
            )
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "recouple.sqlite3",
        "OPTIONS": {
            # Writers queue instead of failing with "database is locked", and a
            # transaction takes the write lock when it begins, not half-way through.
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "pages:home"

# Lockout after repeated failures for one username *from one address*: someone else, from
# elsewhere, cannot lock a user out, and every lockout ends by itself after the cool-off.
AXES_FAILURE_LIMIT = ENV.integer("RECOUPLE_LOGIN_ATTEMPTS", 8, "recouple.E006", low=3, high=100)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_LOCKOUT_CALLABLE = "recouple.accounts.views.locked_out"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "recouple.core.ratelimit.client_ip"
AXES_VERBOSE = False
# How many reverse proxies stand in front of the app; their X-Forwarded-For entries are
# trusted to name the client. 0 (a local install): the connection's own address.
PROXY_HOPS = ENV.integer("RECOUPLE_PROXY_HOPS", 0, "recouple.E006", low=0, high=5)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
# Every string is marked for translation, but there is one language: without the translation
# machinery, a page's hundred strings pass through as written (Today drew 3 ms faster). A
# second language turns it back on, and nothing else changes.
USE_I18N = False
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = ENV.text("RECOUPLE_STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The app serves its own assets straight from the installed package: nothing to collect
# before `recouple serve`, and nothing fetched from another host.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

EMAIL_HOST = ENV.text("RECOUPLE_EMAIL_HOST")
EMAIL_PORT = ENV.integer("RECOUPLE_EMAIL_PORT", 587, "recouple.E006", low=1, high=65535)
EMAIL_HOST_USER = ENV.text("RECOUPLE_EMAIL_USER")
EMAIL_HOST_PASSWORD = ENV.text("RECOUPLE_EMAIL_PASSWORD")
EMAIL_USE_TLS = ENV.boolean("RECOUPLE_EMAIL_TLS", True, "recouple.E001")
DEFAULT_FROM_EMAIL = ENV.text("RECOUPLE_EMAIL_FROM", "Recouple <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.dummy.EmailBackend"
)

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "private": {"()": "recouple.core.logs.WithholdExceptionMessages"},
        "secrets": {"()": "recouple.core.logs.MaskSecrets"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["private", "secrets"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # The console only: Django's default also mails admins, with the request attached.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Request logs carry paths only; bodies and form data are never logged.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # At DEBUG, template errors quote the whole page context.
        "django.template": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
DEFAULT_EXCEPTION_REPORTER_FILTER = "recouple.core.logs.MaskEveryPostedValue"

CONFIG_PROBLEMS = ENV.problems
