"""Production. Every secret and host comes from the environment, with no default.

A missing or unusable variable stops the process at start-up (manage.py, gunicorn) with an
ImproperlyConfigured error naming it. Required:

  SECRET_KEY             at least 50 random characters
  ALLOWED_HOSTS          comma-separated host names, e.g. praksisbanken.dk
  CSRF_TRUSTED_ORIGINS   comma-separated origins, e.g. https://praksisbanken.dk
  DATABASE_URL           postgres://user:password@host:5432/name (PostgreSQL only)
  ELASTICSEARCH_URL      http://host:9200, unless SEARCH_BACKEND=embedded (one machine only)
  REDIS_URL              redis://host:6379/0: the cache all workers share (page cache and its
                         purge, facet values, the submission form's rate limit)
  EMAIL_HOST             SMTP server (EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD optional)
  DEFAULT_FROM_EMAIL     sender address of the portal's e-mails
  WAGTAILADMIN_BASE_URL  https://praksisbanken.dk (links in e-mails and the API)

Optional: PRAKSISBANKEN_EDITORIAL_EMAIL (the editorial role address on the site pages; the
default placeholder is a deploy-check warning), TRUSTED_PROXY_COUNT (reverse proxies in front of
gunicorn that append to X-Forwarded-For; default 0, trust none: set 1 behind nginx as
docs/operations.md shows),
SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, LOG_LEVEL.

Media: uploaded documents are always served through Wagtail's view (WAGTAILDOCS_SERVE_METHOD),
which checks privacy and sends its own "default-src 'none'" policy. Only media/images/ and
media/original_images/ are served by the web server directly; it must send
`X-Content-Type-Options: nosniff` for them and never execute anything under media/.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_str

SECRET_KEY = env_str("SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Miljøvariablen SECRET_KEY skal være mindst 50 tegn (SECRET_KEY is too short)."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL"), conn_max_age=60)}  # noqa: F405
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "Miljøvariablen DATABASE_URL skal pege på PostgreSQL (postgres://…) "
        "(DATABASE_URL must be a PostgreSQL URL; SQLite is not supported in production)."
    )
# A dead connection kept from an earlier request fails once; check it before use instead.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# base.py already switches the portal's search to Elasticsearch when the variable is set.
# Production requires it: several machines cannot share the embedded SQLite index. A single
# machine (`make serve`, a small installation) may opt out explicitly with SEARCH_BACKEND=embedded.
_SEARCH_CHOICE = env_str("SEARCH_BACKEND", default="elasticsearch")
if _SEARCH_CHOICE not in {"elasticsearch", "embedded"}:
    raise ImproperlyConfigured(
        f"Miljøvariablen SEARCH_BACKEND skal være 'elasticsearch' eller 'embedded', "
        f"ikke {_SEARCH_CHOICE!r}."
    )
if _SEARCH_CHOICE == "elasticsearch" and not ELASTICSEARCH_URL:  # noqa: F405
    raise ImproperlyConfigured(
        "Miljøvariablen ELASTICSEARCH_URL skal være sat (environment variable ELASTICSEARCH_URL "
        "is required; SEARCH_BACKEND=embedded uses the embedded index on a single machine)."
    )

# Every gunicorn worker must see one cache: with a per-process cache a publish would purge only
# the worker that handled it, and rate limits would count per process.
if not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured(
        "Miljøvariablen REDIS_URL skal være sat (environment variable REDIS_URL is required: "
        "the page cache, its purge and the rate limits are shared by all workers through Redis)."
    )

# HTTPS: TLS ends at the reverse proxy, which must set X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The health endpoints are polled over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Login throttling sees the client's address, not the proxy's: the client is the entry
# TRUSTED_PROXY_COUNT places from the right in X-Forwarded-For (portal.login_throttling).
# Only correct when the proxy overwrites/appends the header (nginx: proxy_add_x_forwarded_for)
# and gunicorn cannot be reached except through it.
# Unset, no proxy is trusted: gunicorn reached directly (`make serve`) would otherwise let a
# client pick its own address by forging the header.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL")
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# One JSON object per line on stderr, with the request id (portal.logging); gunicorn's access log
# carries the same id (gunicorn.conf.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.logging.RequestIDFilter"}},
    "formatters": {"json": {"()": "portal.logging.JSONFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Every axes log line at INFO would repeat each login; failures and lockouts are WARNING.
        "axes": {"level": "WARNING"},
    },
}
