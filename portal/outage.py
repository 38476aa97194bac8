"""Database outage: a Danish 503 page with Retry-After instead of a 500.

While PostgreSQL is down every view that reads the database fails with OperationalError or
InterfaceError. Only errors of the connection count (is_database_outage): an OperationalError
about the query itself (SQLite's full-text syntax, a statement timeout) is not an outage and
must not tell visitors or load balancers that the database is down. The visitor is told the
site is temporarily unavailable, and a load balancer or crawler is told when to retry. The page
is rendered by a template engine of its own, without context processors or template tags that
could query the database. Recovery needs nothing: Django opens a new connection for the next
request, and CONN_HEALTH_CHECKS (base.py) drops a persistent connection that broke while the
database was away."""

import logging
import sys
from functools import cache

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import Context, Engine

logger = logging.getLogger(__name__)

# SQLSTATE classes and codes of a lost or refused connection: 08 connection exception, 57P01-03
# admin/crash shutdown and "cannot connect now", 53300 too many connections.
CONNECTION_SQLSTATES = {"57P01", "57P02", "57P03", "53300"}
# SQLite has no server: the file missing or unreadable is its outage.
SQLITE_OUTAGE_MESSAGES = ("unable to open database file", "disk i/o error")
RETRY_AFTER_SECONDS = 30
TEMPLATE_NAME = "503.html"
API_PREFIX = "/api/"
API_MESSAGE = "Databasen er midlertidigt utilgængelig. Prøv igen om lidt."
FALLBACK_HTML = (
    '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8">'
    "<title>Midlertidigt utilgængelig · Praksisbanken</title></head><body><main>"
    "<h1>Praksisbanken er midlertidigt utilgængelig</h1>"
    "<p>Vi kan ikke hente indholdet lige nu. Prøv igen om et øjeblik.</p></main></body></html>"
)


@cache
def _template():
    engine = Engine(
        dirs=[settings.BASE_DIR / "portal" / "templates"],
        libraries={"static": "django.templatetags.static"},
    )
    return engine.get_template(TEMPLATE_NAME)


def is_database_outage(exc):
    """True when `exc` says the database cannot be reached, not that a query was wrong."""
    if isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    sqlstate = getattr(cause, "sqlstate", None)
    if type(cause).__module__.startswith("psycopg"):
        # psycopg gives no SQLSTATE for a failure on the client side: refused, reset, closed.
        return sqlstate is None or sqlstate.startswith("08") or sqlstate in CONNECTION_SQLSTATES
    message = str(exc).lower()
    return any(text in message for text in SQLITE_OUTAGE_MESSAGES)


def outage_response(request):
    if request.path_info.startswith(API_PREFIX):
        response = JsonResponse({"error": API_MESSAGE}, status=503)
    else:
        try:
            html = _template().render(Context({"retry_url": request.get_full_path()}))
        except Exception:
            # E.g. no static files manifest: the visitor still gets the message, unstyled.
            logger.exception("Could not render %s", TEMPLATE_NAME)
            html = FALLBACK_HTML
        response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _mark_database_error(sender, request=None, **kwargs):
    # Sent for exceptions that escaped a middleware (not only a view); the response passing
    # back through DatabaseOutageMiddleware is then a 500 that it replaces.
    if request is not None and is_database_outage(sys.exc_info()[1]):
        request.database_unavailable = True


def connect():
    got_request_exception.connect(_mark_database_error, dispatch_uid="outage_mark_db_error")


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "database_unavailable", False) and response.status_code >= 500:
            return outage_response(request)
        return response

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            logger.error("Database unavailable: %s", exception)
            return outage_response(request)
        return None
