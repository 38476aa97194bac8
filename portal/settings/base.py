"""Settings shared by every environment. Safe by default: no secret key, DEBUG off."""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from .env import env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
# No default: base.py must never run with a known key. dev.py and test.py set their own.
SECRET_KEY = env_str("SECRET_KEY", default="")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "home",
    "taxonomy",
    "cases",
    "methods",
    "content",
    "search",
    "erfa",
    "editorial",
    "contribute",
    "sitepages",
    "accounts",
    "following",
    "compare",
    "portal",
    "wagtail.api.v2",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "csp",
    "axes",
]

MIDDLEWARE = [
    # First, so every log line and every response (errors included) carries the request id.
    "portal.middleware.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The strict policy for the public site; /admin/ gets the relaxed ADMIN_CONTENT_SECURITY_POLICY.
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous page cache: a hit skips everything below (portal/cache.py).
    "portal.cache.PageCacheMiddleware",
    # Database down: the Danish 503 page with Retry-After (portal/outage.py).
    "portal.outage.DatabaseOutageMiddleware",
    # A write request is one transaction: a change and its search outbox row commit together.
    "portal.middleware.AtomicWritesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the Danish 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        # A persistent connection that broke (database restarted) is replaced, not reused.
        conn_health_checks=True,
    )
}

# Redis when REDIS_URL is set, so all workers share one page cache and one purge; otherwise
# memory of each process.
REDIS_URL = env_str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache; Redis being down is a cache miss, not an error.
            "BACKEND": "portal.cache_backend.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # Own prefix when several sites (or a test run) share one Redis.
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", default="praksisbanken"),
            # A hung Redis must not hang the site.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long an anonymous page is kept (portal/cache.py); 0 turns the page cache off.
PRAKSISBANKEN_PAGE_CACHE_SECONDS = env_int("PRAKSISBANKEN_PAGE_CACHE_SECONDS", 600)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Danish everywhere, the Wagtail admin included.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("da", "Dansk")]
# The project's Danish for admin strings Wagtail's catalogue lacks (locale/da/LC_MESSAGES/*.po,
# compiled by `make install`). Catalogues here come before every app's, Wagtail's included.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGIN_URL = "/log-ind/"
# Wagtail's own password reset is off: /glemt-adgangskode/ (accounts) is the one reset, linked
# from /log-ind/ and the admin login, throttled and with the same answer for every address.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"
LOGIN_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="praksisbanken@example.org")
# The editorial team's role address (a shared mailbox, never a person), shown on Kontakt, the
# tilgængelighedserklæring and the privatlivspolitik. The default is a placeholder that
# `manage.py check --deploy` warns about (sitepages.W001).
PRAKSISBANKEN_EDITORIAL_EMAIL = env_str(
    "PRAKSISBANKEN_EDITORIAL_EMAIL", default="redaktionen@praksisbanken.example"
)

WAGTAIL_SITE_NAME = "Praksisbanken"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# The portal's own search (search/): the embedded index by default, Elasticsearch when
# ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", default="")
if ELASTICSEARCH_URL:
    SEARCH_BACKEND = {
        "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
        "OPTIONS": {
            "url": ELASTICSEARCH_URL,
            "index_prefix": env_str("ELASTICSEARCH_INDEX_PREFIX", default="praksisbanken"),
            # An API key (base64 "id:key", as Elasticsearch's create-API-key answer encodes
            # it) and the CA certificate of a cluster with its own CA; unset: none.
            "api_key": env_str("ELASTICSEARCH_API_KEY", default="") or None,
            "ca_certs": env_str("ELASTICSEARCH_CA_CERTS", default="") or None,
        },
    }
else:
    SEARCH_BACKEND = {
        "BACKEND": "search.backends.embedded.EmbeddedBackend",
        "OPTIONS": {
            "path": env_str("SEARCH_INDEX_PATH", default=str(BASE_DIR / "search-index.sqlite3")),
            # Seconds a write waits for another process's lock on the index file.
            "timeout": env_int("SEARCH_INDEX_TIMEOUT", 10),
        },
    }
# Uploads (content/uploads.py): allowed types, size limits, Pillow's decompression-bomb guard
# (keep the pixel limit below PIL.Image.MAX_IMAGE_PIXELS, never disable that), content sniffing
# of documents and a required image description, which Wagtail uses as alternative text.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "txt", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "content.uploads.SafeDocumentForm"
# Every document is a download (Content-Disposition: attachment), PDFs included: an uploaded
# file is never rendered by the browser on the portal's origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "content.uploads.SafeImageForm"
# Images reach public pages only through galleries whose alternative text is required
# (cases.CaseImage), so rich text offers Wagtail's default features except inline images.
RICH_TEXT_FEATURES = [
    *["h2", "h3", "h4", "bold", "italic", "ol", "ul", "hr"],
    *["link", "document-link", "embed"],
]
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": RICH_TEXT_FEATURES},
    }
}
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Slugs are ASCII by the project's rule (content.slugs: æ→ae, ø→oe, å→aa), never %-encoded.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4). The public site has no inline script or style at all:
# templates link static files only, so a script injected into content cannot run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# The Wagtail admin writes inline scripts and style attributes and previews pages in a
# same-origin iframe (portal.middleware.ContentSecurityPolicyMiddleware applies this under /admin/).
ADMIN_CSP_PATH_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}

# Login throttling (django-axes) on /log-ind/ and /admin/login/: 5 failed attempts for one
# username from one address lock that pair out for 30 minutes; other users and addresses are
# unaffected, and a successful login clears the count.
AUTHENTICATION_BACKENDS = [
    "portal.login_throttling.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.login_throttling.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ADMIN = False  # The Django admin is not served; Wagtail is the admin.
# The client address is REMOTE_ADDR unless TRUSTED_PROXY_COUNT proxies sit in front (production).
TRUSTED_PROXY_COUNT = 0
AXES_CLIENT_IP_CALLABLE = "portal.login_throttling.forwarded_client_ip"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.logging.RequestIDFilter"}},
    "formatters": {
        "plain": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
