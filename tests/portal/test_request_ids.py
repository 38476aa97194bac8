"""Request ids: every response names its request, and log lines written meanwhile carry it."""

import io
import json
import logging
import re

import pytest
from django.contrib.auth import get_user_model

from portal.logging import JSONFormatter, RequestIDFilter


def test_every_response_gets_a_fresh_request_id(client):
    first = client.get("/healthz").headers["X-Request-ID"]
    second = client.get("/healthz").headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_a_sane_incoming_request_id_is_echoed(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-4f1c2a9e-0001")
    assert response.headers["X-Request-ID"] == "nginx-4f1c2a9e-0001"


@pytest.mark.parametrize(
    "incoming",
    ["a" * 65, "med mellemrum", "linje\nskift", 'x"; rm', "æøå", ""],
)
def test_an_unusable_incoming_request_id_is_replaced(client, incoming):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)
    assert response.headers["X-Request-ID"] != incoming
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


@pytest.fixture
def json_log():
    """The production log format (portal.logging) on the root logger, into a buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIDFilter())
    handler.setFormatter(JSONFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield stream
    root.removeHandler(handler)


@pytest.mark.django_db
def test_log_lines_written_during_a_request_carry_its_id(client, json_log):
    get_user_model().objects.create_user("logbruger", password="rigtig-adgangskode-2026")
    response = client.post(
        "/log-ind/",
        {"username": "logbruger", "password": "forkert"},
        HTTP_X_REQUEST_ID="req-login-1",
    )
    assert response.headers["X-Request-ID"] == "req-login-1"
    # django-axes logs the failed login as a WARNING while the request is handled.
    entries = [json.loads(line) for line in json_log.getvalue().splitlines()]
    failures = [e for e in entries if e["logger"].startswith("axes")]
    assert failures
    assert {e["request_id"] for e in failures} == {"req-login-1"}
    assert all(e["level"] == "WARNING" and e["time"] for e in failures)


def test_log_lines_outside_a_request_have_a_placeholder_id(json_log):
    logging.getLogger("portal.test").warning("uden forespørgsel", extra={"sider": 3})
    entry = json.loads(json_log.getvalue().splitlines()[-1])
    assert entry["request_id"] == "-"
    assert entry["message"] == "uden forespørgsel"
    assert entry["sider"] == 3
