"""The embedded index on disk: an inverted index in SQLite, and how it is written.

Tables: `docs` (what a hit shows, and the text fields, so a document's terms can be recomputed
when it is replaced), `facets` (doc, facet, value), `postings` (per index term and field: the
page ids as an int32 array and the term frequencies as a float32 array, both BLOBs), `terms`
(document frequency and two written forms per index term, the shortest and the most frequent:
the vocabulary for spelling correction, compound splitting and prefix completion) and
`suggest_fts` (FTS5 over title words, for type-ahead). `meta.generation` counts writes; a process
reloads its snapshot (embedded_snapshot.py) when it changes, so several processes can share one
index file."""

import json
from collections import Counter

import numpy as np

from search.analysis import STOP_WORDS, prefix_forms, term, title_sort_key, words
from search.contract import FACETS
from search.documents.base import TEXT_FIELDS

# The searchable fields, in postings order, with their BM25F weight and length normalisation.
FIELDS = TEXT_FIELDS
WEIGHTS = np.array([6.0, 3.0, 2.0, 2.5, 1.0], dtype=np.float32)
LENGTH_NORMALISATION = np.array([0.5, 0.6, 0.3, 0.3, 0.75], dtype=np.float32)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY, doc_type TEXT NOT NULL, title TEXT NOT NULL,
    title_sort TEXT NOT NULL, summary TEXT NOT NULL, tags TEXT NOT NULL,
    organisation_names TEXT NOT NULL, body TEXT NOT NULL, url TEXT NOT NULL,
    published TEXT NOT NULL, organisations TEXT NOT NULL, movements TEXT NOT NULL,
    challenges TEXT NOT NULL, lengths TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS facets (doc_id INTEGER NOT NULL, facet TEXT NOT NULL,
    value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS facets_doc ON facets (doc_id);
CREATE TABLE IF NOT EXISTS postings (term TEXT NOT NULL, field INTEGER NOT NULL,
    ids BLOB NOT NULL, tfs BLOB NOT NULL, PRIMARY KEY (term, field)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL,
    surface TEXT NOT NULL, common TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS suggest_fts USING fts5(words, tokenize = 'unicode61');
INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', '0');
"""
DOC_COLUMNS = (
    "id, doc_type, title, title_sort, summary, tags, organisation_names, body, url, published, "
    "organisations, movements, challenges, lengths"
)


def stored_texts(conn, doc_id):
    """The texts of FIELDS as the index holds them for a document, or None."""
    return conn.execute(
        f"SELECT {', '.join(FIELDS)} FROM docs WHERE id = ?",  # noqa: S608 (constant names)
        (doc_id,),
    ).fetchone()


def analyse_fields(texts):
    """[(Counter of index terms, length)] per field, and Counter of surface words."""
    per_field, surfaces = [], Counter()
    for text in texts:
        # Stop words are not indexed (as Elasticsearch's Danish analyzer does): a query never
        # requires them, and a content word whose stem is a stop word ("demens" → "dem") then
        # only meets content words.
        field_words = [w for w in words(text or "") if w not in STOP_WORDS]
        surfaces.update(field_words)
        per_field.append((Counter(term(w) for w in field_words), len(field_words)))
    return per_field, surfaces


def _blob(array, dtype):
    return np.asarray(array, dtype=dtype).tobytes()


class Writer:
    """Changes to the index inside one write transaction (see EmbeddedBackend._write)."""

    def __init__(self, conn):
        self.conn = conn

    def replace(self, documents):
        """Remove these documents' old versions, then add the new ones."""
        documents = list(documents)
        removed = self.remove([doc.page_id for doc in documents], update_postings=False)
        added = {}
        for doc in documents:
            per_field, surfaces = analyse_fields(doc.texts())
            self._insert_row(doc, [length for _, length in per_field])
            added[doc.page_id] = (per_field, surfaces)
        self._update_postings(removed, added)

    def remove(self, doc_ids, update_postings=True):
        """Delete these documents; returns {doc_id: per-field term counts} of what was there."""
        removed = {}
        for doc_id in doc_ids:
            row = stored_texts(self.conn, doc_id)
            if row is None:
                continue
            removed[doc_id] = analyse_fields(row)[0]
            self.conn.execute("DELETE FROM docs WHERE id = ?", (doc_id,))
            self.conn.execute("DELETE FROM facets WHERE doc_id = ?", (doc_id,))
            self.conn.execute("DELETE FROM suggest_fts WHERE rowid = ?", (doc_id,))
        if update_postings:
            self._update_postings(removed, {})
        return removed

    def _insert_row(self, doc, lengths):
        facets = doc.facets
        self.conn.execute(
            f"INSERT INTO docs ({DOC_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
            (
                doc.page_id, doc.doc_type, doc.title, title_sort_key(doc.title), doc.summary,
                doc.tags, doc.organisation_names, doc.body, doc.url, doc.published,
                json.dumps(doc.organisations, ensure_ascii=False),
                json.dumps(facets.get("movement", [])), json.dumps(facets.get("challenge", [])),
                json.dumps(lengths),
            ),
        )  # fmt: skip
        self.conn.executemany(
            "INSERT INTO facets VALUES (?, ?, ?)",
            [(doc.page_id, key, value) for key in FACETS for value in facets.get(key, [])],
        )
        self.conn.execute(
            "INSERT INTO suggest_fts (rowid, words) VALUES (?, ?)",
            (doc.page_id, suggest_words(doc.title)),
        )

    def _update_postings(self, removed, added):
        """Read-modify-write the postings and term rows these documents touch."""
        changes = {}  # (term, field) -> {doc_id: tf or None}
        df_change = Counter()
        for doc_id, per_field in removed.items():
            for field, (counts, _) in enumerate(per_field):
                for t in counts:
                    changes.setdefault((t, field), {})[doc_id] = None
            for t in {t for counts, _ in per_field for t in counts}:
                df_change[t] -= 1
        surfaces, commons = {}, {}
        for doc_id, (per_field, surface_counts) in added.items():
            for field, (counts, _) in enumerate(per_field):
                for t, tf in counts.items():
                    changes.setdefault((t, field), {})[doc_id] = tf
            for t in {t for counts, _ in per_field for t in counts}:
                df_change[t] += 1
            for word, _ in surface_counts.most_common():
                commons.setdefault(term(word), word)
                shown = surfaces.get(term(word))
                if shown is None or len(word) < len(shown):
                    surfaces[term(word)] = word
        for (t, field), updates in changes.items():
            row = self.conn.execute(
                "SELECT ids, tfs FROM postings WHERE term = ? AND field = ?", (t, field)
            ).fetchone()
            current = {}
            if row:
                ids = np.frombuffer(row[0], dtype=np.int32)
                tfs = np.frombuffer(row[1], dtype=np.float32)
                current = dict(zip(ids.tolist(), tfs.tolist(), strict=True))
            for doc_id, tf in updates.items():
                if tf is None:
                    current.pop(doc_id, None)
                else:
                    current[doc_id] = tf
            if current:
                ordered = sorted(current)
                self.conn.execute(
                    "INSERT OR REPLACE INTO postings VALUES (?, ?, ?, ?)",
                    (t, field, _blob(ordered, np.int32),
                     _blob([current[i] for i in ordered], np.float32)),
                )  # fmt: skip
            else:
                self.conn.execute("DELETE FROM postings WHERE term = ? AND field = ?", (t, field))
        for t, change in df_change.items():
            if not change:
                continue
            # A removal keeps the term's spelling; an addition may bring a shorter one.
            self.conn.execute(
                "INSERT INTO terms VALUES (:term, MAX(:change, 0), COALESCE(:surface, :term), "
                "COALESCE(:common, :term)) ON CONFLICT (term) DO UPDATE "
                "SET df = MAX(df + :change, 0), "
                "surface = CASE WHEN :surface IS NOT NULL AND length(:surface) < length(surface) "
                "THEN :surface ELSE surface END",
                {"term": t, "change": change, "surface": surfaces.get(t), "common": commons.get(t)},
            )
        self.conn.execute("DELETE FROM terms WHERE df <= 0")

    def rebuild(self, documents, progress=None):
        """Replace everything with `documents`, building the postings in memory first."""
        for table in ("docs", "facets", "postings", "terms", "suggest_fts"):
            self.conn.execute(f"DELETE FROM {table}")  # noqa: S608
        postings = {}  # (term, field) -> ([ids], [tfs])
        df, surface_counts = Counter(), Counter()
        for doc in documents:
            per_field, surfaces = analyse_fields(doc.texts())
            self._insert_row(doc, [length for _, length in per_field])
            for field, (counts, _) in enumerate(per_field):
                for t, tf in counts.items():
                    ids, tfs = postings.setdefault((t, field), ([], []))
                    ids.append(doc.page_id)
                    tfs.append(tf)
            df.update({t for counts, _ in per_field for t in counts})
            surface_counts.update(surfaces)
            if progress:
                progress(1)
        self.conn.executemany(
            "INSERT INTO postings VALUES (?, ?, ?, ?)",
            (
                (t, field, _blob(ids, np.int32), _blob(tfs, np.float32))
                for (t, field), (ids, tfs) in postings.items()
            ),
        )
        # The spelling shown for a term ("Viser resultater for …"): its shortest written form,
        # usually the base form ("rejselærer", not "rejselæreren"), the most frequent on a tie.
        spelling, common = {}, {}
        for word, _ in surface_counts.most_common():
            common.setdefault(term(word), word)
            shown = spelling.get(term(word))
            if shown is None or len(word) < len(shown):
                spelling[term(word)] = word
        self.conn.executemany(
            "INSERT INTO terms VALUES (?, ?, ?, ?)",
            ((t, count, spelling.get(t, t), common.get(t, t)) for t, count in df.items()),
        )


def suggest_words(title):
    """The title's words, folded and unstemmed, for prefix matching as one types."""
    return " ".join(f for w in words(title) for f in prefix_forms(w))
