"""Danish text analysis for the embedded index: lower-case, Snowball stemming, æ/ø/å folding.

Stemming runs before folding because the Danish Snowball rules are written for æ/ø/å. A query
word typed with ae/oe/aa is also tried with æ/ø/å restored, since the stemmer treats the two
spellings differently ('rejselaerer' → 'rejsela', 'rejselærer' → 'rejselær')."""

import re
from functools import lru_cache

import Stemmer

WORD_RE = re.compile(r"[0-9a-zæøåéü]+", re.IGNORECASE)
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u"})
_stemmer = Stemmer.Stemmer("danish")


def words(text):
    return WORD_RE.findall(text.lower())


def fold(word):
    return word.translate(_FOLD)


@lru_cache(maxsize=200_000)
def term(word):
    """The indexed form of one lower-case word."""
    return fold(_stemmer.stemWord(word))


def analyse(text):
    """Text → space-separated index terms (what FTS5 stores)."""
    return " ".join(term(w) for w in words(text))


def unfold_variants(word):
    """'raadgiver' → {'raadgiver', 'rådgiver'}: ASCII spellings of æ/ø/å, restored."""
    variants = {word}
    restored = word.replace("ae", "æ").replace("oe", "ø").replace("aa", "å")
    if restored != word:
        variants.add(restored)
    return variants


def query_terms(word):
    """All index terms one query word may match."""
    return sorted({term(v) for v in unfold_variants(word)})


def prefix_forms(word):
    """Folded, unstemmed forms for prefix matching of the word being typed."""
    return sorted({fold(v) for v in unfold_variants(word)})


# Danish alphabetical order puts æ, ø, å after z (in that order); code points do not.
_SORT_KEY = str.maketrans({"æ": "{", "ø": "|", "å": "}", "é": "e", "ü": "u"})


def title_sort_key(title):
    """A key that sorts titles in Danish order (…, z, æ, ø, å)."""
    return " ".join(title.lower().split()).translate(_SORT_KEY)


# Snowball's Danish stop-word list (the one Elasticsearch's `_danish_` names): words a query
# never requires ("job og psykisk sårbarhed" must not need "og"); the embedded index holds none.
# fmt: off
STOP_WORDS = frozenset([
    "og", "i", "jeg", "det", "at", "en", "den", "til", "er", "som", "på", "de", "med", "han", "af",
    "for", "ikke", "der", "var", "mig", "sig", "men", "et", "har", "om", "vi", "min", "havde",
    "ham", "hun", "nu", "over", "da", "fra", "du", "ud", "sin", "dem", "os", "op", "man", "hans",
    "hvor", "eller", "hvad", "skal", "selv", "her", "alle", "vil", "blev", "kunne", "ind", "når",
    "være", "dog", "noget", "ville", "jo", "deres", "efter", "ned", "skulle", "denne", "end",
    "dette", "mit", "også", "under", "have", "dig", "anden", "hende", "mine", "alt", "meget",
    "sit", "sine", "vor", "mod", "disse", "hvis", "din", "nogle", "hos", "blive", "mange", "ad",
    "bliver", "hendes", "været", "thi", "jer", "sådan",
])
# fmt: on
# The index terms of the stop words (a synonym phrase such as "børne- og ungdomspsykiatri" is
# searched without them).
STOP_TERMS = frozenset(term(w) for w in STOP_WORDS)
