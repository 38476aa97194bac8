"""The iCalendar feeds of erfa-groups.

- `/erfa-grupper/<slug>/kalender.ics`: the public meetings of a live, public group.
- `/erfa-grupper/kalender/<token>.ics`: a member's personal feed with every meeting of every
  group they belong to, members-only meetings included. The token is the only credential, so
  an unknown or revoked token is a plain 404 (revoking stops the URL from working)."""

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from .ical import CONTENT_TYPE, calendar_for
from .models import CalendarToken, ErfaGroupPage, Meeting

GROUP_FEED_MAX_AGE = 300


def _calendar_response(content, filename):
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def group_feed(request, slug):
    group = ErfaGroupPage.objects.live().public().filter(slug=slug).first()
    if group is None:
        raise Http404("Ingen offentlig erfa-gruppe med den adresse.")
    meetings = (
        group.meetings.filter(members_only=False).select_related("group").order_by("starts_at")
    )
    content = calendar_for(
        meetings,
        f"{group.title} (Praksisbanken)",
        request=request,
        description=f"Offentlige møder i erfa-gruppen {group.title}.",
    )
    response = _calendar_response(content, f"erfa-{group.slug}.ics")
    patch_cache_control(response, public=True, max_age=GROUP_FEED_MAX_AGE)
    return response


@require_safe
def personal_feed(request, token):
    calendar_token = (
        CalendarToken.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if calendar_token is None:
        raise Http404("Kalenderadressen findes ikke eller er trukket tilbage.")
    user = calendar_token.user
    meetings = (
        Meeting.objects.filter(group__memberships__user=user, group__live=True)
        .select_related("group")
        .order_by("starts_at", "pk")
        .distinct()
    )
    content = calendar_for(
        meetings,
        "Mine erfa-grupper (Praksisbanken)",
        request=request,
        personal=True,
        description="Møder i de erfa-grupper, du er medlem af. Adressen er personlig.",
    )
    response = _calendar_response(content, "mine-erfa-grupper.ics")
    # A secret URL: never stored by shared caches, never indexed, never sent on as a referrer.
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
