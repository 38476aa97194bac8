"""Recorded Elasticsearch 8 responses, parsed by the real client into the search contract."""

from search.contract import Hit, SearchQuery, SearchResult, Suggestion

from .conftest import ALIAS

FILTERS = {"movement": ("mestring",), "region": ("region-midtjylland",)}


def test_search_response_becomes_a_search_result(fake):
    query = SearchQuery(text="mestring", filters=FILTERS)
    result = fake.backend.search(query)

    assert isinstance(result, SearchResult)
    assert result.query is query
    assert result.backend == "elasticsearch"
    assert result.total == 2
    assert [hit.page_id for hit in result.hits] == [31, 17]
    first = result.hits[0]
    assert isinstance(first, Hit)
    assert first.title == "Mestringskurser for familier med et barn med psykisk lidelse"
    assert first.url == "/eksempler/randers-mestringskurser-for-familier/"
    assert first.summary.startswith("Randers Kommune tilbyder kurser, hvor forældre & søskende")
    assert first.organisations == [
        {"kind": "municipality", "slug": "randers", "name": "Randers", "code": 730}
    ]
    assert first.movements == ["mestring"]
    assert first.challenges == ["naar-vi-handler-for-sent"]
    assert first.published == "2024-05-02T08:30:00+00:00"


def test_highlight_is_elasticsearchs_escaped_fragment_with_marks(fake):
    hits = fake.backend.search(SearchQuery(text="mestring", filters=FILTERS)).hits
    # The match in the folded summary sub-field wins over the body; '&' stays escaped.
    assert hits[0].highlight == (
        "Randers Kommune tilbyder kurser, hvor forældre &amp; søskende lærer at "
        "<mark>mestre</mark> hverdagen med et barn med psykisk lidelse."
    )
    assert hits[1].highlight == "Et <mark>mestringsforløb</mark> varer otte uger."


def test_facet_counts_come_from_the_filtered_aggregations(fake):
    facets = fake.backend.search(SearchQuery(text="mestring", filters=FILTERS)).facets
    assert facets["movement"] == {
        "mestring": 2,
        "tidlig-opsporing": 4,
        "let-tilgaengelige-tilbud": 3,
    }
    assert facets["region"] == {
        "region-midtjylland": 2,
        "region-hovedstaden": 2,
        "region-syddanmark": 1,
    }
    assert facets["method"] == {}
    assert set(facets) == {
        "movement",
        "challenge",
        "handlerum",
        "municipality",
        "region",
        "target_group",
        "sector",
        "method",
        "evidence",
        "status",
    }


def test_filter_only_search_has_no_highlight(fake):
    fake.route("POST", rf"/{ALIAS}/_search", "search_newest.json")
    result = fake.backend.search(SearchQuery(filters={"movement": ("mestring",)}, sort="newest"))
    assert [hit.page_id for hit in result.hits] == [31, 17]
    assert [hit.highlight for hit in result.hits] == ["", ""]


def test_a_text_match_outside_summary_and_body_has_no_highlight(fake):
    # E.g. a match in the title or organisation names only: the page shows the plain summary.
    fake.route("POST", rf"/{ALIAS}/_search", "search_newest.json")  # hits without highlight
    hits = fake.backend.search(SearchQuery(text="randers")).hits
    assert hits[0].highlight == ""
    assert hits[0].summary.startswith("Randers Kommune tilbyder kurser")


def test_suggest_response_becomes_case_suggestions(fake):
    fake.route("POST", rf"/{ALIAS}/_search", "suggest.json")
    assert fake.backend.suggest("rejsel") == [
        Suggestion("case", "Rejselærer i folkeskolen", "/eksempler/silkeborg-rejselaerer/"),
        Suggestion("case", "Rejsende specialistkorps", "/eksempler/rejsende-specialistkorps/"),
    ]
    assert fake.backend.suggest("rejsel", limit=1) == [
        Suggestion("case", "Rejselærer i folkeskolen", "/eksempler/silkeborg-rejselaerer/")
    ]


def test_document_ids_scroll_through_the_alias(fake):
    fake.route("POST", rf"/{ALIAS}/_search", "scan_first_page.json")
    fake.route("POST", r"/_search/scroll", "scan_last_page.json")
    fake.route("DELETE", r"/_search/scroll", "clear_scroll.json")
    assert fake.backend.document_ids() == {12, 17, 31}
    first = fake.only("POST", rf"/{ALIAS}/_search")
    assert first.params["scroll"] == "5m"
    assert first.body["_source"] is False
    assert fake.only("DELETE", r"/_search/scroll")


def test_document_ids_of_a_missing_index_is_empty(fake):
    fake.route("POST", rf"/{ALIAS}/_search", "index_not_found.json", status=404)
    assert fake.backend.document_ids() == set()


def test_ping(fake):
    assert fake.backend.ping() is True
    assert fake.only("HEAD", "/")
