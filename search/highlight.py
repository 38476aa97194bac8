"""Highlighted snippets: escaped text with <mark> around the words that matched the query.

Computed from the original text (the index holds stemmed, folded terms), so what is marked is
exactly what the user reads."""

import re

from django.utils.html import escape

from .analysis import fold, term

TOKEN_RE = re.compile(r"[0-9A-Za-zÆØÅæøåÉéÜü]+|[^0-9A-Za-zÆØÅæøåÉéÜü]+")
WINDOW_WORDS = 30


class QueryMatcher:
    def __init__(self, terms, prefixes):
        self.terms = set(terms)
        self.prefixes = tuple(p for p in prefixes if p)

    def matches(self, word):
        lower = word.lower()
        return term(lower) in self.terms or (
            bool(self.prefixes) and fold(lower).startswith(self.prefixes)
        )


def snippet(texts, matcher, words=WINDOW_WORDS):
    """The first text with a match, cut to a window around the first match; or the first
    text's beginning when nothing matches (a filter-only search)."""
    for text in texts:
        tokens = TOKEN_RE.findall(text or "")
        word_positions = [i for i, t in enumerate(tokens) if t[0].isalnum()]
        hit = next((i for i in word_positions if matcher.matches(tokens[i])), None)
        if hit is None:
            continue
        index = word_positions.index(hit)
        start_word = max(0, index - words // 3)
        window = word_positions[start_word : start_word + words]
        return _render(tokens, window, matcher, word_positions)
    first = next((t for t in texts if t), "")
    tokens = TOKEN_RE.findall(first)
    positions = [i for i, t in enumerate(tokens) if t[0].isalnum()]
    return _render(tokens, positions[:words], None, positions)


def _render(tokens, window, matcher, word_positions):
    if not window:
        return ""
    start, end = window[0], window[-1]
    if start == word_positions[0]:
        start = 0  # keep what comes before the first word, e.g. an opening quote
    if end == word_positions[-1]:
        end = len(tokens) - 1  # and what follows the last, e.g. the full stop
    parts = []
    for token in tokens[start : end + 1]:
        if matcher and token[0].isalnum() and matcher.matches(token):
            parts.append(f"<mark>{escape(token)}</mark>")
        else:
            parts.append(escape(token))
    text = "".join(parts).strip()
    if start > word_positions[0]:
        text = "… " + text
    if end < word_positions[-1]:
        text += " …"
    return " ".join(text.split())


def highlight(summary, body, matcher):
    """The summary with its matches marked when it has any (shown instead of the plain
    summary), otherwise a marked window of the body; '' for a search without text."""
    if matcher is None:
        return ""
    marked = snippet([summary], matcher, words=10_000)
    if "<mark>" in marked:
        return marked
    marked = snippet([body], matcher)
    return marked if "<mark>" in marked else ""
