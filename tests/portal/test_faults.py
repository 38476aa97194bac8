"""Fault tests on real processes: PostgreSQL stopped and started under a running gunicorn,
Elasticsearch unreachable, Redis shared by workers and Redis unreachable.

The machine's own PostgreSQL is never touched: the module starts a private, throwaway cluster
(initdb in a temporary folder, a free port, trust authentication) as the `postgres` OS user,
since PostgreSQL refuses to run as root. It is migrated and filled from fixtures/ once, and
removed in a finalizer. The app runs as `gunicorn` with portal.settings.dev and DEBUG off, one
worker unless the cache is in Redis, so the in-memory page cache it fills is the one that
answers the next request. Helpers: tests/portal/fault_processes.py.

These tests never skip in CI (tests/conftest.py turns a skip into a failure there)."""

import json
import sys
import uuid

import pytest

from .fault_processes import (
    CASE_PATH,
    CASE_SLUG,
    CLOSED_ELASTICSEARCH,
    TEST_REDIS_URL,
    free_port,
    get,
    queued_page_ids,
    require_redis,
    run,
    start_app,
    stop_app,
    uncached,
)

pytestmark = pytest.mark.faults


@pytest.fixture
def app(faults_env):
    proc, base_url = start_app(faults_env, "gunicorn")
    yield proc, base_url
    stop_app(proc)


def test_postgres_stopped_and_started_under_a_running_app(app, faults_env):
    proc, base_url = app
    cluster = faults_env["cluster"]

    status, headers, body = get(uncached(base_url, CASE_PATH))
    assert status == 200
    assert headers["X-Cache"] == "MISS"
    assert "Rejselærer i folkeskolen" in body
    assert get(f"{base_url}/readyz")[0] == 200
    # Fill the page cache with the methods list (second visit is a hit).
    get(f"{base_url}/metoder/")
    status, headers, cached_body = get(f"{base_url}/metoder/")
    assert (status, headers["X-Cache"]) == (200, "HIT")

    cluster.stop()
    try:
        status, headers, body = get(uncached(base_url, CASE_PATH))
        assert status == 503
        assert headers["Retry-After"].isdigit()
        assert "Praksisbanken er midlertidigt utilgængelig" in body
        status, _, body = get(uncached(base_url, "/api/v2/pages/"))
        assert status == 503
        assert "utilgængelig" in json.loads(body)["error"]
        assert get(f"{base_url}/readyz")[0] == 503  # the load balancer is told, too
        # Pages in the anonymous cache keep being served while the database is away.
        status, headers, body = get(f"{base_url}/metoder/")
        assert (status, headers["X-Cache"]) == (200, "HIT")
        assert body == cached_body
    finally:
        cluster.start()

    status, _, body = get(uncached(base_url, CASE_PATH))
    assert status == 200
    assert "midlertidigt utilgængelig" not in body
    assert proc.poll() is None  # the same app process, never restarted
    assert get(f"{base_url}/readyz")[0] == 200


PUBLISH_SCRIPT = """
from cases.models import CasePage
page = CasePage.objects.get(slug="{slug}")
page.title = "{title}"
page.save_revision().publish()
print("PUBLISHED", page.pk)
"""


def test_elasticsearch_unreachable_degrades_search_and_loses_nothing(faults_env):
    cluster = faults_env["cluster"]
    es_env = {"ELASTICSEARCH_URL": CLOSED_ELASTICSEARCH}
    proc, base_url = start_app(faults_env, "gunicorn-es", **es_env)
    try:
        status, _, body = get(f"{base_url}/soeg/?q=angst")
        assert status == 503
        assert "Søgningen er midlertidigt utilgængelig" in body
        status, _, body = get(f"{base_url}/api/search/?q=angst")
        assert status == 503

        # An editor publishes while the search server is down: the page is published, and its
        # index update waits in the queue.
        title = "Rejselærer i folkeskolen, opdateret under nedbrud"
        env = {**faults_env["env"], **es_env}
        script = PUBLISH_SCRIPT.format(slug=CASE_SLUG, title=title)
        result = run([sys.executable, "manage.py", "shell", "-c", script], env=env)
        page_id = int(result.stdout.split("PUBLISHED")[1].split()[0])
        status, _, body = get(uncached(base_url, CASE_PATH))
        assert status == 200
        assert title in body
    finally:
        stop_app(proc)

    assert page_id in queued_page_ids(cluster)

    # Replaying while the search server is still down fails loudly and keeps the queue.
    manage = [sys.executable, "manage.py", "search_sync"]
    still_down = run(manage, env=env, check=False)
    assert still_down.returncode != 0
    assert "venter fortsat" in still_down.stderr
    assert page_id in queued_page_ids(cluster)

    # Once a search backend answers (here the embedded one), the queue is replayed and emptied.
    run(manage, env=faults_env["env"])
    assert queued_page_ids(cluster) == set()


def test_a_publish_in_another_process_purges_every_worker_through_redis(faults_env):
    import redis

    require_redis()
    prefix = f"pbfaults-{uuid.uuid4().hex}"
    redis_env = {"REDIS_URL": TEST_REDIS_URL, "CACHE_KEY_PREFIX": prefix}
    proc, base_url = start_app(faults_env, "gunicorn-redis", workers=2, **redis_env)
    try:
        # The case's own page: the listing is paginated and may not show the case on page one.
        path = f"/praksiseksempler/{CASE_SLUG}/"
        get(f"{base_url}{path}")
        for _ in range(4):  # whichever worker answers, the copy in Redis is used
            status, headers, _ = get(f"{base_url}{path}")
            assert (status, headers["X-Cache"]) == (200, "HIT")

        title = "Rejselærer i folkeskolen, ny titel fra en anden proces"
        env = {**faults_env["env"], **redis_env}
        script = PUBLISH_SCRIPT.format(slug=CASE_SLUG, title=title)
        run([sys.executable, "manage.py", "shell", "-c", script], env=env)

        for _ in range(4):
            status, _, body = get(f"{base_url}{path}")
            assert status == 200
            assert title in body
    finally:
        stop_app(proc)
        server = redis.Redis.from_url(TEST_REDIS_URL)
        keys = server.keys(f"{prefix}:*")
        if keys:
            server.delete(*keys)


def test_the_site_works_while_redis_is_unreachable(faults_env):
    closed = f"redis://127.0.0.1:{free_port()}/0"
    proc, base_url = start_app(faults_env, "gunicorn-no-redis", REDIS_URL=closed)
    try:
        for _ in range(2):
            status, headers, body = get(f"{base_url}/metoder/")
            assert status == 200
            assert headers["X-Cache"] == "MISS"  # nothing can be stored, nothing breaks
            assert "<h1" in body
    finally:
        stop_app(proc)
