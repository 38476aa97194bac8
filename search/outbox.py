"""The transactional outbox: the single path of every index change.

1. `enqueue(page_ids)` (from search/signals.py) writes one IndexChange row per page *in the
   current transaction*: the change and its row commit or roll back together, so a process
   killed after the commit leaves the row behind instead of losing the change.
2. After the commit the rows are delivered at once (`_deliver_committed`), and a request never
   fails because the index did: every error ends in the outbox, never in the response.
3. `replay()` (manage.py search_sync, and its --follow worker) delivers what is left, oldest
   first. Delivering sends the current state of each page, never the event, so a replay is
   idempotent and an old row cannot resurrect an unpublished page.

A row is deleted only when the backend confirmed its page. Errors are classified: retryable
(unreachable, timeout, 429, 5xx, 409, index file locked) wait with exponential backoff;
permanent (the backend refused the document) are set aside as failed with the error text, for
an operator (admin report, /readyz, `search_sync --retry-failed`); a backend that refuses the
portal (401/403, not Elasticsearch) keeps everything waiting and is reported as unavailable.

Rows for the same pages are locked while delivered (PostgreSQL), so two deliveries of one page
cannot overtake each other with an older state."""

import logging
import threading
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone

from .backends import get_backend
from .contract import SearchMisconfigured, SearchUnavailable, WriteRefused
from .documents import build_documents
from .models import IndexChange, IndexRebuild

logger = logging.getLogger(__name__)

BATCH = 200
BACKOFF_BASE_SECONDS = 10
BACKOFF_MAX_SECONDS = 15 * 60
# A bug (an unexpected exception) is retried this often before the row is set aside.
MAX_UNEXPECTED_ATTEMPTS = 5
ERROR_CHARS = 2000

# Sent after the index has changed: cached search pages are now stale. The page cache listens
# (portal/signals.py); search itself knows nothing of it.
index_updated = Signal()

_pending = threading.local()


# --- writing rows -------------------------------------------------------------------------------


def enqueue(page_ids):
    """Record that these pages changed, in the current transaction, and deliver them once it
    commits (at once outside one). Rolled back with the transaction, rows and delivery alike."""
    page_ids = {int(pk) for pk in page_ids}
    if not page_ids:
        return
    IndexChange.objects.bulk_create([IndexChange(page_id=pk) for pk in sorted(page_ids)])
    connection = transaction.get_connection()
    pending = getattr(_pending, "ids", None)
    registered = any(entry[1] is _deliver_committed for entry in connection.run_on_commit)
    if pending is not None and registered:
        pending |= page_ids
        return
    _pending.ids = page_ids
    transaction.on_commit(_deliver_committed, robust=True)


def _deliver_committed():
    page_ids, _pending.ids = getattr(_pending, "ids", None), None
    if not page_ids:
        return
    try:
        deliver_pages(page_ids)
    except Exception:  # noqa: BLE001 - the change is committed and its rows wait: never a 500
        logger.exception("Index delivery failed; %s page(s) wait in the outbox", len(page_ids))


# --- delivering ---------------------------------------------------------------------------------


class Report:
    """What one delivery or replay did."""

    def __init__(self):
        self.sent, self.retrying, self.failed = set(), set(), set()
        self.unavailable = ""  # the operator message when the backend cannot be used at all

    def merge(self, other):
        self.sent |= other.sent
        self.retrying |= other.retrying
        self.failed |= other.failed
        self.unavailable = other.unavailable or self.unavailable


def deliver_pages(page_ids, backend=None):
    """Deliver the waiting rows of these pages (rows set aside as failed are left alone)."""
    rows = IndexChange.objects.filter(page_id__in=page_ids, state=IndexChange.State.PENDING)
    return _deliver(rows, backend or get_backend())


def _deliver(rows, backend):
    report = Report()
    with transaction.atomic():
        # The rows read here are the ones this delivery may delete: each was committed before
        # the pages' state is read below, so the state sent includes its change.
        locked = list(rows.select_for_update().order_by("pk"))
        if not locked:
            return report
        page_ids = {row.page_id for row in locked}
        outcome = _send(page_ids, backend, report)
        _record(locked, outcome, report)
    if report.sent:
        index_updated.send(sender=backend.__class__, page_ids=report.sent)
    return report


def _send(page_ids, backend, report):
    """{page_id: (kind, error)} for pages not stored; kind is "retry" or "failed"."""
    documents = build_documents(page_ids)
    deletions = sorted(page_ids - {doc.page_id for doc in documents})
    try:
        failures = backend.write(documents, deletions)
    except SearchMisconfigured as exc:
        logger.error("Search index refuses this portal, changes wait: %s", exc)
        report.unavailable = str(exc)
        return dict.fromkeys(page_ids, ("misconfigured", str(exc)))
    except SearchUnavailable as exc:
        logger.warning("Search index unavailable, %s page(s) wait: %s", len(page_ids), exc)
        report.unavailable = str(exc)
        return dict.fromkeys(page_ids, ("retry", str(exc)))
    except WriteRefused as exc:
        if len(page_ids) == 1:
            return dict.fromkeys(page_ids, ("failed", str(exc)))
        # One page's document may have spoilt the request: find it by sending one at a time.
        outcome = {}
        for page_id in sorted(page_ids):
            outcome.update(_send({page_id}, backend, report))
        return outcome
    except Exception as exc:  # noqa: BLE001 - a bug must not lose the change either
        logger.exception("Unexpected error writing to the search index")
        return dict.fromkeys(page_ids, ("unexpected", f"{type(exc).__name__}: {exc}"))
    return {
        failure.page_id: ("failed" if failure.permanent else "retry", failure.error)
        for failure in failures.values()
        if failure.page_id in page_ids
    }


