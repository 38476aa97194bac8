"""One corpus size, in its own process and throwaway directory: build, measure, write JSON.

Run by bench.search_bench (one process per size, so each size starts from an empty database,
without SQLite statistics left over from a smaller run, and with its own memory figures).
Direct use: python -m bench.worker --size 1000 --workdir /tmp/x --json-out /tmp/x/r.json"""

import argparse
import hashlib
import json
import os
import platform
import sqlite3
import sys
import time
from pathlib import Path

DEFAULT_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def configure_environment(workdir):
    """Point Django at a throwaway database and index; must run before django.setup()."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'db.sqlite3'}"
    os.environ["SEARCH_INDEX_PATH"] = str(workdir / "search-index.sqlite3")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.pop("ELASTICSEARCH_URL", None)  # the embedded backend, whatever the shell says


def log(message):
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}Z] {message}", file=sys.stderr, flush=True)


def versions():
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        **{name.lower(): version(name) for name in ("Django", "wagtail", "PyStemmer")},
    }


def measured_code():
    """Short hashes of the search modules measured (others edit them while benchmarks run)."""
    root = Path(__file__).resolve().parent.parent / "search"
    files = ("backends/embedded.py", "highlight.py", "analysis.py", "documents.py", "service.py")
    return {name: hashlib.sha256((root / name).read_bytes()).hexdigest()[:12] for name in files}


def build_corpus(size, fixtures, seed):
    """Migrate, import the fixtures (taxonomy, 20 methods, the real cases), then add
    synthetic cases until there are `size` cases. Returns corpus facts."""
    from django.core.management import call_command

    from cases.models import CasePage
    from content.importer import import_content

    from .corpus import insert_cases, load_taxonomy
    from .measure import timed
    from .synthetic import CaseGenerator
    from .vocabulary import load_vocabulary

    _, migrate_s = timed(call_command, "migrate", verbosity=0)
    _, import_s = timed(import_content, str(fixtures))
    real = CasePage.objects.count()
    vocabulary = load_vocabulary(fixtures)
    generator = CaseGenerator(vocabulary, load_taxonomy(), seed=seed)
    specs = generator.cases(max(0, size - real))
    _, insert_s = timed(insert_cases, specs)
    total = CasePage.objects.live().public().count()
    log(f"corpus: {total} cases ({real} real, {len(specs)} synthetic inserted in {insert_s:.1f} s)")
    words = [spec.body_words for spec in specs]
    return {
        "cases": total,
        "real_cases": real,
        "synthetic_cases": len(specs),
        "mean_body_words": sum(words) / len(words) if words else None,
        "vocabulary": {"sentences": len(vocabulary.sentences), "titles": len(vocabulary.titles)},
        "migrate_s": migrate_s,
        "import_fixtures_s": import_s,
        "insert_synthetic_s": insert_s,
        "insert_method": "bulk insert with computed treebeard paths (bench/corpus.py)",
    }


def run(args):
    configure_environment(args.workdir)
    import django

    django.setup()
    from django.test.utils import override_settings

    # portal.settings.dev has DEBUG on, which makes Django record every SQL statement:
    # measure as production runs, without that.
    override_settings(DEBUG=False).enable()

    from . import baseline_run, embedded_run
    from .queries import QUERIES, subset

    baseline_run.enable_wagtail_facets()
    result = {"size": args.size, "seed": args.seed, "versions": versions()}
    result["code"] = measured_code()
    result["load_before"] = os.getloadavg()
    result["corpus"] = build_corpus(args.size, args.fixtures, args.seed)
    queries = list(QUERIES)

    result["embedded_rebuild"] = embedded_run.measure_rebuild(not args.no_tracemalloc, log)
    result["load_embedded_queries"] = os.getloadavg()
    result["embedded"] = embedded_run.measure_queries(
        queries, args.rounds, args.service_rounds, log
    )
    log(
        "embedded p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max:.1f} ms".format(**result["embedded"])
    )
    if args.profile:
        result["embedded_profile"] = embedded_run.profile_queries(queries)

    if not args.no_baseline:
        result["load_baseline"] = os.getloadavg()
        baseline = {"update_index": baseline_run.update_wagtail_index(), "variants": []}
        log(f"wagtail update_index: {baseline['update_index']['seconds']:.1f} s")
        plain_count = args.baseline_plain_queries
        if plain_count is None:
            plain_count = len(queries) if args.size <= 1000 else 10
        if plain_count:
            baseline["variants"].append(
                baseline_run.measure_variant(
                    "plain", subset(plain_count), args.baseline_timeout, log
                )
            )
        baseline["analyze_s"] = baseline_run.analyze()
        baseline["variants"].append(
            baseline_run.measure_variant(
                "analyze", subset(args.baseline_queries), args.baseline_timeout, log
            )
        )
        result["baseline"] = baseline
    result["load_after"] = os.getloadavg()
    Path(args.json_out).write_text(
        json.dumps(result, indent=2, ensure_ascii=False, allow_nan=False)
    )


def parser():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--workdir", required=True)
    p.add_argument("--json-out", required=True)
    p.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--service-rounds", type=int, default=2)
    p.add_argument("--baseline-timeout", type=float, default=10.0)
    p.add_argument("--baseline-queries", type=int, default=50)
    p.add_argument("--baseline-plain-queries", type=int, default=None)
    p.add_argument("--no-baseline", action="store_true")
    p.add_argument("--no-tracemalloc", action="store_true")
    p.add_argument("--profile", action="store_true")
    return p


if __name__ == "__main__":
    run(parser().parse_args())
