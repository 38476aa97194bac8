"""What the search page and the API call: validate parameters, ask the backend, add labels."""

from django.db.models import Q

from methods.models import public_methods
from taxonomy.models import Municipality

from .analysis import fold, unfold_variants
from .backends import get_backend
from .contract import Suggestion
from .facets import facet_lists, facet_values
from .forms import SearchForm

SUGGESTION_LIMIT = 8


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


def suggest(text, limit=SUGGESTION_LIMIT):
    """Cases (from the index), methods and municipalities whose name starts with `text`
    or has a word starting with it; æ/ø/å and ae/oe/aa match each other."""
    text = " ".join(text.split())[:100]
    if len(text) < 2:
        return []
    cases = get_backend().suggest(text, limit=limit)
    others = [
        Suggestion("method", method.title, method.url)
        for method in public_methods().filter(_starts(text, "title")).order_by("title")[:limit]
    ] + [
        Suggestion("municipality", f"{m.name} Kommune", m.get_absolute_url())
        for m in Municipality.objects.filter(_starts(text, "name")).order_by("name")[:limit]
    ]
    return (cases + others)[:limit]


def _starts(text, field):
    """Name starts with the text, or a later word does; tried with æ/ø/å both ways."""
    variants = unfold_variants(text) | {fold(text)}
    condition = Q()
    for variant in variants:
        condition |= Q(**{f"{field}__istartswith": variant})
        condition |= Q(**{f"{field}__icontains": f" {variant}"})
    return condition
