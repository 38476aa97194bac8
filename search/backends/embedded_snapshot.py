"""What a process of the embedded backend holds in memory for one index generation: facet
bitsets, field lengths (as BM25F normalisation factors), the vocabulary, orderings for the
"newest" and "title" sorts, and the postings read so far."""

import bisect
import json
import threading

import numpy as np
from rapidfuzz.distance import Levenshtein

from search.contract import FACETS
from search.spelling import Corrector

from .embedded_store import FIELDS, LENGTH_NORMALISATION, WEIGHTS


class Snapshot:
    """Everything searches need in memory, valid for one index generation."""

    def __init__(self, conn, generation):
        self.generation = generation
        self.conn = conn
        self.value_bits = {key: {} for key in FACETS}
        per_value = {}
        for facet, value, doc_id in conn.execute("SELECT facet, value, doc_id FROM facets"):
            per_value.setdefault((facet, value), []).append(doc_id)
        for (facet, value), ids in per_value.items():
            if facet in self.value_bits:
                self.value_bits[facet][value] = bits_of(ids)
        rows = conn.execute("SELECT id, title_sort, published, lengths FROM docs").fetchall()
        self.count = len(rows)
        self.size = max((row[0] for row in rows), default=0) + 1
        self.all_bits = bits_of(row[0] for row in rows)
        self.present = np.zeros(self.size, dtype=bool)
        lengths = np.zeros((len(FIELDS), self.size), dtype=np.float32)
        for row in rows:
            self.present[row[0]] = True
            lengths[:, row[0]] = json.loads(row[3])
        average = lengths.sum(axis=1) / max(self.count, 1)
        average[average == 0] = 1.0
        b = LENGTH_NORMALISATION[:, None]
        # BM25F's per-field length normalisation, divided into the weight once for all queries.
        self.field_factor = WEIGHTS[:, None] / (1 - b + b * lengths / average[:, None])
        self.by_title = [row[0] for row in sorted(rows, key=lambda r: (r[1], r[0]))]
        self.by_newest = [row[0] for row in sorted(rows, key=lambda r: (r[2], -r[0]), reverse=True)]
        self.df = {}
        # Written forms -> term: the shortest and the most frequent spelling of every term.
        self.written = {}
        for t, count, surface, common in conn.execute(
            "SELECT term, df, surface, common FROM terms"
        ):
            self.df[t] = count
            self.written[surface] = t
            self.written[common] = t
        self.sorted_terms = sorted(self.df)
        self._postings = {}
        # Threads of one process share the snapshot and its connection.
        self._postings_lock = threading.Lock()
        self._corrector = None

    def postings(self, index_term):
        """[(field, ids, tfs)] of a term, read once per generation."""
        cached = self._postings.get(index_term)
        if cached is None:
            with self._postings_lock:
                rows = self.conn.execute(
                    "SELECT field, ids, tfs FROM postings WHERE term = ?", (index_term,)
                ).fetchall()
            cached = [
                (field, np.frombuffer(ids, dtype=np.int32), np.frombuffer(tfs, dtype=np.float32))
                for field, ids, tfs in rows
            ]
            self._postings[index_term] = cached
        return cached

    def _with_prefix(self, prefix):
        """The known terms beginning with `prefix`, most frequent first."""
        start = bisect.bisect_left(self.sorted_terms, prefix)
        found = []
        for t in self.sorted_terms[start:]:
            if not t.startswith(prefix):
                break
            found.append(t)
        return sorted(found, key=lambda t: (-self.df[t], t))

    def starting_with(self, prefix, limit):
        return self._with_prefix(prefix)[:limit]

    def near(self, index_term, edits, prefix_length):
        """Known terms within `edits` of `index_term` sharing its first letters, most
        frequent first (Elasticsearch's fuzziness with prefix_length)."""
        return [
            t
            for t in self._with_prefix(index_term[:prefix_length])
            if t != index_term and Levenshtein.distance(t, index_term, score_cutoff=edits) <= edits
        ]

    def corrector(self):
        if self._corrector is None:
            self._corrector = Corrector(self.df, self.written)
        return self._corrector


def bits_of(ids):
    """A bitset (a Python int, bit i set for page id i) of these page ids."""
    ids = np.fromiter(ids, dtype=np.int64)
    if not len(ids):
        return 0
    mask = np.zeros(int(ids.max()) + 1, dtype=bool)
    mask[ids] = True
    return mask_to_bits(mask)


def mask_to_bits(mask):
    return int.from_bytes(np.packbits(mask, bitorder="little").tobytes(), "little")


def bits_to_mask(bits, size):
    raw = bits.to_bytes((size + 7) // 8, "little")
    return np.unpackbits(np.frombuffer(raw, dtype=np.uint8), bitorder="little")[:size].astype(bool)
