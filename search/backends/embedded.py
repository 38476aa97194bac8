"""The embedded backend: an inverted index in its own SQLite file, needing no server.

Text is analysed in Python (Danish Snowball stemming, æ/ø/å folding; search/analysis.py) and
the query planned against the index's own vocabulary (search/query_plan.py: synonyms, compound
splitting, spelling correction, minimum_should_match). Scoring is BM25F over the fields title,
summary, tags, organisations and body (search/backends/embedded_store.py), computed with numpy
over the postings of the query's terms only. Facets are answered from bitsets held in memory,
one per facet value: filtering and disjunctive counting are a few big-integer ANDs and
popcounts, whatever the corpus size."""

import contextlib
import json
import sqlite3
import threading
from pathlib import Path

import numpy as np

from search.analysis import prefix_forms, words
from search.contract import FACETS, SIMILAR_LIMIT, Hit, SearchResult, SearchUnavailable, Suggestion
from search.highlight import QueryMatcher, highlight
from search.query_plan import MAX_QUERY_WORDS, Vocabulary, plan

from . import embedded_scoring as scoring
from .base import SearchBackend
from .embedded_snapshot import Snapshot, bits_to_mask, mask_to_bits
from .embedded_store import SCHEMA, Writer, stored_texts

# Documents matching more slots always rank above those matching fewer (then by BM25F).
SLOT_RANK = 10_000.0


class _SnapshotVocabulary(Vocabulary):
    def __init__(self, snap):
        self.snap = snap

    def df(self, index_term):
        return self.snap.df.get(index_term, 0)

    def starting_with(self, prefix, limit):
        return self.snap.starting_with(prefix, limit)

    def correct(self, index_term, typed):
        return self.snap.corrector().correct(index_term, typed)

    def near(self, index_term, edits, prefix_length):
        return self.snap.near(index_term, edits, prefix_length)


