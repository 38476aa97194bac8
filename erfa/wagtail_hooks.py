"""The "Erfa-grupper" menu in the Wagtail admin: meetings, attachments, members, requests,
posts and profiles. Groups themselves are pages under /erfa-grupper/.

Membership changes made here keep each group's Django group (and so Wagtail's document
privacy) in step, the same way the front end's Membership.add / remove do."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import JoinRequest, Meeting, MeetingDocument, Membership, Post, Profile
from .models.membership import JoinStatus


class MeetingViewSet(SnippetViewSet):
    model = Meeting
    icon = "date"
    list_display = ["title", "group", "starts_at", "members_only", "minutes_public"]
    list_filter = ["members_only", "minutes_public"]
    search_fields = ["title"]
    ordering = ["-starts_at"]


class MeetingDocumentViewSet(SnippetViewSet):
    model = MeetingDocument
    icon = "doc-full"
    menu_label = "Mødebilag"
    list_display = ["document", "meeting", "members_only"]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "group"
    list_display = ["user", "group", "role", "joined_at"]
    list_filter = ["role"]


class JoinRequestViewSet(SnippetViewSet):
    model = JoinRequest
    icon = "mail"
    list_display = ["user", "group", "status", "created_at", "decided_at"]
    list_filter = ["status"]


class PostViewSet(SnippetViewSet):
    model = Post
    icon = "comment"
    list_display = ["__str__", "group", "author", "created_at", "public", "hidden"]
    list_filter = ["public", "hidden"]
    search_fields = ["body"]


class ProfileViewSet(SnippetViewSet):
    model = Profile
    icon = "user"
    list_display = ["user", "municipality"]


class ErfaViewSetGroup(SnippetViewSetGroup):
    menu_label = "Erfa-grupper"
    menu_icon = "group"
    menu_order = 250
    items = (
        MeetingViewSet,
        MeetingDocumentViewSet,
        MembershipViewSet,
        JoinRequestViewSet,
        PostViewSet,
        ProfileViewSet,
    )


register_snippet(ErfaViewSetGroup)


def _sync_members_group(group):
    """The group's Django group holds exactly the users with a membership."""
    if group.members_group_id is None:
        return
    users = get_user_model().objects.filter(erfa_memberships__group=group)
    group.members_group.user_set.set(users)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def membership_or_request_saved(request, instance):
    if isinstance(instance, Membership):
        _sync_members_group(instance.group)
    elif isinstance(instance, JoinRequest) and instance.status == JoinStatus.APPROVED:
        # Approving in the admin has the same effect as on the group page.
        Membership.add(instance.group, instance.user)
        if instance.decided_at is None:
            JoinRequest.objects.filter(pk=instance.pk).update(
                decided_at=timezone.now(), decided_by=request.user
            )


@hooks.register("after_delete_snippet")
def membership_deleted(request, instances):
    groups = {item.group_id: item.group for item in instances if isinstance(item, Membership)}
    for group in groups.values():
        _sync_members_group(group)
