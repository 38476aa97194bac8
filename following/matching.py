"""What a followed search finds, checked against the database.

The search index holds only public pages, but it may lag behind a publish or unpublish (its
updates run after the commit, or wait for a search server that is down). So a feed or a digest
never takes the index's word alone: every hit is looked up again among the pages anyone may
see (live, no view restriction), with the dates the index does not keep."""

from dataclasses import dataclass

from search import service
from search.contract import DOC_TYPES, MAX_PAGE_SIZE
from search.documents import DOCUMENT_TYPES

from .searches import InvalidSearch, params_of

# A digest looks for the changed pages among at most this many hits of a search (newest
# first); a search finding more is too broad to follow page by page anyway.
SCAN_LIMIT = 2000


@dataclass(frozen=True)
class PublicPage:
    page_id: int
    title: str
    url: str  # relative
    doc_type: str  # a key of search.contract.DOC_TYPES
    first_published_at: object
    last_published_at: object

    @property
    def type_label(self):
        return DOC_TYPES.get(self.doc_type, "")


def public_pages(page_ids=None, changed_after=None):
    """{page id: PublicPage} of the searchable pages anyone may see, limited to `page_ids`
    and/or to those published (first or again) after `changed_after`. One query per type."""
    pages = {}
    for doc_type in DOCUMENT_TYPES:
        queryset = doc_type.indexable()
        if page_ids is not None:
            queryset = queryset.filter(pk__in=list(page_ids))
        if changed_after is not None:
            queryset = queryset.filter(last_published_at__gt=changed_after)
        fields = ("id", "title", "url_path", "first_published_at", "last_published_at")
        for page in queryset.only(*fields).order_by("pk"):
            pages[page.pk] = PublicPage(
                page_id=page.pk,
                title=page.title,
                url=page.get_url() or "",
                doc_type=doc_type.code,
                first_published_at=page.first_published_at,
                last_published_at=page.last_published_at,
            )
    return pages


def newest(query_string, limit):
    """[(Hit, PublicPage)] of the `limit` newest hits of the search, leaving out those that
    are not public now, newest first. Raises InvalidSearch, or SearchUnavailable."""
    params = _params(query_string, page=1, page_size=limit)
    form, result, _ = service.search(params)
    if result is None:
        raise InvalidSearch(*form.first_error())
    visible = public_pages([hit.page_id for hit in result.hits])
    return [(hit, visible[hit.page_id]) for hit in result.hits if hit.page_id in visible]


def matching_ids(query_string, wanted):
    """The ids among `wanted` that the search finds, reading its hits newest first until
    every wanted id is seen (or SCAN_LIMIT hits). Raises InvalidSearch, or SearchUnavailable."""
    wanted = set(wanted)
    found = set()
    page = 1
    while wanted - found and (page - 1) * MAX_PAGE_SIZE < SCAN_LIMIT:
        form, result, _ = service.search(_params(query_string, page, MAX_PAGE_SIZE))
        if result is None:
            raise InvalidSearch(*form.first_error())
        found |= wanted & {hit.page_id for hit in result.hits}
        if page >= result.pages:
            break
        page += 1
    return found


def _params(query_string, page, page_size):
    params = params_of(query_string).copy()
    for key in ("sort", "page", "page_size"):
        params.pop(key, None)
    params.update({"sort": "newest", "page": str(page), "page_size": str(page_size)})
    return params
