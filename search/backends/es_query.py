"""The queries the Elasticsearch backend sends: the text query, the spelling suggester and the
corrected text read from its answer, and more_like_this for similar documents.

The text becomes *slots* as in search/query_plan.py: a word, or a run of words the synonym list
knows as one phrase ("open dialogue", "uden visitation"), sent as a phrase so the search
analyzer's synonym_graph filter sees it whole. Stop words are never slots, so never required.
Each slot is a should clause and the bool requires MINIMUM_SHOULD_MATCH of them: documents with
every slot score highest, documents with most of them are still found."""

from elasticsearch.dsl import Q
from rapidfuzz.distance import OSA

from search.analysis import STOP_WORDS, fold, term, unfold_variants
from search.query_plan import segments
from search.spelling import AUTO_HIGH, AUTO_LOW, max_edits

from .es_mapping import SPELLING_FIELD

# All of one or two slots, one fewer up to five, 75 % beyond (as query_plan.minimum_should_match).
MINIMUM_SHOULD_MATCH = "2<-1 5<75%"
# Field boosts: title > summary > tags and organisation names > body.
BOOSTS = {"title": 5, "summary": 3, "tags": 2, "organisation_names": 2, "body": 1}
TEXT_FIELDS = [
    f"{name}{sub}^{boost}" if boost != 1 else f"{name}{sub}"
    for name, boost in BOOSTS.items()
    for sub in ("", ".folded")
]
TIE_BREAKER = 0.2  # a word found in several fields counts a little more than in one
# The same edit distances as the embedded backend (search/spelling.py).
FUZZY = {"fuzziness": f"AUTO:{AUTO_LOW},{AUTO_HIGH}", "prefix_length": 1}
HIGHLIGHT_FIELDS = ["summary", "summary.folded", "body", "body.folded"]

SPELLING_SUGGESTER = "spelling"
SPELLING = {
    "field": SPELLING_FIELD,
    "suggest_mode": "missing",  # only words the index does not hold
    "min_word_length": 3,
    "prefix_length": 1,
    "max_edits": 2,
    "size": 5,
}

SIMILAR_FIELDS = ["title", "summary", "tags", "body"]
SIMILAR = {
    "min_term_freq": 1,  # summaries and titles are short
    "min_doc_freq": 2,  # a word no other document has makes nothing similar
    "max_query_terms": 25,
    "include": False,  # never the document itself
}


def spellings(text):
    """'rådgivere' and 'raadgivere' → both spellings, so either finds the same documents in
    the same order: the query depends only on the folded text."""
    return sorted(unfold_variants(fold(text.lower())))


def slots(text):
    """[(words, is_phrase)] of the query text: the segments of search/query_plan.py, a run the
    synonym list knows sent as one phrase."""
    return [
        (segment.words, segment.group is not None and len(segment.words) > 1)
        for segment in segments(text)
    ]


def _one_of(options):
    return options[0] if len(options) == 1 else Q("bool", should=options, minimum_should_match=1)


def word_query(word, last, exact):
    options = []
    for spelling in spellings(word):
        fuzzy = {} if exact else FUZZY
        options.append(
            Q("multi_match", query=spelling, fields=TEXT_FIELDS, tie_breaker=TIE_BREAKER, **fuzzy)
        )
        if last and len(spelling) >= 2:  # the word being typed: also words it starts
            options.append(Q("multi_match", query=spelling, fields=TEXT_FIELDS, type="bool_prefix"))
    return _one_of(options)


def phrase_query(phrase):
    return _one_of(
        [
            Q("multi_match", query=spelling, fields=TEXT_FIELDS, type="phrase")
            for spelling in spellings(" ".join(phrase))
        ]
    )


def text_query(text, exact=False):
    """One should clause per slot, MINIMUM_SHOULD_MATCH of them required; the last word may
    be a prefix; fuzziness AUTO:3,8 on words unless `exact`."""
    found = slots(text)
    if not found:
        return Q("match_all")
    clauses = []
    for i, (slot_words, is_phrase) in enumerate(found):
        if is_phrase:
            clauses.append(phrase_query(slot_words))
        else:
            clauses.append(word_query(slot_words[0], i == len(found) - 1, exact))
    return Q("bool", should=clauses, minimum_should_match=MINIMUM_SHOULD_MATCH)


def corrected_text(text, entries):
    """The query text with each word the index lacks replaced by the suggester's closest word
    within AUTO:3,8 edits (1 up to seven letters, else 2; a swap of two letters is one edit, as in
    Elasticsearch's fuzzy matching); "" when no word was corrected.

    A suggestion with the word's own stem means the word is an inflection the index matches
    ('rejselærere' beside 'rejselærer'): no correction."""
    pieces, cursor, changed = [], 0, False
    for entry in sorted(entries, key=lambda e: e["offset"]):
        word = entry["text"]
        if not word.isalpha():
            continue
        options = [option["text"] for option in entry.get("options", [])]
        if any(term(option) == term(word) for option in options):
            continue
        best = next((o for o in options if OSA.distance(word, o) <= max_edits(word)), None)
        if best is None:
            continue
        start = entry["offset"]
        pieces += [text[cursor:start], best]
        cursor, changed = start + entry["length"], True
    if not changed:
        return ""
    pieces.append(text[cursor:])
    return " ".join("".join(pieces).split())


def more_like_this(index, page_id, doc_types=None):
    """Documents sharing the most telling words of the document `page_id` of `index`."""
    mlt = Q(
        "more_like_this",
        fields=SIMILAR_FIELDS,
        like=[{"_index": index, "_id": str(page_id)}],
        stop_words=sorted(STOP_WORDS),
        **SIMILAR,
    )
    filters = [Q("terms", doc_type=list(doc_types))] if doc_types else []
    return Q("bool", must=[mlt], filter=filters)
