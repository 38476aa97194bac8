"""The search page /soeg/: server-rendered, works without JavaScript; the GET parameters are the
whole state, so every result page can be shared. search.js only makes it quicker."""

from html import unescape
from urllib.parse import urlencode

from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import strip_tags
from django.views.decorators.http import require_safe

from taxonomy.models import Movement

from . import page_extensions, service
from .contract import DEFAULT_PAGE_SIZE, FACETS, SORTS, SearchUnavailable
from .forms import CONTROL_CHARS

# Facet groups with more values than this are folded into <details> (open when one is chosen).
COLLAPSE_AFTER = 8
# How many methods the zero-result page offers for the same text.
RELATED_METHODS = 5
FIELD_LABELS = {
    "q": "Søgetekst",
    "sort": "Sortering",
    "page": "Side",
    "page_size": "Antal pr. side",
    **FACETS,
}
TEMPLATE = "search/search_page.html"


@require_safe
def search_page(request):
    base = reverse("search:page")
    try:
        form, result, facets = service.search(request.GET)
    except SearchUnavailable:
        context = {"unavailable": True, "q": _raw_text(request), "noindex": True}
        return service.unavailable(render(request, TEMPLATE, context, status=503))
    if result is None:
        context = {
            "errors": _errors(form),
            "q": _raw_text(request),
            "q_invalid": "q" in form.errors,
            "noindex": True,
        }
        return render(request, TEMPLATE, context, status=400)

    query = result.query
    state = _state(query, explicit_page_size="page_size" in request.GET)
    corrected = result.corrected_text if not query.exact else ""
    facet_groups = [
        {
            "key": key,
            "label": label,
            "items": facets[key],
            "selected_count": len(query.selected(key)),
            "collapsible": len(facets[key]) > COLLAPSE_AFTER,
        }
        for key, label in FACETS.items()
        if facets[key]
    ]
    labels = {(key, item["slug"]): item["label"] for key in FACETS for item in facets[key]}
    chips = [
        {
            "label": labels.get((key, slug), slug),
            "facet": FACETS[key],
            "url": _url(base, [pair for pair in state if pair != (key, slug)]),
        }
        for key, slug in state
        if key in FACETS
    ]
    context = {
        "result": result,
        "hits": [_hit(hit, query.text) for hit in result.hits],
        "q": query.text,
        "sorts": _sorts(query.sort),
        "facet_groups": facet_groups,
        "chips": chips,
        "clear_url": _url(base, [pair for pair in state if pair[0] not in FACETS]),
        "pagination": _pagination(base, state, query.page, result.pages),
        "beyond_end": result.total > 0 and not result.hits,
        "first_page_url": _url(base, state),
        "has_filters": bool(chips),
        "selected_count": len(chips),
        "corrected": corrected,
        "exact": query.exact,
        "exact_url": _url(base, [*state, ("exact", "1")]) if corrected else "",
        "status_text": corrected or query.text,
        "movements": Movement.objects.all() if result.total == 0 else (),
        "page_size": query.page_size if "page_size" in request.GET else None,
        "noindex": bool(query.text or chips or query.page > 1 or query.exact),
        # What feature apps add to the page (search/page_extensions.py).
        "extensions": page_extensions.templates(),
        "search_query_string": urlencode(
            [pair for pair in state if pair[0] not in ("sort", "page_size")]
        ),
    }
    if result.total == 0 and not context["beyond_end"]:
        context["zero"] = _zero_result_help(base, request.GET, query, state, corrected, labels)
    return render(request, TEMPLATE, context)


