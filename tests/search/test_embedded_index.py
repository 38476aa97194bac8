"""The embedded inverted index: kept up to date page by page, it answers exactly as an index
rebuilt from scratch would (same hits, same order, same vocabulary)."""

import pytest

from cases.models import CasePage
from search.backends.embedded import EmbeddedBackend
from search.contract import SearchQuery
from search.documents import build_documents
from search.sync import sync_pages

pytestmark = pytest.mark.django_db

QUERIES = ["rejselærer", "kvarkmetoden", "psykisk sårbarhed job", "netværsmøde", "IPS"]


def _answers(backend):
    return {
        text: [hit.page_id for hit in backend.search(SearchQuery(text=text, page_size=50)).hits]
        for text in QUERIES
    }


def test_updates_and_deletions_leave_the_index_as_a_rebuild_would(tmp_path):
    search_index = EmbeddedBackend(path=tmp_path / "kept.db")
    search_index.rebuild(build_documents())
    case = CasePage.objects.get(slug="silkeborg-rejselaerer")
    case.summary = "Kvarkmetoden: en rejselærer kommer ud på skolen."
    case.save_revision().publish()
    gone = CasePage.objects.get(slug="struer-psykiatriskolen")
    gone.unpublish()
    sync_pages([case.pk, gone.pk], backend=search_index)

    fresh = EmbeddedBackend(path=tmp_path / "fresh.db")
    fresh.rebuild(build_documents())
    assert _answers(search_index) == _answers(fresh)
    assert search_index.snapshot().df == fresh.snapshot().df
    assert gone.pk not in search_index.document_ids()
    assert _answers(search_index)["kvarkmetoden"] == [case.pk]


def test_the_correction_shows_the_base_form(search_index):
    result = search_index.search(SearchQuery(text="rejselæer"))
    assert result.corrected_text == "rejselærer"
