"""Summaries of the load generator's raw results, the targets, and the Markdown for
docs/performance.md (Danish number format: 1.234,5)."""

import os
import platform
import shlex
from importlib.metadata import version
from pathlib import Path

from ..measure import percentile

DOCS = Path(__file__).resolve().parent.parent.parent / "docs" / "performance.md"
START_MARK = "<!-- belastningstest: tal start (skrives af python -m bench.load --docs) -->"
END_MARK = "<!-- belastningstest: tal slut -->"
TARGETS = {
    "cached_rps": 500.0,  # cached anonymous pages, requests/s, at least
    "search_p95_ms": 150.0,  # uncached search with facets, p95, at most
    "memory_growth_pct": 10.0,  # worker RSS growth over the run, at most
}
KIND_LABELS = {
    "cached_page": "cachede sider",
    "home": "forside `/`",
    "case_index": "`/praksiseksempler/`",
    "case_page": "praksiseksempel (tilfældigt af alle)",
    "method_page": "metodeside",
    "search_facets": "`/soeg/` med tekst og facetter, ucachet",
    "api_pages": "`/api/v2/pages/?type=cases.CasePage`",
    "api_search": "`/api/search/?q=…`, ucachet",
}


def number(value, decimals=0):
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def summarise_kind(raw, elapsed):
    latencies = sorted(raw["latencies_ms"])
    statuses = {int(code): count for code, count in raw["statuses"].items()}
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 0.50),
        "p95_ms": percentile(latencies, 0.95),
        "p99_ms": percentile(latencies, 0.99),
        "max_ms": latencies[-1] if latencies else None,
        "statuses": raw["statuses"],
        "server_errors": sum(c for code, c in statuses.items() if code >= 500),
        "other_non_2xx": sum(
            c for code, c in statuses.items() if not 200 <= code < 300 and code < 500
        ),
        "errors": raw["errors"],
        "x_cache": raw["x_cache"],
        "mean_bytes": raw["bytes"] / len(latencies) if latencies else None,
    }


def summarise_phase(result):
    elapsed = result["elapsed_s"]
    kinds = {kind: summarise_kind(raw, elapsed) for kind, raw in result["kinds"].items()}
    everything = sorted(v for raw in result["kinds"].values() for v in raw["latencies_ms"])
    return {
        "elapsed_s": elapsed,
        "concurrency": result["concurrency"],
        "requests": len(everything),
        "rps": len(everything) / elapsed,
        "p50_ms": percentile(everything, 0.50),
        "p95_ms": percentile(everything, 0.95),
        "p99_ms": percentile(everything, 0.99),
        "server_errors": sum(k["server_errors"] for k in kinds.values()),
        "other_non_2xx": sum(k["other_non_2xx"] for k in kinds.values()),
        "connection_errors": sum(sum(k["errors"].values()) for k in kinds.values()),
        "generator_cpu_s": result["generator_cpu_s"],
        "load_before": result["load_before"],
        "load_after": result["load_after"],
        "kinds": kinds,
    }


def phase_line(summary):
    return (
        f"{summary['requests']} forespørgsler, {summary['rps']:.0f}/s, p95 "
        f"{summary['p95_ms'] or 0:.0f} ms, 5xx {summary['server_errors']}, andre "
        f"{summary['other_non_2xx']}, forbindelsesfejl {summary['connection_errors']}"
    )


def replaced_workers(result):
    """Workers of the start that were gone at the end (gunicorn's max_requests recycles them)."""
    start = set(result["memory_start"]["per_worker_mb"])
    return len(start - set(result["memory_end"]["per_worker_mb"]))


def memory_growth_pct(result):
    start, end = result["memory_start"]["total_mb"], result["memory_end"]["total_mb"]
    return (end - start) / start * 100 if start else None


def targets(result):
    phases = result["phases"]
    growth = memory_growth_pct(result)
    problems = sum(
        p["server_errors"] + p["other_non_2xx"] + p["connection_errors"] for p in phases.values()
    )
    search_p95 = phases["search"]["kinds"].get("search_facets", {}).get("p95_ms")
    return {
        "cached_rps": {
            "value": phases["cached"]["rps"],
            "met": phases["cached"]["rps"] >= TARGETS["cached_rps"],
        },
        "search_p95_ms": {
            "value": search_p95,
            "met": search_p95 is not None and search_p95 <= TARGETS["search_p95_ms"],
        },
        "errors": {"value": problems, "met": problems == 0},
        "memory_growth_pct": {
            "value": growth,
            "met": growth is not None and growth <= TARGETS["memory_growth_pct"],
        },
    }


def machine():
    model = "?"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as meminfo:
        total_kb = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "ram_gb": total_kb / 1024 / 1024,
        "kernel": platform.release(),
    }


def versions():
    names = ("Django", "wagtail", "gunicorn", "psycopg")
    return {"python": platform.python_version(), **{n.lower(): version(n) for n in names}}


def reproducing_command(argv):
    args = [a for a in argv[1:] if a not in ("--reuse", "--keep")]
    return shlex.join([".venv/bin/python", "-m", "bench.load", *args])


def _kind_rows(phase_name, phase):
    rows = []
    for kind, k in phase["kinds"].items():
        problems = k["server_errors"] + k["other_non_2xx"] + sum(k["errors"].values())
        cache = ", ".join(f"{name} {count}" for name, count in sorted(k["x_cache"].items()))
        rows.append(
            f"| {phase_name} | {KIND_LABELS.get(kind, kind)} | {number(k['requests'])} | "
            f"{number(k['rps'], 1)} | {number(k['p50_ms'], 1)} | {number(k['p95_ms'], 1)} | "
            f"{number(k['p99_ms'], 1)} | {number(k['max_ms'], 0)} | {k['server_errors']} | "
            f"{problems - k['server_errors']} | {cache} |"
        )
    return rows


