"""Per-key limits on public forms, kept in Django's cache (no third-party service).

A key is a keyed hash (of the client's address, or of an e-mail address), never the value
itself. The client's address is found the same way as for login throttling
(portal.login_throttling.forwarded_client_ip): REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies
the entry they wrote in X-Forwarded-For, never one the client could forge. Counts live in the
default cache: Redis when REDIS_URL is set, so they hold across workers; the local-memory
fallback counts per process.

`Limiter` is used by "Del et eksempel" (below) and by the account forms (accounts/throttle.py)."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from portal.login_throttling import forwarded_client_ip

DEFAULT_LIMIT = 5
DEFAULT_WINDOW_SECONDS = 60 * 60

logger = logging.getLogger(__name__)


def keyed_hash(purpose, value):
    return salted_hmac(purpose, value, algorithm="sha256").hexdigest()


def ip_hash(request):
    address = forwarded_client_ip(request) or "ukendt"
    return keyed_hash("contribute.remote-addr", address)


@dataclass(frozen=True)
class Limiter:
    """At most `limit` counted events per key within `window_seconds` (settings names, so
    tests and deployments can change them). The window starts with the first event and is not
    extended."""

    name: str
    limit_setting: str
    window_setting: str
    default_limit: int = DEFAULT_LIMIT
    default_window: int = DEFAULT_WINDOW_SECONDS

    @property
    def limit(self):
        return getattr(settings, self.limit_setting, self.default_limit)

    @property
    def window_seconds(self):
        return getattr(settings, self.window_setting, self.default_window)

    def _key(self, hashed):
        return f"{self.name}:{hashed}"

    def is_limited(self, hashed):
        # A cache that is down (Redis restarting) must not turn a form into an error page: the
        # limit then lets requests through (the honeypot still applies) and says so in the log.
        try:
            return cache.get(self._key(hashed), 0) >= self.limit
        except Exception:
            logger.exception("%s: the cache does not answer; the limit is off", self.name)
            return False

    def count(self, hashed):
        key = self._key(hashed)
        try:
            if not cache.add(key, 1, timeout=self.window_seconds):
                try:
                    cache.incr(key)
                except ValueError:  # expired between add() and incr()
                    cache.add(key, 1, timeout=self.window_seconds)
        except Exception:
            logger.exception(
                "%s: the cache does not answer; this request was not counted", self.name
            )


SUBMISSIONS = Limiter(
    "contribute:submissions", "CONTRIBUTE_RATE_LIMIT", "CONTRIBUTE_RATE_WINDOW_SECONDS"
)


def limit():
    return SUBMISSIONS.limit


def window_seconds():
    return SUBMISSIONS.window_seconds


def is_limited(hashed):
    return SUBMISSIONS.is_limited(hashed)


def count_submission(hashed):
    """Count one submission."""
    SUBMISSIONS.count(hashed)
