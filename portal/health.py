"""Health endpoints for the load balancer and the orchestrator.

/healthz: the process answers (liveness). Touches nothing else, so a database outage never gets
healthy workers restarted.
/readyz: can this instance serve pages (readiness)? The database is required (503 without it);
search being down only degrades the site (search pages show their own message), so it stays 200.
The search part says why search is unavailable (e.g. refused credentials) and what waits in
the index outbox: changes pending, changes that failed (with their error text).
Neither answer may be cached by anything: a cached "ok" would hide an outage."""

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from search import outbox
from search.backends import get_backend

logger = logging.getLogger(__name__)


def _no_store(response):
    # never_cache already sends no-store; say it plainly for proxies that only read that word.
    response["Cache-Control"] = "no-store, no-cache, must-revalidate, max-age=0, private"
    return response


@require_GET
@never_cache
def healthz(request):
    return _no_store(JsonResponse({"status": "ok"}))


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True
    except DatabaseError:
        logger.exception("readyz: databasen svarer ikke")
        return False


def _search_status():
    backend_name = settings.SEARCH_BACKEND["BACKEND"].split(".")[-2]
    try:
        reachable, message = get_backend().health()
    except Exception as exc:  # noqa: BLE001 - readiness reports an outage, it must not become one
        logger.exception("readyz: søgningen svarer ikke")
        reachable, message = False, f"{type(exc).__name__}: {exc}"
    status = {"backend": backend_name, "reachable": reachable}
    if message:
        status["message"] = message
    return status


@require_GET
@never_cache
def readyz(request):
    database_ok = _database_ok()
    search = _search_status()
    changes = outbox.summary() if database_ok else None
    if not database_ok:
        status, http_status = "unavailable", 503
    elif not search["reachable"] or changes["failed"]:
        status, http_status = "degraded", 200
    else:
        status, http_status = "ok", 200
    body = {
        "status": status,
        "database": "ok" if database_ok else "unavailable",
        "search": search,
        "queue": changes["pending"] if changes else None,
        "index_changes": changes,
    }
    return _no_store(JsonResponse(body, status=http_status))
