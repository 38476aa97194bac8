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


def _number(value, template):
    return "–" if value is None else template.format(value)


# Issue 10, "Done when", speed: at 10,000 cases with methods and erfa groups indexed.
TARGETS = {"p50_ms": 10.0, "p95_ms": 25.0, "ratio_p50": 50.0, "suggest_p95_ms": 10.0}
TARGET_CASES = 10_000


def header(results):
    m = results["machine"]
    git = results.get("git", {})
    versions = results["sizes"][0].get("versions", {}) if results["sizes"] else {}
    dirty = git.get("dirty") or ""
    state = (
        "no local changes under search/"
        if not dirty
        else (f"local changes under search/: {len(dirty.splitlines())} files")
    )
    code = results["sizes"][0].get("code", {}).get("all", "?") if results["sizes"] else "?"
    return "\n".join(
        [
            f"Run {results['started_utc']} → {results.get('finished_utc', '?')} (UTC).",
            f"Command: `{results['command']}`",
            f"Machine: {m.get('nproc')} cores ({m.get('cpu')}), {m.get('memory_gb')} GB RAM, "
            f"{m.get('platform')}; " + ", ".join(f"{k} {v}" for k, v in versions.items()),
            f"Code: commit `{git.get('commit', '?')[:10]}`, {state} (hash of search/ {code}).",
        ]
    )


def _verdict(value, limit, at_least=False):
    if value is None:
        return "–"
    ok = value >= limit if at_least else value <= limit
    return "met" if ok else "**not met**"


def targets_table(results):
    """The speed targets of issue 10 against each measured size of at least 10,000 cases (or
    the largest size, marked, when none was that large)."""
    sizes = [s for s in results["sizes"] if s["corpus"]["cases"] >= TARGET_CASES]
    note = ""
    if not sizes and results["sizes"]:
        sizes = [max(results["sizes"], key=lambda s: s["corpus"]["cases"])]
        note = f" (targets are for {TARGET_CASES:,} cases; this run's largest size is smaller)"
    lines = [
        f"Targets (issue 10){note}:",
        "",
        "| corpus | measure | measured | target | |",
        "|---|---|---:|---:|---|",
    ]
    for size in sizes:
        c = size["corpus"]
        corpus = (
            f"{c['cases']:,} cases, {c.get('methods', '?')} methods, "
            f"{c.get('erfa_groups', '?')} erfa groups"
        )
        emb = size["embedded"]
        facets = len(emb.get("facets", []))
        # (measure, shown value, value or None, limit, at least?)
        rows = [
            (f"embedded p50, all {facets} facets (ms)", ms(emb["p50"]), emb["p50"],
             TARGETS["p50_ms"], False),
            (f"embedded p95, all {facets} facets (ms)", ms(emb["p95"]), emb["p95"],
             TARGETS["p95_ms"], False),
        ]  # fmt: skip
        analyzed = _variant(size, "analyze")
        same = size.get("embedded_on_baseline_queries")
        if analyzed and same:
            wagtail, timeout = _value(analyzed, "p50"), analyzed["timeout_s"]
            label = (
                f"ratio to Wagtail at p50 (Wagtail, operator "
                f"{analyzed.get('operator', 'and')}, {ms(wagtail, timeout)} ms / embedded "
                f"{ms(same['p50'])} ms on the same {analyzed['n']} queries)"
            )
            value = None if wagtail is None else wagtail / same["p50"]
            shown = ratio(wagtail, same["p50"], timeout)
            rows.append((label, shown, value, TARGETS["ratio_p50"], True))
        else:
            rows.append(("ratio to Wagtail at p50", "not run", None, TARGETS["ratio_p50"], True))
        suggest = size.get("suggest")
        value = suggest["p95"] if suggest else None
        rows.append(
            ("type-ahead p95, search.service.suggest (ms)",
             ms(value) if suggest else "not run", value, TARGETS["suggest_p95_ms"], False)
        )  # fmt: skip
        for label, shown, value, limit, at_least in rows:
            target = f"≥ {limit:g}×" if at_least else f"≤ {limit:g}"
            lines.append(
                f"| {corpus} | {label} | {shown} | {target} | {_verdict(value, limit, at_least)} |"
            )
    return "\n".join(lines)


def suggest_table(results):
    """Type-ahead latency per prefix length."""
    lengths = sorted(
        {int(n) for size in results["sizes"] for n in size.get("suggest", {}).get("by_length", {})}
    )
    if not lengths:
        return "Type-ahead: not measured."
    lines = [
        "Type-ahead, search.service.suggest, p50 / p95 (ms) by prefix length:",
        "",
        "| cases | all | " + " | ".join(f"{n} letters" for n in lengths) + " |",
        "|---:|---|" + "---|" * len(lengths),
    ]
    for size in results["sizes"]:
        suggest = size.get("suggest")
        if not suggest:
            continue
        cells = [f"{size['corpus']['cases']:,}", f"{ms(suggest['p50'])} / {ms(suggest['p95'])}"]
        for n in lengths:
            part = suggest["by_length"].get(str(n))
            cells.append(f"{ms(part['p50'])} / {ms(part['p95'])}" if part else "–")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


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
            mix = len(size["embedded"]["per_query"])
            if len(variant["queries"]) < mix:
                notes.append(f"{len(variant['queries'])} of {mix} queries")
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
                    _number(size["embedded_rebuild"].get("index_file_mb"), "{:.0f}"),
                    ms(size["embedded_rebuild"].get("snapshot_load_ms")),
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
