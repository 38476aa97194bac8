"""Admin hooks that keep other municipalities' cases out of a contributor's sight.

The page policy (editorial.permissions) already narrows the explorer, admin search and reports;
these hooks cover the places that list pages without asking it: the page chooser and the admin
API (/admin/api/main/pages/), which builds its own policy object."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.admin.api.views import PagesAdminAPIViewSet

from .permissions import ContributorScopedPagePermissionPolicy, hide_unowned_cases


@hooks.register("construct_explorer_page_queryset")
def explorer_hides_unowned_cases(parent_page, pages, request):
    return hide_unowned_cases(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def chooser_hides_unowned_drafts(pages, request):
    # Live cases may be linked by anyone; unpublished ones only by those who may edit them.
    return hide_unowned_cases(pages, request.user, drafts_only=True)


@hooks.register("before_move_page")
def move_needs_permission_before_confirming(request, page, destination):
    # Wagtail's confirmation page (GET) shows the page before the move action checks anything.
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


class ScopedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    def get_base_queryset(self):
        return ContributorScopedPagePermissionPolicy().explorable_instances(self.request.user)


@hooks.register("construct_admin_api")
def admin_api_hides_unowned_cases(router):
    router.register_endpoint("pages", ScopedPagesAdminAPIViewSet)


@hooks.register("after_edit_page")
def approval_says_published(request, page):
    """Wagtail ends an approval in the page editor with its save message, "Page … has been
    updated" ("opdateret"), even when the approval published the page. Say what happened."""
    if request.method != "POST" or request.POST.get("workflow-action-name") != "approve":
        return None
    page.refresh_from_db(fields=["live", "has_unpublished_changes"])
    if not page.live or page.has_unpublished_changes:
        return None  # approved one step of a longer workflow: not published yet
    queued = list(messages.get_messages(request))  # takes them out of the request
    text = f"»{page.get_admin_display_title()}« er godkendt og udgivet."
    for message in queued:
        if message.level == messages.SUCCESS:
            messages.success(request, text, extra_tags=message.extra_tags)
        else:
            messages.add_message(request, message.level, message.message, message.extra_tags)
    return None