def backoff(attempts):
    return timedelta(
        seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS)
    )


def _record(rows, outcome, report):
    now = timezone.now()
    keep_sent = IndexRebuild.running().exists()
    by_page = {}
    for row in rows:
        by_page.setdefault(row.page_id, []).append(row)
    done = []
    for page_id, page_rows in by_page.items():
        if page_id not in outcome:
            report.sent.add(page_id)
            done.extend(row.pk for row in page_rows)
            continue
        kind, error = outcome[page_id]
        attempts = max(row.attempts for row in page_rows) + 1
        permanent = kind == "failed" or (
            kind == "unexpected" and attempts >= MAX_UNEXPECTED_ATTEMPTS
        )
        if permanent:
            report.failed.add(page_id)
            state, next_attempt = IndexChange.State.FAILED, None
        else:
            report.retrying.add(page_id)
            state, next_attempt = IndexChange.State.PENDING, now + backoff(attempts)
        IndexChange.objects.filter(pk__in=[row.pk for row in page_rows]).update(
            state=state,
            attempts=attempts,
            next_attempt_at=next_attempt,
            last_attempt_at=now,
            last_error=error[:ERROR_CHARS],
        )
    if keep_sent:
        # A rebuild is filling a new index: what was just written went to the old one. The
        # rows stay for the rebuild to replay into the new index (search/sync.py).
        IndexChange.objects.filter(pk__in=done).update(last_attempt_at=now)
    else:
        IndexChange.objects.filter(pk__in=done).delete()


# --- replaying ----------------------------------------------------------------------------------


def due():
    """Waiting rows whose time has come (no backoff, or its end passed)."""
    return IndexChange.objects.filter(state=IndexChange.State.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now())
    )


def replay(backend=None, everything=False, limit=None):
    """Deliver waiting rows in order, batch by batch, until none is due (or the backend is
    unavailable). `everything`: every waiting row, whatever its backoff. Returns a Report."""
    backend = backend or get_backend()
    report = Report()
    tried = set()
    while limit is None or len(tried) < limit:
        rows = IndexChange.objects.filter(state=IndexChange.State.PENDING) if everything else due()
        batch = list(rows.exclude(pk__in=tried).order_by("pk").values_list("pk", "page_id")[:BATCH])
        if not batch:
            break
        tried.update(pk for pk, _ in batch)
        pages = {page_id for _, page_id in batch}
        # Every waiting row of these pages goes with them: one state, sent once.
        batch_report = _deliver(
            IndexChange.objects.filter(state=IndexChange.State.PENDING, page_id__in=pages), backend
        )
        tried.update(IndexChange.objects.filter(page_id__in=pages).values_list("pk", flat=True))
        report.merge(batch_report)
        if batch_report.unavailable:
            break
    return report


def retry_failed(row_ids=None):
    """Put rows set aside as failed back in line (all, or these ids); returns how many."""
    rows = IndexChange.objects.filter(state=IndexChange.State.FAILED)
    if row_ids is not None:
        rows = rows.filter(pk__in=row_ids)
    return rows.update(state=IndexChange.State.PENDING, next_attempt_at=None, attempts=0)


def retry_now(row_ids, backend=None):
    """ "Prøv igen": put these rows back in line and deliver their pages at once."""
    retry_failed(row_ids)
    IndexChange.objects.filter(pk__in=row_ids).update(next_attempt_at=None)
    pages = set(IndexChange.objects.filter(pk__in=row_ids).values_list("page_id", flat=True))
    return deliver_pages(pages, backend) if pages else Report()


def clear_failed(row_ids=None):
    """Delete rows set aside as failed (after an operator has dealt with them)."""
    rows = IndexChange.objects.filter(state=IndexChange.State.FAILED)
    if row_ids is not None:
        rows = rows.filter(pk__in=row_ids)
    return rows.delete()[0]


def summary():
    """Counts and the oldest waiting row, for /readyz and the admin report."""
    pending = IndexChange.objects.filter(state=IndexChange.State.PENDING)
    failed = IndexChange.objects.filter(state=IndexChange.State.FAILED)
    oldest = pending.order_by("pk").values_list("created_at", flat=True).first()
    return {
        "pending": pending.count(),
        "failed": failed.count(),
        "oldest_pending_seconds": int((timezone.now() - oldest).total_seconds())
        if oldest
        else None,
        "failures": [
            {"page_id": page_id, "error": error[:300]}
            for page_id, error in failed.order_by("-pk").values_list("page_id", "last_error")[:5]
        ],
    }
