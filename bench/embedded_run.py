"""Measuring the embedded backend: rebuild time and memory, then the query mix.

Each request is the backend's `search(SearchQuery(text, filters))`: the first 20 hits (with
highlighted snippets) and all 10 disjunctive facet count lists. Separately, the same mix goes
through `search.service.search(QueryDict)`, which adds parameter validation, the taxonomy
look-ups for labels and the facet lists in API shape."""

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
    result["index_file_mb"] = backend.path.stat().st_size / 2**20
    # The first search after a rebuild loads the facet bitsets: time that on its own.
    _, result["snapshot_load_ms"] = timed(backend.snapshot)
    result["snapshot_load_ms"] *= 1000
    return result


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
    totals = []
    for query in queries:  # warm-up pass, also a sanity check of every answer
        result = backend.search(search_query(query))
        assert set(result.facets) == set(FACETS), "every request computes all 10 facets"
        totals.append(result.total)
    per_query, samples = _run(queries, rounds, lambda q: backend.search(search_query(q)))
    log(f"embedded: {len(samples)} requests measured")
    out = {
        "rounds": rounds,
        "per_query": [
            {"query": q.label, "kind": q.kind, "total": total, "median_ms": _median(ms)}
            for q, total, ms in zip(queries, totals, per_query.values(), strict=True)
        ],
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
