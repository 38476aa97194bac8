"""The embedded backend: an SQLite FTS5 index in its own file, needing no server.

Text is analysed in Python (Danish Snowball stemming, æ/ø/å folding; see search/analysis.py)
and FTS5 stores the resulting terms, ranked with bm25 (title and summary weigh more than the
body). Facets are answered from bitsets held in memory, one per facet value: filtering and
disjunctive counting are then a few big-integer ANDs and popcounts, whatever the corpus size.
The bitsets are reloaded when the index's generation number changes, so several processes can
share one index file."""

import heapq
import json
import sqlite3
import threading
from pathlib import Path

from search.analysis import analyse as analyse_text
from search.analysis import prefix_forms, query_terms, title_sort_key, words
from search.contract import FACETS, Hit, SearchResult, SearchUnavailable, Suggestion
from search.highlight import QueryMatcher, highlight

from .base import SearchBackend

MAX_QUERY_WORDS = 12
# bm25 weights for the FTS columns title, summary, body, organisations.
WEIGHTS = (10.0, 5.0, 1.0, 3.0)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY, title TEXT NOT NULL, title_sort TEXT NOT NULL,
    summary TEXT NOT NULL, body TEXT NOT NULL, url TEXT NOT NULL, published TEXT NOT NULL,
    organisations TEXT NOT NULL, movements TEXT NOT NULL, challenges TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS facets (doc_id INTEGER NOT NULL, facet TEXT NOT NULL,
    value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS facets_doc ON facets (doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, summary, body, organisations, tokenize = 'unicode61', prefix = '2 3 4');
CREATE VIRTUAL TABLE IF NOT EXISTS suggest_fts USING fts5(words, tokenize = 'unicode61');
INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', '0');
"""


class _Snapshot:
    """Everything searches need in memory, valid for one index generation."""

    def __init__(self, conn, generation):
        self.generation = generation
        self.value_bits = {key: {} for key in FACETS}
        per_value = {}
        for facet, value, doc_id in conn.execute("SELECT facet, value, doc_id FROM facets"):
            per_value.setdefault((facet, value), []).append(doc_id)
        for (facet, value), ids in per_value.items():
            if facet in self.value_bits:
                self.value_bits[facet][value] = _bits(ids)
        rows = conn.execute("SELECT id, title_sort, published FROM docs").fetchall()
        self.all_bits = _bits(row[0] for row in rows)
        self.by_title = [row[0] for row in sorted(rows, key=lambda r: (r[1], r[0]))]
        self.by_newest = [row[0] for row in sorted(rows, key=lambda r: (r[2], -r[0]), reverse=True)]


def _bits(ids):
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray(max(ids) // 8 + 1)
    for i in ids:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def _has(bits, i):
    return (bits >> i) & 1


class EmbeddedBackend(SearchBackend):
    name = "embedded"

    def __init__(self, path, **options):
        self.path = Path(path)
        self._local = threading.local()
        self._snapshot = None
        self._snapshot_lock = threading.Lock()

    # --- connections --------------------------------------------------------------------------

    def _conn(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
                conn.execute("PRAGMA journal_mode = DELETE")
                conn.executescript(SCHEMA)
            except (sqlite3.Error, OSError) as exc:
                raise SearchUnavailable(f"Søgeindekset kan ikke åbnes: {exc}") from exc
            self._local.conn = conn
        return conn

    def _generation(self, conn):
        return int(conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])

    def snapshot(self):
        conn = self._conn()
        generation = self._generation(conn)
        snap = self._snapshot
        if snap is None or snap.generation != generation:
            with self._snapshot_lock:
                snap = self._snapshot
                if snap is None or snap.generation != generation:
                    # Read the generation and the data in one transaction, so they agree.
                    conn.execute("BEGIN")
                    try:
                        snap = _Snapshot(conn, self._generation(conn))
                    finally:
                        conn.execute("COMMIT")
                    self._snapshot = snap
        return snap

    def ping(self):
        try:
            self._conn().execute("SELECT 1").fetchone()
            return True
        except (SearchUnavailable, sqlite3.Error):
            return False

    # --- writing ------------------------------------------------------------------------------

    def _write(self, fn):
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                fn(conn)
                conn.execute(
                    "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'"
                )
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise SearchUnavailable(f"Søgeindekset kan ikke skrives: {exc}") from exc

    @staticmethod
    def _delete(conn, ids):
        for table, column in (("docs", "id"), ("facets", "doc_id")):
            conn.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(i,) for i in ids])  # noqa: S608
        for table in ("fts", "suggest_fts"):
            conn.executemany(f"DELETE FROM {table} WHERE rowid = ?", [(i,) for i in ids])  # noqa: S608

    @staticmethod
    def _insert(conn, doc):
        facets = doc.facets
        conn.execute(
            "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.page_id, doc.title, title_sort_key(doc.title), doc.summary, doc.body, doc.url,
                doc.published, json.dumps(doc.organisations, ensure_ascii=False),
                json.dumps(facets.get("movement", [])), json.dumps(facets.get("challenge", [])),
            ),
        )  # fmt: skip
        conn.executemany(
            "INSERT INTO facets VALUES (?, ?, ?)",
            [(doc.page_id, key, value) for key in FACETS for value in facets.get(key, [])],
        )
        conn.execute(
            "INSERT INTO fts (rowid, title, summary, body, organisations) VALUES (?, ?, ?, ?, ?)",
            (
                doc.page_id, analyse_text(doc.title), analyse_text(doc.summary),
                analyse_text(doc.body), analyse_text(doc.organisation_names),
            ),
        )  # fmt: skip
        conn.execute(
            "INSERT INTO suggest_fts (rowid, words) VALUES (?, ?)",
            (doc.page_id, " ".join(f for w in words(doc.title) for f in prefix_forms(w))),
        )

    def index_documents(self, documents):
        documents = list(documents)
        if not documents:
            return

        def write(conn):
            self._delete(conn, [d.page_id for d in documents])
            for doc in documents:
                self._insert(conn, doc)

        self._write(write)

    def delete_documents(self, page_ids):
        ids = list(page_ids)
        if ids:
            self._write(lambda conn: self._delete(conn, ids))

    def rebuild(self, documents, total=None, progress=None):
        # One transaction: readers see the old index until the new one is committed.
        def write(conn):
            for table in ("docs", "facets", "fts", "suggest_fts"):
                conn.execute(f"DELETE FROM {table}")  # noqa: S608
            for doc in documents:
                self._insert(conn, doc)
                if progress:
                    progress(1)

        self._write(write)

    def document_ids(self):
        try:
            return {row[0] for row in self._conn().execute("SELECT id FROM docs")}
        except sqlite3.Error as exc:
            raise SearchUnavailable(f"Søgeindekset kan ikke læses: {exc}") from exc

    # --- reading ------------------------------------------------------------------------------

    def _match(self, text):
        """(match expression, QueryMatcher) for the query text, or (None, None) for no text."""
        query_words = words(text)[:MAX_QUERY_WORDS]
        if not query_words:
            return None, None
        clauses, all_terms, prefixes = [], set(), []
        for position, word in enumerate(query_words):
            terms = query_terms(word)
            all_terms.update(terms)
            options = [f'"{t}"' for t in terms]
            if position == len(query_words) - 1:
                # The word being typed: also match index terms it is the beginning of.
                forms = [p for p in prefix_forms(word) if len(p) >= 2]
                prefixes.extend(forms)
                options += [f'"{p}"*' for p in forms]
            clauses.append("(" + " OR ".join(options) + ")")
        return " AND ".join(clauses), QueryMatcher(all_terms, prefixes)

    def search(self, query):
        try:
            return self._search(query)
        except sqlite3.Error as exc:
            raise SearchUnavailable(f"Søgningen fejlede: {exc}") from exc

    def _search(self, query):
        snap = self.snapshot()
        conn = self._conn()
        expression, matcher = self._match(query.text)
        scores = {}
        if expression is None:
            match_bits = snap.all_bits
        else:
            rows = conn.execute(
                f"SELECT rowid, bm25(fts, {', '.join(map(str, WEIGHTS))}) "  # noqa: S608
                "FROM fts WHERE fts MATCH ?",
                (expression,),
            ).fetchall()
            scores = dict(rows)
            match_bits = _bits(scores) & snap.all_bits

        filter_bits = {
            key: self._union(snap, key, values)
            for key, values in query.filters.items()
            if values and key in FACETS
        }
        result_bits = match_bits
        for bits in filter_bits.values():
            result_bits &= bits
        facets = {}
        for key in FACETS:
            base = match_bits
            for other, bits in filter_bits.items():
                if other != key:
                    base &= bits
            facets[key] = {
                value: count
                for value, bits in snap.value_bits[key].items()
                if (count := (base & bits).bit_count())
            }

        total = result_bits.bit_count()
        page_ids = self._page(snap, query, result_bits, scores, narrowed=bool(filter_bits))
        hits = self._hits(conn, page_ids, matcher)
        return SearchResult(query=query, hits=hits, total=total, facets=facets, backend=self.name)

    @staticmethod
    def _union(snap, key, values):
        bits = 0
        for value in values:
            bits |= snap.value_bits[key].get(value, 0)
        return bits

    @staticmethod
    def _page(snap, query, result_bits, scores, narrowed=True):
        start, stop = query.offset, query.offset + query.page_size
        if query.sort == "relevance" and scores:
            # bm25 is lower-is-better; on a tie the later page (higher id) comes first.
            if narrowed:
                candidates = ((s, -i) for i, s in scores.items() if _has(result_bits, i))
            else:  # every match is a result: no need to test each against the bitset
                candidates = ((s, -i) for i, s in scores.items())
            return [-negated for _, negated in heapq.nsmallest(stop, candidates)][start:stop]
        order = snap.by_title if query.sort == "title" else snap.by_newest
        selected = []
        for i in order:
            if _has(result_bits, i):
                selected.append(i)
                if len(selected) >= stop:
                    break
        return selected[start:stop]

    def _hits(self, conn, page_ids, matcher):
        if not page_ids:
            return []
        # The ids arrive as one JSON array: no SQL is built from values.
        rows = conn.execute(
            "SELECT id, title, summary, body, url, published, organisations, movements, "
            "challenges FROM docs WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(page_ids),),
        ).fetchall()
        by_id = {row[0]: row for row in rows}
        hits = []
        for page_id in page_ids:
            if page_id not in by_id:  # deleted by a write that landed after the match
                continue
            _, title, summary, body, url, published, orgs, movements, challenges = by_id[page_id]
            hits.append(
                Hit(
                    page_id=page_id, title=title, url=url, summary=summary,
                    highlight=highlight(summary, body, matcher), organisations=json.loads(orgs),
                    movements=json.loads(movements), challenges=json.loads(challenges),
                    published=published,
                )
            )  # fmt: skip
        return hits

    def suggest(self, text, limit=8):
        try:
            return self._suggest(text, limit)
        except sqlite3.Error as exc:
            raise SearchUnavailable(f"Forslag fejlede: {exc}") from exc

    def _suggest(self, text, limit):
        query_words = words(text)[:MAX_QUERY_WORDS]
        if not query_words:
            return []
        expression = " AND ".join(
            "(" + " OR ".join(f'"{p}"*' for p in prefix_forms(w)) + ")" for w in query_words
        )
        conn = self._conn()
        rows = conn.execute(
            "SELECT d.title, d.url FROM suggest_fts s JOIN docs d ON d.id = s.rowid "
            "WHERE suggest_fts MATCH ? ORDER BY length(d.title), d.title LIMIT ?",
            (expression, limit),
        ).fetchall()
        return [Suggestion("case", title, url) for title, url in rows]
