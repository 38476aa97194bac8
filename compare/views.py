"""Sammenlign: /sammenlign/?ids=12,34,56 (the page) and /api/compare/?ids=12,34,56 (JSON).

The page works without JavaScript: cases are picked with checkboxes of a GET form (search
results, case cards) or a button on a case page, and more are added from a search on the page
itself. The selection is the URL, so every comparison can be shared as it is."""

from urllib.parse import urlencode

from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from content.sources import describe
from search import service
from search.contract import SearchUnavailable

from . import comparison
from .selection import MAX_CASES, MIN_CASES, ids_param, select, tokens

TEMPLATE = "compare/compare_page.html"
# How many cases the page offers to add, from a search or as similar to the chosen ones.
CANDIDATES = 8


def compare_url(ids, **extra):
    pairs = [("ids", ids_param(ids))] if ids else []
    pairs += [(key, value) for key, value in extra.items() if value]
    base = reverse("compare:page")
    return f"{base}?{urlencode(pairs, safe=',')}" if pairs else base


@require_safe
def compare_page(request):
    selection = select(request.GET, comparison.cases_queryset())
    cases = selection.cases
    ids = selection.ids
    context = {
        "cases": cases,
        "errors": selection.errors,
        "comparable": selection.comparable,
        "columns": [
            {"case": case, "remove_url": compare_url([i for i in ids if i != case.pk])}
            for case in cases
        ],
        "ids_param": ids_param(ids),
        "min_cases": MIN_CASES,
        "max_cases": MAX_CASES,
        "noindex": True,
    }
    if selection.errors:
        context["valid_url"] = compare_url(ids) if cases else ""
        return render(request, TEMPLATE, context, status=400)
    if selection.comparable:
        all_sections = comparison.sections(cases)
        context.update(
            sections=all_sections,
            differences=len(comparison.differences(all_sections)),
            share_url=request.build_absolute_uri(compare_url(ids)),
        )
    status = 200
    if len(cases) < MAX_CASES:
        add = _candidates(request.GET.get("q", ""), cases)
        context["add"] = add
        status = 400 if add["error"] else 200
    return render(request, TEMPLATE, context, status=status)


def _candidates(text, chosen):
    """Cases to add: those the text finds, or else those most like the last chosen case."""
    ids = [case.pk for case in chosen]
    add = {"q": text.strip()[:500], "items": [], "error": "", "unavailable": False}
    try:
        if add["q"]:
            params = QueryDict(mutable=True)
            params.update({"q": text, "type": "case", "page_size": str(CANDIDATES + len(ids))})
            form, result, _ = service.search(params)
            if result is None:
                add["error"] = form.first_error()[1]
                return add
            hits = result.hits
        elif chosen:
            hits = service.similar(chosen[-1], limit=CANDIDATES + len(ids))
        else:
            hits = []
    except SearchUnavailable:
        add["unavailable"] = True
        return add
    add["items"] = [
        {"hit": hit, "add_url": compare_url([*ids, hit.page_id])}
        for hit in hits
        if hit.doc_type == "case" and hit.page_id not in ids
    ][:CANDIDATES]
    return add


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


@require_safe
def compare_api(request):
    if not tokens(request.GET):
        return _error(f"Angiv {MIN_CASES}–{MAX_CASES} praksiseksempler i ids, fx ids=12,34.")
    selection = select(request.GET, comparison.cases_queryset())
    if selection.errors:
        return _error(selection.errors[0])
    if len(selection.cases) < MIN_CASES:
        return _error(f"Vælg mindst {MIN_CASES} praksiseksempler at sammenligne.")
    cases = selection.cases
    all_sections = comparison.sections(cases)
    return _json(
        {
            "ids": selection.ids,
            "url": compare_url(selection.ids),
            "cases": [_case_json(case) for case in cases],
            "differences": comparison.differences(all_sections),
        }
    )


def _error(message):
    return _json({"error": message, "field": "ids"}, status=400)


def _case_json(case):
    return {
        "id": case.pk,
        "title": case.title,
        "url": case.url,
        "summary": case.summary,
        "organisations": case.organisation_refs(),
        "status": _choice(case.status, case.get_status_display()),
        "start_year": case.start_year,
        "archived_on": case.archived_on.isoformat() if case.archived_on else None,
        "evidence": (
            {"slug": case.evidence_level.slug, "name": case.evidence_level.name}
            if case.evidence_level
            else None
        ),
        "cost_band": _choice(case.cost_band, case.get_cost_band_display()),
        "target_groups": [{"slug": t.slug, "name": t.name} for t in case.target_groups.all()],
        "methods": [{"slug": m.slug, "title": m.title, "url": m.url} for m in case.public_methods],
        "contact_organisation": case.contact_organisation,
        "last_confirmed": case.last_confirmed.isoformat(),
        "stale": case.is_stale,
        "dimensions": {
            key: comparison.plain(getattr(case, name) or "")
            for name, key, _label in comparison.DIMENSIONS
        },
        "sources": [
            {
                "document": s.document,
                "title": describe(s.document),
                "locator": s.locator,
                "url": s.url,
            }
            for s in case.sources.all()
        ],
    }


def _choice(code, label):
    return {"code": code, "label": label} if code else None
