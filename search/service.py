"""What the search page, the API and the page templates call: validate parameters, ask the
backend, add labels."""

import logging

from django.db.models import Q

from taxonomy.models import Municipality

from .analysis import fold, unfold_variants
from .backends import get_backend
from .contract import SIMILAR_LIMIT, SearchUnavailable, Suggestion
from .facets import facet_lists, facet_values
from .forms import SearchForm

SUGGESTION_LIMIT = 8
# A search outage answers 503 with these: crawlers and proxies come back later and keep no copy.
RETRY_AFTER_SECONDS = 30
logger = logging.getLogger(__name__)


def search(params):
    """(form, result, facets) for request parameters (a QueryDict).

    When the form is invalid, result and facets are None: the caller reports form.errors.
    Raises SearchUnavailable when the backend cannot be reached."""
    values = facet_values()
    form = SearchForm(params, values)
    if not form.is_valid():
        return form, None, None
    result = get_backend().search(form.search_query())
    return form, result, facet_lists(result, values)


def unavailable(response):
    """The headers of a 503 for an unavailable search (page or API)."""
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def similar(page, limit=SIMILAR_LIMIT, doc_types=("case",)):
    """The public documents most like this page (never the page itself); [] when the search
    cannot answer, since the block is a help on a page that must render regardless."""
    try:
        hits = get_backend().similar(page.pk, limit=limit, doc_types=doc_types)
    except SearchUnavailable as exc:
        logger.warning("Similar documents unavailable for page %s: %s", page.pk, exc)
        return []
    return [hit for hit in hits if hit.page_id != page.pk]


def suggest(text, limit=SUGGESTION_LIMIT):
    """Methods, cases and erfa groups (from the index) and municipalities whose name starts
    with `text` or has a word starting with it; æ/ø/å and ae/oe/aa match each other. Methods
    come first: a method name is what people most often begin to type."""
    text = " ".join(text.split())[:100]
    if len(text) < 2:
        return []
    documents = get_backend().suggest(text, limit=limit * 2)
    order = {"method": 0, "erfa_group": 1, "case": 2}
    documents.sort(key=lambda s: order.get(s.kind, 3))
    municipalities = [
        Suggestion("municipality", f"{m.name} Kommune", m.get_absolute_url())
        for m in Municipality.objects.filter(_starts(text, "name")).order_by("name")[:limit]
    ]
    # Keep room for a municipality whenever one matches.
    documents = documents[: limit - min(len(municipalities), 2)]
    return (documents + municipalities)[:limit]


def _starts(text, field):
    """Name starts with the text, or a later word does; tried with æ/ø/å both ways."""
    variants = unfold_variants(text) | {fold(text)}
    condition = Q()
    for variant in variants:
        condition |= Q(**{f"{field}__istartswith": variant})
        condition |= Q(**{f"{field}__icontains": f" {variant}"})
    return condition
