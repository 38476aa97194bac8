"""Typo correction against the index vocabulary, as Elasticsearch's `fuzziness: AUTO:3,8` does:
a word of 3–7 letters may be one edit off, a longer word two. Among candidates the closest wins,
then the one found in most documents. Only words with no match at all are corrected."""

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .analysis import fold

# Elasticsearch's "AUTO:3,8": no edit below 3 letters, one below 8, two from 8. Plain AUTO allows
# two edits from 6 letters, which turns unknown short words into other words ("demens" → "mens").
AUTO_LOW, AUTO_HIGH = 3, 8


def max_edits(word):
    """Edits allowed for a word of this length (Elasticsearch's fuzziness AUTO:3,8)."""
    length = len(word)
    if length < AUTO_LOW:
        return 0
    return 1 if length < AUTO_HIGH else 2


class Corrector:
    """`vocabulary` maps an index term to its document frequency; `written` maps the written
    forms of the index's words (lower-case) to their index terms.

    Candidates are found among the written forms, as Elasticsearch's term suggester compares
    the words of a field before stemming: "beskæftigelese" is one letter from
    "beskæftigelse", though their stems are four apart. Two swapped letters count as one edit
    (optimal string alignment), as in Elasticsearch's fuzzy matching."""

    def __init__(self, vocabulary, written):
        self.df = vocabulary
        by_folded, self.shown = {}, {}
        for word, index_term in written.items():
            folded = fold(word.lower())
            known = by_folded.get(folded)
            if known is None or vocabulary.get(index_term, 0) > vocabulary.get(known, 0):
                by_folded[folded] = index_term
                self.shown[folded] = word
        self.words = list(by_folded)
        self.term_of = by_folded

    def correct(self, index_term, typed):
        """(index term, written form) of the word closest to the typed one, or None."""
        typed = fold(typed.lower())
        edits = max_edits(typed)
        if not edits or not self.words:
            return None
        candidates = process.extract(
            typed, self.words, scorer=OSA.distance, score_cutoff=edits, limit=30
        )
        scored = [
            (distance, -self.df.get(self.term_of[word], 0), word)
            for word, distance, _ in candidates
            if self.term_of[word] != index_term
        ]
        if not scored:
            return None
        word = min(scored)[2]
        return self.term_of[word], self.shown[word]
