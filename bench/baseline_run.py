"""The baseline: the same query mix through Wagtail's own database search backend.

Each request searches the three types as separate querysets, as a site using stock Wagtail
would: `CasePage.objects.live()` (filters applied first) `.search(text, operator=OPERATOR)`, its
first 20 hits and one `.facet()` per facet Wagtail can count; then `MethodPage` and
`ErfaGroupPage` `.live()` with the filters that apply to them `.search(text, ...)`, first 20
hits each (no facets). The `type` filter picks which of the three run (all three without it); a
type that a selected facet does not apply to is left out (a method has no `status`, a group no
`target_group`), as the embedded index leaves it out.

The operator is Wagtail's default, "or" (any word matches; ranked), the semantics closest to the
embedded backend's forgiving match since issue 10 ("documents matching most words are still
found"). `--baseline-operator and` gives the stricter all-words search the issue-3 figures used:
with it, a misspelt word or a word no document has makes Wagtail's answer empty, and quick.
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
- No typo correction, synonyms or compound splitting; methods and groups are filtered by
  `id__in=` subqueries over the same relations their search documents take facets from.

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


# Facet key -> the lookups (OR-ed) a method or an erfa group has the value through, as its
# search document (search/documents/) takes it; a facet missing here does not apply to the type.
OTHER_TYPES = {
    "method": (
        MethodPage,
        {
            "movement": ["movements__slug__in"],
            "evidence": ["evidence_level__slug__in"],
            "method": ["slug__in"],
            "challenge": ["cases__challenges__slug__in"],
            "handlerum": ["cases__challenges__handlerum__slug__in"],
            "municipality": [
                "cases__municipalities__slug__in",
                "adoptions__municipality__slug__in",
            ],
            "region": [
                "cases__regions__slug__in",
                "cases__municipalities__region__slug__in",
                "adoptions__municipality__region__slug__in",
            ],
            "target_group": ["cases__target_groups__slug__in"],
            "sector": ["cases__sectors__slug__in"],
        },
    ),
    "erfa_group": (
        ErfaGroupPage,
        {
            "movement": ["movements__slug__in"],
            "challenge": ["challenges__slug__in"],
            "handlerum": ["challenges__handlerum__slug__in"],
            "method": ["methods__slug__in"],
            "municipality": ["municipalities__slug__in"],
            "region": ["regions__slug__in", "municipalities__region__slug__in"],
        },
    ),
}
OPERATOR = "or"


def filtered_pages(model, lookups, filters):
    """`model.objects.live()` narrowed by `filters`, or None when a filter does not apply."""
    queryset = model.objects.live()
    for key, values in filters.items():
        if key not in lookups:
            return None
        condition = Q()
        for lookup in lookups[key]:
            condition |= Q(**{lookup: list(values)})
        queryset = queryset.filter(id__in=model.objects.filter(condition).values("pk"))
    return queryset


def request(query, operator=None):
    """One baseline request: first 20 hits of each type + one .facet() per case facet.
    Returns (hits, facets)."""
    operator = operator or OPERATOR
    filters = {key: values for key, values in query.filters.items() if key != "type"}
    types = set(query.filters.get("type") or ("case", *OTHER_TYPES))
    hits, facets = [], {}
    if "case" in types:
        results = filtered_cases(filters).search(query.text or None, operator=operator)
        hits = list(results[:HITS])
        facets = {key: results.facet(name) for key, name in FACET_FIELDS.items()}
    for code, (model, lookups) in OTHER_TYPES.items():
        if code not in types:
            continue
        queryset = filtered_pages(model, lookups, filters)
        if queryset is not None:
            hits += list(queryset.search(query.text or None, operator=operator)[:HITS])
    return hits, facets


def run_queries(queries, timeout, operator=None):
    """Latency in ms per query (math.inf for a timeout), in the order given."""
    samples = []
    for query in queries:
        start = time.perf_counter()
        try:
            with sqlite_deadline(connection, timeout):
                request(query, operator)
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


def measure_variant(name, queries, timeout, log, operator=None):
    operator = operator or OPERATOR
    log(f"baseline {name}: {len(queries)} queries, operator {operator}, timeout {timeout:g} s each")
    samples = run_queries(queries, timeout, operator)
    return {
        "variant": name,
        "operator": operator,
        "queries": [q.label for q in queries],
        "per_query_ms": [None if math.isinf(s) else s for s in samples],
        "timeout_s": timeout,
        **summarise(samples),
    }
