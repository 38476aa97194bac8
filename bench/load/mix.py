"""What the load generator requests: the plans (kinds, weights, URLs) of each phase."""

from urllib.parse import urlencode

from ..queries import QUERIES

# The mixed phase: anonymous visitors reading (most of the traffic), searching and using the
# APIs. Weights are relative.
MIX_WEIGHTS = {
    "home": 10,
    "case_index": 10,
    "case_page": 30,
    "method_page": 10,
    "search_facets": 15,
    "api_pages": 10,
    "api_search": 15,
}
CACHED_CASES = 10  # case pages in the fixed set of the cached phase
CACHED_METHODS = 5


def _query_string(query):
    params = [("q", query.text)] if query.text else []
    params += [(key, value) for key, values in query.filters.items() for value in values]
    return urlencode(params)


def search_urls(prefix):
    """The 50 queries of the search benchmark (bench/queries.py) with their facet filters."""
    return [f"{prefix}?{_query_string(query)}" for query in QUERIES]


def cached_urls(urls):
    """A fixed set of anonymous pages, requested again and again: after the warm-up every one of
    them can be answered from the page cache."""
    return (
        ["/", "/praksiseksempler/"]
        + urls["cases"][:: max(1, len(urls["cases"]) // CACHED_CASES)][:CACHED_CASES]
        + urls["methods"][:CACHED_METHODS]
    )


def cached_plan(urls):
    return {"kinds": {"cached_page": {"weight": 1, "urls": cached_urls(urls)}}}


def search_plan():
    """Search page with query and facets, every URL unique (`bust`): never a cache hit."""
    return {"kinds": {"search_facets": {"weight": 1, "urls": search_urls("/soeg/"), "bust": True}}}


def mixed_plan(urls):
    api_pages = [
        f"/api/v2/pages/?type=cases.CasePage&offset={offset}" for offset in range(0, 200, 20)
    ]
    kinds = {
        "home": {"urls": ["/"]},
        "case_index": {"urls": ["/praksiseksempler/"]},
        "case_page": {"urls": urls["cases"]},  # uniformly over all cases: mostly cache misses
        "method_page": {"urls": urls["methods"]},
        "search_facets": {"urls": search_urls("/soeg/"), "bust": True},
        "api_pages": {"urls": api_pages},
        "api_search": {"urls": search_urls("/api/search/"), "bust": True},
    }
    for kind, spec in kinds.items():
        spec["weight"] = MIX_WEIGHTS[kind]
    return {"kinds": kinds}
