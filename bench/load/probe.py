"""One request at a time, without the page cache: time, SQL queries and size of each kind of page.

Run by bench.load.runner after the load phases, in its own Django process with the benchmark's
environment and PRAKSISBANKEN_PAGE_CACHE_SECONDS=0, through Django's test client (the whole
middleware and view stack, no network). It explains the load figures: which pages are
expensive to render and whether their query count depends on the corpus."""

import argparse
import json
import time
from pathlib import Path

ROUNDS = 3  # the best of these is reported: the cost without interference from other processes


def probe_urls(urls):
    cases, methods = urls["cases"], urls["methods"]
    return {
        "home": "/",
        "case_index": "/praksiseksempler/",
        "case_page": cases[len(cases) // 2],
        "method_page": methods[0],
        "search_facets": "/soeg/?q=borgeren&movement=mestring",
        "api_pages": "/api/v2/pages/?type=cases.CasePage&offset=100",
        "api_search": "/api/search/?q=tilbud&status=i-drift",
    }


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dataset", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args(argv)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for kind, url in probe_urls(json.loads(args.dataset.read_text())["urls"]).items():
        client.get(url)  # first use: imports, templates, search snapshot
        times, queries = [], None
        for _ in range(ROUNDS):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            queries = len(captured)
        results[kind] = {
            "url": url,
            "status": response.status_code,
            "best_ms": min(times),
            "queries": queries,
            "bytes": len(response.content),
        }
    args.out.write_text(json.dumps(results))


if __name__ == "__main__":
    main()
