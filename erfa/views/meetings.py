"""Meetings: the meeting page, attendance, attachments and the member's calendar link."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from content.markdown import render_markdown

from ..forms import AttendanceForm
from ..models import Attendance, CalendarToken, ErfaGroupPage, MeetingDocument
from ..models.meetings import AttendanceChoice
from ..permissions import group_view, private_for_users, require_login, require_member
from .common import display_name, redirect_back


def _meeting_of(group, meeting_id):
    return get_object_or_404(group.meetings.all(), pk=meeting_id)


def _meeting_url(group, meeting):
    return reverse("erfa:meeting", args=[group.slug, meeting.pk])


@group_view
def meeting(request, group, access, meeting_id):
    meeting = _meeting_of(group, meeting_id)
    if meeting.members_only:
        require_member(request, access)
    documents = MeetingDocument.objects.filter(meeting=meeting).select_related("document")
    if not access.is_member:
        documents = documents.filter(members_only=False)
    upcoming = meeting.starts_at > timezone.now()
    context = {
        "page": group,
        "group": group,
        "meeting": meeting,
        "access": access,
        "upcoming": upcoming,
        "agenda_html": render_markdown(meeting.agenda) if meeting.agenda else "",
        "documents": [
            {
                "title": item.document.title,
                "extension": item.document.file_extension,
                "members_only": item.members_only,
                "url": reverse(
                    "erfa:meeting_document", args=[group.slug, meeting.pk, item.document_id]
                ),
            }
            for item in documents
        ],
        "can_see_minutes": access.is_member or meeting.minutes_public,
        "minutes_html": "",
    }
    if meeting.minutes and context["can_see_minutes"]:
        context["minutes_html"] = render_markdown(meeting.minutes)
    if access.is_member:
        attendances = list(meeting.attendances.select_related("user"))
        mine = next((a for a in attendances if a.user_id == request.user.pk), None)
        context["my_attendance"] = mine.status if mine else ""
        context["attendees"] = sorted(
            display_name(a.user) for a in attendances if a.status == AttendanceChoice.YES
        )
        context["attendance_choices"] = AttendanceChoice.choices
    return render(request, "erfa/meeting.html", context)


@require_POST
@group_view
def attendance(request, group, access, meeting_id):
    meeting = _meeting_of(group, meeting_id)
    meeting_url = _meeting_url(group, meeting)
    require_member(request, access, next_url=meeting_url)
    if meeting.starts_at <= timezone.now():
        messages.error(
            request,
            "Mødet er allerede holdt. Du kan kun melde til og fra kommende møder.",
        )
        return redirect_back(request, meeting_url)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["status"][0])
        return redirect_back(request, meeting_url)
    status = form.cleaned_data["status"]
    Attendance.objects.update_or_create(
        meeting=meeting, user=request.user, defaults={"status": status}
    )
    if status == AttendanceChoice.YES:
        messages.success(request, f"Du er meldt til »{meeting.title}«.")
    else:
        messages.success(request, f"Du har meldt afbud til »{meeting.title}«.")
    return redirect_back(request, meeting_url)


@group_view
def meeting_document(request, group, access, meeting_id, document_id):
    meeting = _meeting_of(group, meeting_id)
    item = (
        MeetingDocument.objects.filter(meeting=meeting, document_id=document_id)
        .select_related("document")
        .first()
    )
    if item is None:
        raise Http404("Bilaget findes ikke.")
    if meeting.members_only or item.members_only:
        require_member(request, access)
    # Wagtail's document view serves the file and checks the collection's privacy again
    # (members-only documents sit in the group's restricted collection).
    return redirect(item.document.url)


@private_for_users
@require_http_methods(["GET", "POST"])
def my_calendar(request):
    require_login(request)
    if request.method == "POST":
        for token in CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True):
            token.revoke()
        CalendarToken.objects.create(user=request.user)
        messages.success(
            request,
            "Du har fået en ny kalenderadresse. Den gamle virker ikke længere: opdatér "
            "abonnementet i din kalender.",
        )
        return redirect("erfa:my_calendar")
    token = CalendarToken.current_for(request.user)
    feed_path = reverse("erfa:personal_feed", args=[token.token])
    groups = (
        ErfaGroupPage.objects.live()
        .public()
        .filter(memberships__user=request.user)
        .order_by("title")
    )
    return render(
        request,
        "erfa/my_calendar.html",
        {
            "feed_url": request.build_absolute_uri(feed_path),
            "webcal_url": "webcal://" + request.get_host() + feed_path,
            "groups": groups,
        },
    )


@group_view
def minutes(request, group, access, meeting_id):
    """The minutes on their own page (to print or link to). Members-only minutes answer
    anonymous users with a login redirect and other users with 403, like all member material."""
    meeting = _meeting_of(group, meeting_id)
    if meeting.members_only or not meeting.minutes_public:
        require_member(request, access)
    if not meeting.minutes:
        raise Http404("Mødet har intet referat.")
    context = {
        "page": group,
        "group": group,
        "meeting": meeting,
        "minutes_html": render_markdown(meeting.minutes),
    }
    return render(request, "erfa/minutes.html", context)
