"""Synonyms and abbreviations of the field, applied at query time by both backends.

The list is data editors can extend: `fixtures/search/synonyms.txt` (setting
SEARCH_SYNONYMS_PATH), in the Solr/Elasticsearch synonym format: one group of equivalent words
or phrases per line, comma-separated; `#` starts a comment. A query word or phrase that matches
any member of a group (after stemming and æ/ø/å folding, so inflections match) is searched as
any member of the group."""

import logging
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from .analysis import term, words

logger = logging.getLogger(__name__)


def synonyms_path():
    configured = getattr(settings, "SEARCH_SYNONYMS_PATH", None)
    return Path(configured or Path(settings.BASE_DIR) / "fixtures" / "search" / "synonyms.txt")


def parse(text):
    """Groups of phrases (each a non-empty string) from synonym-file text.

    Raises ValueError naming the line for a line that is not a group of two or more."""
    groups = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if "=>" in line:
            raise ValueError(f"line {number}: only equivalence groups (a, b, c) are supported")
        phrases = [" ".join(p.split()) for p in line.split(",")]
        phrases = [p for p in phrases if p]
        if len(phrases) < 2 or any(not words(p) for p in phrases):
            raise ValueError(f"line {number}: a group needs two or more words or phrases")
        groups.append(tuple(dict.fromkeys(p.lower() for p in phrases)))
    return groups


@lru_cache(maxsize=4)
def _load(path, version):
    try:
        return parse(Path(path).read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        # An editor's mistake in the list must not take search down: search goes on without
        # synonyms, the log says why, and `manage.py check` names the line (search.E003).
        logger.error("Synonym list %s ignored: %s", path, exc)
        return []


def groups():
    """The synonym groups in force (re-read when the file changes)."""
    path = synonyms_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return []
    return _load(str(path), (stat.st_mtime_ns, stat.st_size))


def solr_rules():
    """The groups as Elasticsearch `synonym_graph` rules ("a, b c, d")."""
    return [", ".join(group) for group in groups()]


def phrase_terms(phrase):
    """A phrase as the tuple of index terms it must match."""
    return tuple(term(w) for w in words(phrase))


class SynonymTable:
    """Looks up the longest synonym phrase starting at a position of a query's terms."""

    def __init__(self, synonym_groups):
        self.by_phrase = {}  # term tuple -> group index
        self.groups = []
        for group in synonym_groups:
            alternatives = tuple(dict.fromkeys(phrase_terms(p) for p in group))
            index = len(self.groups)
            self.groups.append(alternatives)
            for alternative in alternatives:
                self.by_phrase.setdefault(alternative, index)
        self.longest = max((len(p) for p in self.by_phrase), default=0)

    def match(self, terms, start):
        """(length, alternatives) of the longest phrase at `start`, or (0, None)."""
        for length in range(min(self.longest, len(terms) - start), 0, -1):
            group = self.by_phrase.get(tuple(terms[start : start + length]))
            if group is not None:
                return length, self.groups[group]
        return 0, None


@lru_cache(maxsize=4)
def _table(key):
    return SynonymTable(key)


def table():
    return _table(tuple(groups()))
