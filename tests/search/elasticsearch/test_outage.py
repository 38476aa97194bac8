"""An unreachable or failing Elasticsearch is SearchUnavailable (the page answers 503 and the
sync queue keeps the change), never an unexpected exception; ping() just says False."""

import time

import pytest
from elasticsearch import ApiError, ConnectionError

from search.backends.elasticsearch import ElasticsearchBackend
from search.contract import SearchQuery, SearchUnavailable, WriteRefused

from .conftest import ALIAS, make_document


@pytest.fixture
def closed_port():
    """Configured on a closed loopback port: connections are refused at once."""
    return ElasticsearchBackend(url="http://127.0.0.1:9", timeout=1, max_retries=0)


@pytest.mark.parametrize(
    "call",
    [
        lambda b: b.search(SearchQuery(text="unge")),
        lambda b: b.suggest("unge"),
        lambda b: b.similar(12),
        lambda b: b.index_documents([make_document()]),
        lambda b: b.delete_documents([1]),
        lambda b: b.rebuild([make_document()]),
        lambda b: b.document_ids(),
    ],
    ids=["search", "suggest", "similar", "index", "delete", "rebuild", "document_ids"],
)
def test_closed_port_is_search_unavailable(closed_port, call):
    started = time.monotonic()
    with pytest.raises(SearchUnavailable) as raised:
        call(closed_port)
    assert isinstance(raised.value.__cause__, ConnectionError)
    assert time.monotonic() - started < 5


def test_closed_port_ping_is_false(closed_port):
    assert closed_port.ping() is False


def test_server_error_is_search_unavailable(fake):
    fake.route("POST", rf"/{ALIAS}/_search", "all_shards_failed.json", status=503)
    with pytest.raises(SearchUnavailable) as raised:
        fake.backend.search(SearchQuery(text="unge"))
    assert isinstance(raised.value.__cause__, ApiError)
    assert raised.value.__cause__.meta.status == 503


def test_similar_on_a_server_error_is_search_unavailable(fake):
    fake.route("POST", rf"/{ALIAS}/_search", "all_shards_failed.json", status=503)
    with pytest.raises(SearchUnavailable) as raised:
        fake.backend.similar(12, doc_types=("case",))
    assert raised.value.__cause__.meta.status == 503


def test_missing_index_is_search_unavailable(fake):
    fake.route("POST", rf"/{ALIAS}/_search", "index_not_found.json", status=404)
    with pytest.raises(SearchUnavailable):
        fake.backend.search(SearchQuery())
    with pytest.raises(SearchUnavailable):
        fake.backend.suggest("rejs")
    with pytest.raises(SearchUnavailable):
        fake.backend.similar(12)


def test_rejected_bulk_writes_are_search_unavailable(fake):
    fake.route("PUT", rf"/{ALIAS}/_bulk", "bulk_rejected.json")
    with pytest.raises(SearchUnavailable, match="es_rejected_execution_exception"):
        fake.backend.index_documents([make_document()])


def test_a_document_elasticsearch_refuses_is_refused_not_an_outage(fake):
    fake.route("PUT", rf"/{ALIAS}/_bulk", "bulk_mapping_error.json")
    with pytest.raises(WriteRefused, match="document_parsing_exception"):
        fake.backend.index_documents([make_document()])


def test_ping_on_a_server_error_is_false(fake):
    fake.route("HEAD", "/", None, status=503)
    assert fake.backend.ping() is False
