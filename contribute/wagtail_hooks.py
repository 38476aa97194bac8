"""Submissions in the Wagtail admin (Snippets › "Del et eksempel"): read-only, so editors can
find a submitter's address even when the notification mail was lost. Nothing is added or
edited here; deleting a row (or the draft it belongs to) removes the personal data."""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Submission


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Submissions are written by the public form only: no one adds or changes them here."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class SubmissionViewSet(SnippetViewSet):
    model = Submission
    icon = "mail"
    menu_label = "Del et eksempel"
    add_to_admin_menu = False
    inspect_view_enabled = True
    inspect_view_fields = ["page", "organisation", "contact_email", "created_at"]
    list_display = ["page", "organisation", "contact_email", "created_at"]
    search_fields = ["organisation", "contact_email"]
    ordering = ["-created_at"]

    @property
    def permission_policy(self):
        return ReadOnlyPermissionPolicy(self.model)


register_snippet(SubmissionViewSet)
