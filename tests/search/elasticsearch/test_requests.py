"""What the backend asks Elasticsearch: query, facets, sort, paging, highlighting, suggester,
bulk writes, asserted on the request bodies the real client sends."""

import pytest
from elasticsearch.dsl import connections

from search.contract import FACETS, SearchQuery

from .conftest import ALIAS, make_document

FILTERS = {"movement": ("mestring",), "region": ("region-midtjylland",)}


def search_body(fake, **query):
    fake.backend.search(SearchQuery(**query))
    return fake.sent("POST", rf"/{ALIAS}/_search")[-1].body


def terms_filters(clause):
    """{field: values} of every terms filter in a query clause."""
    found = {}
    if isinstance(clause, dict):
        for key, value in clause.items():
            if key == "terms":
                found.update(value)
            else:
                found.update(terms_filters(value))
    elif isinstance(clause, list):
        for item in clause:
            found.update(terms_filters(item))
    return found


def multi_matches(clause):
    if isinstance(clause, dict):
        if "multi_match" in clause:
            return [clause["multi_match"]]
        return [m for value in clause.values() for m in multi_matches(value)]
    if isinstance(clause, list):
        return [m for item in clause for m in multi_matches(item)]
    return []


def test_text_and_two_facets(fake):
    body = search_body(fake, text="tidlig mestr", filters=FILTERS)

    # One should clause per word, most of them required; the last word also as a prefix.
    query = body["query"]["bool"]
    assert query["minimum_should_match"] == "2<-1 5<75%"
    first, last = query["should"]
    first = first["multi_match"]
    assert first["query"] == "tidlig"
    assert (first["fuzziness"], first["prefix_length"]) == ("AUTO:3,8", 1)
    assert first["fields"] == [
        "title^5",
        "title.folded^5",
        "summary^3",
        "summary.folded^3",
        "tags^2",
        "tags.folded^2",
        "organisation_names^2",
        "organisation_names.folded^2",
        "body",
        "body.folded",
    ]
    options = last["bool"]["should"]
    assert [m["multi_match"].get("type") for m in options] == [None, "bool_prefix"]
    assert {m["multi_match"]["query"] for m in options} == {"mestr"}
    assert options[0]["multi_match"]["fuzziness"] == "AUTO:3,8"

    # Results narrowed by both facets, after aggregating.
    assert terms_filters(body["post_filter"]) == {
        "movement": ["mestring"],
        "region": ["region-midtjylland"],
    }
    assert "filter" not in query


def boost(field):
    name, _, weight = field.partition("^")
    return name, float(weight or 1)


def test_field_boosts_rank_title_over_summary_over_tags_and_organisations_over_body(fake):
    fields = dict(map(boost, multi_matches(search_body(fake, text="unge")["query"])[0]["fields"]))
    assert fields["title"] > fields["summary"] > fields["tags"] > fields["body"]
    assert fields["tags"] == fields["organisation_names"]
    for name in ("title", "summary", "tags", "organisation_names", "body"):
        assert fields[f"{name}.folded"] == fields[name]


def test_stop_words_are_never_required(fake):
    query = search_body(fake, text="job og psykisk sårbarhed")["query"]["bool"]
    # Three words count ("og" is no clause): any two of them find a document.
    assert [m["query"] for m in multi_matches(query["should"][:2])] == ["job", "psykisk"]
    assert len(query["should"]) == 3
    assert "og" not in {m["query"] for m in multi_matches(query)}
    assert query["minimum_should_match"] == "2<-1 5<75%"


def test_a_query_of_stop_words_only_still_searches_them(fake):
    query = search_body(fake, text="og")["query"]
    assert {m["query"] for m in multi_matches(query)} == {"og"}


def test_a_synonym_phrase_is_one_clause_sent_as_a_phrase(fake, settings, tmp_path):
    synonyms = tmp_path / "synonyms.txt"
    synonyms.write_text("open dialogue, åben dialog\n", encoding="utf-8")
    settings.SEARCH_SYNONYMS_PATH = str(synonyms)
    query = search_body(fake, text="Open Dialogue i Norge")["query"]["bool"]
    phrase, word = query["should"]
    # The phrase whole, so the synonym_graph filter of the search analyzer sees it.
    assert phrase["multi_match"]["type"] == "phrase"
    assert phrase["multi_match"]["query"] == "open dialogue"
    assert "fuzziness" not in phrase["multi_match"]
    assert {m["query"] for m in multi_matches(word)} == {"norge"}


def test_not_exact_asks_the_term_suggester_for_words_the_index_lacks(fake):
    body = search_body(fake, text="  rejselæer netværsmøde ")
    assert body["suggest"] == {
        "spelling": {
            "text": "rejselæer netværsmøde",
            "term": {
                "field": "spelling",
                "suggest_mode": "missing",
                "min_word_length": 3,
                "prefix_length": 1,
                "max_edits": 2,
                "size": 5,
            },
        }
    }


