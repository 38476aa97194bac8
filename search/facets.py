"""The facets: for each key, the values it can take (slug → label) in the order users expect.

Values come from the taxonomy tables and published methods, so a facet never offers a value
that does not exist, and the API rejects one."""

from django.core.cache import cache

from cases.models import CaseStatus
from methods.models import public_methods
from taxonomy import models as tax

from .contract import FACETS


def _terms(model, order=None):
    queryset = model.objects.all()
    if order:
        queryset = queryset.order_by(*order)
    return [(term.slug, term.name) for term in queryset]


# Every search request needs the facet values; they change only when an editor edits a term or
# publishes a method, so they are kept in the shared cache and dropped on those changes
# (search/signals.py). The timeout bounds staleness where the cache is per process (locmem).
FACET_VALUES_CACHE_KEY = "search:facet-values"
FACET_VALUES_CACHE_SECONDS = 300


def facet_values():
    """{facet key: [(slug, label), ...]} in display order, from the cache when it holds them."""
    values = cache.get(FACET_VALUES_CACHE_KEY)
    if values is None:
        values = load_facet_values()
        cache.set(FACET_VALUES_CACHE_KEY, values, FACET_VALUES_CACHE_SECONDS)
    return values


def forget_facet_values():
    cache.delete(FACET_VALUES_CACHE_KEY)


def load_facet_values():
    """The facet values read from the database: a handful of small queries."""
    return {
        "movement": _terms(tax.Movement),
        "challenge": _terms(tax.Challenge),
        "handlerum": _terms(tax.Handlerum),
        "municipality": _terms(tax.Municipality, ["name"]),
        "region": _terms(tax.Region, ["name"]),
        "target_group": _terms(tax.TargetGroup),
        "sector": _terms(tax.Sector),
        "method": [(m.slug, m.title) for m in public_methods().order_by("title")],
        "evidence": _terms(tax.EvidenceLevel),
        "status": list(CaseStatus.choices),
    }


def facet_lists(result, values=None):
    """The API/page shape: {facet: [{"slug", "label", "count", "selected"}]}.

    A value shows when some case has it under the current query or when it is selected, so a
    selected value with zero hits stays visible and can be removed."""
    values = facet_values() if values is None else values
    lists = {}
    for key in FACETS:
        counts = result.facets.get(key, {})
        selected = set(result.query.selected(key))
        lists[key] = [
            {
                "slug": slug,
                "label": label,
                "count": counts.get(slug, 0),
                "selected": slug in selected,
            }
            for slug, label in values[key]
            if counts.get(slug) or slug in selected
        ]
    return lists
