"""The index as Elasticsearch receives it: settings, analyzers (synonyms from the synonym file,
a decompounder whose word list is the documents' own vocabulary) and mapping on creation, and
the body of each indexed document."""

import os

import pytest

from search.backends import es_mapping
from search.contract import FACETS

from .conftest import ALIAS, make_document

SYNONYMS = """# a comment
job, beskæftigelse, arbejde
open dialogue, åben dialog
"""


@pytest.fixture
def synonyms_file(settings, tmp_path):
    path = tmp_path / "synonyms.txt"
    path.write_text(SYNONYMS, encoding="utf-8")
    settings.SEARCH_SYNONYMS_PATH = str(path)
    return path


def created_index(fake, documents=None):
    fake.backend.rebuild(documents or [make_document(1), make_document(2)])
    return fake.sent("PUT", rf"/{ALIAS}-\d{{20}}")[-1]


def test_analysis_settings_define_index_and_search_analyzers(fake, synonyms_file):
    body = created_index(fake).body
    analysis = body["settings"]["analysis"]
    analyzers = analysis["analyzer"]
    chain = {name: definition["filter"] for name, definition in analyzers.items()}
    folding = ["danish_fold_ae", "danish_fold_oe", "danish_fold_aa", "asciifolding"]
    # No stop filter anywhere: stop words are left out of queries instead (never required).
    assert chain["danish_plain"] == ["lowercase", "danish_stemmer"]
    assert chain["danish_plain_search"] == ["lowercase", "danish_synonyms", "danish_stemmer"]
    assert chain["danish_folded"] == [
        "lowercase",
        "danish_stemmer",
        *folding,
        "danish_decompounder",
    ]
    assert chain["danish_folded_search"] == [
        "lowercase",
        "danish_synonyms",
        "danish_stemmer",
        *folding,
        "danish_decompounder",
    ]
    for name in ("danish_plain", "danish_plain_search", "danish_folded", "danish_folded_search"):
        assert analyzers[name]["tokenizer"] == "standard"
    filters = analysis["filter"]
    assert filters["danish_stemmer"] == {"type": "stemmer", "language": "danish"}
    assert filters["danish_fold_ae"] == {
        "type": "pattern_replace",
        "pattern": "æ",
        "replacement": "ae",
    }
    assert filters["danish_fold_oe"]["replacement"] == "oe"
    assert filters["danish_fold_aa"]["replacement"] == "aa"
    assert analyzers["danish_suggest"]["char_filter"] == ["danish_fold"]
    assert "å => aa" in analysis["char_filter"]["danish_fold"]["mappings"]
    assert analyzers["danish_words"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase"],
    }
    assert body["settings"]["number_of_shards"] == 1


def test_synonym_graph_filter_has_the_rules_of_the_synonyms_file(fake, synonyms_file):
    filters = created_index(fake).body["settings"]["analysis"]["filter"]
    assert filters["danish_synonyms"] == {
        "type": "synonym_graph",
        "synonyms": ["job, beskæftigelse, arbejde", "open dialogue, åben dialog"],
    }


