"""The search outbox report in the Wagtail admin (Rapporter → Søgeindeks)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import VIEW_PERMISSION, index_changes


@hooks.register("register_admin_urls")
def register_urls():
    return [path("soegeindeks/", index_changes, name="search_index_changes")]


class IndexChangesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_report():
    return IndexChangesMenuItem(
        "Søgeindeks: ventende og fejlede ændringer",
        reverse("search_index_changes"),
        icon_name="warning",
        order=900,
    )
