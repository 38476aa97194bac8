"""From what a user typed to what the engine looks for: a query plan.

The text becomes *slots*, one per concept: a word, or a phrase the synonym list knows ("åben
dialog", "uden visitation"). Each slot has alternatives, each a set of index terms that must all
be present: the word as typed (both æ/ø/å spellings), its synonyms, its compound parts, and, for
a word the index does not know, a spelling correction or (for the last word, still being typed)
the words it begins. Stop words are never slots. A document must match `required` slots
(Elasticsearch's minimum_should_match "2<-1 5<75%"), and those matching all rank first.

The plan only needs the index's vocabulary (document frequency per term), so any backend with
a vocabulary can use it; the embedded backend does."""

from dataclasses import dataclass, field

from . import compounds, synonyms
from .analysis import STOP_TERMS, STOP_WORDS, fold, query_terms, term, unfold_variants, words

MAX_QUERY_WORDS = 12
PREFIX_EXPANSIONS = 8
# How much an alternative counts beside the word as typed.
WEIGHT_SYNONYM = 0.8
WEIGHT_COMPOUND = 0.7
WEIGHT_PREFIX = 0.6
WEIGHT_FUZZY = 0.6
# Long words also match index terms two edits away that begin with the same letters: the
# Danish stemmer leaves "brugerstyret" and "brugerstyrede" apart. Short words do not: "seng"
# one edit off is "send" or "sang".
FUZZY_MIN_LENGTH = 8
FUZZY_EDITS = 2
FUZZY_PREFIX = 4
FUZZY_EXPANSIONS = 3


@dataclass(frozen=True)
class Alternative:
    terms: tuple  # index terms, all required
    weight: float = 1.0
    # How it was found: typed, synonym, compound, fuzzy, prefix or corrected.
    kind: str = "typed"


@dataclass
class Slot:
    words: tuple  # the query words it stands for
    alternatives: list = field(default_factory=list)


@dataclass
class QueryPlan:
    slots: list
    required: int
    corrected_text: str = ""  # the query as searched, when a word was corrected

    @property
    def terms(self):
        """Every index term the plan may match (for highlighting)."""
        return {t for slot in self.slots for alt in slot.alternatives for t in alt.terms}


def minimum_should_match(slots):
    """All of one or two slots; one fewer up to five; 75 % beyond ("2<-1 5<75%")."""
    if slots <= 2:
        return slots
    if slots <= 5:
        return slots - 1
    return (slots * 3) // 4


class Vocabulary:
    """What a plan needs to know of an index. Subclasses answer from their own data."""

    def df(self, index_term):
        """The number of documents holding the index term (0 when none)."""
        raise NotImplementedError

    def starting_with(self, prefix, limit):
        """Index terms beginning with `prefix`, most frequent first."""
        raise NotImplementedError

    def correct(self, index_term, typed):
        """(index term, written form) of the known word closest to the typed one, within
        Elasticsearch's AUTO:3,8 edit distance, or None."""
        raise NotImplementedError

    def near(self, index_term, edits, prefix_length):
        """Known index terms within `edits` sharing the first `prefix_length` letters."""
        raise NotImplementedError


@dataclass(frozen=True)
class Segment:
    """A run of the query that is searched as one: a word, or words the synonym list knows as
    one phrase (then `group` holds the group's phrases as term tuples)."""

    words: tuple
    terms: tuple
    group: tuple = None
    last: bool = False  # ends the text: the word still being typed


def segments(text):
    """The query text as segments, stop words left out (unless it is only stop words). Both
    backends cut a query this way."""
    typed = words(text)[:MAX_QUERY_WORDS]
    only_stop_words = all(w in STOP_WORDS for w in typed)
    table = synonyms.table()
    terms = [term(w) for w in typed]
    found, position = [], 0
    while position < len(typed):
        length, group = table.match(terms, position)
        run = typed[position : position + length]
        if group is None or all(w in STOP_WORDS for w in run):
            length, group, run = 1, None, typed[position : position + 1]
            if run[0] in STOP_WORDS and not only_stop_words:
                position += 1
                continue
        end = position + length
        found.append(Segment(tuple(run), tuple(terms[position:end]), group, end == len(typed)))
        position = end
    return found


