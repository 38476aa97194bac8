"""Deployment check for the page cache (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks

from .cache import page_cache_seconds

PER_PROCESS_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.caches, deploy=True)
def page_cache_is_shared(app_configs, **kwargs):
    """With several gunicorn workers, a purge in one process must reach them all: in a
    per-process cache the other workers would serve a page as it was before a publish until
    the TTL runs out."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if page_cache_seconds() > 0 and backend in PER_PROCESS_BACKENDS:
        return [
            # Info, not Warning: a single-process deployment is fine with it.
            checks.Info(
                "The anonymous page cache is kept per process: a publish purges only the "
                "worker that handled it.",
                hint="Set REDIS_URL, or PRAKSISBANKEN_PAGE_CACHE_SECONDS=0 to turn it off.",
                id="portal.I001",
            )
        ]
    return []