def markdown(result, json_path):
    m, phases, t = result["machine"], result["phases"], result["targets"]
    start, end = result["memory_start"], result["memory_end"]
    status = {True: "nået", False: "**ikke nået**"}
    phase_names = {
        "cached": "cachet",
        "search_single": "søgning, én ad gangen",
        "search": "søgning",
        "mixed": "blandet",
    }
    root = f"{DOCS.parent.parent}/"
    gunicorn = shlex.join(["gunicorn", *(a.replace(root, "") for a in result["gunicorn"][1:])])
    lines = [
        f"Kørsel {result['started'][:16].replace('T', ' ')}–{result['finished'][11:16]} UTC, "
        f"{m['nproc']} kerner (`nproc`), {m['cpu']}, {number(m['ram_gb'], 1)} GB RAM, "
        f"Linux {m['kernel']}; Python {result['versions']['python']}, Django "
        f"{result['versions']['django']}, Wagtail {result['versions']['wagtail']}, gunicorn "
        f"{result['versions']['gunicorn']}. Rådata: `{_relative(json_path)}`.",
        "",
        "```sh",
        result["command"],
        "```",
        "",
        f"gunicorn: `{gunicorn}`, {end['workers']} workers. Korpus: "
        f"{number(result['dataset'].get('real_cases'))} rigtige og "
        f"{number(result['dataset'].get('synthetic_cases'))} syntetiske praksiseksempler.",
        "",
        "| mål | målt | krav | |",
        "|---|---:|---:|---|",
        f"| cachede anonyme sider, forespørgsler/s | {number(t['cached_rps']['value'], 0)} | "
        f"≥ {number(TARGETS['cached_rps'])} | {status[t['cached_rps']['met']]} |",
        f"| søgning med facetter, ucachet, p95 (ms) | {number(t['search_p95_ms']['value'], 1)} | "
        f"≤ {number(TARGETS['search_p95_ms'])} | {status[t['search_p95_ms']['met']]} |",
        f"| fejl (5xx, andre ikke-2xx, forbindelsesfejl) i alle faser | {t['errors']['value']} | "
        f"0 | {status[t['errors']['met']]} |",
        f"| workernes RSS: start → slut (MB), vækst | {number(start['total_mb'], 0)} → "
        f"{number(end['total_mb'], 0)}, {number(t['memory_growth_pct']['value'], 1)} % | ≤ 10 % | "
        f"{status[t['memory_growth_pct']['met']]} |",
        "",
        f"Workernes RSS lige efter start (før opvarmningen): "
        f"{number(result['memory_boot']['total_mb'], 0)} MB. Workers udskiftet undervejs "
        f"(gunicorns `max_requests`): {replaced_workers(result)} af {start['workers']}.",
        "",
        "| fase | varighed (s) | forbindelser | forespørgsler | pr. s | p50 / p95 / p99 (ms) | "
        "5xx | load avg før → efter | generatorens CPU (s) |",
        "|---|---:|---:|---:|---:|---|---:|---|---:|",
    ]
    for name, phase in phases.items():
        lines.append(
            f"| {phase_names.get(name, name)} | {number(phase['elapsed_s'], 1)} | "
            f"{phase['concurrency']} | {number(phase['requests'])} | {number(phase['rps'], 1)} | "
            f"{number(phase['p50_ms'], 1)} / {number(phase['p95_ms'], 1)} / "
            f"{number(phase['p99_ms'], 1)} | {phase['server_errors']} | "
            f"{number(phase['load_before'][0], 2)} → {number(phase['load_after'][0], 2)} | "
            f"{number(phase['generator_cpu_s'], 1)} |"
        )
    lines += [
        "",
        "| fase | slags | forespørgsler | pr. s | p50 (ms) | p95 (ms) | p99 (ms) | maks (ms) "
        "| 5xx | andre fejl | X-Cache |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, phase in phases.items():
        lines += _kind_rows(phase_names.get(name, name), phase)
    lines += _probe_rows(result.get("probe"))
    return "\n".join(lines) + "\n"


def _probe_rows(probe):
    if not probe:
        return []
    rows = [
        "",
        "Enkeltforespørgsler uden cache, én ad gangen efter belastningen (bedste af 3, Djangos "
        "testklient, `bench/load/probe.py`):",
        "",
        "| slags | adresse | ms | SQL-forespørgsler | størrelse (kB) |",
        "|---|---|---:|---:|---:|",
    ]
    for kind, p in probe.items():
        rows.append(
            f"| {KIND_LABELS.get(kind, kind)} | `{p['url']}` | {number(p['best_ms'], 1)} | "
            f"{p['queries']} | {number(p['bytes'] / 1024, 0)} |"
        )
    return rows


def _relative(path):
    try:
        return str(Path(path).resolve().relative_to(DOCS.parent.parent))
    except ValueError:
        return str(path)


def write_docs(markdown_text):
    """Replace the generated block of docs/performance.md (between the two marks)."""
    text = DOCS.read_text()
    if START_MARK not in text or END_MARK not in text:
        raise SystemExit(f"{DOCS} mangler mærkerne for belastningstestens tal")
    head, rest = text.split(START_MARK, 1)
    _, tail = rest.split(END_MARK, 1)
    DOCS.write_text(f"{head}{START_MARK}\n{markdown_text}{END_MARK}{tail}")
