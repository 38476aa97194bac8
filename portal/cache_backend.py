"""Django's RedisCache, but Redis being unreachable is a cache miss instead of a 500.

The default cache is used by Wagtail (site root paths), the search facets and the page cache.
With the stock backend a Redis outage took the whole site down with it, although every one of
those callers works without a cache. Reads then return nothing and writes are dropped, and for
a few seconds after a failure Redis is not tried at all, so a Redis that hangs (rather than
refusing) costs one timeout per process every few seconds instead of one per cache call.

The catch: a purge dropped during the outage is lost, so pages cached before it may be served
until their TTL (PRAKSISBANKEN_PAGE_CACHE_SECONDS) once Redis is back; that is logged."""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError)
RETRY_AFTER_SECONDS = 5


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    def _call(self, fallback, method, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return method(*args, **kwargs)
        except OUTAGE_ERRORS as exc:
            self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            logger.warning(
                "Redis unreachable, serving without the cache for %s s: %s",
                RETRY_AFTER_SECONDS,
                exc,
            )
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(None, super().delete_many, keys, version)
