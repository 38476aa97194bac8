"""JSON API: GET /api/search/ and GET /api/search/suggest/ (documented in docs/api.md).

Bad input answers 400 {"error", "field"}; an unreachable backend 503; never a 500."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from . import service
from .contract import FACETS, SearchUnavailable
from .forms import CONTROL_CHARS

UNAVAILABLE = "Søgningen er midlertidigt utilgængelig."
MAX_SUGGEST_LENGTH = 100


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(message, field, status=400):
    return _json({"error": message, "field": field}, status=status)


@require_safe
def search_api(request):
    try:
        form, result, facets = service.search(request.GET)
    except SearchUnavailable:
        return service.unavailable(_error(UNAVAILABLE, None, status=503))
    if result is None:
        field, message = form.first_error()
        return _error(message, None if field == "__all__" else field)
    query = result.query
    return _json(
        {
            "query": query.text,
            "total": result.total,
            "page": query.page,
            "page_size": query.page_size,
            "corrected_query": result.corrected_text,
            "results": [
                {
                    "type": hit.doc_type,
                    "title": hit.title,
                    "url": hit.url,
                    "summary": hit.summary,
                    "highlight": hit.highlight,
                    "organisations": [
                        {"slug": org["slug"], "name": org["name"], "code": org["code"]}
                        for org in hit.organisations
                    ],
                    "movements": list(hit.movements),
                    "challenges": list(hit.challenges),
                }
                for hit in result.hits
            ],
            "facets": {key: facets[key] for key in FACETS},
            "backend": result.backend,
        }
    )


@require_safe
def suggest_api(request):
    text = " ".join(CONTROL_CHARS.sub(" ", request.GET.get("q", "")).split())
    if len(text) > MAX_SUGGEST_LENGTH:
        return _error(f"Søgeteksten må højst være {MAX_SUGGEST_LENGTH} tegn.", "q")
    try:
        suggestions = service.suggest(text)
    except SearchUnavailable:
        return service.unavailable(_error(UNAVAILABLE, None, status=503))
    return _json(
        {
            "query": text,
            "suggestions": [{"kind": s.kind, "label": s.label, "url": s.url} for s in suggestions],
        }
    )
