"""The facets, each defined once: its key (the API parameter, the document field and the
Elasticsearch keyword field), its label, and where its values come from (slug → label, in the
order users expect).

Values come from the taxonomy tables and published methods, so a facet never offers a value
that does not exist, and the API rejects one."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache

from taxonomy import models as tax

# The searchable types as the `type` facet offers them (same codes as contract.DOC_TYPES;
# kept here so this module needs nothing from the contract).
TYPE_VALUES = [("case", "Praksiseksempel"), ("method", "Metode"), ("erfa_group", "Erfa-gruppe")]


def _terms(model, *order):
    queryset = model.objects.all()
    if order:
        queryset = queryset.order_by(*order)
    return [(term.slug, term.name) for term in queryset]


def _methods():
    from methods.models import public_methods

    return [(m.slug, m.title) for m in public_methods().order_by("title")]


def _case_statuses():
    from cases.models import CaseStatus

    return list(CaseStatus.choices)


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    load_values: Callable[[], list]


FACET_DEFINITIONS = (
    Facet("type", "Type", lambda: list(TYPE_VALUES)),
    Facet("movement", "Bevægelse", lambda: _terms(tax.Movement)),
    Facet("challenge", "Udfordring", lambda: _terms(tax.Challenge)),
    Facet("handlerum", "Handlerum", lambda: _terms(tax.Handlerum)),
    Facet("municipality", "Kommune", lambda: _terms(tax.Municipality, "name")),
    Facet("region", "Region", lambda: _terms(tax.Region, "name")),
    Facet("target_group", "Målgruppe", lambda: _terms(tax.TargetGroup)),
    Facet("sector", "Fagområde", lambda: _terms(tax.Sector)),
    Facet("method", "Metode", _methods),
    Facet("evidence", "Evidensniveau", lambda: _terms(tax.EvidenceLevel)),
    Facet("status", "Status", _case_statuses),
)
# Facet key -> label, in display order.
FACETS = {facet.key: facet.label for facet in FACET_DEFINITIONS}


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
    return {facet.key: facet.load_values() for facet in FACET_DEFINITIONS}


def facet_lists(result, values=None):
    """The API/page shape: {facet: [{"slug", "label", "count", "selected"}]}.

    A value shows when some document has it under the current query or when it is selected, so
    a selected value with zero hits stays visible and can be removed."""
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
            for slug, label in values.get(key, ())
            if counts.get(slug) or slug in selected
        ]
    return lists
