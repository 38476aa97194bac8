"""Who decides an access request, and what approving or rejecting it does.

Editors (Redaktør, superusers) decide every request. A membership-only request may also be
decided by a coordinator of the chosen erfa-group. Approving creates the account (or, if an
account with the address appeared meanwhile, uses it), gives it the contributor group of the
municipality and/or the group membership, and mails a link to choose a password. Rejecting mails
a polite no. Either way the applicant hears from us."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from editorial.roles import editors_to_notify, is_editor
from erfa.models import ErfaGroupPage, Membership, Profile
from erfa.models.membership import Role

from .emails import send_decision
from .models import AccessRequest, Purpose, Status

USERNAME_MAX = 150


def coordinated_groups(user):
    if not user.is_authenticated:
        return ErfaGroupPage.objects.none()
    return ErfaGroupPage.objects.filter(memberships__user=user, memberships__role=Role.COORDINATOR)


def is_decider(user):
    """May see the access requests in the admin at all."""
    return is_editor(user) or coordinated_groups(user).exists()


def decidable_by(user):
    """The verified requests this user may see and decide."""
    visible = AccessRequest.objects.visible().select_related(
        "municipality", "region", "erfa_group", "decided_by"
    )
    if is_editor(user):
        return visible
    return visible.filter(
        purpose=Purpose.MEMBER, erfa_group__in=coordinated_groups(user).values("pk")
    )


def can_decide(user, access_request):
    return decidable_by(user).filter(pk=access_request.pk).exists()


def deciders_for(access_request):
    """Who is told about a newly verified request. Membership-only requests go to the group's
    coordinators; a group without coordinators (a new or proposed group) falls back to the
    editors, so no request waits unseen."""
    if not access_request.wants_contribution and access_request.erfa_group_id:
        coordinators = (
            get_user_model()
            .objects.filter(
                is_active=True,
                erfa_memberships__group_id=access_request.erfa_group_id,
                erfa_memberships__role=Role.COORDINATOR,
            )
            .exclude(email="")
        )
        if coordinators.exists():
            return coordinators
    return editors_to_notify()


def _free_username(email):
    User = get_user_model()
    base = email.lower()[:USERNAME_MAX]
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = base[: USERNAME_MAX - len(suffix)] + suffix
    return candidate


def _split_name(name):
    parts = name.split()
    if len(parts) < 2:
        return name.strip(), ""
    return " ".join(parts[:-1])[:150], parts[-1][:150]


def _account_for(access_request):
    User = get_user_model()
    existing = User.objects.filter(email__iexact=access_request.email).order_by("pk").first()
    if existing is not None:
        return existing
    first, last = _split_name(access_request.name)
    user = User(
        username=_free_username(access_request.email),
        email=access_request.email,
        first_name=first,
        last_name=last,
        is_active=True,
    )
    user.set_unusable_password()  # the approval mail carries a link to choose one
    user.save()
    return user


class NotPending(Exception):  # noqa: N818 - a state, not a failure
    pass


def _decide(access_request, status, by):
    # Locked, so two deciders clicking at once cannot approve twice.
    locked = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if locked.status != Status.PENDING:
        raise NotPending
    locked.status = status
    locked.decided_at = timezone.now()
    locked.decided_by = by
    return locked


def approve(access_request, by):
    """Create or reuse the account and grant what was asked for. Returns the user."""
    with transaction.atomic():
        request = _decide(access_request, Status.APPROVED, by)
        user = _account_for(request)
        profile, _ = Profile.objects.get_or_create(user=user)
        if request.municipality_id and profile.municipality_id is None:
            profile.municipality_id = request.municipality_id
            profile.save(update_fields=["municipality"])
        if request.wants_contribution and request.municipality_id:
            group = Group.objects.filter(
                contributor_for__municipality_id=request.municipality_id
            ).first()
            if group is not None:
                user.groups.add(group)
        if request.wants_membership and request.erfa_group_id:
            Membership.add(request.erfa_group, user)
        request.user = user
        request.save(update_fields=["status", "decided_at", "decided_by", "user"])
    sent = send_decision(request, user)
    return user, sent


def reject(access_request, by):
    with transaction.atomic():
        request = _decide(access_request, Status.REJECTED, by)
        request.save(update_fields=["status", "decided_at", "decided_by"])
    return send_decision(request, None)


def pending_for_email(email):
    return AccessRequest.objects.filter(
        Q(status=Status.PENDING) | Q(status=Status.UNVERIFIED), email__iexact=email
    )
