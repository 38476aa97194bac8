"""The one search contract every backend answers: query text, filters, sort, page → hits,
total, facets. Facet keys and values are slugs and codes, never editable labels."""

from dataclasses import dataclass, field

# Facet key (API parameter and index field) -> label shown to users.
FACETS = {
    "movement": "Bevægelse",
    "challenge": "Udfordring",
    "handlerum": "Handlerum",
    "municipality": "Kommune",
    "region": "Region",
    "target_group": "Målgruppe",
    "sector": "Fagområde",
    "method": "Metode",
    "evidence": "Evidensniveau",
    "status": "Status",
}
SORTS = {"relevance": "Relevans", "newest": "Nyeste", "title": "Titel (A–Å)"}
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: dict = field(default_factory=dict)  # facet -> tuple of slugs (OR within a facet)
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

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


@dataclass
class SearchResult:
    query: SearchQuery
    hits: list
    total: int
    facets: dict  # facet -> {slug: count}, disjunctive
    backend: str

    @property
    def pages(self):
        return max(1, -(-self.total // self.query.page_size))


@dataclass
class Suggestion:
    kind: str  # "case", "method", "municipality"
    label: str
    url: str


class SearchUnavailable(Exception):
    """The search backend cannot be reached; the page says so (503), never a 500."""
