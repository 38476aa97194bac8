"""Keeping the index true to the published site.

Every change is expressed as "these pages changed" (practice examples, methods, erfa groups)
and goes through the outbox (search/outbox.py): a row in the same transaction as the change,
delivered after the commit, replayed by `search_sync` when that failed. Here: which pages a
change touches, and the rebuild, which never loses a change made while it runs."""

import logging
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Page

from methods.models import MethodPage

from . import outbox
from .backends import get_backend
from .documents import build_documents, indexable_ids
from .models import IndexChange, IndexRebuild
from .outbox import index_updated

__all__ = ["index_updated", "page_ids_under", "rebuild_index", "sync_pages", "with_dependants"]

logger = logging.getLogger(__name__)


class RebuildRunning(Exception):
    """Another rebuild is running (its heartbeat is fresh)."""


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
    """Record these pages (and their dependants) as changed in the current transaction."""
    page_ids = set(page_ids)
    if page_ids:
        outbox.enqueue(with_dependants(page_ids))


def sync_pages(page_ids, backend=None):
    """Record these pages as changed and deliver them now (not waiting for a commit): for
    scripts and tests. Returns the outbox Report."""
    page_ids = with_dependants(page_ids)
    outbox.enqueue(page_ids)
    return outbox.deliver_pages(page_ids, backend or get_backend())


# --- rebuild ------------------------------------------------------------------------------------


@contextmanager
def _rebuild_record(backend):
    """The IndexRebuild row of this run: while it is open, deliveries keep their outbox rows
    (the old index they wrote to is about to be replaced)."""
    with transaction.atomic():
        if IndexRebuild.running().select_for_update().exists():
            raise RebuildRunning("Another rebuild of the search index is running.")
        last = IndexChange.objects.aggregate(last=Max("pk"))["last"] or 0
        record = IndexRebuild.objects.create(backend=backend.name, first_change_after=last)
    try:
        yield record
    except BaseException as exc:
        IndexRebuild.objects.filter(pk=record.pk).update(
            finished_at=timezone.now(), outcome=f"failed: {exc}"[:2000]
        )
        raise


def _changed_pages():
    return set(
        IndexChange.objects.filter(state=IndexChange.State.PENDING).values_list(
            "page_id", flat=True
        )
    )


def rebuild_index(progress=None, chunk_size=500, backend=None):
    """Rebuild the whole index from the database; returns the number of documents.

    Readers keep the old index until the new one is complete. Pages changed while the new
    index was filled are written into it before it replaces the old one, and every waiting
    outbox row is delivered again right after: a page unpublished meanwhile never comes back.
    No outbox row is cleared except by a confirmed delivery. Documents the backend refused
    become failed outbox rows (shown to operators); the rest of the index is built."""
    backend = backend or get_backend()
    with _rebuild_record(backend) as record:
        ids = indexable_ids()

        def documents():
            for start in range(0, len(ids), chunk_size):
                IndexRebuild.objects.filter(pk=record.pk).update(heartbeat_at=timezone.now())
                yield from build_documents(ids[start : start + chunk_size])

        def catch_up(write):
            # Changes made while the documents were read: their current state, into the new
            # index, before it goes live. The rows stay for the delivery after the swap.
            pages = _changed_pages()
            if pages:
                docs = build_documents(pages)
                write(docs, sorted(pages - {doc.page_id for doc in docs}))

        failures = backend.rebuild(
            documents(), total=len(ids), progress=progress, before_swap=catch_up
        )
        _record_rebuild_failures(failures, record)
        # The new index is live: deliver every waiting row again (into it), so what was
        # written to the old index during the rebuild is not lost with it.
        report = outbox.replay(backend, everything=True)
        IndexRebuild.objects.filter(pk=record.pk).update(
            finished_at=timezone.now(),
            documents=len(ids) - len(failures),
            outcome=f"ok; {len(failures)} refused; {len(report.retrying)} waiting",
        )
    index_updated.send(sender=backend.__class__, page_ids=set(ids))
    return len(ids)


def _record_rebuild_failures(failures, record):
    """Refused documents become failed rows (retryable ones pending rows, delivered right
    after the swap); failed rows of pages the rebuild has now stored are resolved."""
    failed = {pk: f for pk, f in failures.items() if f.permanent}
    retry = {pk: f for pk, f in failures.items() if not f.permanent}
    IndexChange.objects.bulk_create(
        [
            IndexChange(
                page_id=pk,
                state=IndexChange.State.FAILED,
                attempts=1,
                last_attempt_at=timezone.now(),
                last_error=f"rebuild: {failure.error}"[: outbox.ERROR_CHARS],
            )
            for pk, failure in failed.items()
        ]
        + [IndexChange(page_id=pk, last_error=failure.error) for pk, failure in retry.items()]
    )
    IndexChange.objects.filter(
        state=IndexChange.State.FAILED, pk__lte=record.first_change_after
    ).exclude(page_id__in=list(failures)).delete()
    if failures:
        logger.warning("Rebuild: %s document(s) not stored: %s", len(failures), failures)
