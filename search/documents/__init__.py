"""The searchable types and how pages become search documents (one definition per type).

Every function here takes page ids of any type: a page's type decides which definition builds
it, and a page that is not (or no longer) indexable yields no document."""

from .base import SearchDocument
from .cases import CaseDocuments
from .erfa import ErfaGroupDocuments
from .methods import MethodDocuments

DOCUMENT_TYPES = (CaseDocuments(), MethodDocuments(), ErfaGroupDocuments())

__all__ = ["DOCUMENT_TYPES", "SearchDocument", "build_documents", "indexable_ids"]


def indexable_ids():
    """The ids of every indexable page of every type, ascending."""
    ids = set()
    for doc_type in DOCUMENT_TYPES:
        ids.update(doc_type.indexable().values_list("pk", flat=True))
    return sorted(ids)


def build_documents(page_ids=None):
    """Documents for these pages (default: every indexable page), in page-id order.

    A fixed number of queries per type, however many pages."""
    documents = []
    for doc_type in DOCUMENT_TYPES:
        queryset = doc_type.indexable()
        if page_ids is not None:
            queryset = queryset.filter(pk__in=list(page_ids))
        documents.extend(doc_type.build(queryset.order_by("pk")))
    return sorted(documents, key=lambda doc: doc.page_id)
