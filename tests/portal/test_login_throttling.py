"""Login throttling (django-axes) on the member login and the Wagtail admin login.

Five wrong passwords for one username from one address lock that pair out for 30 minutes with a
Danish page and HTTP 429; the right password is refused too while locked. Other users and other
addresses are unaffected, and a successful login clears the count."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

PASSWORD = "rigtig-adgangskode-2026"
LOCKOUT_TEXT = "For mange forsøg på at logge ind"


@pytest.fixture
def member():
    return get_user_model().objects.create_user("medlem", "medlem@example.org", PASSWORD)


@pytest.fixture
def other_member():
    return get_user_model().objects.create_user("anden", "anden@example.org", PASSWORD)


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("redaktoer", "red@example.org", PASSWORD)


def _login(client, path, username, password, **extra):
    return client.post(path, {"username": username, "password": password}, **extra)


def _fail(client, path, username, times, **extra):
    for _ in range(times):
        response = _login(client, path, username, "forkert", **extra)
        assert response.status_code == 200  # the form again, with its error
        assert LOCKOUT_TEXT not in response.content.decode()


def _lock_out(client, path, username, **extra):
    """Four failures show the form again; the fifth locks the pair out."""
    _fail(client, path, username, 4, **extra)
    response = _login(client, path, username, "forkert", **extra)
    assert response.status_code == 429
    return response


def test_member_login_locks_after_five_failures_even_with_the_right_password(client, member):
    locked = _lock_out(client, "/log-ind/", "medlem")
    page = locked.content.decode()
    assert LOCKOUT_TEXT in page
    assert "30 minutter" in page
    assert 'lang="da"' in page

    response = _login(client, "/log-ind/", "medlem", PASSWORD)
    assert response.status_code == 429
    assert LOCKOUT_TEXT in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_locked_out_user_does_not_lock_out_another_user(client, member, other_member):
    _lock_out(client, "/log-ind/", "medlem")
    response = _login(client, "/log-ind/", "anden", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other_member.pk)


def test_the_lockout_is_per_address(client, member):
    _lock_out(client, "/log-ind/", "medlem", REMOTE_ADDR="198.51.100.7")
    assert (
        _login(client, "/log-ind/", "medlem", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code
        == 429
    )
    response = _login(client, "/log-ind/", "medlem", PASSWORD, REMOTE_ADDR="198.51.100.8")
    assert response.status_code == 302


def test_a_successful_login_resets_the_count(client, member):
    _fail(client, "/log-ind/", "medlem", 4)
    assert _login(client, "/log-ind/", "medlem", PASSWORD).status_code == 302
    client.logout()
    # Without the reset these would be failures 5 to 8 and the login below would be refused.
    _fail(client, "/log-ind/", "medlem", 4)
    assert _login(client, "/log-ind/", "medlem", PASSWORD).status_code == 302


def test_admin_login_is_throttled_too(client, editor):
    _lock_out(client, "/admin/login/", "redaktoer")
    response = _login(client, "/admin/login/", "redaktoer", PASSWORD)
    assert response.status_code == 429
    assert LOCKOUT_TEXT in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still not logged in: back to the login


def test_admin_login_works_below_the_limit(client, editor):
    _fail(client, "/admin/login/", "redaktoer", 4)
    response = _login(client, "/admin/login/", "redaktoer", PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_behind_a_proxy_the_forwarded_client_address_is_throttled(client, member, settings):
    """production.py: TRUSTED_PROXY_COUNT=1, nginx appends the client address to the header."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    # The left entry is whatever the client sent (forged); the right one is what nginx saw.
    _lock_out(client, "/log-ind/", "medlem", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5", **proxy)
    locked = _login(
        client, "/log-ind/", "medlem", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy
    )
    assert locked.status_code == 429
    # Another client behind the same proxy can still log in, forged header or not.
    other = _login(
        client,
        "/log-ind/",
        "medlem",
        PASSWORD,
        HTTP_X_FORWARDED_FOR="203.0.113.5, 203.0.113.9",
        **proxy,
    )
    assert other.status_code == 302


def test_a_forged_forwarded_header_never_escapes_the_lockout_without_a_proxy(client, member):
    """`make serve` and production without TRUSTED_PROXY_COUNT trust no proxy: a client that
    sends a new X-Forwarded-For with every attempt is still the one address it connects from."""
    from django.conf import settings

    assert settings.TRUSTED_PROXY_COUNT == 0
    for attempt in range(5):
        forged = {"HTTP_X_FORWARDED_FOR": f"203.0.113.{attempt + 1}"}
        _login(client, "/log-ind/", "medlem", "forkert", REMOTE_ADDR="198.51.100.20", **forged)
    response = _login(
        client, "/log-ind/", "medlem", PASSWORD, REMOTE_ADDR="198.51.100.20",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )  # fmt: skip
    assert response.status_code == 429
