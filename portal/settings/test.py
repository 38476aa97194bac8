"""The test suite. DATABASE_URL chooses SQLite (default) or PostgreSQL."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .env import env_str

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DATABASES["default"] = dj_database_url.parse(  # noqa: F405
    env_str("DATABASE_URL", default="sqlite:///:memory:")
)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "media" / "test"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

if ELASTICSEARCH_URL:  # noqa: F405
    # A real cluster (make test-elasticsearch): never the production prefix.
    SEARCH_BACKEND["OPTIONS"]["index_prefix"] = (  # noqa: F405
        env_str("ELASTICSEARCH_TEST_INDEX_PREFIX", default="pbtest") + "-suite"
    )
else:
    # One index file per test process; tests that search rebuild it (tests/search/conftest.py).
    SEARCH_BACKEND = {
        "BACKEND": "search.backends.embedded.EmbeddedBackend",
        "OPTIONS": {"path": str(Path(tempfile.gettempdir()) / f"pb-test-index-{os.getpid()}.db")},
    }

# Tests use process memory, never a Redis that outlives the test's rolled-back transaction.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The page cache is off for the suite: tests change the database and roll back without a commit,
# so a purge (on commit) never runs. tests/portal/test_cache.py turns it on per test.
PRAKSISBANKEN_PAGE_CACHE_SECONDS = 0