def test_exact_has_no_fuzziness_and_no_suggester(fake):
    body = search_body(fake, text="rejselæer netværsmøde", exact=True)
    assert "suggest" not in body
    matches = multi_matches(body["query"])
    typed = {"rejselaeer", "rejselæer", "netvaersmoede", "netværsmøde"}
    assert {m["query"] for m in matches} == typed
    assert all("fuzziness" not in m for m in matches)
    assert body["query"]["bool"]["minimum_should_match"] == "2<-1 5<75%"


def test_no_text_no_suggester(fake):
    assert "suggest" not in search_body(fake, filters=FILTERS)


def test_the_type_facet_is_a_disjunctive_facet_like_the_others(fake):
    filters = {"type": ("method", "erfa_group"), "movement": ("mestring",)}
    body = search_body(fake, text="ips", filters=filters)
    assert terms_filters(body["post_filter"]) == {
        "type": ["method", "erfa_group"],
        "movement": ["mestring"],
    }
    aggs = body["aggs"]
    assert aggs["_filter_type"]["aggs"]["type"]["terms"]["field"] == "type"
    # Types are counted under the other facets' filters, not their own...
    assert terms_filters(aggs["_filter_type"]["filter"]) == {"movement": ["mestring"]}
    # ...and every other facet under the selected types.
    assert terms_filters(aggs["_filter_region"]["filter"]) == {
        "type": ["method", "erfa_group"],
        "movement": ["mestring"],
    }


def test_facet_counts_are_disjunctive(fake):
    aggs = search_body(fake, text="mestring", filters=FILTERS)["aggs"]
    assert set(aggs) == {f"_filter_{facet}" for facet in FACETS}
    # Each selected facet is counted under the other facet's filter, not its own.
    assert terms_filters(aggs["_filter_movement"]["filter"]) == {"region": ["region-midtjylland"]}
    assert terms_filters(aggs["_filter_region"]["filter"]) == {"movement": ["mestring"]}
    # Unselected facets are counted under both.
    assert terms_filters(aggs["_filter_status"]["filter"]) == {
        "movement": ["mestring"],
        "region": ["region-midtjylland"],
    }
    for facet in FACETS:
        terms = aggs[f"_filter_{facet}"]["aggs"][facet]["terms"]
        assert terms["field"] == facet
        assert terms["size"] >= 98  # every municipality


def test_several_values_of_one_facet_combine_with_or(fake):
    filters = {"municipality": ("randers", "herning")}
    body = search_body(fake, filters=filters)
    assert body["post_filter"] == {"terms": {"municipality": ["randers", "herning"]}}
    assert body["aggs"]["_filter_municipality"]["filter"] == {"match_all": {}}


def test_empty_text_is_match_all_without_filters(fake):
    body = search_body(fake)
    assert body["query"] == {"match_all": {}}
    assert "post_filter" not in body
    assert body["track_total_hits"] is True


def test_ascii_spelling_sends_the_same_query_as_the_danish_letters(fake):
    with_letter = search_body(fake, text="socialrådgivere")["query"]
    typed = search_body(fake, text="SOCIALRAADGIVERE")["query"]
    assert with_letter == typed
    queries = {m["query"] for m in multi_matches(typed)}
    assert queries == {"socialraadgivere", "socialrådgivere"}


def test_query_words_are_capped_and_punctuation_ignored(fake):
    body = search_body(fake, text='"tidlig" (opsporing) AND unge* ' + "ord " * 20)
    should = body["query"]["bool"]["should"]
    assert len(should) == 12
    assert should[0]["multi_match"]["query"] == "tidlig"
    assert should[2]["multi_match"]["query"] == "and"


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("relevance", ["_score", {"published": {"order": "desc", "missing": "_last"}}]),
        ("newest", [{"published": {"order": "desc", "missing": "_last"}}, {"title_sort": "asc"}]),
        ("title", [{"title_sort": "asc"}, {"page_id": "asc"}]),
    ],
)
def test_sort(fake, sort, expected):
    assert search_body(fake, text="unge", sort=sort)["sort"] == expected


def test_pages(fake):
    body = search_body(fake, text="unge", page=3, page_size=25)
    assert (body["from"], body["size"]) == (50, 25)
    body = search_body(fake, text="unge")
    assert (body["from"], body["size"]) == (0, 20)


def test_a_page_beyond_elasticsearch_window_asks_for_counts_only(fake):
    body = search_body(fake, text="unge", page=101, page_size=100)
    assert (body["from"], body["size"]) == (0, 0)


def test_highlight_marks_matches_in_summary_and_body_escaping_the_rest(fake):
    body = search_body(fake, text="unge")
    highlight = body["highlight"]
    assert highlight["pre_tags"] == ["<mark>"]
    assert highlight["post_tags"] == ["</mark>"]
    assert highlight["encoder"] == "html"
    assert set(highlight["fields"]) == {"summary", "summary.folded", "body", "body.folded"}
    # The summary comes back whole, so the page can show it marked instead of plain.
    assert highlight["fields"]["summary"]["number_of_fragments"] == 0
    assert "number_of_fragments" not in highlight["fields"]["body"]
    assert body["_source"] == {"excludes": ["body", "suggest"]}


