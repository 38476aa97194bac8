"""The Elasticsearch index for cases: analyzers, the `Document` mapping, document bodies and
the text query.

Text fields use the built-in `danish` analyzer, plus a `.folded` sub-field whose analyzer stems
and then folds æ/ø/å to ae/oe/aa (index and query side alike), so a text written 'Aabenraa' or
'raadgiver' meets a query typed 'Åbenrå' or 'rådgiver'. Facets are keyword fields of slugs."""

import re

from elasticsearch.dsl import (
    Completion,
    Date,
    Document,
    Integer,
    Keyword,
    Object,
    Q,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from search.analysis import fold, title_sort_key, unfold_variants
from search.contract import FACETS

FOLD_MAPPINGS = ["æ => ae", "Æ => ae", "ø => oe", "Ø => oe", "å => aa", "Å => aa"]
FOLD_MAPPINGS += ["é => e", "É => e", "ü => u", "Ü => u"]
danish_fold = char_filter("danish_fold", "mapping", mappings=FOLD_MAPPINGS)
danish_stop = token_filter("danish_stop", "stop", stopwords="_danish_")
danish_stemmer = token_filter("danish_stemmer", "stemmer", language="danish")
fold_filters = [
    token_filter(f"danish_fold_{folded}", "pattern_replace", pattern=letter, replacement=folded)
    for letter, folded in (("æ", "ae"), ("ø", "oe"), ("å", "aa"))
]
# Stemming runs before folding, as in search/analysis.py: the Snowball rules are written for
# æ/ø/å and stem folded words inconsistently ('rejselaerer' → 'rejsela', 'rejselaereren' →
# 'rejselaer'). A query word typed with ae/oe/aa is also sent with æ/ø/å restored (see
# elasticsearch.text_query), so both spellings meet the same terms.
danish_folded = analyzer(
    "danish_folded",
    tokenizer="standard",
    filter=["lowercase", danish_stop, danish_stemmer, *fold_filters, "asciifolding"],
)
# Autocomplete: folded and lower-cased, neither stemmed nor stopped.
danish_suggest = analyzer(
    "danish_suggest", tokenizer="standard", char_filter=[danish_fold], filter=["lowercase"]
)


def danish_text():
    return Text(analyzer="danish", fields={"folded": Text(analyzer=danish_folded)})


class CaseIndexDoc(Document):
    """One case. Index names are versioned (see ElasticsearchBackend.rebuild), so this class
    has no default index: every call names it and passes the client explicitly."""

    page_id = Integer()
    title = danish_text()
    summary = danish_text()
    body = danish_text()
    organisation_names = danish_text()
    title_sort = Keyword()
    published = Date()
    url = Keyword(index=False)
    organisations = Object(enabled=False)
    suggest = Completion(analyzer=danish_suggest)
    # Facets: slugs, one keyword field per key of search.contract.FACETS.
    movement = Keyword()
    challenge = Keyword()
    handlerum = Keyword()
    municipality = Keyword()
    region = Keyword()
    target_group = Keyword()
    sector = Keyword()
    method = Keyword()
    evidence = Keyword()
    status = Keyword()


# Field boosts: title and summary weigh more than body.
TEXT_FIELDS = [
    "title^3",
    "title.folded^3",
    "summary^2",
    "summary.folded^2",
    "organisation_names^2",
    "organisation_names.folded^2",
    "body",
    "body.folded",
]
WORD_RE = re.compile(r"\w+")
MAX_QUERY_WORDS = 12  # as the embedded backend
HIGHLIGHT_FIELDS = ["summary", "summary.folded", "body", "body.folded"]
INDEX_SETTINGS = {"number_of_shards": 1}


def suggest_inputs(title):
    """The title, and the title from each later word on: 'forløb' finds 'Mestringsforløb
    for unge' no more than 'unge' finds it from its last word."""
    words = title.split()
    inputs = [" ".join(words[i:]) for i in range(len(words))]
    return list(dict.fromkeys(i for i in inputs if i))


def source(document):
    """The `_source` stored for a CaseDocument."""
    body = {
        "page_id": document.page_id,
        "title": document.title,
        "summary": document.summary,
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


def spellings(word):
    """'rådgivere' and 'raadgivere' → both spellings, so either finds the same cases in the
    same order: the query depends only on the folded word."""
    return sorted(unfold_variants(fold(word.lower())))


def word_query(word, last):
    fields = TEXT_FIELDS
    options = []
    for spelling in spellings(word):
        options.append(Q("multi_match", query=spelling, fields=fields, zero_terms_query="all"))
        if last and len(spelling) >= 2:  # the word being typed: also words it starts
            options.append(
                Q(
                    "multi_match",
                    query=spelling,
                    fields=fields,
                    type="bool_prefix",
                    zero_terms_query="all",
                )
            )
    return options[0] if len(options) == 1 else Q("bool", should=options, minimum_should_match=1)


def text_query(text):
    """Every word must match some field (stemmed, any spelling of æ/ø/å); the last word may
    be a prefix. Scores weigh title and summary over body (TEXT_FIELDS)."""
    words = WORD_RE.findall(text)[:MAX_QUERY_WORDS]
    if not words:
        return Q("match_all")
    return Q("bool", must=[word_query(w, i == len(words) - 1) for i, w in enumerate(words)])
