"""The admin report "Søgeindeks: ventende og fejlede ændringer": what waits in the search
outbox and what the index refused, with the error text, and "Prøv igen"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.models import Page

from . import outbox
from .models import IndexChange

VIEW_PERMISSION = "search.view_indexchange"
RETRY_PERMISSION = "search.change_indexchange"
SHOWN = 200


def index_changes(request):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    if request.method == "POST":
        return _retry(request)
    rows = list(IndexChange.objects.order_by("state", "pk")[:SHOWN])
    pages = Page.objects.in_bulk({row.page_id for row in rows})
    return TemplateResponse(
        request,
        "search/admin/index_changes.html",
        {
            "rows": [(row, pages.get(row.page_id)) for row in rows],
            "summary": outbox.summary(),
            "may_retry": request.user.has_perm(RETRY_PERMISSION),
            "header_title": "Søgeindeks: ventende og fejlede ændringer",
        },
    )


def _retry(request):
    if not request.user.has_perm(RETRY_PERMISSION):
        raise PermissionDenied
    if request.POST.get("all"):
        ids = list(IndexChange.objects.values_list("pk", flat=True))
    else:
        ids = [int(pk) for pk in request.POST.getlist("change") if pk.isdigit()]
    report = outbox.retry_now(ids)
    if report.sent:
        messages.success(request, f"{len(report.sent)} sider er nu opdateret i søgeindekset.")
    if report.failed:
        messages.error(request, f"{len(report.failed)} sider blev afvist igen; se fejlen.")
    if report.unavailable or report.retrying:
        messages.warning(
            request,
            "Søgeindekset kunne ikke tage imod ændringerne endnu; de prøves igen automatisk.",
        )
    return redirect("search_index_changes")
