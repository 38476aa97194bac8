"""Who may see and do what in an erfa-group. One membership query per request and group.

Superusers count as coordinators (and so as members) of every group, without a membership.
A group without a coordinator (a proposed group, before its first member) is looked after by the
editors (Redaktør): they may decide its join requests, and the first one they approve makes the
new member the group's coordinator.

Views are wrapped in `group_view`, which loads the group from the URL's slug and passes the
user's `Access`. Inside, `require_member(request, access)` stops the request: anonymous users
are sent to the login page, logged-in outsiders get a Danish 403."""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control, patch_vary_headers

from .models import ErfaGroupPage
from .models.membership import Role

MEMBERS_ONLY = "Denne side er kun for gruppens medlemmer."
COORDINATORS_ONLY = "Kun gruppens koordinatorer kan gøre dette."


@dataclass(frozen=True)
class Access:
    membership: object = None  # the user's Membership of the group, if any
    superuser: bool = False
    steward: bool = False  # an editor looking after a group that has no coordinator

    @property
    def is_member(self):
        return self.membership is not None or self.superuser

    @property
    def is_coordinator(self):
        return self.superuser or (
            self.membership is not None and self.membership.role == Role.COORDINATOR
        )

    @property
    def may_decide(self):
        """May approve or decline join requests."""
        return self.is_coordinator or self.steward


def access_for(group, user):
    if user is None or not user.is_authenticated:
        return Access()
    from editorial.roles import is_editor

    membership = group.memberships.filter(user=user).first()
    steward = (
        membership is None
        and not group.memberships.filter(role=Role.COORDINATOR).exists()
        and is_editor(user)
    )
    return Access(membership=membership, superuser=user.is_superuser, steward=steward)


def is_member(group, user):
    return access_for(group, user).is_member


def is_coordinator(group, user):
    return access_for(group, user).is_coordinator


class LoginRequired(Exception):  # noqa: N818 - a control-flow signal, not an error
    def __init__(self, next_url):
        super().__init__(next_url)
        self.next_url = next_url


def require_login(request, next_url=None):
    if not request.user.is_authenticated:
        # After logging in, a POST cannot be replayed: come back to a page instead.
        raise LoginRequired(next_url or request.get_full_path())


def require_member(request, access, coordinator=False, next_url=None):
    require_login(request, next_url)
    if coordinator and not access.is_coordinator:
        raise PermissionDenied(COORDINATORS_ONLY)
    if not access.is_member:
        raise PermissionDenied(MEMBERS_ONLY)
    return access


def mark_private(response, request):
    """Responses for logged-in users may show members-only or personal content: never let a
    shared cache keep them."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ["Cookie"])
    return response


def group_view(view):
    """Load the live, public group from `slug` and call view(request, group, access, ...)."""

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        group = get_object_or_404(ErfaGroupPage.objects.live().public(), slug=slug)
        access = access_for(group, request.user)
        try:
            response = view(request, group, access, *args, **kwargs)
        except LoginRequired as needed:
            response = redirect_to_login(needed.next_url)
        return mark_private(response, request)

    return wrapper


def private_for_users(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except LoginRequired as needed:
            response = redirect_to_login(needed.next_url)
        return mark_private(response, request)

    return wrapper
