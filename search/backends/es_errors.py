"""Which Elasticsearch errors are outages (SearchUnavailable: the page answers 503 and the
sync queue keeps the change) and which are bugs (raised as they are)."""

from contextlib import contextmanager

from elasticsearch import ApiError, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError

from search.contract import SearchUnavailable


def _unavailable_status(status):
    return status == 429 or status >= 500


@contextmanager
def guard():
    """Outages (unreachable node, timeout, 429/5xx, missing index) → SearchUnavailable,
    with the cause chained. Other errors (a bad request, a mapping conflict) are bugs: raised."""
    try:
        yield
    except TransportError as exc:
        raise SearchUnavailable(f"Elasticsearch unreachable: {exc}") from exc
    except NotFoundError as exc:
        # Expected 404s are handled where they occur; what is left is a missing index
        # (no rebuild yet): search cannot answer until `rebuild_search_index` has run.
        raise SearchUnavailable(f"Elasticsearch index missing: {exc}") from exc
    except ApiError as exc:
        if _unavailable_status(exc.meta.status):
            raise SearchUnavailable(f"Elasticsearch answered {exc.meta.status}") from exc
        raise
    except BulkIndexError as exc:
        statuses = [item.get("status", 500) for err in exc.errors for item in err.values()]
        if any(_unavailable_status(status) for status in statuses):
            raise SearchUnavailable(f"Elasticsearch rejected writes: {statuses}") from exc
        raise
