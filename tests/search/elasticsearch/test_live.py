"""The same scenarios against a real Elasticsearch 8/9 (ELASTICSEARCH_URL). Without it this
module is not collected at all (see conftest.collect_ignore), so nothing is ever skipped."""

import os
import uuid

import pytest

from search.backends.elasticsearch import ElasticsearchBackend
from search.contract import SearchQuery, SearchUnavailable

from ..conftest import TEST_PREFIX
from .conftest import make_document

FACETS_OF = {
    "type": ["case"],
    "movement": ["mestring"],
    "region": ["region-midtjylland"],
    "municipality": ["randers"],
    "status": ["i-drift"],
}
METHOD_URL = "/metoder/aaben-dialog/"


def documents():
    return [
        make_document(12),  # Rejselærer i folkeskolen, Silkeborg, tidlig opsporing
        make_document(
            31,
            title="Mestringskurser for familier",
            summary="Forældre og søskende lærer at mestre hverdagen & at tale om sygdommen.",
            body="Kurserne er mestringsforløb på fire aftener.",
            url="/eksempler/randers-mestringskurser-for-familier/",
            published="2024-05-02T08:30:00+00:00",
            organisations=[{"kind": "municipality", "slug": "randers", "name": "Randers"}],
            facets=FACETS_OF,
        ),
        make_document(
            40,
            title="Socialrådgivere i skolen",
            summary="Syddjurs har socialrådgivere på skolerne.",
            body="Tidlig indsats for elever.",
            url="/eksempler/syddjurs-socialraadgivere-i-skolen/",
            published="2022-01-10T08:00:00+00:00",
            organisations=[],
            facets={**FACETS_OF, "movement": ["tidlig-opsporing"], "municipality": ["syddjurs"]},
        ),
        make_document(
            50,
            doc_type="method",
            title="Åben dialog",
            summary="Netværksmøder med elever, forældre og lærer fra første dag.",
            body="Metoden kommer fra Finland.",
            url=METHOD_URL,
            published="2023-06-01T08:00:00+00:00",
            organisations=[],
            facets={"type": ["method"], "movement": ["let-tilgaengelige-tilbud"]},
        ),
    ]


@pytest.fixture
def live():
    backend = ElasticsearchBackend(
        url=os.environ["ELASTICSEARCH_URL"],
        index_prefix=f"{TEST_PREFIX}-{uuid.uuid4().hex[:8]}",
    )
    backend.rebuild(documents())
    yield backend
    # Wildcard deletes are refused by default (action.destructive_requires_name): use names.
    names = list(backend.client.indices.get(index=f"{backend.alias}-*").body)
    if names:
        backend.client.indices.delete(index=",".join(names))


def urls(result):
    return [hit.url for hit in result.hits]


@pytest.mark.parametrize("text", ["rejselærere", "Rejselæreren", "rejselaerere", "rejsel"])
def test_danish_inflections_spellings_and_prefix(live, text):
    result = live.search(SearchQuery(text=text))
    assert urls(result)[0] == "/eksempler/silkeborg-rejselaerer/"
    assert "<mark>" in result.hits[0].highlight
    assert result.corrected_text == ""


def test_both_spellings_of_aa_give_the_same_results(live):
    typed = live.search(SearchQuery(text="socialraadgivere"))
    assert urls(typed) == urls(live.search(SearchQuery(text="socialrådgivere")))
    assert urls(typed) == ["/eksempler/syddjurs-socialraadgivere-i-skolen/"]


def test_most_of_the_words_are_enough(live):
    # Three words, two required: a document with one of them is not found.
    result = live.search(SearchQuery(text="rejselærer elever finland"))
    assert set(urls(result)) == {"/eksempler/silkeborg-rejselaerer/", METHOD_URL}


def test_a_typo_is_forgiven_and_corrected_unless_exact(live):
    result = live.search(SearchQuery(text="rejselæer"))
    assert urls(result)[0] == "/eksempler/silkeborg-rejselaerer/"
    assert result.corrected_text == "rejselærer"
    exact = live.search(SearchQuery(text="rejselæer", exact=True))
    assert (exact.total, exact.corrected_text) == (0, "")


def test_synonyms_of_the_file_apply_after_a_rebuild(live, settings, tmp_path):
    synonyms = tmp_path / "synonyms.txt"
    synonyms.write_text("open dialogue, åben dialog\n", encoding="utf-8")
    settings.SEARCH_SYNONYMS_PATH = str(synonyms)
    assert live.search(SearchQuery(text="open dialogue", exact=True)).total == 0
    live.rebuild(documents())
    assert urls(live.search(SearchQuery(text="open dialogue", exact=True))) == [METHOD_URL]


