"""Access requests in the Wagtail admin (menu "Anmodninger om adgang"): editors see every
verified request, a coordinator sees the membership-only requests for their own groups. Each
pending request is approved or rejected with one button in the list (or on its own page). The
requests are never added or edited here: they come from the public form."""

from django.contrib import messages
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .decisions import NotPending, approve, decidable_by, is_decider, reject
from .models import AccessRequest, Status

MAIL_FAILED = "Afgørelsen er gemt, men e-mailen til ansøgeren kunne ikke sendes."


class DeciderPermissionPolicy(ModelPermissionPolicy):
    """Deciders may view; no one adds, changes or deletes requests in the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and is_decider(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        if action != "view":
            return self.model.objects.none()
        return decidable_by(user)


class DecisionColumn(Column):
    cell_template_name = "accounts/admin/decision_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        # The table's cells are rendered without the request context: fetch the token here.
        context["csrf_token"] = get_token(parent_context["request"])
        context["pending"] = instance.status == Status.PENDING
        return context


class AccessRequestIndexView(generic.IndexView):
    def get_base_queryset(self):
        return decidable_by(self.request.user).order_by("-created_at")


class AccessRequestInspectView(generic.InspectView):
    template_name = "accounts/admin/inspect.html"

    def get_base_object_queryset(self):
        return decidable_by(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pending"] = self.object.status == Status.PENDING
        return context


@require_POST
def decide(request, pk, decision):
    if decision not in ("godkend", "afvis"):
        raise Http404
    access_request = get_object_or_404(decidable_by(request.user), pk=pk)
    try:
        if decision == "godkend":
            user, sent = approve(access_request, request.user)
            messages.success(
                request,
                f"{access_request.name} har nu adgang. Vi har sendt en e-mail med et link til at "
                "vælge adgangskode.",
            )
        else:
            sent = reject(access_request, request.user)
            messages.success(
                request,
                f"Anmodningen fra {access_request.name} er afvist. Ansøgeren har fået besked.",
            )
    except NotPending:
        messages.error(request, "Anmodningen er allerede afgjort.")
        return redirect("access_requests:index")
    if sent is None:
        messages.warning(request, MAIL_FAILED)
    return redirect("access_requests:index")


class AccessRequestViewSet(ModelViewSet):
    model = AccessRequest
    icon = "mail"
    menu_label = "Anmodninger om adgang"
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "anmodninger-om-adgang"
    name = "access_requests"
    index_view_class = AccessRequestIndexView
    inspect_view_class = AccessRequestInspectView
    inspect_view_enabled = True
    exclude_form_fields = []
    list_filter = ["status", "purpose"]
    search_fields = ["name", "email"]
    inspect_view_fields = [
        "name", "email", "organisation_display", "purpose", "erfa_group", "note", "status",
        "created_at", "verified_at", "decided_at", "decided_by", "user",
    ]  # fmt: skip

    @property
    def permission_policy(self):
        return DeciderPermissionPolicy(self.model)

    @property
    def list_display(self):
        return [
            "name",
            "email",
            Column("organisation_display", label="Kommune eller region"),
            Column("purpose", label="Ønsker adgang som", accessor="get_purpose_display"),
            Column("erfa_group", label="Erfa-gruppe"),
            Column("status", label="Status", accessor="get_status_display"),
            DateColumn("created_at", label="Modtaget"),
            DecisionColumn("decision", label="Afgørelse"),
        ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/<str:decision>/", decide, name="decide"),
        ]
