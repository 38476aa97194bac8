"""/healthz and /readyz: what a load balancer or orchestrator sees."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from search.backends import reset_backends
from search.models import IndexChange

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_answers_ok_without_touching_the_database(client):
    # No django_db mark: any query here would fail the test with pytest-django's RuntimeError.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_database_search_and_queue(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["search"]["backend"] == "embedded"
    assert body["search"]["reachable"] is True
    assert body["status"] == "ok"
    assert body["queue"] == 0
    assert "no-store" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_never_served_from_a_cache(client):
    """A second request sees the queue grow: the first answer was not reused."""
    assert client.get("/readyz").json()["queue"] == 0
    IndexChange.objects.create(page_id=1, last_error="search down")
    IndexChange.objects.create(page_id=2, last_error="search down")
    assert client.get("/readyz").json()["queue"] == 2


@pytest.fixture
def unreachable_search(settings):
    """Elasticsearch configured at a port nothing listens on."""
    settings.SEARCH_BACKEND = {
        "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
        "OPTIONS": {"url": "http://127.0.0.1:9", "index_prefix": "readyz-test", "timeout": 2},
    }
    reset_backends()
    yield
    reset_backends()


@pytest.mark.django_db
def test_readyz_is_degraded_but_200_when_search_is_down(client, unreachable_search):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["database"] == "ok"
    assert body["search"]["backend"] == "elasticsearch"
    assert body["search"]["reachable"] is False
    assert "Elasticsearch unreachable" in body["search"]["message"]


@pytest.mark.django_db
def test_readyz_shows_failed_index_changes_with_their_error(client):
    IndexChange.objects.create(page_id=7)
    IndexChange.objects.create(
        page_id=8,
        state=IndexChange.State.FAILED,
        last_error="400 document_parsing_exception: failed to parse field [published]",
    )
    body = client.get("/readyz").json()
    assert body["status"] == "degraded"
    assert body["queue"] == 1
    changes = body["index_changes"]
    assert (changes["pending"], changes["failed"]) == (1, 1)
    assert changes["failures"] == [
        {"page_id": 8, "error": "400 document_parsing_exception: failed to parse field [published]"}
    ]
    assert changes["oldest_pending_seconds"] >= 0


def test_readyz_is_503_and_healthz_200_when_the_database_is_unreachable():
    """A real process whose DATABASE_URL points at a port where no PostgreSQL listens."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/praksisbanken_findes_ikke",
        "ELASTICSEARCH_URL": "",
    }
    script = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/readyz'); h = Client().get('/healthz'); "
        "print(json.dumps({'status_code': r.status_code, 'body': r.json(), "
        "'cache': r.headers['Cache-Control'], 'healthz': [h.status_code, h.json()]}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status_code"] == 503
    assert answer["body"]["status"] == "unavailable"
    assert answer["body"]["database"] == "unavailable"
    assert answer["body"]["queue"] is None
    assert "no-store" in answer["cache"]
    assert answer["healthz"] == [200, {"status": "ok"}]
