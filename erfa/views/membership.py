"""Joining and leaving: ask to join, the coordinator decides, members leave or are removed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..emails import notify_decision, notify_join_request
from ..forms import JoinForm
from ..models import JoinRequest, Membership
from ..models.membership import JoinStatus, Role
from ..permissions import COORDINATORS_ONLY, group_view, require_login, require_member
from .common import display_name

DECISIONS = {"godkend": JoinStatus.APPROVED, "afvis": JoinStatus.DECLINED}
MAIL_FAILED = "Beskeden blev gemt, men e-mailen kunne ikke sendes lige nu."


def _last_coordinator(group, membership):
    return (
        membership.role == Role.COORDINATOR
        and group.memberships.filter(role=Role.COORDINATOR).count() == 1
    )


def has_pending_request(group, user):
    return group.join_requests.filter(user=user, status=JoinStatus.PENDING).exists()


@require_POST
@group_view
def join(request, group, access):
    require_login(request, next_url=group.url)
    if access.membership is not None:
        messages.info(request, "Du er allerede medlem af gruppen.")
        return redirect(group.url)
    if not group.is_open:
        messages.error(request, "Gruppen er afsluttet og optager ikke nye medlemmer.")
        return redirect(group.url)
    duplicate = "Du har allerede en anmodning, der venter på koordinatorens svar."
    if has_pending_request(group, request.user):
        messages.error(request, duplicate)
        return redirect(group.url)
    form = JoinForm(request.POST)
    if not form.is_valid():
        context = group.get_context(request, join_form=form)
        context["form_error"] = "Din anmodning blev ikke sendt. Ret fejlen herunder."
        return TemplateResponse(request, group.get_template(request), context, status=400)
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(
                group=group, user=request.user, motivation=form.cleaned_data["motivation"]
            )
    except IntegrityError:  # a request sent twice at the same moment
        messages.error(request, duplicate)
        return redirect(group.url)
    sent = notify_join_request(request, join_request)
    to = "gruppens koordinator" if group.memberships.exists() else "redaktionen"
    messages.success(
        request,
        f"Tak! Din anmodning er sendt til {to}. Du får en e-mail, når den er behandlet.",
    )
    if sent is None:
        messages.warning(request, MAIL_FAILED)
    return redirect(group.url)


@require_POST
@group_view
def decide(request, group, access, request_id, decision):
    if decision not in DECISIONS:
        raise Http404("Ukendt beslutning.")
    require_login(request, next_url=group.url)
    if not access.may_decide:
        raise PermissionDenied(COORDINATORS_ONLY)
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("user"), pk=request_id, group=group
    )
    if join_request.status != JoinStatus.PENDING:
        messages.error(request, "Anmodningen er allerede behandlet.")
        return redirect(group.url)
    name = display_name(join_request.user)
    # The first member of a group without a coordinator (a proposed group) coordinates it.
    first = not group.memberships.filter(role=Role.COORDINATOR).exists()
    with transaction.atomic():
        join_request.status = DECISIONS[decision]
        join_request.decided_by = request.user
        join_request.decided_at = timezone.now()
        join_request.save(update_fields=["status", "decided_by", "decided_at"])
        if join_request.status == JoinStatus.APPROVED:
            role = Role.COORDINATOR if first else Role.MEMBER
            Membership.add(group, join_request.user, role=role, is_demo=join_request.is_demo)
    sent = notify_decision(request, join_request)
    if join_request.status == JoinStatus.APPROVED and first:
        messages.success(
            request, f"{name} er nu medlem og gruppens koordinator. Gruppen er nu aktiv."
        )
    elif join_request.status == JoinStatus.APPROVED:
        messages.success(request, f"{name} er nu medlem af gruppen.")
    else:
        messages.success(request, f"Anmodningen fra {name} er afvist.")
    if sent is None:
        messages.warning(request, MAIL_FAILED)
    return redirect(group.url)


@require_POST
@group_view
def leave(request, group, access):
    require_login(request, next_url=group.url)
    membership = access.membership
    if membership is None:
        messages.error(request, "Du er ikke medlem af gruppen.")
        return redirect(group.url)
    if _last_coordinator(group, membership):
        messages.error(
            request,
            "Du er gruppens eneste koordinator. Gør et andet medlem til koordinator, før du "
            "forlader gruppen.",
        )
        return redirect(group.url)
    membership.remove()
    messages.success(request, f"Du har forladt gruppen »{group.title}«.")
    return redirect(group.url)


@require_POST
@group_view
def remove_member(request, group, access, membership_id):
    require_member(request, access, coordinator=True, next_url=group.url)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, group=group
    )
    if _last_coordinator(group, membership):
        messages.error(
            request, "Gruppens eneste koordinator kan ikke fjernes. Udpeg en anden først."
        )
        return redirect(group.url)
    name = display_name(membership.user)
    membership.remove()
    messages.success(request, f"{name} er fjernet fra gruppen.")
    return redirect(group.url)
