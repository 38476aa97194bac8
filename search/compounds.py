"""Danish compound splitting against the index's own vocabulary.

Danish writes compounds as one word ("akutteam", "jobfastholdelse", "skolesocialrådgiver"),
often with a linking -s- or -e- ("netværksmøde", "børnepsykiatri"). A query compound is also
searched as its parts when both parts are words the index knows, so "akutteam" finds "akut team"
and "jobfastholdelse" finds "fastholde job". The split chosen is the one whose parts are most
frequent in the index (Koehn & Knight's frequency method). Elasticsearch gets the same
vocabulary as the word list of a `dictionary_decompounder` filter (`decompounder_word_list`)."""

from .analysis import fold, term

MIN_PART = 3  # shortest part ("job", "hus")
MIN_WORD = 6  # shortest word worth splitting
LINKS = ("s", "e")  # linking letters: netværk-s-møde, børn-e-psykiatri


def split(word, document_frequency):
    """The best two-part split of `word` as (left term, right term), or None.

    `document_frequency(term)` gives how many indexed documents hold an index term (0 for
    none). Either part may itself be a compound the index knows ("skole|socialrådgiver")."""
    word = word.lower()
    if len(word) < MIN_WORD:
        return None
    best, best_score = None, 0.0
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        right = word[cut:]
        right_df = document_frequency(term(right))
        if not right_df:
            continue
        lefts = [word[:cut]]
        if word[cut - 1] in LINKS and cut - 1 >= MIN_PART:
            lefts.append(word[: cut - 1])  # the linking letter dropped
        for left in lefts:
            left_df = document_frequency(term(left))
            if not left_df:
                continue
            score = (left_df * right_df) ** 0.5
            if score > best_score:
                best, best_score = (term(left), term(right)), score
    return best


def decompounder_word_list(surface_counts, min_documents=2, limit=20_000):
    """Words for Elasticsearch's `dictionary_decompounder` filter: the index's own words of at
    least MIN_PART letters found in at least `min_documents` documents, most frequent first,
    folded as the index folds them. `surface_counts` maps a lower-case word, or an index term
    (stemmed and folded, as the Elasticsearch backend passes, since its decompounder runs after
    stemming), to its document count."""
    chosen = [
        word
        for word, count in sorted(surface_counts.items(), key=lambda item: (-item[1], item[0]))
        if count >= min_documents and len(word) >= MIN_PART and word.isalpha()
    ]
    return sorted({fold(word) for word in chosen[:limit]})
