"""How Elasticsearch errors are classified (search/outbox.py acts on the classes):

- retryable, SearchUnavailable: unreachable node, timeout, 429, 5xx, 409, a missing index or
  alias (no rebuild yet). Pages answer 503; index changes wait and are retried with backoff.
- an operator must act, SearchMisconfigured: 401 (credentials), 403 (privileges), and a server
  that is not Elasticsearch (the client's product check, e.g. OpenSearch). Search reports
  "unavailable" with a message saying what to fix; changes wait.
- permanent, WriteRefused or a permanent WriteFailure: a 400 (a mapping error, a document the
  strict mapping refuses). The page's change is set aside with the error text.

A read never raises anything else: a search Elasticsearch refuses (400) is logged as the bug it
is and answered like an outage, never with a 500."""

import logging
from contextlib import contextmanager

from elasticsearch import (
    ApiError,
    AuthenticationException,
    AuthorizationException,
    NotFoundError,
    TransportError,
    UnsupportedProductError,
)

from search.contract import SearchMisconfigured, SearchUnavailable, WriteFailure, WriteRefused

logger = logging.getLogger(__name__)

RETRYABLE_STATUSES = {408, 409, 429}


def retryable_status(status):
    return status in RETRYABLE_STATUSES or status >= 500


def describe(error):
    """'type: reason (caused by type: reason)' of an Elasticsearch error object or text."""
    if not isinstance(error, dict):
        return str(error)
    text = f"{error.get('type', 'error')}: {error.get('reason', '')}".strip()
    cause = error.get("caused_by")
    if isinstance(cause, dict):
        text += f" (caused by {cause.get('type')}: {cause.get('reason', '')})"
    return text


def _body_error(exc):
    body = getattr(exc, "body", None)
    return describe(body.get("error")) if isinstance(body, dict) else str(exc)


def misconfiguration(exc):
    """The operator message for errors that no retry fixes, else None."""
    if isinstance(exc, UnsupportedProductError):
        return (
            "The server at ELASTICSEARCH_URL is not Elasticsearch (the client's product check "
            "failed: no 'X-Elastic-Product: Elasticsearch' header). Point ELASTICSEARCH_URL at "
            "Elasticsearch 8."
        )
    if isinstance(exc, AuthenticationException):
        return (
            "Elasticsearch refused the credentials (401): set a valid ELASTICSEARCH_API_KEY "
            f"(or credentials in ELASTICSEARCH_URL). {_body_error(exc)}"
        )
    if isinstance(exc, AuthorizationException):
        return (
            "Elasticsearch refused the request (403): the API key lacks privileges on the "
            f"portal's indices (read, write, manage on <prefix>-*). {_body_error(exc)}"
        )
    return None


@contextmanager
def guard(write=False):
    """Translate client errors into the search contract's errors (see the module docstring).
    `write`: a 400 refuses the request (WriteRefused) instead of reading as an outage."""
    try:
        yield
    except TransportError as exc:
        raise SearchUnavailable(f"Elasticsearch unreachable: {exc}") from exc
    except ApiError as exc:
        message = misconfiguration(exc)
        if message:
            raise SearchMisconfigured(message) from exc
        status = exc.meta.status if exc.meta else 500
        if isinstance(exc, NotFoundError):
            # Expected 404s are handled where they occur; what is left is a missing index or
            # alias (no rebuild yet): search cannot answer until `rebuild_search_index` ran.
            raise SearchUnavailable(f"Elasticsearch index missing: {_body_error(exc)}") from exc
        if retryable_status(status):
            raise SearchUnavailable(f"Elasticsearch answered {status}: {_body_error(exc)}") from exc
        if write:
            raise WriteRefused(f"Elasticsearch answered {status}: {_body_error(exc)}") from exc
        logger.error("Elasticsearch refused a request (%s): %s", status, _body_error(exc))
        raise SearchUnavailable(f"Elasticsearch answered {status}: {_body_error(exc)}") from exc


def item_failures(items):
    """{page_id: WriteFailure} of the items of a bulk response that were not applied.

    A delete of a document that is not there is a success; a 404 with an error (the alias
    is missing: require_alias) waits for a rebuild; 409, 429 and 5xx are retried; anything
    else (400: a mapping error, a document the strict mapping refuses) is permanent."""
    failures = {}
    for entry in items:
        op, item = next(iter(entry.items()))
        status = item.get("status", 500)
        if 200 <= status < 300 or (op == "delete" and status == 404 and "error" not in item):
            continue
        page_id = int(item.get("_id") or 0)
        error = f"{status} {describe(item.get('error', ''))}"
        permanent = not (retryable_status(status) or status == 404)
        failures[page_id] = WriteFailure(page_id=page_id, error=error, permanent=permanent)
    return failures
