"""The anonymous page cache and its purge.

Public pages and the public API are the same for every anonymous visitor, so their rendered
responses are kept in the shared cache (Redis in production) and served without touching the
session, the database or a template. Anything that may differ per person is never stored:
requests with a session or message cookie bypass the cache entirely, and a response is stored
only when nothing personal or one-off went into it (no cookie set, no CSRF token used, no
private/no-store Cache-Control, which Wagtail sets on view-restricted pages and the erfa pages
set for logged-in users).

Purging is one write: every entry carries the generation it was rendered under, and a purge
replaces the generation. All gunicorn workers read the same generation key, so one purge
invalidates every page everywhere at once, and a page rendered from old data while a purge
happened is stored under the old generation and never served."""

import hashlib
import logging
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
CACHE_HEADER = "X-Cache"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage
# Paths whose answers depend on who asks, set cookies, or are served by views that must
# always run (health checks, private documents, log-in and member actions).
EXCLUDED_PREFIXES = (
    "/admin",
    "/log-ind/",
    "/log-ud/",
    "/del-et-eksempel/",
    "/bekraeft-eksempel/",
    "/dokumenter/",
    "/erfa-grupper/kalender/",
    "/healthz",
    "/readyz",
    "/media/",
    "/static/",
    "/_util/",
)
# Below a group page (/erfa-grupper/<slug>/...) are meetings, minutes, posts and member actions.
ERFA_MEMBER_VIEWS = re.compile(r"^/erfa-grupper/[^/]+/.")
# Vary values under which one stored copy is right for every anonymous visitor: the key holds
# the host, the site has one language, JSON is the API's only format, and encoded bodies are
# never stored.
HARMLESS_VARY = {"cookie", "accept", "accept-language", "accept-encoding"}
UNCACHEABLE_CACHE_CONTROL = {"private", "no-store", "no-cache"}


def page_cache_seconds():
    return int(getattr(settings, "PRAKSISBANKEN_PAGE_CACHE_SECONDS", 600))


def cache_enabled():
    # Off with DEBUG, so a developer sees template changes at once.
    return page_cache_seconds() > 0 and not settings.DEBUG


def purge_page_cache():
    """Invalidate every cached page in every process (a new generation)."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        # The cache being down must not break publishing; entries then expire by their TTL.
        logger.exception("Could not purge the page cache")


def schedule_purge():
    """Purge once the current transaction commits (at once outside one), once per transaction:
    a page rendered before the commit must not be kept as current."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        entry[1] is purge_page_cache for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(purge_page_cache, robust=True)


def _cache_key(request):
    host = request.get_host().lower().rstrip(".")
    url = f"{request.scheme}://{host}{request.path}?{request.META.get('QUERY_STRING', '')}"
    return "pagecache:page:" + hashlib.blake2b(url.encode(), digest_size=20).hexdigest()


def _bypasses_cache(request):
    if request.method not in ("GET", "HEAD"):
        return True
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
        return True  # possibly logged in, or a message waiting for this person
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    path = request.path_info
    return path.startswith(EXCLUDED_PREFIXES) or ERFA_MEMBER_VIEWS.match(path) is not None


def _storable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Content-Encoding"):
        return False
    cache_control = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & UNCACHEABLE_CACHE_CONTROL:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part}
    if vary - HARMLESS_VARY:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # the body holds a CSRF token
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False  # the body holds this response's CSP nonce
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # First request after a cache flush: the first writer's generation wins everywhere.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


class PageCacheMiddleware:
    """Serves stored copies of anonymous GET/HEAD responses; stores the storable ones.

    Sits right after WhiteNoise: a hit skips sessions, CSRF, authentication, messages and the
    view. The security headers and the CSP of the middleware above still apply to hits."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cache_enabled() or _bypasses_cache(request):
            response = self.get_response(request)
            response[CACHE_HEADER] = "BYPASS"
            return response
        key = _cache_key(request)
        try:
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY)
            entry = found.get(key)
            if entry is not None and generation is not None and entry[0] == generation:
                return self._hit(entry)
            if generation is None:
                generation = _current_generation()
        except Exception:
            logger.exception("Page cache unavailable; serving without it")
            response = self.get_response(request)
            response[CACHE_HEADER] = "BYPASS"
            return response

        response = self.get_response(request)
        if generation is not None and _storable(request, response):
            headers = [(name, value) for name, value in response.items() if name != CACHE_HEADER]
            entry = (generation, response.status_code, headers, response.content)
            try:
                cache.set(key, entry, timeout=page_cache_seconds())
            except Exception:
                logger.exception("Could not store a page in the page cache")
        response[CACHE_HEADER] = "MISS"
        return response

    @staticmethod
    def _hit(entry):
        _generation, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[CACHE_HEADER] = "HIT"
        return response
