"""The page cache on Redis, as in production (portal/cache_backend.py): the real Redis service
at TEST_REDIS_URL (a skip outside CI when it is missing, a failure in CI), and a Redis that
cannot be reached."""

import os
import uuid

import pytest

from cases.models import CasePage
from portal.cache import purge_page_cache

pytestmark = pytest.mark.django_db

IN_CI = os.environ.get("CI", "").lower() == "true"
TEST_REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def case():
    return CasePage.objects.live().public().order_by("pk").first()


def body(response):
    return response.content.decode()


def _redis_reachable():
    import redis

    try:
        return redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def test_redis_backend_end_to_end(settings, client, case):
    import redis

    # Not the page_cache fixture: its cache.clear() would empty the whole Redis database.
    settings.PRAKSISBANKEN_PAGE_CACHE_SECONDS = 600

    if not _redis_reachable():
        if IN_CI:
            pytest.fail(f"Redis is required in CI at {TEST_REDIS_URL}")
        pytest.skip(f"no Redis at {TEST_REDIS_URL}")
    prefix = f"pbtest-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache_backend.ResilientRedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    server = redis.Redis.from_url(TEST_REDIS_URL)
    try:
        first = client.get(case.url)
        second = client.get(case.url)
        assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
        assert second.content == first.content
        assert server.keys(f"{prefix}:*"), "the page was not stored in Redis"

        # Another process (a second gunicorn worker) purges through Redis: all see it.
        other_worker = redis.Redis.from_url(TEST_REDIS_URL)
        generation_keys = other_worker.keys(f"{prefix}:*generation")
        assert len(generation_keys) == 1
        purge_page_cache()
        assert client.get(case.url)["X-Cache"] == "MISS"
    finally:
        keys = server.keys(f"{prefix}:*")
        if keys:
            server.delete(*keys)


def test_pages_are_served_while_redis_is_unreachable(settings, client, case):
    import socket

    settings.PRAKSISBANKEN_PAGE_CACHE_SECONDS = 600

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache_backend.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
        }
    }
    for _ in range(2):
        response = client.get(case.url)
        assert response.status_code == 200
        assert response["X-Cache"] == "MISS"
        assert case.title in body(response)
    purge_page_cache()  # publishing must not fail either
