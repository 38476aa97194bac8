"""A followed search as text: the search page's query string (text, facets, `exact`), in one
canonical form so the same search saved twice is one search, and described in Danish for
lists, feed titles and e-mails ("«skole» · Bevægelse: Mestring")."""

from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse

from search.contract import FACETS
from search.facets import facet_values
from search.forms import SearchForm

# Longer than any search a person builds (200 characters of text and a few dozen facet values).
MAX_QUERY_STRING = 2000
EVERYTHING = "Alle praksiseksempler, metoder og erfa-grupper"
# How the results are shown, not what they are: a followed search leaves them out.
IGNORED = ("sort", "page", "page_size")


class InvalidSearch(ValueError):
    """The parameters are not a valid search; `field` and a Danish `message` say why."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


def validated(params):
    """The SearchQuery for request parameters (a QueryDict); raises InvalidSearch."""
    form = SearchForm(params, facet_values())
    if not form.is_valid():
        field, message = form.first_error()
        raise InvalidSearch(None if field == "__all__" else field, message)
    return form.search_query()


def canonical(params):
    """The canonical query string of the search in `params`: text, facets in the facets'
    order with their values sorted, `exact`; page, page size and sort left out (and not
    validated). Raises InvalidSearch."""
    params = params.copy()
    for key in IGNORED:
        params.pop(key, None)
    query = validated(params)
    pairs = [("q", query.text)] if query.text else []
    pairs += [(key, slug) for key in FACETS for slug in sorted(query.selected(key))]
    if query.exact:
        pairs.append(("exact", "1"))
    text = urlencode(pairs)
    if len(text) > MAX_QUERY_STRING:
        raise InvalidSearch(None, "Søgningen er for lang til at blive gemt. Fjern nogle filtre.")
    return text


def params_of(query_string):
    return QueryDict(query_string)


def describe(query_string):
    """The search in words: its text in «», then each facet with the labels of its values."""
    params = params_of(query_string)
    values = facet_values()
    parts = []
    text = params.get("q", "").strip()
    if text:
        parts.append(f"«{text}»")
    for key, label in FACETS.items():
        slugs = params.getlist(key)
        if slugs:
            labels = dict(values.get(key, ()))
            parts.append(f"{label}: {', '.join(labels.get(slug, slug) for slug in slugs)}")
    return " · ".join(parts) or EVERYTHING


def search_path(query_string):
    base = reverse("search:page")
    return f"{base}?{query_string}" if query_string else base
