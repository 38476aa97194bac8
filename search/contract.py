"""The one search contract every backend answers: query text, filters, sort, page → hits,
total, facets, the corrected query when a word was misspelt, and similar documents.

Facet keys and values are slugs and codes, never editable labels. The facets themselves (key,
label, where their values come from) are defined once, in search/facets.py."""

from dataclasses import dataclass, field

from .facets import FACETS

__all__ = [
    "DOC_TYPES",
    "FACETS",
    "Hit",
    "SearchQuery",
    "SearchResult",
    "SearchMisconfigured",
    "SearchUnavailable",
    "Suggestion",
    "WriteFailure",
    "WriteRefused",
]

# The searchable types: code (the `type` facet's slug and Hit.doc_type) -> label users see.
DOC_TYPES = {"case": "Praksiseksempel", "method": "Metode", "erfa_group": "Erfa-gruppe"}
SORTS = {"relevance": "Relevans", "newest": "Nyeste", "title": "Titel (A–Å)"}
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 200
SIMILAR_LIMIT = 5


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: dict = field(default_factory=dict)  # facet -> tuple of slugs (OR within a facet)
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    # True: search the words as typed, never a spelling correction ("Søg i stedet efter …").
    exact: bool = False

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    def selected(self, facet):
        return tuple(self.filters.get(facet, ()))


@dataclass
class Hit:
    page_id: int
    title: str
    url: str
    summary: str
    highlight: str  # safe HTML: escaped text with <mark> around matched words
    organisations: list  # [{"slug", "name", "code", "kind"}]
    movements: list
    challenges: list
    published: str = ""
    doc_type: str = "case"  # a key of DOC_TYPES

    @property
    def type_label(self):
        return DOC_TYPES.get(self.doc_type, "")


@dataclass
class SearchResult:
    query: SearchQuery
    hits: list
    total: int
    facets: dict  # facet -> {slug: count}, disjunctive
    backend: str
    # When a word had no match and was corrected against the index's vocabulary: the text that
    # was searched instead (the page says "Viser resultater for …"); "" when none was needed.
    corrected_text: str = ""

    @property
    def pages(self):
        return max(1, -(-self.total // self.query.page_size))


@dataclass
class Suggestion:
    kind: str  # "case", "method", "erfa_group", "municipality"
    label: str
    url: str


class SearchUnavailable(Exception):
    """The search backend cannot answer now (unreachable, timeout, 429, 5xx, index file
    locked); the page says so (503), never a 500, and index changes wait and are retried."""


class SearchMisconfigured(SearchUnavailable):
    """The backend refuses this portal (401/403, or the server is not Elasticsearch): search
    is unavailable until an operator fixes the configuration; the message says what to fix."""


class WriteRefused(Exception):
    """The backend refused a whole write request as malformed (a 400): retrying the same
    request cannot succeed."""


@dataclass(frozen=True)
class WriteFailure:
    """One document a write did not store. `permanent`: the backend refused the document
    itself (a mapping error), so it is set aside for an operator; otherwise it is retried."""

    page_id: int
    error: str
    permanent: bool
