"""The Markdown tables printed after a run (and pasted into docs/performance.md)."""

import math


def ms(value, timeout_s=None):
    if value is None:
        return "–"
    if math.isinf(value):
        return f"> {timeout_s * 1000:,.0f}" if timeout_s else "timeout"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def ratio(baseline, embedded, timeout_s):
    if baseline is None or not embedded:
        return "–"
    if math.isinf(baseline):
        return f"> {timeout_s * 1000 / embedded:,.0f}×"
    return (
        f"{baseline / embedded:,.0f}×"
        if baseline >= 10 * embedded
        else f"{baseline / embedded:.1f}×"
    )


def _value(summary, name):
    """A percentile, math.inf when it fell on a timeout."""
    return math.inf if summary.get(f"{name}_timed_out") else summary[name]


def _variant(size, name):
    for variant in size.get("baseline", {}).get("variants", []):
        if variant["variant"] == name:
            return variant
    return None


def main_table(results):
    lines = [
        "| cases | embedded p50 / p95 / mean / max (ms) | via service p50 / p95 (ms) "
        "| rebuild (s) | rebuild peak RSS Δ / tracemalloc peak (MB) "
        "| Wagtail p50 / p95 (ms), plain | Wagtail p50 / p95 (ms), after ANALYZE "
        "| ratio Wagtail/embedded p50 / p95 (after ANALYZE) |",
        "|---:|---|---|---:|---|---|---|---|",
    ]
    for size in results["sizes"]:
        emb, reb = size["embedded"], size["embedded_rebuild"]
        service = emb.get("service", {})
        cells = [
            f"{size['corpus']['cases']:,}",
            " / ".join(ms(emb[k]) for k in ("p50", "p95", "mean", "max")),
            " / ".join(ms(service.get(k)) for k in ("p50", "p95")) if service else "–",
            f"{reb['seconds']:.1f}",
            f"{reb['rss_peak_delta_mb']:.0f} / {ms(reb.get('tracemalloc_peak_mb'))}",
        ]
        for name in ("plain", "analyze"):
            variant = _variant(size, name)
            if variant is None:
                cells.append("not run")
                continue
            timeout = variant["timeout_s"]
            text = f"{ms(_value(variant, 'p50'), timeout)} / {ms(_value(variant, 'p95'), timeout)}"
            notes = []
            if variant["n"] < 50:
                notes.append(f"{variant['n']} of 50 queries")
            if variant["timeouts"]:
                notes.append(f"{variant['timeouts']} timed out at {timeout:g} s")
            cells.append(text + (f" ({'; '.join(notes)})" if notes else ""))
        analyzed = _variant(size, "analyze")
        if analyzed:
            timeout = analyzed["timeout_s"]
            cells.append(
                f"{ratio(_value(analyzed, 'p50'), emb['p50'], timeout)} / "
                f"{ratio(_value(analyzed, 'p95'), emb['p95'], timeout)}"
            )
        else:
            cells.append("–")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def detail_table(results):
    lines = [
        "| cases | corpus insert (s) | index file (MB) | snapshot load (ms) "
        "| Wagtail update_index (s) | ANALYZE (s) "
        "| load avg, 1 min: start / embedded queries / baseline / end |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for size in results["sizes"]:
        baseline = size.get("baseline", {})
        update = baseline.get("update_index", {}).get("seconds")
        analyze = baseline.get("analyze_s")
        lines.append(
            "| "
            + " | ".join(
                [
                    f"{size['corpus']['cases']:,}",
                    f"{size['corpus']['insert_synthetic_s']:.1f}",
                    f"{size['embedded_rebuild']['index_file_mb']:.0f}",
                    ms(size["embedded_rebuild"]["snapshot_load_ms"]),
                    f"{update:.1f}" if update is not None else "–",
                    f"{analyze:.2f}" if analyze is not None else "–",
                    " / ".join(
                        f"{size[key][0]:.2f}" if key in size else "–"
                        for key in (
                            "load_before",
                            "load_embedded_queries",
                            "load_baseline",
                            "load_after",
                        )
                    ),
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def kind_table(results):
    """Embedded median latency per query kind (ms), from the per-query medians."""
    kinds = []
    for size in results["sizes"]:
        for q in size["embedded"]["per_query"]:
            if q["kind"] not in kinds:
                kinds.append(q["kind"])
    lines = [
        "| cases | " + " | ".join(kinds) + " |",
        "|---:|" + "---:|" * len(kinds),
    ]
    for size in results["sizes"]:
        cells = [f"{size['corpus']['cases']:,}"]
        for kind in kinds:
            values = sorted(
                q["median_ms"] for q in size["embedded"]["per_query"] if q["kind"] == kind
            )
            cells.append(
                f"{ms(values[len(values) // 2])} (max {ms(values[-1])})" if values else "–"
            )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