def test_a_compound_finds_its_parts(live):
    live.rebuild(
        [
            make_document(1, title="Akut team i Aarhus", url="/a/", summary="Et akut team."),
            make_document(2, title="Teamet bag akut hjælp", url="/b/", summary="Akut og team."),
            make_document(3, title="Netværk", url="/c/", summary="Et netværk."),
        ]
    )
    assert {"/a/", "/b/"} <= set(urls(live.search(SearchQuery(text="akutteam", exact=True))))


def test_disjunctive_facets_with_the_type_facet(live):
    result = live.search(SearchQuery(filters={"movement": ("mestring",)}))
    assert result.total == 1
    assert result.facets["movement"] == {
        "mestring": 1,
        "tidlig-opsporing": 2,
        "let-tilgaengelige-tilbud": 1,
    }
    assert result.facets["municipality"] == {"randers": 1}
    methods = live.search(SearchQuery(filters={"type": ("method",)}))
    assert [(hit.page_id, hit.doc_type) for hit in methods.hits] == [(50, "method")]
    assert methods.facets["type"] == {"case": 3, "method": 1}


def test_sort_and_pages(live):
    newest = live.search(SearchQuery(sort="newest", page_size=2))
    assert newest.total == 4
    assert [hit.page_id for hit in newest.hits] == [31, 12]
    second = live.search(SearchQuery(sort="title", page=2, page_size=2))
    assert [hit.page_id for hit in second.hits] == [40, 50]  # Å sorts last


def test_similar_documents_never_include_the_page_itself(live):
    # All share the default tags of make_document; 50 also 'elever' and 'lærer'.
    assert {hit.page_id for hit in live.similar(12)} == {31, 40, 50}
    assert [hit.page_id for hit in live.similar(12, doc_types=("method",))] == [50]


def test_suggest(live):
    suggestions = live.suggest("rejsel")
    assert [(s.kind, s.label) for s in suggestions] == [("case", "Rejselærer i folkeskolen")]
    assert [s.label for s in live.suggest("skolen")] == ["Socialrådgivere i skolen"]
    assert [(s.kind, s.label) for s in live.suggest("åben")] == [("method", "Åben dialog")]


def test_index_delete_and_rebuild_swap(live):
    live.delete_documents([12, 999])
    assert live.document_ids() == {31, 40, 50}
    live.index_documents([make_document(77, title="Nyt eksempel")])
    assert live.search(SearchQuery(text="nyt")).total == 1
    old = set(live.client.indices.get_alias(name=live.alias).body)
    live.rebuild(documents())
    new = set(live.client.indices.get_alias(name=live.alias).body)
    assert len(new) == 1 and not new & old
    assert not live.client.indices.exists(index=",".join(old))
    assert live.document_ids() == {12, 31, 40, 50}


def test_outage_on_a_closed_port():
    backend = ElasticsearchBackend(url="http://127.0.0.1:9", timeout=1, max_retries=0)
    assert backend.ping() is False
    with pytest.raises(SearchUnavailable):
        backend.search(SearchQuery(text="unge"))


def test_the_index_is_strict_green_on_one_node_and_writes_need_the_alias(live):
    (name,) = live.client.indices.get_alias(name=live.alias).body
    settings = live.client.indices.get_settings(index=name).body[name]["settings"]["index"]
    assert settings["auto_expand_replicas"] == "0-1"
    assert live.client.indices.get_mapping(index=name).body[name]["mappings"]["dynamic"] == "strict"
    # A field the mapping does not know is refused, never added with a guessed type.
    response = live.client.bulk(
        operations=[{"index": {"_id": "900"}}, {"title": "x", "ukendt": 1}],
        index=live.alias,
        require_alias=True,
    )
    assert live.client.indices.get_alias(name=live.alias).body  # still the alias
    assert response["items"][0]["index"]["status"] == 400
    # Writing to a name that is not an alias creates nothing.
    failures = type(live)(url=os.environ["ELASTICSEARCH_URL"], index_prefix=f"{TEST_PREFIX}-none")
    failures._alias_ready = True
    assert not failures.write([make_document(1)], [])[1].permanent
    assert not live.client.indices.exists(index=f"{TEST_PREFIX}-none-documents")


def test_a_rebuild_removes_indices_left_by_a_dead_rebuild_but_never_the_live_one(live):
    orphan = f"{live.alias}-20200101000000000000"
    live.client.indices.create(index=orphan)
    live.rebuild(documents())
    names = set(live.client.indices.get(index=f"{live.alias}-*").body)
    assert orphan not in names
    assert set(live.client.indices.get_alias(name=live.alias).body) <= names
    assert live.document_ids() == {12, 31, 40, 50}
