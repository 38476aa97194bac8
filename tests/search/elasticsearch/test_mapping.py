"""The index as Elasticsearch receives it: settings, analyzers and mapping on creation, and the
body of each indexed document."""

from search.backends import es_mapping
from search.contract import FACETS

from .conftest import ALIAS, make_document


def created_index(fake):
    fake.backend.rebuild([make_document()])
    return fake.only("PUT", rf"/{ALIAS}-\d{{20}}")


def test_analysis_settings_define_the_danish_and_folded_analyzers(fake):
    body = created_index(fake).body
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["danish_folded"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": [
            "lowercase",
            "danish_stop",
            "danish_stemmer",
            "danish_fold_ae",
            "danish_fold_oe",
            "danish_fold_aa",
            "asciifolding",
        ],
    }
    filters = analysis["filter"]
    assert filters["danish_stop"] == {"type": "stop", "stopwords": "_danish_"}
    assert filters["danish_stemmer"] == {"type": "stemmer", "language": "danish"}
    assert filters["danish_fold_ae"] == {
        "type": "pattern_replace",
        "pattern": "æ",
        "replacement": "ae",
    }
    assert filters["danish_fold_oe"]["replacement"] == "oe"
    assert filters["danish_fold_aa"] == {
        "type": "pattern_replace",
        "pattern": "å",
        "replacement": "aa",
    }
    assert analysis["analyzer"]["danish_suggest"]["char_filter"] == ["danish_fold"]
    assert "å => aa" in analysis["char_filter"]["danish_fold"]["mappings"]
    assert body["settings"]["number_of_shards"] == 1


def test_text_fields_use_the_danish_analyzer_with_a_folded_sub_field(fake):
    properties = created_index(fake).body["mappings"]["properties"]
    for name in ("title", "summary", "body", "organisation_names"):
        assert properties[name] == {
            "type": "text",
            "analyzer": "danish",
            "fields": {"folded": {"type": "text", "analyzer": "danish_folded"}},
        }


def test_facets_are_keywords_and_the_rest_is_typed(fake):
    properties = created_index(fake).body["mappings"]["properties"]
    for facet in FACETS:
        assert properties[facet] == {"type": "keyword"}, facet
    assert properties["published"] == {"type": "date"}
    assert properties["title_sort"] == {"type": "keyword"}
    assert properties["page_id"] == {"type": "integer"}
    assert properties["url"] == {"type": "keyword", "index": False}
    assert properties["organisations"] == {"type": "object", "enabled": False}
    assert properties["suggest"] == {"type": "completion", "analyzer": "danish_suggest"}


def test_document_body(fake):
    doc = make_document(page_id=12, title="Rejselærer i folkeskolen")
    fake.backend.index_documents([doc])
    action, source = fake.only("PUT", rf"/{ALIAS}/_bulk").body
    assert action == {"index": {"_id": "12"}}
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
