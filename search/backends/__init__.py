"""Search backends: `embedded` (SQLite FTS5, the default) and `elasticsearch` (ELASTICSEARCH_URL).

Both implement `SearchBackend` and pass the same contract suite (tests/search/contract)."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


@cache
def _backend(dotted_path, options_key):
    options = dict(settings.SEARCH_BACKEND.get("OPTIONS", {}))
    return import_string(dotted_path)(**options)


def get_backend():
    """The configured backend (one instance per process and configuration)."""
    config = settings.SEARCH_BACKEND
    key = tuple(sorted((k, str(v)) for k, v in config.get("OPTIONS", {}).items()))
    return _backend(config["BACKEND"], key)


def reset_backends():
    """Forget cached backend instances (tests that change settings.SEARCH_BACKEND)."""
    _backend.cache_clear()