def _alternatives_of_phrase(phrase, group):
    """The group's phrases as alternatives, stop words dropped (the embedded index holds none),
    the typed phrase at full weight."""
    alternatives = []
    for alternative in group:
        kept = tuple(t for t in alternative if t not in STOP_TERMS) or alternative
        if alternative == phrase:
            alternatives.append(Alternative(kept, 1.0, "typed"))
        else:
            alternatives.append(Alternative(kept, WEIGHT_SYNONYM, "synonym"))
    return alternatives


def plan(text, vocabulary, exact=False):
    """The QueryPlan for `text`; `exact` searches the words as typed (inflections, synonyms
    and compounds still apply; no fuzzy match and no spelling correction)."""
    table = synonyms.table()
    slots, corrections = [], {}
    for segment in segments(text):
        if segment.group is not None:
            slots.append(Slot(segment.words, _alternatives_of_phrase(segment.terms, segment.group)))
            continue
        word = segment.words[0]
        slot = _word_slot(word, vocabulary, table, segment.last, exact)
        if not exact and not _known(slot, vocabulary, count_fuzzy=False):
            found = vocabulary.correct(term(word), word)
            if found:
                corrected, corrections[word] = found
                fuzzy = [a for a in slot.alternatives if a.kind == "fuzzy"]
                slot = Slot((word,), [Alternative((corrected,), 1.0, "corrected")])
                _add_synonyms(slot, (corrected,), table)
                slot.alternatives += [a for a in fuzzy if a.terms != (corrected,)]
        slots.append(slot)
    typed = words(text)[:MAX_QUERY_WORDS]
    corrected_text = " ".join(corrections.get(w, w) for w in typed) if corrections else ""
    return QueryPlan(slots, minimum_should_match(len(slots)), corrected_text)


def _known(slot, vocabulary, count_fuzzy=True):
    """Whether some alternative of the slot is in the index."""
    return any(
        all(vocabulary.df(t) for t in alt.terms)
        for alt in slot.alternatives
        if count_fuzzy or alt.kind != "fuzzy"
    )


def _add_synonyms(slot, phrase, table):
    length, group = table.match(list(phrase), 0)
    if group is not None and length == len(phrase):
        known = {alt.terms for alt in slot.alternatives}
        slot.alternatives += [
            a for a in _alternatives_of_phrase(phrase, group) if a.terms not in known
        ]


def _word_slot(word, vocabulary, table, is_last, exact=False):
    slot = Slot((word,), [Alternative((t,)) for t in query_terms(word)])
    for variant in sorted(unfold_variants(word)):
        _add_synonyms(slot, (term(variant),), table)
    known = _known(slot, vocabulary)
    for variant in sorted(unfold_variants(word)):
        parts = compounds.split(variant, vocabulary.df)
        if parts and parts not in {alt.terms for alt in slot.alternatives}:
            slot.alternatives.append(Alternative(parts, WEIGHT_COMPOUND, "compound"))
    if len(word) >= FUZZY_MIN_LENGTH and not exact:
        seen = {alt.terms for alt in slot.alternatives}
        for near in vocabulary.near(term(word), FUZZY_EDITS, FUZZY_PREFIX)[:FUZZY_EXPANSIONS]:
            if (near,) not in seen:
                slot.alternatives.append(Alternative((near,), WEIGHT_FUZZY, "fuzzy"))
    if is_last and not known:
        # The word being typed: the index words it begins ("rejsel" → rejselærer).
        seen = {alt.terms for alt in slot.alternatives}
        for prefix in sorted({fold(v) for v in unfold_variants(word)}):
            if len(prefix) < 3:
                continue
            for found in vocabulary.starting_with(prefix, PREFIX_EXPANSIONS):
                if (found,) not in seen:
                    seen.add((found,))
                    slot.alternatives.append(Alternative((found,), WEIGHT_PREFIX, "prefix"))
    return slot
