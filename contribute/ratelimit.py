"""A per-connection limit on submissions, kept in Django's cache (no third-party service).

The key is a keyed hash of the client's address, never the address itself. The address is
found the same way as for login throttling (portal.login_throttling.forwarded_client_ip):
REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the entry they wrote in X-Forwarded-For,
never one the client could forge. The count lives in the default cache: Redis when REDIS_URL is
set, so it holds across workers; the local-memory fallback counts per process."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from portal.login_throttling import forwarded_client_ip

DEFAULT_LIMIT = 5
DEFAULT_WINDOW_SECONDS = 60 * 60

logger = logging.getLogger(__name__)


def limit():
    return getattr(settings, "CONTRIBUTE_RATE_LIMIT", DEFAULT_LIMIT)


def window_seconds():
    return getattr(settings, "CONTRIBUTE_RATE_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS)


def ip_hash(request):
    address = forwarded_client_ip(request) or "ukendt"
    return salted_hmac("contribute.remote-addr", address, algorithm="sha256").hexdigest()


def _key(hashed):
    return f"contribute:submissions:{hashed}"


def is_limited(hashed):
    # A cache that is down (Redis restarting) must not turn the form into an error page: the
    # limit then lets submissions through (the honeypot still applies) and says so in the log.
    try:
        return cache.get(_key(hashed), 0) >= limit()
    except Exception:
        logger.exception(
            "Del et eksempel: cachen svarer ikke; grænsen for indsendelser er slået fra"
        )
        return False


def count_submission(hashed):
    """Count one submission. The window starts with the first one and is not extended."""
    key = _key(hashed)
    try:
        if not cache.add(key, 1, timeout=window_seconds()):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, timeout=window_seconds())
    except Exception:
        logger.exception("Del et eksempel: cachen svarer ikke; indsendelsen blev ikke talt med")