def _zero_result_help(base, params, query, state, corrected, labels):
    """What the page offers when nothing matched: the corrected query (when the words were
    searched as typed), methods for the same text without the filters, and the one selected
    facet whose removal gives the most results. Each is one more search; a backend that goes
    away meanwhile only takes the extra help with it."""
    zero = {"suggestion": None, "methods": [], "drop": None}
    try:
        if query.exact and query.text:
            _, probe, _ = service.search(_params(params, drop=("exact", "page")))
            if probe is not None and probe.corrected_text and probe.total:
                pairs = [("q", probe.corrected_text)]
                pairs += [pair for pair in state if pair[0] not in ("q", "exact")]
                zero["suggestion"] = {"text": probe.corrected_text, "url": _url(base, pairs)}
        text = corrected or query.text
        if text:
            related = QueryDict(mutable=True)
            related.update({"q": text, "type": "method", "page_size": str(RELATED_METHODS)})
            _, methods, _ = service.search(related)
            if methods is not None:
                zero["methods"] = methods.hits
        zero["drop"] = _broadest_drop(base, params, query, state, labels)
    except SearchUnavailable:
        pass
    return zero


def _broadest_drop(base, params, query, state, labels):
    """The selected facet whose removal gives the most results: {"label", "values", "url",
    "total"}; None when no facet is selected or dropping any one still finds nothing."""
    best = None
    for key in FACETS:
        selected = query.selected(key)
        if not selected:
            continue
        _, result, _ = service.search(_params(params, drop=(key, "page"), page_size=1))
        if result is None or not result.total or (best and result.total <= best["total"]):
            continue
        best = {
            "label": FACETS[key],
            "values": [labels.get((key, slug), slug) for slug in selected],
            "url": _url(base, [pair for pair in state if pair[0] != key]),
            "total": result.total,
        }
    return best


def _params(params, drop=(), page_size=None):
    """A copy of the request parameters without `drop`, optionally with another page size."""
    copy = params.copy()
    for key in drop:
        copy.pop(key, None)
    if page_size is not None:
        copy["page_size"] = str(page_size)
    return copy


def _hit(hit, text):
    """A hit for the template. When the highlight is the whole summary with words marked, it is
    shown instead of the summary rather than repeating it."""
    highlight = hit.highlight if text else ""
    # The snippet ends at the last word, so the summary's final full stop is not compared.
    whole_summary = bool(highlight) and _plain(highlight).rstrip(".!?") == " ".join(
        hit.summary.split()
    ).rstrip(".!?")
    return {"hit": hit, "highlight": highlight, "summary_marked": whole_summary}


def _plain(html):
    return " ".join(unescape(strip_tags(html)).split())


def _raw_text(request):
    return CONTROL_CHARS.sub(" ", request.GET.get("q", "")[:500])


def _sorts(current):
    current = current or "relevance"
    return [
        {"value": key, "label": label, "selected": key == current} for key, label in SORTS.items()
    ]


def _errors(form):
    return [
        f"{FIELD_LABELS.get(field, 'Søgningen')}: {message}"
        for field, messages in form.errors.items()
        for message in messages
    ]


def _state(query, explicit_page_size=False):
    """The canonical parameters of a search, without the page: [(name, value)]."""
    pairs = [("q", query.text)] if query.text else []
    pairs += [(key, slug) for key in FACETS for slug in query.selected(key)]
    if query.sort != "relevance":
        pairs.append(("sort", query.sort))
    if query.exact:
        pairs.append(("exact", "1"))
    if explicit_page_size and query.page_size != DEFAULT_PAGE_SIZE:
        pairs.append(("page_size", str(query.page_size)))
    return pairs


def _url(base, pairs, page=1):
    if page > 1:
        pairs = [*pairs, ("page", str(page))]
    return f"{base}?{urlencode(pairs)}" if pairs else base


def _pagination(base, state, current, pages):
    """Links for the first and last page and a window around the current one."""
    if pages <= 1:
        return None
    numbers = sorted({1, pages, *range(max(1, current - 2), min(pages, current + 2) + 1)})
    links, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            links.append({"gap": True})
        links.append(
            {"number": number, "url": _url(base, state, number), "current": number == current}
        )
        previous = number
    return {
        "links": links,
        "previous": _url(base, state, min(current - 1, pages)) if current > 1 else None,
        "next": _url(base, state, current + 1) if current < pages else None,
        "current": current,
        "pages": pages,
    }
