"""The "Erfa-grupper" menu in the Wagtail admin: meetings, attachments, members, requests,
posts and profiles. Groups themselves are pages under /erfa-grupper/.

Membership changes made here keep each group's Django group (and so Wagtail's document
privacy) in step, the same way the front end's Membership.add / remove do."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import JoinRequest, Meeting, MeetingDocument, Membership, Post, Profile
from .models.membership import JoinStatus


def _group_panel():
    # The group as a plain list of the erfa-groups (Danish label), not a page chooser.
    return FieldPanel("group", heading="Erfa-gruppe", widget=forms.Select)


GROUP_COLUMN = Column("group", label="Erfa-gruppe")
USER_COLUMN = Column("user", label="Bruger")


class MeetingViewSet(SnippetViewSet):
    model = Meeting
    icon = "date"
    list_display = ["title", GROUP_COLUMN, "starts_at", "members_only", "minutes_public"]
    panels = [
        _group_panel(),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("place"),
        FieldPanel("online_url"),
        FieldPanel("agenda"),
        FieldPanel("minutes"),
        FieldPanel("members_only"),
        FieldPanel("minutes_public"),
    ]
    list_filter = ["members_only", "minutes_public"]
    search_fields = ["title"]
    ordering = ["-starts_at"]


class MeetingDocumentViewSet(SnippetViewSet):
    model = MeetingDocument
    icon = "doc-full"
    menu_label = "Mødebilag"
    list_display = [
        Column("document", label="Dokument"),
        Column("meeting", label="Møde"),
        "members_only",
    ]
    panels = [
        FieldPanel("meeting", heading="Møde"),
        FieldPanel("document", heading="Dokument"),
        FieldPanel("members_only"),
    ]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "group"
    list_display = [USER_COLUMN, GROUP_COLUMN, "role", "joined_at"]
    list_filter = ["role"]
    panels = [
        FieldPanel("user", heading="Bruger"),
        _group_panel(),
        FieldPanel("role"),
        FieldPanel("joined_at"),
    ]


class JoinRequestViewSet(SnippetViewSet):
    model = JoinRequest
    icon = "mail"
    list_display = [
        USER_COLUMN,
        GROUP_COLUMN,
        Column("status", label="Status", accessor="get_status_display"),
        DateColumn("created_at", label="Sendt"),
        DateColumn("decided_at", label="Afgjort"),
    ]
    list_filter = ["status"]
    panels = [
        FieldPanel("user", heading="Bruger"),
        _group_panel(),
        FieldPanel("motivation"),
        FieldPanel("status", heading="Status"),
    ]


class PostViewSet(SnippetViewSet):
    model = Post
    icon = "comment"
    list_display = [
        Column("__str__", label="Opslag"),
        GROUP_COLUMN,
        Column("author", label="Skrevet af"),
        DateColumn("created_at", label="Skrevet"),
        "public",
        "hidden",
    ]
    panels = [
        _group_panel(),
        FieldPanel("author", heading="Skrevet af"),
        FieldPanel("body"),
        FieldPanel("public"),
        FieldPanel("hidden"),
    ]
    list_filter = ["public", "hidden"]
    search_fields = ["body"]


class ProfileViewSet(SnippetViewSet):
    model = Profile
    icon = "user"
    list_display = [USER_COLUMN, "municipality"]
    panels = [FieldPanel("user", heading="Bruger"), FieldPanel("municipality")]


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