def test_suggest_uses_the_completion_suggester(fake):
    fake.route("POST", rf"/{ALIAS}/_search", "suggest.json")
    fake.backend.suggest("  rejse ", limit=5)
    body = fake.only("POST", rf"/{ALIAS}/_search").body
    assert body == {
        "suggest": {
            "titles": {
                "prefix": "rejse",
                "completion": {"field": "suggest", "size": 5, "skip_duplicates": True},
            }
        },
        "_source": ["title", "url", "doc_type"],
        "size": 0,
    }


def test_similar_sends_more_like_this_of_the_indexed_page(fake):
    fake.route("POST", rf"/{ALIAS}/_search", "similar.json")
    fake.backend.similar(12, limit=4, doc_types=("case", "method"))
    body = fake.only("POST", rf"/{ALIAS}/_search").body
    query = body["query"]["bool"]
    (mlt,) = query["must"]
    mlt = mlt["more_like_this"]
    assert mlt["like"] == [{"_index": ALIAS, "_id": "12"}]
    assert mlt["fields"] == ["title", "summary", "tags", "body"]
    assert mlt["include"] is False  # never the page itself
    assert {"og", "i", "til", "med", "for"} <= set(mlt["stop_words"])
    assert query["filter"] == [{"terms": {"doc_type": ["case", "method"]}}]
    assert body["size"] == 4
    assert "highlight" not in body
    assert body["_source"] == {"excludes": ["body", "suggest"]}


def test_similar_of_every_type_has_no_type_filter(fake):
    fake.route("POST", rf"/{ALIAS}/_search", "similar.json")
    fake.backend.similar(12)
    body = fake.only("POST", rf"/{ALIAS}/_search").body
    assert "filter" not in body["query"]["bool"]
    assert body["size"] == 5


def test_blank_suggest_text_asks_nothing(fake):
    assert fake.backend.suggest("   ") == []
    assert fake.requests == []


def test_index_documents_bulk_indexes_through_the_alias(fake):
    docs = [make_document(1), make_document(2, title="Rejsende specialistkorps")]
    fake.backend.index_documents(docs)
    assert fake.only("HEAD", rf"/_alias/{ALIAS}")  # the alias exists: nothing created
    written = fake.only("PUT", rf"/{ALIAS}/_bulk")
    # Searchable when the call returns; never auto-creates an index under the alias's name.
    assert written.params == {"refresh": "wait_for", "require_alias": "true"}
    lines = written.body
    assert lines[0] == {"index": {"_id": "1"}}
    assert lines[2] == {"index": {"_id": "2"}}
    assert lines[3]["title"] == "Rejsende specialistkorps"
    fake.backend.index_documents([make_document(3)])
    assert len(fake.sent("HEAD", rf"/_alias/{ALIAS}")) == 1  # checked once per backend


def test_index_documents_before_any_rebuild_creates_a_versioned_index_behind_the_alias(fake):
    fake.route("HEAD", rf"/_alias/{ALIAS}", None, status=404)
    fake.backend.index_documents([make_document(1)])
    created = fake.only("PUT", rf"/{ALIAS}-\d{{20}}")
    assert created.body["aliases"] == {ALIAS: {}}
    assert "danish_folded" in created.body["settings"]["analysis"]["analyzer"]
    assert fake.requests[-1].path == f"/{ALIAS}/_bulk"


def test_delete_documents_bulk_deletes_and_ignores_missing_ones(fake):
    fake.route("PUT", rf"/{ALIAS}/_bulk", "bulk_delete_not_found.json")
    fake.backend.delete_documents([404])
    deleted = fake.only("PUT", rf"/{ALIAS}/_bulk")
    assert deleted.body == [{"delete": {"_id": "404"}}]
    assert deleted.params == {"refresh": "wait_for", "require_alias": "true"}


def test_nothing_to_write_sends_nothing(fake):
    fake.backend.index_documents([])
    fake.backend.delete_documents([])
    assert fake.requests == []


def test_the_global_connections_registry_is_left_alone(fake):
    before = (dict(connections.connections._conns), dict(connections.connections._kwargs))
    fake.backend.search(SearchQuery(text="unge", filters=FILTERS))
    fake.backend.rebuild([make_document()])
    after = (dict(connections.connections._conns), dict(connections.connections._kwargs))
    assert after == before


def test_api_key_and_ca_certificate_reach_the_client(tmp_path):
    import base64

    from search.backends.elasticsearch import ElasticsearchBackend

    ca = tmp_path / "ca.pem"
    ca.write_text("")  # only its path is passed on here
    key = base64.b64encode(b"id:secret").decode()
    backend = ElasticsearchBackend(url="https://es.example.org:9200", api_key=key, ca_certs=str(ca))
    headers = backend.client._headers
    assert headers["authorization"] == f"ApiKey {key}"
    node_config = backend.client.transport.node_pool.all()[0].config
    assert node_config.ca_certs == str(ca)
