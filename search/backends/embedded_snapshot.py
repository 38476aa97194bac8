"""What a process of the embedded backend holds in memory for one index generation: facet
bitsets, field lengths (as BM25F normalisation factors), the vocabulary, orderings for the
"newest" and "title" sorts, and the postings read so far."""

import bisect
import json

import numpy as np

from search.contract import FACETS

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
        self.spelling = {}
        # Written forms -> term: the shortest and the most frequent spelling of every term.
        self.written = {}
        for t, count, surface, common in conn.execute(
            "SELECT term, df, surface, common FROM terms"
        ):
            self.df[t] = count
            self.spelling[t] = surface
            self.written[surface] = t
            self.written[common] = t
        self.sorted_terms = sorted(self.df)
        self._postings = {}
        self._corrector = None

    def postings(self, index_term):
        """[(field, ids, tfs)] of a term, read once per generation."""
        cached = self._postings.get(index_term)
        if cached is None:
            cached = [
                (field, np.frombuffer(ids, dtype=np.int32), np.frombuffer(tfs, dtype=np.float32))
                for field, ids, tfs in self.conn.execute(
                    "SELECT field, ids, tfs FROM postings WHERE term = ?", (index_term,)
                )
            ]
            self._postings[index_term] = cached
        return cached

    def starting_with(self, prefix, limit):
        start = bisect.bisect_left(self.sorted_terms, prefix)
        found = []
        for t in self.sorted_terms[start:]:
            if not t.startswith(prefix):
                break
            found.append(t)
        return sorted(found, key=lambda t: (-self.df[t], t))[:limit]

    def near(self, index_term, edits, prefix_length):
        """Known terms within `edits` of `index_term` sharing its first letters, most
        frequent first (Elasticsearch's fuzziness with prefix_length)."""
        from rapidfuzz.distance import Levenshtein

        prefix = index_term[:prefix_length]
        start = bisect.bisect_left(self.sorted_terms, prefix)
        found = []
        for t in self.sorted_terms[start:]:
            if not t.startswith(prefix):
                break
            if t != index_term and Levenshtein.distance(t, index_term, score_cutoff=edits) <= edits:
                found.append(t)
        return sorted(found, key=lambda t: (-self.df[t], t))

    def corrector(self):
        if self._corrector is None:
            from search.spelling import Corrector

            self._corrector = Corrector(self.df, self.written)
        return self._corrector


def bits_of(ids):
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray(max(ids) // 8 + 1)
    for i in ids:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def mask_to_bits(mask):
    return int.from_bytes(np.packbits(mask, bitorder="little").tobytes(), "little")


def bits_to_mask(bits, size):
    raw = bits.to_bytes((size + 7) // 8, "little") if bits else bytes((size + 7) // 8)
    return np.unpackbits(np.frombuffer(raw, dtype=np.uint8), bitorder="little")[:size].astype(bool)
