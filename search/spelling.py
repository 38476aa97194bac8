"""Typo correction against the index vocabulary, as Elasticsearch's `fuzziness: AUTO:3,8` does:
a word of 3–7 letters may be one edit off, a longer word two. Among candidates the closest wins,
then the one found in most documents. Only words with no match at all are corrected."""

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

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
    """`vocabulary` maps an index term (stemmed, folded) to its document frequency;
    `spelling` maps an index term to a word as people write it."""

    def __init__(self, vocabulary, spelling):
        self.terms = list(vocabulary)
        self.df = vocabulary
        self.spelling = spelling

    def correct(self, index_term, typed):
        """The index term closest to the typed word, or None.

        Candidates are index terms within AUTO edits of the word's term; each must also be
        within AUTO edits of the typed word when written out (so "demens", stemmed to "dem",
        is not corrected to "del", a different word altogether)."""
        typed = fold(typed.lower())
        edits = max_edits(typed)
        if not edits or not self.terms:
            return None
        candidates = process.extract(
            index_term, self.terms, scorer=Levenshtein.distance, score_cutoff=edits, limit=30
        )
        scored = []
        for candidate, _, _ in candidates:
            written = fold(self.spelling.get(candidate, candidate).lower())
            distance = Levenshtein.distance(typed, written, score_cutoff=edits)
            # A written form may add an inflection the typed word lacks ("netværsmøde" →
            # "netværksmøder"): compare with the written form cut to the typed length too.
            distance = min(distance, Levenshtein.distance(typed, written[: len(typed) + 1]))
            if distance <= edits:
                scored.append((distance, -self.df.get(candidate, 0), candidate))
        return min(scored)[2] if scored else None
