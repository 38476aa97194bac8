"""The Danish vocabulary synthetic cases are built from: titles, summaries and sentences of the
real fixture files (fixtures/cases/*.md and fixtures/methods/*.md). No Django needed."""

import re
from dataclasses import dataclass
from pathlib import Path

HEADER_RE = re.compile(r"^([A-Z][A-Za-z-]*):\s*(.*)$")
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9«\"])")
WORD_RE = re.compile(r"[0-9a-zæøåéü]+", re.IGNORECASE)
# Citations are not prose: leave them out of the bodies.
SKIPPED_SECTIONS = {"Referencer"}
SUMMARY_MAX = 300


@dataclass(frozen=True)
class Vocabulary:
    titles: tuple  # real titles
    title_words: tuple  # words of titles (3+ letters), for synthetic titles
    summaries: tuple  # real summaries, each at most 300 characters
    sentences: tuple  # sentences from the section bodies

    @property
    def words(self):
        """Every word of the prose, lower-case, in order (repeats kept)."""
        return [w.lower() for s in self.sentences for w in WORD_RE.findall(s)]


def _parse(path):
    """(header dict, [section paragraphs]) of one fixture file."""
    header, paragraphs, section = {}, [], None
    in_header = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if in_header:
            if not line.strip():
                in_header = False
                continue
            match = HEADER_RE.match(line)
            if match:
                header[match.group(1).lower()] = match.group(2).strip()
            continue
        if line.startswith("## "):
            section = line[3:].strip()
            continue
        text = line.strip().lstrip("-* ").strip()
        if text and section not in SKIPPED_SECTIONS:
            paragraphs.append(text)
    return header, paragraphs


def _sentences(paragraph):
    parts = [p.strip() for p in SENTENCE_END_RE.split(paragraph)]
    return [p if p.endswith((".", "!", "?", ":")) else p + "." for p in parts if len(p) > 15]


def load_vocabulary(fixtures_dir):
    root = Path(fixtures_dir)
    titles, summaries, sentences = [], [], []
    paths = sorted((root / "cases").glob("*.md")) + sorted((root / "methods").glob("*.md"))
    if not paths:
        raise FileNotFoundError(f"No fixture files under {root}/cases or {root}/methods")
    for path in paths:
        header, paragraphs = _parse(path)
        if header.get("title"):
            titles.append(header["title"])
        if header.get("summary") and len(header["summary"]) <= SUMMARY_MAX:
            summaries.append(header["summary"])
        for paragraph in paragraphs:
            sentences.extend(_sentences(paragraph))
    title_words = sorted({w for t in titles for w in WORD_RE.findall(t) if len(w) >= 3})
    return Vocabulary(tuple(titles), tuple(title_words), tuple(summaries), tuple(sentences))