class EmbeddedBackend(SearchBackend):
    name = "embedded"

    def __init__(self, path, timeout=10, **options):
        self.path = Path(path)
        # Seconds a write waits for another process's lock on the file (then: unavailable).
        self.timeout = float(timeout)
        self._local = threading.local()
        self._snapshot = None
        self._snapshot_lock = threading.Lock()

    # --- connections --------------------------------------------------------------------------

    def _conn(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
                conn.execute("PRAGMA journal_mode = DELETE")
                conn.executescript(SCHEMA)
                self._migrate(conn)
            except (sqlite3.Error, OSError) as exc:
                raise SearchUnavailable(f"Search index cannot be opened: {exc}") from exc
            self._local.conn = conn
        return conn

    @staticmethod
    def _migrate(conn):
        """An index file of an older format (the FTS5 table `fts`, or terms without their
        written forms) is emptied: the next rebuild fills it. Searching it meanwhile finds
        nothing rather than failing."""
        columns = {row[1] for row in conn.execute("PRAGMA table_info(terms)")}
        if (
            conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'fts'").fetchone()
            or "common" not in columns
        ):
            conn.executescript(
                "DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS facets;"
                "DROP TABLE IF EXISTS suggest_fts; DROP TABLE IF EXISTS postings;"
                "DROP TABLE IF EXISTS terms;"
            )
            conn.executescript(SCHEMA)

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
                    # The snapshot keeps a connection of its own for postings read later, so
                    # it never shares a thread's connection.
                    reader = sqlite3.connect(
                        self.path,
                        timeout=self.timeout,
                        isolation_level=None,
                        check_same_thread=False,
                    )
                    reader.execute("BEGIN")
                    try:
                        snap = Snapshot(reader, self._generation(reader))
                    finally:
                        reader.execute("COMMIT")
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
                fn(Writer(conn))
                conn.execute(
                    "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'"
                )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            # A file made unwritable or a lock that outlasted the timeout: the next write opens
            # the file afresh rather than reuse a connection in an unknown state.
            self._forget_connection()
            raise SearchUnavailable(f"Search index cannot be written: {exc}") from exc

    def _forget_connection(self):
        conn, self._local.conn = getattr(self._local, "conn", None), None
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()

    def write(self, documents, delete_ids):
        """One transaction: all stored, or none (SearchUnavailable: locked, unwritable)."""
        documents, delete_ids = list(documents), list(delete_ids)
        if documents or delete_ids:

            def apply(writer):
                writer.replace(documents)
                writer.remove(delete_ids)

            self._write(apply)
        return {}

    def rebuild(self, documents, total=None, progress=None, before_swap=None):
        """One transaction: readers see the old index until the new one is committed.
        `before_swap(write)` adds the last changes inside it."""

        def apply(writer):
            writer.rebuild(documents, progress)
            if before_swap:

                def write(docs, delete_ids):
                    writer.replace(docs)
                    writer.remove(delete_ids)
                    return {}

                before_swap(write)

        self._write(apply)
        return {}

    def document_ids(self):
        try:
            return {row[0] for row in self._conn().execute("SELECT id FROM docs")}
        except sqlite3.Error as exc:
            raise SearchUnavailable(f"Search index cannot be read: {exc}") from exc

    # --- reading ------------------------------------------------------------------------------

    def search(self, query):
        try:
            return self._search(query)
        except sqlite3.Error as exc:
            raise SearchUnavailable(f"Search failed: {exc}") from exc

    def _search(self, query):
        snap = self.snapshot()
        query_plan = plan(query.text, _SnapshotVocabulary(snap), exact=query.exact)
        keys = None
        if not query_plan.slots:
            # No words at all: every document (filters narrow them); words none of which can
            # be searched: nothing.
            match_bits = 0 if words(query.text) else snap.all_bits
        else:
            matched, scores = scoring.plan_scores(snap, query_plan)
            candidates = (matched >= query_plan.required) & snap.present
            match_bits = mask_to_bits(candidates)
            keys = matched * SLOT_RANK + scores

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
        page_ids = self._page(snap, query, result_bits, keys)
        matcher = QueryMatcher(query_plan.terms, ()) if query_plan.slots else None
        hits = self._hits(page_ids, matcher)
        return SearchResult(
            query=query,
            hits=hits,
            total=total,
            facets=facets,
            backend=self.name,
            corrected_text=query_plan.corrected_text,
        )

    @staticmethod
    def _union(snap, key, values):
        bits = 0
        for value in values:
            bits |= snap.value_bits[key].get(value, 0)
        return bits

    def _page(self, snap, query, result_bits, keys):
        start, stop = query.offset, query.offset + query.page_size
        if not result_bits:
            return []
        if query.sort == "relevance" and keys is not None:
            ids = np.flatnonzero(bits_to_mask(result_bits, snap.size))
            return scoring.top(ids, keys[ids].astype(np.float64), stop)[start:stop]
        order = snap.by_title if query.sort == "title" else snap.by_newest
        selected = []
        for i in order:
            if (result_bits >> i) & 1:
                selected.append(i)
                if len(selected) >= stop:
                    break
        return selected[start:stop]

    def _hits(self, page_ids, matcher):
        if not page_ids:
            return []
        # The ids arrive as one JSON array: no SQL is built from values.
        rows = (
            self._conn()
            .execute(
                "SELECT id, title, summary, body, url, published, organisations, movements, "
                "challenges, doc_type FROM docs WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(page_ids),),
            )
            .fetchall()
        )
        by_id = {row[0]: row for row in rows}
        hits = []
        for page_id in page_ids:
            if page_id not in by_id:  # deleted by a write that landed after the match
                continue
            _, title, summary, body, url, published, orgs, movements, challenges, doc_type = by_id[
                page_id
            ]
            hits.append(
                Hit(
                    page_id=page_id, title=title, url=url, summary=summary,
                    highlight=highlight(summary, body, matcher), organisations=json.loads(orgs),
                    movements=json.loads(movements), challenges=json.loads(challenges),
                    published=published, doc_type=doc_type,
                )
            )  # fmt: skip
        return hits

    # --- similar documents --------------------------------------------------------------------

    def similar(self, page_id, limit=SIMILAR_LIMIT, doc_types=None):
        """The documents sharing most of this one's top-weighted terms (tf·idf), never itself."""
        try:
            return self._similar(page_id, limit, doc_types)
        except sqlite3.Error as exc:
            raise SearchUnavailable(f"Similar documents failed: {exc}") from exc

    def _similar(self, page_id, limit, doc_types):
        snap = self.snapshot()
        row = stored_texts(self._conn(), page_id)
        if row is None:
            return []
        chosen = scoring.similar_terms(snap, row, page_id)
        if not chosen:
            return []
        total = scoring.sum_of_terms(snap, chosen)
        total[page_id] = 0
        candidates = (total > 0) & snap.present
        if doc_types:
            candidates &= bits_to_mask(self._union(snap, "type", doc_types), snap.size)
        ids = np.flatnonzero(candidates)
        return self._hits(scoring.top(ids, total[ids].astype(np.float64), limit), None)

    # --- type-ahead ---------------------------------------------------------------------------

    def suggest(self, text, limit=8):
        try:
            return self._suggest(text, limit)
        except sqlite3.Error as exc:
            raise SearchUnavailable(f"Suggestions failed: {exc}") from exc

    def _suggest(self, text, limit):
        query_words = words(text)[:MAX_QUERY_WORDS]
        if not query_words:
            return []
        expression = " AND ".join(
            "(" + " OR ".join(f'"{p}"*' for p in prefix_forms(w)) + ")" for w in query_words
        )
        rows = (
            self._conn()
            .execute(
                "SELECT d.title, d.url, d.doc_type FROM suggest_fts s "
                "JOIN docs d ON d.id = s.rowid "
                "WHERE suggest_fts MATCH ? ORDER BY length(d.title), d.title LIMIT ?",
                (expression, limit),
            )
            .fetchall()
        )
        return [Suggestion(doc_type, title, url) for title, url, doc_type in rows]
