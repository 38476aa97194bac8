"""The same scenarios against a real Elasticsearch 8/9 (ELASTICSEARCH_URL). Without it this
module is not collected at all (see conftest.collect_ignore), so nothing is ever skipped."""

import os
import uuid

import pytest

from search.backends.elasticsearch import ElasticsearchBackend
from search.contract import SearchQuery, SearchUnavailable

from .conftest import make_document

FACETS_OF = {
    "movement": ["mestring"],
    "region": ["region-midtjylland"],
    "municipality": ["randers"],
    "status": ["i-drift"],
}


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
    ]


@pytest.fixture
def live():
    backend = ElasticsearchBackend(
        url=os.environ["ELASTICSEARCH_URL"], index_prefix=f"pbtest-{uuid.uuid4().hex[:8]}"
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


def test_both_spellings_of_aa_give_the_same_results(live):
    typed = live.search(SearchQuery(text="socialraadgivere"))
    assert urls(typed) == urls(live.search(SearchQuery(text="socialrådgivere")))
    assert urls(typed) == ["/eksempler/syddjurs-socialraadgivere-i-skolen/"]


def test_disjunctive_facets(live):
    result = live.search(SearchQuery(filters={"movement": ("mestring",)}))
    assert result.total == 1
    assert result.facets["movement"] == {"mestring": 1, "tidlig-opsporing": 2}
    assert result.facets["municipality"] == {"randers": 1}


def test_sort_and_pages(live):
    newest = live.search(SearchQuery(sort="newest", page_size=2))
    assert newest.total == 3
    assert [hit.page_id for hit in newest.hits] == [31, 12]
    second = live.search(SearchQuery(sort="title", page=2, page_size=2))
    assert [hit.page_id for hit in second.hits] == [40]


def test_suggest(live):
    suggestions = live.suggest("rejsel")
    assert [(s.kind, s.label) for s in suggestions] == [("case", "Rejselærer i folkeskolen")]
    assert [s.label for s in live.suggest("skolen")] == ["Socialrådgivere i skolen"]


def test_index_delete_and_rebuild_swap(live):
    live.delete_documents([12, 999])
    assert live.document_ids() == {31, 40}
    live.index_documents([make_document(77, title="Nyt eksempel")])
    assert live.search(SearchQuery(text="nyt")).total == 1
    old = set(live.client.indices.get_alias(name=live.alias).body)
    live.rebuild(documents())
    new = set(live.client.indices.get_alias(name=live.alias).body)
    assert len(new) == 1 and not new & old
    assert not live.client.indices.exists(index=",".join(old))
    assert live.document_ids() == {12, 31, 40}


def test_outage_on_a_closed_port():
    backend = ElasticsearchBackend(url="http://127.0.0.1:9", timeout=1, max_retries=0)
    assert backend.ping() is False
    with pytest.raises(SearchUnavailable):
        backend.search(SearchQuery(text="unge"))
