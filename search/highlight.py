"""Highlighted snippets: escaped text with <mark> around the words that matched the query.

Computed from the original text (the index holds stemmed, folded terms), so what is marked is
exactly what the user reads. It runs for every hit shown, so it stops scanning at the first
match and only renders the window around it."""

import re
from collections import deque
from html import escape

from .analysis import fold, term

WORD_RE = re.compile(r"[0-9A-Za-zÆØÅæøåÉéÜü]+")
WINDOW_WORDS = 30


class QueryMatcher:
    def __init__(self, terms, prefixes):
        self.terms = set(terms)
        self.prefixes = tuple(p for p in prefixes if p)
        self._seen = {}

    def matches(self, word):
        lower = word.lower()
        hit = self._seen.get(lower)
        if hit is None:
            hit = term(lower) in self.terms or (
                bool(self.prefixes) and fold(lower).startswith(self.prefixes)
            )
            self._seen[lower] = hit
        return hit


def snippet(text, matcher, words=WINDOW_WORDS):
    """A window of `words` words around the first match, marked and escaped; '' if none.

    Words are read lazily: only up to the first match and the window after it, so a long body
    costs what the window costs."""
    text = text or ""
    before = deque(maxlen=words // 3)  # the words just before the first match
    found = WORD_RE.finditer(text)
    first, skipped = None, 0
    for match in found:
        if matcher.matches(match.group()):
            first = match.span()
            break
        if len(before) == before.maxlen:
            skipped += 1
        before.append(match.span())
    if first is None:
        return ""
    spans = [*before, first]
    starts_at_text = skipped == 0
    ends_at_text = True
    for match in found:
        if len(spans) >= words:
            ends_at_text = False  # a word follows the window
            break
        spans.append(match.span())
    # Keep what precedes the first word or follows the last (a quote, the full stop).
    begin = 0 if starts_at_text else spans[0][0]
    end = len(text) if ends_at_text else spans[-1][1]
    parts, cursor = [], begin
    for a, b in spans:
        parts.append(escape(text[cursor:a], quote=False))
        word = text[a:b]
        parts.append(f"<mark>{escape(word)}</mark>" if matcher.matches(word) else escape(word))
        cursor = b
    parts.append(escape(text[cursor:end], quote=False))
    marked = " ".join("".join(parts).split())
    if not starts_at_text:
        marked = "… " + marked
    if not ends_at_text:
        marked += " …"
    return marked


def highlight(summary, body, matcher):
    """The summary with its matches marked when it has any (shown instead of the plain
    summary), otherwise a marked window of the body; '' for a search without text."""
    if matcher is None:
        return ""
    return snippet(summary, matcher, words=10_000) or snippet(body, matcher)
