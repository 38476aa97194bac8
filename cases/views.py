"""Re-confirming a case: an owner says its information still holds, without publishing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from .freshness import confirm_case
from .models import CasePage


@login_required
@require_http_methods(["GET", "POST"])
def confirm_case_view(request, page_id):
    # Unknown ids and pages of other types are both simply "not found".
    page = (
        CasePage.objects.filter(pk=page_id)
        .select_related("latest_revision", "live_revision")
        .first()
    )
    if page is None:
        raise Http404("Praksiseksemplet findes ikke.")
    if not page.permissions_for_user(request.user).can_edit():
        return render(request, "cases/confirm_forbidden.html", {"case": page}, status=403)
    if request.method == "POST":
        confirm_case(page, request.user)
        messages.success(request, "Tak. Oplysningerne er nu bekræftet med dagens dato.")
        # An unpublished case has no public address; its editing page is the way back.
        if page.live:
            return redirect(page.url)
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return render(request, "cases/confirm_case.html", {"case": page, "today": timezone.localdate()})
