"""Login throttling with django-axes: the authentication backend and the client address.

Settings are in portal/settings/base.py (AXES_*); production.py switches to reading the client
address from X-Forwarded-For when a reverse proxy is in front (TRUSTED_PROXY_COUNT)."""

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses logins for a locked-out username + address; authenticates nobody itself.

    Throttling is per client address, so it needs the request. The login views (/log-ind/ and
    /admin/login/) always pass it. Calls without a request come from code, not from a client
    (the test client's login(), scripts), and have no address to throttle; they are passed on to
    the next backend instead of failing as the stock backend does."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def forwarded_client_ip(request):
    """The client's address as seen by the outermost trusted proxy.

    Each of the TRUSTED_PROXY_COUNT proxies in front of gunicorn appends the address it received
    the request from to X-Forwarded-For, so the client is that many entries from the right.
    Entries further left were written by the client and can be forged; they are ignored."""
    count = settings.TRUSTED_PROXY_COUNT
    remote_addr = request.META.get("REMOTE_ADDR")
    if count <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote_addr
    return forwarded[-count]


def lockout_response(request, original_response=None, credentials=None):
    """The Danish lockout page, HTTP 429, for both login forms (AXES_LOCKOUT_CALLABLE)."""
    cool_off = get_cool_off(request)
    minutes = round(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "registration/locked_out.html",
        {"lockout_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
