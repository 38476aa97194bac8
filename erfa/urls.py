"""Front-end actions of erfa-groups. The group pages themselves are Wagtail pages at
/erfa-grupper/<slug>/; these paths sit beside them and are matched first."""

from django.urls import path

from . import feeds, views

app_name = "erfa"

urlpatterns = [
    # Personal calendar (members): manage and the secret feed itself.
    path("erfa-grupper/kalender/", views.my_calendar, name="my_calendar"),
    path("erfa-grupper/kalender/<str:token>.ics", feeds.personal_feed, name="personal_feed"),
    # Per group.
    path("erfa-grupper/<slug:slug>/kalender.ics", feeds.group_feed, name="group_feed"),
    path("erfa-grupper/<slug:slug>/bliv-medlem/", views.join, name="join"),
    path(
        "erfa-grupper/<slug:slug>/anmodninger/<int:request_id>/<str:decision>/",
        views.decide,
        name="decide",
    ),
    path("erfa-grupper/<slug:slug>/forlad/", views.leave, name="leave"),
    path(
        "erfa-grupper/<slug:slug>/medlemmer/<int:membership_id>/fjern/",
        views.remove_member,
        name="remove_member",
    ),
    path("erfa-grupper/<slug:slug>/moeder/<int:meeting_id>/", views.meeting, name="meeting"),
    path(
        "erfa-grupper/<slug:slug>/moeder/<int:meeting_id>/referat/",
        views.minutes,
        name="minutes",
    ),
    path(
        "erfa-grupper/<slug:slug>/moeder/<int:meeting_id>/deltagelse/",
        views.attendance,
        name="attendance",
    ),
    path(
        "erfa-grupper/<slug:slug>/moeder/<int:meeting_id>/bilag/<int:document_id>/",
        views.meeting_document,
        name="meeting_document",
    ),
    path("erfa-grupper/<slug:slug>/opslag/", views.posts, name="posts"),
    path("erfa-grupper/<slug:slug>/opslag/<int:post_id>/svar/", views.reply, name="reply"),
    path("erfa-grupper/<slug:slug>/opslag/<int:post_id>/skjul/", views.hide_post, name="hide"),
    path("erfa-grupper/<slug:slug>/foreslaa-eksempel/", views.propose_case, name="propose"),
]
