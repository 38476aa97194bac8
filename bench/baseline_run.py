"""The baseline: the same query mix through Wagtail's own database search backend.

Each request is `CasePage.objects.live()` (filters applied first) `.search(text,
operator="and")`, its first 20 hits, and one `.facet()` per facet Wagtail can count; plus, when
the query has no facet filter other than `type`, the first 20 hits of `MethodPage` and
`ErfaGroupPage` `.live().search(text, operator="and")` (one query each, no facets), so stock
Wagtail also looks for methods and erfa groups. The `type` filter picks which of the three
searches run (all three without it); a query filtered on any other facet searches cases only.
Wagtail facets only fields declared as `index.FilterField`; CasePage declares none of ours (the
portal does not facet through Wagtail), so `enable_wagtail_facets` adds them in this process
only.

What the baseline computes, compared with the embedded backend:
- 9 of the 10 facet lists: status, evidence level (`evidence_level_id`, the `_id` name a
  ForeignKey needs) and the seven many-to-many tags. Handlerum cannot be faceted (it sits on
  the challenge, not on the case), and the region list counts only directly tagged regions
  (the embedded index also counts a municipality's region).
- Counts are plain counts over the filtered result, not disjunctive (that would take one more
  search per selected facet): less work than the embedded backend does.
- Counts are raw ids (a None bucket for empty many-to-many), no labels; no highlighting.
- Many-to-many filters go through `id__in=` subqueries on the through tables (Wagtail raises
  FilterFieldError on a many-to-many filter before `.search()`).
- No prefix matching and no Danish stemming: Wagtail's SQLite backend matches whole words.
- No typo correction, synonyms or partial matching: with `operator="and"` a misspelt word or a
  word no document has makes the answer empty, and quick.

A request that runs past the timeout is interrupted (SQLite progress handler) and counted as
a timeout, never given a made-up time."""

import math
import time

from django.core.management import call_command
from django.db import OperationalError, connection
from django.db.models import Q
from wagtail.search import index

from cases.models import CasePage
from erfa.models import ErfaGroupPage
from methods.models import MethodPage
from taxonomy import models as tax

from .measure import RssSampler, sqlite_deadline, summarise, timed

HITS = 20
# Embedded facet key -> the name `.facet()` takes.
FACET_FIELDS = {
    "movement": "movements",
    "challenge": "challenges",
    "municipality": "municipalities",
    "region": "regions",
    "target_group": "target_groups",
    "sector": "sectors",
    "method": "methods",
    "evidence": "evidence_level_id",
    "status": "status",
}
# Facet key -> (through table lookup from a case, slug lookup on the through row).
M2M_FILTERS = {
    "movement": ("movements", "movement__slug__in"),
    "challenge": ("challenges", "challenge__slug__in"),
    "handlerum": ("challenges", "challenge__handlerum__slug__in"),
    "municipality": ("municipalities", "municipality__slug__in"),
    "target_group": ("target_groups", "targetgroup__slug__in"),
    "sector": ("sectors", "sector__slug__in"),
    "method": ("methods", "methodpage__slug__in"),
}


def enable_wagtail_facets():
    """Declare the FilterFields Wagtail needs to filter and facet on our fields (this process
    only; call before the first search)."""
    names = ["status", "evidence_level", *FACET_FIELDS.values()]
    declared = {f.field_name for f in CasePage.search_fields}
    CasePage.search_fields = CasePage.search_fields + [
        index.FilterField(name) for name in names if name not in declared and "_id" not in name
    ]


def _through_ids(field, lookup, values):
    through = getattr(CasePage, field).through
    return through.objects.filter(**{lookup: values}).values("casepage_id")


def filtered_cases(filters):
    queryset = CasePage.objects.live()
    for key, values in filters.items():
        values = list(values)
        if key in M2M_FILTERS:
            queryset = queryset.filter(id__in=_through_ids(*M2M_FILTERS[key], values))
        elif key == "region":
            # A region's cases: tagged with the region, or with one of its municipalities.
            tagged = Q(regions__slug__in=values) | Q(municipalities__region__slug__in=values)
            queryset = queryset.filter(id__in=CasePage.objects.filter(tagged).values("pk"))
        elif key == "status":
            queryset = queryset.filter(status__in=values)
        elif key == "evidence":
            ids = list(tax.EvidenceLevel.objects.filter(slug__in=values).values_list("pk"))
            queryset = queryset.filter(evidence_level__in=[pk for (pk,) in ids])
        else:
            raise ValueError(f"Unknown facet {key}")
    return queryset


OTHER_TYPES = {"method": MethodPage, "erfa_group": ErfaGroupPage}


def request(query):
    """One baseline request: first 20 hits + one .facet() per facet. Returns (hits, facets)."""
    filters = {key: values for key, values in query.filters.items() if key != "type"}
    types = set(query.filters.get("type") or ("case", *OTHER_TYPES))
    hits, facets = [], {}
    if "case" in types:
        results = filtered_cases(filters).search(query.text or None, operator="and")
        hits = list(results[:HITS])
        facets = {key: results.facet(name) for key, name in FACET_FIELDS.items()}
    if not filters:
        for code, model in OTHER_TYPES.items():
            if code in types:
                hits += list(model.objects.live().search(query.text or None, operator="and")[:HITS])
    return hits, facets


def run_queries(queries, timeout):
    """Latency in ms per query (math.inf for a timeout), in the order given."""
    samples = []
    for query in queries:
        start = time.perf_counter()
        try:
            with sqlite_deadline(connection, timeout):
                request(query)
            samples.append((time.perf_counter() - start) * 1000)
        except OperationalError as exc:
            if "interrupted" not in str(exc):
                raise
            samples.append(math.inf)
    return samples


def update_wagtail_index():
    with RssSampler() as rss:
        _, seconds = timed(call_command, "update_index", verbosity=0)
    return {"seconds": seconds, **rss.result()}


def analyze():
    def run():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    _, seconds = timed(run)
    return seconds


def measure_variant(name, queries, timeout, log):
    log(f"baseline {name}: {len(queries)} queries, timeout {timeout:g} s each")
    samples = run_queries(queries, timeout)
    return {
        "variant": name,
        "queries": [q.label for q in queries],
        "per_query_ms": [None if math.isinf(s) else s for s in samples],
        "timeout_s": timeout,
        **summarise(samples),
    }
