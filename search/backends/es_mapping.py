"""The Elasticsearch index of search documents (cases, methods, erfa groups): the mapping and
the `_source` of each document. Analysis is in es_analysis.py, queries in es_query.py.

Text fields are analysed in Danish, with a `.folded` sub-field whose analyzer stems and then
folds æ/ø/å to ae/oe/aa (index and query side alike), so a text written 'Aabenraa' or
'raadgiver' meets a query typed 'Åbenrå' or 'rådgiver'. All text is also copied to `spelling`
(whole lower-cased words), the vocabulary spelling corrections come from. Facets are keyword
fields of slugs, one per key of search.facets.FACETS."""

from elasticsearch.dsl import Completion, Date, Integer, Keyword, Mapping, Object, Text

from search.analysis import title_sort_key
from search.documents.base import TEXT_FIELDS
from search.facets import FACETS

from .es_analysis import Analysis, danish_suggest, danish_words

SPELLING_FIELD = "spelling"
# One shard; a replica only when a second node exists: a single node stays green.
INDEX_SETTINGS = {"number_of_shards": 1, "auto_expand_replicas": "0-1"}


def danish_text(analysis):
    return Text(
        analyzer=analysis.plain,
        search_analyzer=analysis.plain_search,
        copy_to=SPELLING_FIELD,
        fields={"folded": Text(analyzer=analysis.folded, search_analyzer=analysis.folded_search)},
    )


def mapping(analysis: Analysis):
    """The mapping of one index; its analyzers are collected into the index settings."""
    # strict: a field the mapping does not know is refused (a permanent write failure),
    # never added with a guessed type.
    m = Mapping()
    m.meta("dynamic", "strict")
    m.field("page_id", Integer())
    m.field("doc_type", Keyword())
    for name in TEXT_FIELDS:
        m.field(name, danish_text(analysis))
    m.field(SPELLING_FIELD, Text(analyzer=danish_words))
    m.field("title_sort", Keyword())
    m.field("published", Date())
    m.field("url", Keyword(index=False))
    m.field("organisations", Object(enabled=False))
    m.field("suggest", Completion(analyzer=danish_suggest))
    for facet in FACETS:
        m.field(facet, Keyword())
    return m


def suggest_inputs(title):
    """The title, and the title from each later word on: 'forløb' finds 'Mestringsforløb
    for unge' no more than 'unge' finds it from its last word."""
    words = title.split()
    inputs = [" ".join(words[i:]) for i in range(len(words))]
    return list(dict.fromkeys(i for i in inputs if i))


def source(document):
    """The `_source` stored for a SearchDocument."""
    body = {
        "page_id": document.page_id,
        "doc_type": document.doc_type,
        "title": document.title,
        "summary": document.summary,
        "tags": document.tags,
        "body": document.body,
        "organisation_names": document.organisation_names,
        "title_sort": title_sort_key(document.title),
        "url": document.url,
        "organisations": document.organisations,
        "suggest": {"input": suggest_inputs(document.title)},
    }
    if document.published:
        body["published"] = document.published
    for facet in FACETS:
        body[facet] = list(document.facets.get(facet, []))
    return body
