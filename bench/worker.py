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
    """Short hashes of the search code measured (others edit it while benchmarks run): every
    .py file under search/ except migrations and tests, and one hash over all of them."""
    root = Path(__file__).resolve().parent.parent / "search"
    files = sorted(
        path for path in root.rglob("*.py") if "migrations" not in path.parts and path.is_file()
    )
    hashes = {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        for path in files
    }
    total = hashlib.sha256("".join(f"{k}:{v}\n" for k, v in hashes.items()).encode())
    return {"all": total.hexdigest()[:12], **hashes}


def build_corpus(size, fixtures, seed, methods=0, groups=0):
    """Migrate, import the fixtures (taxonomy, 20 methods, the real cases) and the erfa-group
    pages (fixtures/erfa, as `setup_demo_erfa --groups-only`), add synthetic methods until there
    are `methods`, synthetic cases until there are `size` cases, then synthetic erfa groups
    until there are `groups` (tagged with those methods and cases). Returns corpus facts."""
    from django.core.management import call_command

    from cases.models import CasePage
    from content.importer import import_content
    from erfa.demo import setup_demo_erfa
    from erfa.models import ErfaGroupPage
    from methods.models import MethodPage

    from .corpus import (
        insert_cases,
        insert_groups,
        insert_methods,
        load_taxonomy,
        region_of_municipality,
    )
    from .measure import timed
    from .synthetic import CaseGenerator, PageGenerator
    from .vocabulary import load_vocabulary

    _, migrate_s = timed(call_command, "migrate", verbosity=0)
    _, import_s = timed(import_content, str(fixtures))
    _, erfa_s = timed(setup_demo_erfa, fixtures / "erfa", with_demo_data=False)
    real = CasePage.objects.count()
    real_methods = MethodPage.objects.live().public().count()
    real_groups = ErfaGroupPage.objects.live().public().count()
    vocabulary = load_vocabulary(fixtures)
    regions = region_of_municipality()
    pages = PageGenerator(vocabulary, load_taxonomy(), seed=seed, region_of=regions)
    method_specs = pages.methods(max(0, methods - real_methods))
    _, methods_s = timed(insert_methods, method_specs)
    # Cases are tagged with the synthetic methods too, so each method has cases using it.
    generator = CaseGenerator(vocabulary, load_taxonomy(), seed=seed)
    specs = generator.cases(max(0, size - real))
    _, insert_s = timed(insert_cases, specs)
    case_slugs = list(CasePage.objects.order_by("pk").values_list("slug", flat=True))
    pages.taxonomy = load_taxonomy()
    pages.method_order = list(pages.taxonomy.methods)
    pages.rng.shuffle(pages.method_order)
    group_specs = pages.groups(max(0, groups - real_groups), case_slugs)
    _, groups_s = timed(insert_groups, group_specs)
    total = CasePage.objects.live().public().count()
    total_methods = MethodPage.objects.live().public().count()
    total_groups = ErfaGroupPage.objects.live().public().count()
    log(
        f"corpus: {total} cases ({real} real, {len(specs)} synthetic in {insert_s:.1f} s), "
        f"{total_methods} methods ({len(method_specs)} synthetic), "
        f"{total_groups} erfa groups ({len(group_specs)} synthetic)"
    )
    words = [spec.body_words for spec in specs]
    return {
        "cases": total,
        "real_cases": real,
        "synthetic_cases": len(specs),
        "methods": total_methods,
        "real_methods": real_methods,
        "synthetic_methods": len(method_specs),
        "erfa_groups": total_groups,
        "real_erfa_groups": real_groups,
        "synthetic_erfa_groups": len(group_specs),
        "mean_body_words": sum(words) / len(words) if words else None,
        "vocabulary": {"sentences": len(vocabulary.sentences), "titles": len(vocabulary.titles)},
        "migrate_s": migrate_s,
        "import_fixtures_s": import_s,
        "import_erfa_groups_s": erfa_s,
        "insert_synthetic_s": insert_s,
        "insert_synthetic_methods_s": methods_s,
        "insert_synthetic_groups_s": groups_s,
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
    from .measure import summarise
    from .queries import MIX, SUGGEST_PREFIXES, subset

    baseline_run.enable_wagtail_facets()
    result = {"size": args.size, "seed": args.seed, "versions": versions()}
    result["code"] = measured_code()
    result["load_before"] = os.getloadavg()
    result["corpus"] = build_corpus(args.size, args.fixtures, args.seed, args.methods, args.groups)
    queries = list(MIX)

    result["embedded_rebuild"] = embedded_run.measure_rebuild(not args.no_tracemalloc, log)
    result["load_embedded_queries"] = os.getloadavg()
    result["embedded"] = embedded_run.measure_queries(
        queries, args.rounds, args.service_rounds, log
    )
    log(
        "embedded p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max:.1f} ms".format(**result["embedded"])
    )
    if args.suggest_rounds:
        result["suggest"] = embedded_run.measure_suggest(
            list(SUGGEST_PREFIXES), args.suggest_rounds, log
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
        analyzed_count = args.baseline_queries
        if analyzed_count is None:
            analyzed_count = len(queries) if args.size <= 1000 else 30
        if plain_count:
            baseline["variants"].append(
                baseline_run.measure_variant(
                    "plain",
                    subset(plain_count, queries),
                    args.baseline_timeout,
                    log,
                    args.baseline_operator,
                )
            )
        baseline["analyze_s"] = baseline_run.analyze()
        analyzed = subset(analyzed_count, queries)
        baseline["variants"].append(
            baseline_run.measure_variant(
                "analyze", analyzed, args.baseline_timeout, log, args.baseline_operator
            )
        )
        # The embedded figures on exactly the baseline's queries, for a like-for-like ratio.
        labels = {q.label for q in analyzed}
        same = [
            ms
            for q, measured in zip(queries, result["embedded"]["per_query"], strict=True)
            if q.label in labels
            for ms in measured["samples_ms"]
        ]
        result["embedded_on_baseline_queries"] = summarise(same)
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
    p.add_argument("--baseline-queries", type=int, default=None)
    p.add_argument("--baseline-operator", choices=("or", "and"), default="or")
    p.add_argument("--methods", type=int, default=40)
    p.add_argument("--groups", type=int, default=20)
    p.add_argument("--suggest-rounds", type=int, default=5)
    p.add_argument("--baseline-plain-queries", type=int, default=None)
    p.add_argument("--no-baseline", action="store_true")
    p.add_argument("--no-tracemalloc", action="store_true")
    p.add_argument("--profile", action="store_true")
    return p


if __name__ == "__main__":
    run(parser().parse_args())
