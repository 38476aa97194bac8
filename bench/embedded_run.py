"""Measuring the embedded backend: rebuild time and memory, the query mix, type-ahead.

Each request is the backend's `search(SearchQuery(text, filters))` over cases, methods and erfa
groups: the first 20 hits (with highlighted snippets), the corrected query when a word was
misspelt, and every facet's disjunctive count list (all of search.contract.FACETS, `type`
included; the contract has no way to ask for fewer). Separately, the same mix goes through
`search.service.search(QueryDict)`, which adds parameter validation, the taxonomy look-ups for
labels and the facet lists in API shape. Type-ahead is `search.service.suggest(prefix)`, what
/api/search/suggest/ answers, over prefixes of 2–8 letters (bench/queries.py)."""

import cProfile
import io
import pstats
import time

from django.http import QueryDict

from search import service
from search.backends import get_backend
from search.contract import FACETS, SearchQuery
from search.sync import rebuild_index

from .measure import RssSampler, summarise, timed, traced_peak_mb


def search_query(query):
    return SearchQuery(text=query.text, filters=dict(query.filters))


def query_dict(query):
    params = QueryDict(mutable=True)
    if query.text:
        params["q"] = query.text
    for key, values in query.filters.items():
        params.setlist(key, list(values))
    return params


def measure_rebuild(trace_memory, log):
    """Time `rebuild_index` with an RSS sampler; then, if asked, a second rebuild under
    tracemalloc for the peak of Python allocations (tracing slows it, so it is not timed)."""
    with RssSampler() as rss:
        documents, seconds = timed(rebuild_index)
    log(f"embedded rebuild: {documents} documents in {seconds:.1f} s")
    result = {"documents": documents, "seconds": seconds, **rss.result()}
    if trace_memory:
        result["tracemalloc_peak_mb"] = traced_peak_mb(rebuild_index)
        log(f"embedded rebuild under tracemalloc: peak {result['tracemalloc_peak_mb']:.0f} MB")
    backend = get_backend()
    path = getattr(backend, "path", None)
    result["index_file_mb"] = path.stat().st_size / 2**20 if path and path.exists() else None
    # The first search after a rebuild loads what the backend keeps in memory (facet bitsets):
    # time that on its own, when the backend has such a step.
    if callable(getattr(backend, "snapshot", None)):
        _, seconds = timed(backend.snapshot)
        result["snapshot_load_ms"] = seconds * 1000
    else:
        result["snapshot_load_ms"] = None
    result["documents_by_type"] = documents_by_type()
    log(f"indexed by type: {result['documents_by_type']}")
    return result


def documents_by_type():
    """{type code: indexable pages} from the document definitions (what the index should hold)."""
    from search.documents import DOCUMENT_TYPES

    return {doc_type.code: doc_type.indexable().count() for doc_type in DOCUMENT_TYPES}


def _run(queries, rounds, call):
    """({query index: [ms, ...]}, [all ms]) over `rounds` passes of the mix."""
    per_query = {i: [] for i in range(len(queries))}
    for _ in range(rounds):
        for i, query in enumerate(queries):
            start = time.perf_counter()
            call(query)
            per_query[i].append((time.perf_counter() - start) * 1000)
    return per_query, [ms for samples in per_query.values() for ms in samples]


def measure_queries(queries, rounds, service_rounds, log):
    backend = get_backend()
    totals, types, corrected = [], [], []
    for query in queries:  # warm-up pass, also a sanity check of every answer
        result = backend.search(search_query(query))
        missing = set(FACETS) - set(result.facets)
        assert not missing, f"every request computes all {len(FACETS)} facets; missing {missing}"
        totals.append(result.total)
        types.append(result.facets.get("type", {}))
        corrected.append(getattr(result, "corrected_text", "") or "")
    per_query, samples = _run(queries, rounds, lambda q: backend.search(search_query(q)))
    log(f"embedded: {len(samples)} requests measured")
    out = {
        "rounds": rounds,
        "per_query": [
            {
                "query": q.label,
                "kind": q.kind,
                "total": total,
                "type_facet": by_type,
                "corrected": fixed,
                "median_ms": _median(ms),
                "samples_ms": ms,
            }
            for q, total, by_type, fixed, ms in zip(
                queries, totals, types, corrected, per_query.values(), strict=True
            )
        ],
        "facets": list(FACETS),
        **summarise(samples),
    }
    if service_rounds:

        def through_service(query):
            form, result, _ = service.search(query_dict(query))
            assert result is not None, form.errors

        through_service(queries[0])
        _, service_samples = _run(queries, service_rounds, through_service)
        out["service"] = {"rounds": service_rounds, **summarise(service_samples)}
    return out


def measure_suggest(prefixes, rounds, log):
    """Type-ahead through search.service.suggest: one warm-up pass, then `rounds` passes."""
    counts = [len(service.suggest(prefix)) for prefix in prefixes]
    per_prefix, samples = _run(prefixes, rounds, service.suggest)
    out = {
        "rounds": rounds,
        "prefixes": len(prefixes),
        "per_prefix": [
            {"prefix": prefix, "suggestions": count, "median_ms": _median(ms)}
            for prefix, count, ms in zip(prefixes, counts, per_prefix.values(), strict=True)
        ],
        "by_length": {},
        **summarise(samples),
    }
    for length in sorted({len(p) for p in prefixes}):
        samples_of_length = [
            ms
            for prefix, measured in zip(prefixes, per_prefix.values(), strict=True)
            if len(prefix) == length
            for ms in measured
        ]
        out["by_length"][str(length)] = summarise(samples_of_length)
    log(f"type-ahead: {len(samples)} requests, p50 {out['p50']:.1f} ms, p95 {out['p95']:.1f} ms")
    return out


def _median(values):
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def profile_queries(queries, top=25):
    """cProfile over one pass of the mix: the functions where the time goes."""
    backend = get_backend()
    profiler = cProfile.Profile()
    profiler.enable()
    for query in queries:
        backend.search(search_query(query))
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(top)
    return stream.getvalue()
