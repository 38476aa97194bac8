"""Scoring for the embedded backend: BM25F over the postings of a query plan's terms, computed
for every document at once with numpy (arrays indexed by page id), and the terms that make a
document what it is, for "similar documents"."""

import math

import numpy as np

from search.query_plan import QueryPlan

from .embedded_store import FIELDS, analyse_fields

K1 = 1.2
SIMILAR_TERMS = 25


def idf(snap, df):
    return math.log(1 + (snap.count - df + 0.5) / (df + 0.5))


def term_scores(snap, index_term):
    """BM25F scores of one term over all documents (0 where it is absent), or None when no
    document has it."""
    df = snap.df.get(index_term, 0)
    if not df:
        return None
    weighted = np.zeros(snap.size, dtype=np.float32)
    for field, ids, tfs in snap.postings(index_term):
        if len(ids) and ids[-1] >= snap.size:  # written after this snapshot was taken
            keep = ids < snap.size
            ids, tfs = ids[keep], tfs[keep]
        weighted[ids] += tfs * snap.field_factor[field, ids]
    return idf(snap, df) * weighted * (K1 + 1) / (weighted + K1)


def plan_scores(snap, query_plan: QueryPlan):
    """(matched slot counts, BM25F scores) per document. A slot counts its best alternative;
    an alternative of several terms scores only where all of them are."""
    matched = np.zeros(snap.size, dtype=np.int16)
    total = np.zeros(snap.size, dtype=np.float32)
    cache = {}
    for slot in query_plan.slots:
        best = np.zeros(snap.size, dtype=np.float32)
        for alternative in slot.alternatives:
            for index_term in alternative.terms:
                if index_term not in cache:
                    cache[index_term] = term_scores(snap, index_term)
            parts = [cache[t] for t in alternative.terms]
            if any(part is None for part in parts):
                continue
            if len(parts) == 1:
                score = parts[0]
            else:
                score = sum(parts) * np.logical_and.reduce([part > 0 for part in parts])
            np.maximum(best, score * alternative.weight, out=best)
        matched += best > 0
        total += best
    return matched, total


def top(ids, keys, stop):
    """The `stop` best of `ids` by key; on a tie the later page (higher id) first."""
    if len(ids) > stop:
        chosen = np.argpartition(-keys, stop - 1)[:stop]
        ids, keys = ids[chosen], keys[chosen]
    order = np.lexsort((-ids, -keys))
    return ids[order].tolist()


def similar_terms(snap, texts, page_id):
    """The document's SIMILAR_TERMS highest-weighted terms (BM25F field weight × tf × idf),
    leaving out terms no other document has (stop words are never indexed)."""
    per_field, _ = analyse_fields(texts)
    weights = {}
    for field, (counts, _) in enumerate(per_field):
        if FIELDS[field] == "organisation_names":
            continue  # who runs it says little of what it is about
        factor = float(snap.field_factor[field, page_id])
        for index_term, tf in counts.items():
            df = snap.df.get(index_term, 0)
            if df < 2 or len(index_term) < 3:
                continue
            weights[index_term] = weights.get(index_term, 0) + factor * tf * idf(snap, df)
    return sorted(weights, key=lambda t: (-weights[t], t))[:SIMILAR_TERMS]


def sum_of_terms(snap, terms):
    """Each document's summed BM25F score over these terms (an OR query)."""
    total = np.zeros(snap.size, dtype=np.float32)
    for index_term in terms:
        scores = term_scores(snap, index_term)
        if scores is not None:
            total += scores
    return total
