"""Recorded Elasticsearch 8 responses, parsed by the real client into the search contract."""

from search.backends.es_query import corrected_text
from search.contract import FACETS, Hit, SearchQuery, SearchResult, Suggestion

from .conftest import ALIAS, recorded

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
    assert first.doc_type == "case"
    # A method found beside the case: the page shows each hit's type.
    assert (result.hits[1].doc_type, result.hits[1].type_label) == ("method", "Metode")
    assert result.corrected_text == ""  # no suggester answer: nothing was corrected


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
    assert facets["type"] == {"case": 1, "method": 1, "erfa_group": 1}
    assert set(facets) == set(FACETS)


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


def test_suggest_response_becomes_suggestions_of_each_documents_type(fake):
    fake.route("POST", rf"/{ALIAS}/_search", "suggest.json")
    assert fake.backend.suggest("rejse") == [
        Suggestion("case", "Rejselærer i folkeskolen", "/eksempler/silkeborg-rejselaerer/"),
        Suggestion("method", "Rejseholdet – mobil støtte", "/metoder/rejseholdet/"),
        Suggestion("case", "Rejsende specialistkorps", "/eksempler/rejsende-specialistkorps/"),
    ]
    assert fake.backend.suggest("rejse", limit=1) == [
        Suggestion("case", "Rejselærer i folkeskolen", "/eksempler/silkeborg-rejselaerer/")
    ]


def test_term_suggester_answer_becomes_the_corrected_query(fake):
    fake.route("POST", rf"/{ALIAS}/_search", "search_corrected.json")
    result = fake.backend.search(SearchQuery(text="Rejselæer og netværsmøde"))
    assert result.corrected_text == "rejselærer og netværksmøde"
    assert [hit.page_id for hit in result.hits] == [12]
    assert "<mark>netværksmøder</mark>" in result.hits[0].highlight


def test_a_word_the_index_holds_in_another_inflection_is_not_corrected():
    # 'rejselærere' is missing as written, but it is 'rejselærer' stemmed: it matched.
    entries = [
        {"text": "rejselærere", "offset": 0, "length": 11, "options": [{"text": "rejselærer"}]},
        {"text": "skolr", "offset": 12, "length": 5, "options": [{"text": "skole"}]},
    ]
    assert corrected_text("rejselærere skolr", entries) == "rejselærere skole"


def test_a_suggestion_further_off_than_auto_fuzziness_is_not_used():
    # Four letters allow one edit (AUTO): 'hjemme' is two away from 'hjme'.
    entries = [{"text": "hjme", "offset": 0, "length": 4, "options": [{"text": "hjemme"}]}]
    assert corrected_text("hjme", entries) == ""
    # Two letters swapped are one edit, as in Elasticsearch's fuzzy matching.
    entries = [{"text": "hjme", "offset": 0, "length": 4, "options": [{"text": "hjem"}]}]
    assert corrected_text("hjme", entries) == "hjem"


def test_similar_response_becomes_hits_of_their_types_without_highlight(fake):
    fake.route("POST", rf"/{ALIAS}/_search", "similar.json")
    hits = fake.backend.similar(12)
    assert [(hit.page_id, hit.doc_type) for hit in hits] == [
        (40, "case"),
        (44, "method"),
        (52, "erfa_group"),
    ]
    assert hits[1].title == "Rejseholdet – mobil støtte"
    assert hits[1].url == "/metoder/rejseholdet/"
    assert {hit.highlight for hit in hits} == {""}


def test_similar_drops_the_page_itself_should_an_index_return_it(fake):
    # more_like_this excludes the liked document (include: false); the backend never relies on
    # it alone, since a page shown as similar to itself is what users would notice.
    answer = recorded("similar.json")
    answer["hits"]["hits"][0]["_id"] = "12"
    fake.route("POST", rf"/{ALIAS}/_search", answer)
    assert [hit.page_id for hit in fake.backend.similar(12)] == [44, 52]


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


def _terms_aggregations(node):
    if isinstance(node, dict):
        if isinstance(node.get("buckets"), list):
            yield node
        for value in node.values():
            yield from _terms_aggregations(value)
    elif isinstance(node, list):
        for value in node:
            yield from _terms_aggregations(value)


def test_recorded_answers_keep_elasticsearchs_shape():
    """What Elasticsearch 8.19 always sends: searches with took, timed_out and _shards; terms
    buckets by count, then key; errors with root_cause, type and reason, and the status."""
    from pathlib import Path

    for path in sorted(Path(__file__).parent.joinpath("recorded").glob("*.json")):
        answer = recorded(path.name)
        if isinstance(answer.get("hits"), dict):
            assert {"took", "timed_out", "_shards"} <= set(answer), path.name
        for terms in _terms_aggregations(answer):
            order = [(-b["doc_count"], b["key"]) for b in terms["buckets"]]
            assert order == sorted(order), path.name
            assert {"doc_count_error_upper_bound", "sum_other_doc_count"} <= set(terms)
        error = answer.get("error")
        if isinstance(error, dict):
            assert {"root_cause", "type", "reason"} <= set(error), path.name
            assert answer["status"] >= 400, path.name
