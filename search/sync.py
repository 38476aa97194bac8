"""Keeping the index true to the published site.

Every change is expressed as "these pages changed" (practice examples, methods, erfa groups):
their current state decides what the index gets (a document if live and public, a deletion
otherwise). When the backend cannot be
reached the page ids wait in IndexQueueEntry and are replayed later: nothing is lost."""

import logging
import threading

from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from wagtail.models import Page

from methods.models import MethodPage

from .backends import get_backend
from .contract import SearchUnavailable
from .documents import build_documents, indexable_ids
from .models import IndexQueueEntry

logger = logging.getLogger(__name__)
REPLAY_BATCH = 500
_pending = threading.local()

# Sent after the index has changed (sync, replay, rebuild): cached search pages are now stale.
# The page cache listens (portal/signals.py); search itself knows nothing of it.
index_updated = Signal()


def page_ids_under(page):
    """The pages at or below `page` (a move or a view restriction affects a subtree)."""
    return set(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def with_dependants(page_ids):
    """These pages and the methods of any case among them: a method's facets come from the
    public cases that use it, so a case's change can change its methods' documents."""
    page_ids = set(page_ids)
    return page_ids | set(
        MethodPage.objects.filter(cases__in=page_ids).values_list("pk", flat=True)
    )


def schedule(page_ids):
    """Sync these pages once the current transaction commits (at once outside one).

    Changes within one transaction are gathered into one sync. A rolled-back transaction
    discards its callback; the pending set is then started afresh, never left orphaned."""
    page_ids = set(page_ids)
    if not page_ids:
        return
    connection = transaction.get_connection()
    pending = getattr(_pending, "ids", None)
    registered = any(entry[1] is _flush for entry in getattr(connection, "run_on_commit", []))
    if pending is not None and registered:
        pending |= page_ids
        return
    _pending.ids = page_ids
    transaction.on_commit(_flush)


def _flush():
    page_ids, _pending.ids = _pending.ids, None
    if page_ids:
        sync_pages(page_ids)


def _apply(page_ids, backend):
    page_ids = with_dependants(page_ids)
    documents = build_documents(page_ids)
    stale = page_ids - {doc.page_id for doc in documents}
    if documents:
        backend.index_documents(documents)
    if stale:
        backend.delete_documents(sorted(stale))
    index_updated.send(sender=backend.__class__, page_ids=page_ids)


def sync_pages(page_ids, backend=None):
    """Apply the current state of these pages to the index; queue them if that fails.

    Returns True when the index was updated. After a successful write, waiting entries are
    replayed too: the backend is evidently reachable again."""
    backend = backend or get_backend()
    try:
        _apply(page_ids, backend)
    except SearchUnavailable as exc:
        logger.warning("Search index unavailable, queued %s page(s): %s", len(page_ids), exc)
        IndexQueueEntry.objects.bulk_create(
            [IndexQueueEntry(page_id=pk, last_error=str(exc)[:1000]) for pk in sorted(page_ids)]
        )
        return False
    if IndexQueueEntry.objects.exists():
        replay_queue(backend)
    return True


def replay_queue(backend=None):
    """Replay waiting index changes. Returns (replayed page ids, entries still waiting)."""
    backend = backend or get_backend()
    replayed = set()
    while True:
        entries = list(IndexQueueEntry.objects.order_by("pk")[:REPLAY_BATCH])
        if not entries:
            return replayed, 0
        page_ids = {entry.page_id for entry in entries}
        try:
            _apply(page_ids, backend)
        except SearchUnavailable as exc:
            IndexQueueEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
                attempts=F("attempts") + 1, last_error=str(exc)[:1000]
            )
            return replayed, IndexQueueEntry.objects.count()
        IndexQueueEntry.objects.filter(pk__in=[e.pk for e in entries]).delete()
        replayed |= page_ids


def rebuild_index(progress=None, chunk_size=500, backend=None):
    """Rebuild the whole index from the database; returns the number of documents."""
    backend = backend or get_backend()
    ids = indexable_ids()

    def documents():
        for start in range(0, len(ids), chunk_size):
            yield from build_documents(ids[start : start + chunk_size])

    backend.rebuild(documents(), total=len(ids), progress=progress)
    # Whatever waited in the queue is now part of the rebuilt index.
    IndexQueueEntry.objects.all().delete()
    index_updated.send(sender=backend.__class__, page_ids=set(ids))
    return len(ids)
