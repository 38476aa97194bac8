"""The database outage page (portal/outage.py), in process.

Requests are made in a thread of their own whose database connection points at a database that
cannot be reached (a closed port for PostgreSQL, a file in a missing folder for SQLite): the
real driver fails to connect, exactly as while the server is down. The test's own connection
is untouched, so the next request in the test's thread shows the site working again.
tests/portal/test_faults.py stops a real PostgreSQL under a real gunicorn."""

import socket
import threading

import pytest
from django.core.cache import cache
from django.db import connections
from django.db.utils import load_backend
from django.test import Client

from cases.models import CasePage

pytestmark = pytest.mark.django_db


def _closed_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _unreachable(settings_dict, tmp_path):
    unreachable = {**settings_dict}
    if settings_dict["ENGINE"].endswith("sqlite3"):
        unreachable["NAME"] = str(tmp_path / "findes-ikke" / "db.sqlite3")
    else:
        unreachable.update(HOST="127.0.0.1", PORT=str(_closed_port()))
    unreachable["TEST"] = {}
    return unreachable


def get_while_database_is_down(path, tmp_path, **extra):
    """GET `path` with the database unreachable; returns the response."""
    result = {}
    broken_settings = _unreachable(connections["default"].settings_dict, tmp_path)

    def request():
        wrapper = load_backend(broken_settings["ENGINE"]).DatabaseWrapper(
            broken_settings, "default"
        )
        connections["default"] = wrapper
        try:
            result["response"] = Client(raise_request_exception=False).get(path, **extra)
        except Exception as exc:  # reported below, not swallowed
            result["error"] = exc
        finally:
            wrapper.close()

    thread = threading.Thread(target=request)
    thread.start()
    thread.join()
    assert "error" not in result, result.get("error")
    return result["response"]


@pytest.fixture
def case():
    return CasePage.objects.live().public().order_by("pk").first()


def test_database_down_gives_danish_503_with_retry_after(client, case, tmp_path):
    response = get_while_database_is_down(case.url, tmp_path)
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Praksisbanken er midlertidigt utilgængelig" in html
    assert 'lang="da"' in html
    assert f'href="{case.url}"' in html  # "indlæs siden igen"

    # The same process serves the page again as soon as the database answers.
    assert client.get(case.url).status_code == 200


def test_database_down_in_the_api_gives_json_503(tmp_path):
    response = get_while_database_is_down("/api/v2/pages/?type=cases.CasePage", tmp_path)
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "utilgængelig" in response.json()["error"]


def test_logged_in_visitor_gets_the_503_page_too(case, tmp_path, settings):
    from erfa.factories import make_user

    user_client = Client()
    user_client.force_login(make_user("under-nedbrud"))
    session_cookie = user_client.cookies[settings.SESSION_COOKIE_NAME].value
    response = get_while_database_is_down(
        case.url, tmp_path, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={session_cookie}"
    )
    assert response.status_code == 503
    assert "midlertidigt utilgængelig" in response.content.decode()


def test_cached_pages_are_still_served_while_the_database_is_down(client, case, tmp_path, settings):
    settings.PRAKSISBANKEN_PAGE_CACHE_SECONDS = 600
    cache.clear()
    try:
        fresh = client.get(case.url)
        assert fresh["X-Cache"] == "MISS"

        during = get_while_database_is_down(case.url, tmp_path)
        assert during.status_code == 200
        assert during["X-Cache"] == "HIT"
        assert during.content == fresh.content
        # A page nobody has visited yet cannot be served.
        assert get_while_database_is_down("/metoder/", tmp_path).status_code == 503
    finally:
        cache.clear()


def test_a_query_the_database_refuses_is_no_outage():
    """An OperationalError about the query (here: SQLite's missing table, PostgreSQL's statement
    timeout) must not be reported as "database down"; an unreachable server is."""
    from django.db import OperationalError, connection, transaction

    from portal.outage import is_database_outage

    if connection.vendor == "sqlite":
        statements = ["SELECT * FROM findes_ikke"]
    else:
        statements = ["SET LOCAL statement_timeout = 1", "SELECT pg_sleep(1)"]
    with pytest.raises(OperationalError) as raised, transaction.atomic(), connection.cursor() as c:
        for statement in statements:
            c.execute(statement)
    assert not is_database_outage(raised.value)


def test_an_unreachable_database_is_an_outage(tmp_path):
    from django.db import OperationalError

    from portal.outage import is_database_outage

    broken = _unreachable(connections["default"].settings_dict, tmp_path)
    wrapper = load_backend(broken["ENGINE"]).DatabaseWrapper(broken, "broken")
    try:
        with pytest.raises(OperationalError) as raised:
            wrapper.ensure_connection()
    finally:
        wrapper.close()
    assert is_database_outage(raised.value)
