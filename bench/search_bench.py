"""Search benchmark: the embedded backend against Wagtail's database search, on synthetic corpora.

    .venv/bin/python -m bench.search_bench --sizes 1000 10000

Each size runs in its own process (bench.worker) with a throwaway SQLite database and search
index in a temporary directory: migrate, import fixtures/ and the erfa-group pages, add
synthetic methods, cases and erfa groups, then measure searches (70-query mix, all facets) and
type-ahead. Prints Markdown tables (targets of issue 10 first) and writes a JSON file to
bench/results/. Not part of the test suite."""

import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.provenance import git

from . import report

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"


def machine():
    info = {"nproc": len(os.sched_getaffinity(0)), "platform": platform.platform()}
    with open("/proc/cpuinfo") as cpuinfo:
        models = [
            line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")
        ]
    info["cpu"] = models[0] if models else platform.processor()
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                info["memory_gb"] = round(int(line.split()[1]) / 2**20, 1)
    return info


def git_state():
    """Commit and uncommitted changes under search/ (what was measured)."""
    return {"commit": git("rev-parse", "HEAD"), "dirty": git("status", "--short", "search/")}


def run_size(size, args, workdir_root):
    workdir = Path(tempfile.mkdtemp(prefix=f"pb-bench-{size}-", dir=workdir_root))
    out = workdir / "result.json"
    command = [
        sys.executable, "-m", "bench.worker", "--size", str(size), "--workdir", str(workdir),
        "--json-out", str(out), "--fixtures", str(args.fixtures), "--seed", str(args.seed),
        "--rounds", str(args.rounds), "--service-rounds", str(args.service_rounds),
        "--baseline-timeout", str(args.baseline_timeout),
        "--methods", str(args.methods), "--groups", str(args.groups),
        "--baseline-operator", args.baseline_operator,
        "--suggest-rounds", str(args.suggest_rounds),
    ]  # fmt: skip
    if args.baseline_queries is not None:
        command += ["--baseline-queries", str(args.baseline_queries)]
    if args.baseline_plain_queries is not None:
        command += ["--baseline-plain-queries", str(args.baseline_plain_queries)]
    for flag in ("no_baseline", "no_tracemalloc", "profile"):
        if getattr(args, flag):
            command.append("--" + flag.replace("_", "-"))
    try:
        subprocess.run(command, cwd=ROOT, check=True)  # noqa: S603
        return json.loads(out.read_text())
    finally:
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def parser():
    p = argparse.ArgumentParser(
        prog="python -m bench.search_bench", description=__doc__.split("\n\n")[0]
    )
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="cases per corpus")
    p.add_argument(
        "--rounds", type=int, default=5, help="timed passes of the 70 queries (embedded)"
    )
    p.add_argument(
        "--methods", type=int, default=40, help="methods per corpus, the 20 real ones included"
    )
    p.add_argument(
        "--groups", type=int, default=20, help="erfa groups per corpus, the 7 real ones included"
    )
    p.add_argument(
        "--suggest-rounds", type=int, default=5, help="timed passes of the type-ahead prefixes"
    )
    p.add_argument(
        "--service-rounds",
        type=int,
        default=2,
        help="passes through search.service.search (0: skip)",
    )
    p.add_argument(
        "--baseline-timeout",
        type=float,
        default=10.0,
        help="seconds before a Wagtail request is cut",
    )
    p.add_argument(
        "--baseline-queries",
        type=int,
        default=None,
        help="queries for the baseline after ANALYZE (default: all 70 up to 1,000 cases, else "
        "an evenly spread 30)",
    )
    p.add_argument(
        "--baseline-plain-queries",
        type=int,
        default=None,
        help="queries for the baseline before ANALYZE (default: all 70 up to 1,000 cases, "
        "else 10; 0 skips it)",
    )
    p.add_argument(
        "--baseline-operator",
        choices=("or", "and"),
        default="or",
        help="Wagtail's .search(operator=...): its default 'or' (any word, like the embedded "
        "partial match), or 'and' (all words, as the issue-3 figures)",
    )
    p.add_argument("--no-baseline", action="store_true", help="skip the Wagtail baseline")
    p.add_argument("--no-tracemalloc", action="store_true", help="skip the traced second rebuild")
    p.add_argument("--profile", action="store_true", help="cProfile one pass of the embedded mix")
    p.add_argument("--seed", type=int, default=2026, help="seed of the synthetic corpus")
    p.add_argument("--fixtures", type=Path, default=ROOT / "fixtures")
    p.add_argument("--tmp", default=None, help="where the throwaway directories go")
    p.add_argument("--keep", action="store_true", help="keep the throwaway databases")
    p.add_argument("--out", type=Path, default=None, help="JSON file (default bench/results/)")
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    started = datetime.datetime.now(datetime.UTC)
    results = {
        "started_utc": started.isoformat(timespec="seconds"),
        "command": "python -m bench.search_bench " + shlex.join(argv or sys.argv[1:]),
        "machine": machine(),
        "git": git_state(),
        "sizes": [],
    }
    for size in args.sizes:
        print(f"== {size:,} cases", file=sys.stderr, flush=True)
        results["sizes"].append(run_size(size, args, args.tmp))
    results["finished_utc"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    out = args.out or RESULTS / f"search-{started:%Y-%m-%d}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False, allow_nan=False) + "\n")
    print(report.header(results))
    print()
    print(report.targets_table(results))
    print()
    print(report.main_table(results))
    print()
    print(report.suggest_table(results))
    print()
    print(report.detail_table(results))
    print()
    print(report.kind_table(results))
    for size in results["sizes"]:
        if "embedded_profile" in size:
            print(f"\ncProfile, one pass at {size['size']:,} cases:\n{size['embedded_profile']}")
    print(f"\nwritten {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