def test_an_edited_synonyms_file_reaches_the_next_rebuild(fake, synonyms_file):
    created_index(fake)
    synonyms_file.write_text(SYNONYMS + "skp, støtte-kontaktperson\n", encoding="utf-8")
    stat = synonyms_file.stat()
    os.utime(synonyms_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    rules = created_index(fake).body["settings"]["analysis"]["filter"]["danish_synonyms"]
    assert rules["synonyms"][-1] == "skp, støtte-kontaktperson"


def test_an_empty_synonyms_file_leaves_the_filter_out(fake, settings, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    settings.SEARCH_SYNONYMS_PATH = str(empty)
    analysis = created_index(fake).body["settings"]["analysis"]
    assert "danish_synonyms" not in analysis["filter"]
    assert analysis["analyzer"]["danish_plain_search"]["filter"] == [
        "lowercase",
        "danish_stemmer",
    ]


def test_decompounder_word_list_is_the_vocabulary_of_the_indexed_documents(fake):
    docs = [
        make_document(1, title="Akutteamet i Randers", summary="Et akut team.", body="", tags=""),
        make_document(2, title="Akut hjælp", summary="Team om borgeren.", body="", tags=""),
        make_document(3, title="Netværksmøder", summary="Et netværk.", body="", tags=""),
        make_document(4, title="Netværk", summary="Møde med netværket.", body="", tags=""),
    ]
    decompounder = created_index(fake, iter(docs)).body["settings"]["analysis"]["filter"][
        "danish_decompounder"
    ]
    assert decompounder["type"] == "dictionary_decompounder"
    assert decompounder["only_longest_match"] is True
    assert (decompounder["min_word_size"], decompounder["min_subword_size"]) == (6, 3)
    words = decompounder["word_list"]
    # Index terms (stemmed, folded) found in two or more documents; Silkeborg, the
    # organisation of every document, counts too.
    assert {"akut", "team", "netvaerk", "silkeborg"} <= set(words)
    # Words of one document only are not parts: 'randers', 'hjælp', 'borgeren'.
    assert not {"randers", "hjaelp", "borger"} & set(words)
    assert words == sorted(words)


def test_a_single_document_gives_no_word_list_and_no_decompounder(fake):
    analysis = created_index(fake, [make_document(1)]).body["settings"]["analysis"]
    assert "danish_decompounder" not in analysis["filter"]
    assert "danish_decompounder" not in analysis["analyzer"]["danish_folded"]["filter"]


def test_text_fields_are_danish_with_a_folded_sub_field_and_feed_spelling(fake):
    properties = created_index(fake).body["mappings"]["properties"]
    for name in ("title", "summary", "tags", "body", "organisation_names"):
        assert properties[name] == {
            "type": "text",
            "analyzer": "danish_plain",
            "search_analyzer": "danish_plain_search",
            "copy_to": "spelling",
            "fields": {
                "folded": {
                    "type": "text",
                    "analyzer": "danish_folded",
                    "search_analyzer": "danish_folded_search",
                }
            },
        }, name
    assert properties["spelling"] == {"type": "text", "analyzer": "danish_words"}


def test_facets_are_keywords_generated_from_the_facet_definitions(fake):
    properties = created_index(fake).body["mappings"]["properties"]
    assert list(FACETS)[0] == "type"
    for facet in FACETS:
        assert properties[facet] == {"type": "keyword"}, facet
    assert properties["doc_type"] == {"type": "keyword"}
    assert properties["published"] == {"type": "date"}
    assert properties["title_sort"] == {"type": "keyword"}
    assert properties["page_id"] == {"type": "integer"}
    assert properties["url"] == {"type": "keyword", "index": False}
    assert properties["organisations"] == {"type": "object", "enabled": False}
    assert properties["suggest"] == {"type": "completion", "analyzer": "danish_suggest"}


def test_document_body(fake):
    doc = make_document(
        page_id=12,
        doc_type="method",
        title="Rejselærer i folkeskolen",
        tags="Tidlig opsporing · Pårørende",
        facets={
            "type": ["method"],
            "movement": ["tidlig-opsporing"],
            "region": ["region-midtjylland"],
        },
    )
    fake.backend.index_documents([doc])
    action, source = fake.only("PUT", rf"/{ALIAS}/_bulk").body
    assert action == {"index": {"_id": "12"}}
    assert source["doc_type"] == "method"
    assert source["type"] == ["method"]
    assert source["tags"] == "Tidlig opsporing · Pårørende"
    assert source["title"] == "Rejselærer i folkeskolen"
    assert source["organisation_names"] == "Silkeborg"
    assert source["published"] == "2024-03-01T10:00:00+00:00"
    assert source["region"] == ["region-midtjylland"]
    assert source["method"] == []
    assert source["organisations"][0]["slug"] == "silkeborg"
    assert source["suggest"] == {
        "input": ["Rejselærer i folkeskolen", "i folkeskolen", "folkeskolen"]
    }
    assert set(FACETS) <= set(source)


def test_a_document_without_a_publishing_date_has_no_date_field():
    assert "published" not in es_mapping.source(make_document(published=""))


def test_title_sort_key_follows_danish_alphabetical_order():
    titles = ["Åben dør", "Ørestad", "Zoneterapi", "Æbler", "alfa", "Beta"]
    ordered = sorted(titles, key=es_mapping.title_sort_key)
    assert ordered == ["alfa", "Beta", "Zoneterapi", "Æbler", "Ørestad", "Åben dør"]
