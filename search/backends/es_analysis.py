"""Danish text analysis for the Elasticsearch index: analyzers, the synonym_graph filter and
the dictionary_decompounder word list (generated from the documents at rebuild time).

Every text field has an index analyzer and a search analyzer, on the field itself (letters as
written) and on a `.folded` sub-field (æ/ø/å folded to ae/oe/aa after stemming, as in
search/analysis.py):

    index   standard | lowercase |                 danish_stemmer [| fold | decompounder]
    search  standard | lowercase | danish_synonyms | danish_stemmer [| fold | decompounder]

- Synonyms (search/synonyms.py, fixtures/search/synonyms.txt) apply at query time only, as an
  inline `synonyms` list of the `synonym_graph` filter in the search analyzers. The list is
  written into the index settings when the index is created, so an edited synonym file takes
  effect with the next `rebuild_search_index` (which swaps in a new index atomically; no
  document needs reindexing for it, but analysis settings of an open index cannot change).
- Compounds: the `dictionary_decompounder` runs on stemmed and folded tokens, index and query
  side, so its word list is the index's own terms (stemmed and folded, found in two or more
  documents; search.compounds.decompounder_word_list). "akutteamet" is indexed as akutteam +
  akut + team, and a query "akutteam" also looks for akut and team.
- No stop filter: Lucene's stop filter after a synonym_graph filter breaks multi-word synonyms
  (elastic/elasticsearch#28838), and a phrase synonym with a stop word ("børne- og
  ungdomspsykiatri") must find the text. Stop words are instead never made query clauses
  (es_query.py), so they are never required."""

from collections import Counter

from elasticsearch.dsl import analyzer, char_filter, token_filter

from search import compounds, synonyms
from search.analysis import term, words

FOLD_MAPPINGS = ["æ => ae", "Æ => ae", "ø => oe", "Ø => oe", "å => aa", "Å => aa"]
FOLD_MAPPINGS += ["é => e", "É => e", "ü => u", "Ü => u"]
danish_fold = char_filter("danish_fold", "mapping", mappings=FOLD_MAPPINGS)
danish_stemmer = token_filter("danish_stemmer", "stemmer", language="danish")
fold_filters = [
    token_filter(f"danish_fold_{folded}", "pattern_replace", pattern=letter, replacement=folded)
    for letter, folded in (("æ", "ae"), ("ø", "oe"), ("å", "aa"))
]
# Autocomplete: folded and lower-cased, neither stemmed nor stopped.
danish_suggest = analyzer(
    "danish_suggest", tokenizer="standard", char_filter=[danish_fold], filter=["lowercase"]
)
# Spelling correction: whole words as written (lower-cased), so a correction reads as a word.
danish_words = analyzer("danish_words", tokenizer="standard", filter=["lowercase"])

# The decompounder's part sizes follow search/compounds.py.
DECOMPOUNDER = {
    "min_word_size": compounds.MIN_WORD,
    "min_subword_size": compounds.MIN_PART,
    "only_longest_match": True,
}


class Analysis:
    """The analyzers of one index: synonyms as the file says now, compounds from a word list."""

    def __init__(self, word_list=(), synonym_rules=None):
        self.word_list = sorted(word_list)
        self.synonym_rules = list(synonyms.solr_rules() if synonym_rules is None else synonym_rules)
        # An empty list is no filter at all (a tiny index, an empty synonym file).
        synonym = (
            [token_filter("danish_synonyms", "synonym_graph", synonyms=self.synonym_rules)]
            if self.synonym_rules
            else []
        )
        decompounder = (
            [
                token_filter(
                    "danish_decompounder",
                    "dictionary_decompounder",
                    word_list=self.word_list,
                    **DECOMPOUNDER,
                )
            ]
            if self.word_list
            else []
        )
        folded = [*fold_filters, "asciifolding", *decompounder]
        self.plain = analyzer(
            "danish_plain", tokenizer="standard", filter=["lowercase", danish_stemmer]
        )
        self.plain_search = analyzer(
            "danish_plain_search",
            tokenizer="standard",
            filter=["lowercase", *synonym, danish_stemmer],
        )
        self.folded = analyzer(
            "danish_folded", tokenizer="standard", filter=["lowercase", danish_stemmer, *folded]
        )
        self.folded_search = analyzer(
            "danish_folded_search",
            tokenizer="standard",
            filter=["lowercase", *synonym, danish_stemmer, *folded],
        )


class WordCounter:
    """Document frequencies of index terms (stemmed, folded), gathered document by document:
    the source of the decompounder's word list."""

    def __init__(self):
        self.counts = Counter()

    def add(self, document):
        text = " ".join(document.texts())
        self.counts.update({term(word) for word in words(text)})

    def word_list(self):
        return compounds.decompounder_word_list(self.counts)


def analysis_for(documents):
    """The Analysis for an index holding these documents."""
    counter = WordCounter()
    for document in documents:
        counter.add(document)
    return Analysis(counter.word_list())
