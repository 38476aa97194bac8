"""The benchmark's data: a fresh PostgreSQL database with the fixtures and synthetic cases.

Runs in its own Django process (python -m bench.load.dataset), started by bench.load.runner
with the benchmark's environment (DJANGO_SETTINGS_MODULE=portal.settings.production, DATABASE_URL of
the benchmark database, SEARCH_INDEX_PATH in the benchmark's directory). It migrates, imports
fixtures/ (taxonomy, 20 methods, the 31 real cases), adds synthetic cases with bench/corpus.py
(bulk inserts with computed treebeard paths, the same corpus the search benchmark uses),
rebuilds the search index, runs ANALYZE, and writes the URLs the load generator requests."""

import argparse
import json
import time
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"


def log(message):
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}Z] {message}", flush=True)


def build(cases, seed):
    from django.core.management import call_command
    from django.db import connection

    from cases.models import CasePage
    from content.importer import import_content
    from search.sync import rebuild_index

    from ..corpus import insert_cases, load_taxonomy
    from ..synthetic import CaseGenerator
    from ..vocabulary import load_vocabulary

    facts = {}
    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    import_content(str(FIXTURES))
    facts["migrate_and_import_s"] = time.monotonic() - started
    real = CasePage.objects.count()
    generator = CaseGenerator(load_vocabulary(FIXTURES), load_taxonomy(), seed=seed)
    specs = generator.cases(max(0, cases - real))
    started = time.monotonic()
    insert_cases(specs)
    facts["insert_synthetic_s"] = time.monotonic() - started
    seconds = facts["insert_synthetic_s"]
    log(f"{real} rigtige og {len(specs)} syntetiske praksiseksempler ({seconds:.1f} s)")
    started = time.monotonic()
    indexed = rebuild_index()
    facts["rebuild_index_s"] = time.monotonic() - started
    log(f"søgeindeks: {indexed} sider på {facts['rebuild_index_s']:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would have done on a live database
    facts.update(real_cases=real, synthetic_cases=len(specs), indexed=indexed)
    return facts


def _relative(url_path, root_path):
    return "/" + url_path[len(root_path) :] if url_path.startswith(root_path) else url_path


def urls():
    """The URLs of every public case and method, relative to the site root."""
    from wagtail.models import Site

    from cases.models import CasePage
    from methods.models import MethodPage

    root_path = Site.objects.get(is_default_site=True).root_page.url_path
    cases = CasePage.objects.live().public().order_by("pk").values_list("url_path", flat=True)
    methods = MethodPage.objects.live().public().order_by("pk").values_list("url_path", flat=True)
    return {
        "cases": [_relative(path, root_path) for path in cases],
        "methods": [_relative(path, root_path) for path in methods],
    }


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--cases", type=int, required=True)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--urls-only", action="store_true", help="only write the URLs (data exists)")
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args(argv)
    import django

    django.setup()
    facts = {} if args.urls_only else build(args.cases, args.seed)
    found = urls()
    synthetic = sum(1 for url in found["cases"] if "/syntetisk-" in url)
    facts.update(
        cases=len(found["cases"]),
        synthetic_cases=synthetic,
        real_cases=len(found["cases"]) - synthetic,
        reused=args.urls_only,
    )
    args.out.write_text(json.dumps({"facts": facts, "urls": found}))


if __name__ == "__main__":
    main()
