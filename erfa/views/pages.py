"""Template context of the two Wagtail pages (called from their get_context). Every list is
fetched with a fixed number of queries, however many groups, terms or meetings there are."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from cases.models import public_cases
from taxonomy.models import Challenge, Movement, Region

from ..forms import AttendanceForm, JoinForm
from ..models import Attendance, ErfaGroupPage, Meeting, Membership, Post
from ..models.membership import JoinStatus, Role
from ..models.pages import GroupStatus
from ..permissions import access_for

FILTER_PARAMS = ("movement", "challenge", "region", "status")


def _selected(options, slugs):
    wanted = set(slugs)
    return [term for term in options if term.slug in wanted]


def index_context(index, request):
    live = ErfaGroupPage.objects.child_of(index).live().public()
    live_ids = live.values("pk")
    movements = list(Movement.objects.filter(erfa_groups__in=live_ids).distinct())
    challenges = list(Challenge.objects.filter(erfa_groups__in=live_ids).distinct())
    regions = list(
        Region.objects.filter(
            Q(erfa_groups__in=live_ids) | Q(municipalities__erfa_groups__in=live_ids)
        ).distinct()
    )
    active = {
        "movement": _selected(movements, request.GET.getlist("movement")),
        "challenge": _selected(challenges, request.GET.getlist("challenge")),
        "region": _selected(regions, request.GET.getlist("region")),
    }
    status = request.GET.get("status", "")
    status = status if status in GroupStatus.values else ""

    groups = live
    if active["movement"]:
        groups = groups.filter(
            pk__in=ErfaGroupPage.objects.filter(movements__in=active["movement"]).values("pk")
        )
    if active["challenge"]:
        groups = groups.filter(
            pk__in=ErfaGroupPage.objects.filter(challenges__in=active["challenge"]).values("pk")
        )
    if active["region"]:
        in_region = Q(regions__in=active["region"]) | Q(municipalities__region__in=active["region"])
        groups = groups.filter(pk__in=ErfaGroupPage.objects.filter(in_region).values("pk"))
    if status:
        groups = groups.filter(_status_filter(status))
    next_meeting = Meeting.objects.filter(
        group=OuterRef("pk"), members_only=False, starts_at__gte=timezone.now()
    ).order_by("starts_at")
    groups = (
        groups.annotate(
            next_meeting_at=Subquery(next_meeting.values("starts_at")[:1]),
            member_total=Count("memberships", distinct=True),
            has_demo_members=Exists(Membership.objects.filter(group=OuterRef("pk"), is_demo=True)),
        )
        .prefetch_related("movements", "challenges", "municipalities", "regions")
        .order_by("title")
    )
    return {
        "groups": list(groups),
        "movement_options": movements,
        "challenge_options": challenges,
        "region_options": regions,
        "status_options": GroupStatus.choices,
        "active_filters": active,
        "active_status": status,
        "active_status_label": dict(GroupStatus.choices).get(status, ""),
        "selected_slugs": {term.slug for terms in active.values() for term in terms},
        # Any filter parameter, valid or not, makes the page a variant search engines skip.
        "filtered": any(request.GET.get(name) for name in FILTER_PARAMS),
    }


def _status_filter(status):
    """Groups whose current status is `status`: a proposed group with members is active."""
    has_members = Exists(Membership.objects.filter(group=OuterRef("pk")))
    if status == GroupStatus.FORESLAAET:
        return Q(status=GroupStatus.FORESLAAET) & ~Q(has_members)
    if status == GroupStatus.AKTIV:
        return Q(status=GroupStatus.AKTIV) | (Q(status=GroupStatus.FORESLAAET) & Q(has_members))
    return Q(status=status)


def group_context(group, request, access=None, join_form=None):
    user = request.user
    access = access or access_for(group, user)
    now = timezone.now()
    meetings = (
        group.meetings.all() if access.is_member else group.meetings.filter(members_only=False)
    )
    meetings = list(
        meetings.annotate(
            coming=Count("attendances", filter=Q(attendances__status="kommer"))
        ).order_by("starts_at")
    )
    upcoming = [m for m in meetings if m.starts_at >= now]
    past = [m for m in reversed(meetings) if m.starts_at < now]
    context = {
        "access": access,
        "upcoming_meetings": upcoming,
        "past_meetings": past,
        "movements": group.movements.all(),
        "challenges": group.challenges.all(),
        "methods": group.methods.live().public().order_by("title"),
        "municipalities": group.municipalities.all(),
        "regions": group.regions.all(),
        "cases": public_cases()
        .filter(Q(erfa_groups=group) | Q(erfa_proposal__group=group))
        .distinct()
        .order_by("title")
        .prefetch_related("municipalities", "regions"),
        "public_posts": group.posts.filter(public=True, hidden=False, parent=None).order_by(
            "-created_at"
        )[:10],
        "group_feed_url": reverse("erfa:group_feed", args=[group.slug]),
        "shows_demo_data": group.shows_demo_data,
    }
    if access.is_member:
        memberships = list(group.memberships.select_related("user", "user__profile__municipality"))
        context["members"] = memberships
        context["coordinators"] = [m for m in memberships if m.role == Role.COORDINATOR]
        mine = Attendance.objects.filter(user=user, meeting__in=[m.pk for m in upcoming])
        answers = {a.meeting_id: a.status for a in mine}
        for meeting in upcoming:
            meeting.my_attendance = answers.get(meeting.pk, "")
        context["attendance_choices"] = AttendanceForm.base_fields["status"].choices
        context["calendar_url"] = reverse("erfa:my_calendar")
        context["propose_url"] = reverse("erfa:propose", args=[group.slug])
        context["posts_url"] = reverse("erfa:posts", args=[group.slug])
    else:
        context["coordinators"] = list(
            group.memberships.filter(role=Role.COORDINATOR).select_related("user")
        )
    if access.may_decide:
        context["pending_requests"] = list(
            group.join_requests.filter(status=JoinStatus.PENDING).select_related("user")
        )
        context["coordinator_count"] = len(context["coordinators"])
    if user.is_authenticated and not access.is_member:
        context["pending_request"] = group.join_requests.filter(
            user=user, status=JoinStatus.PENDING
        ).exists()
        if group.is_open:
            context["join_form"] = join_form or JoinForm()
    return context


def posts_for(group, access):
    """Top-level posts with their replies; hidden ones only for coordinators."""
    visible = Post.objects.select_related("author")
    if not access.is_coordinator:
        visible = visible.filter(hidden=False)
    return (
        visible.filter(group=group, parent=None)
        .prefetch_related(Prefetch("replies", queryset=visible.order_by("created_at")))
        .order_by("-created_at")
    )
