"""E-mail notifications of erfa-groups: one message per recipient (no one sees the others'
addresses). A mail server that fails never undoes the action the mail is about: the failure
is logged and the caller tells the user."""

import logging
import smtplib

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from editorial.roles import editors_to_notify

from .models.membership import Role

logger = logging.getLogger(__name__)


def _send(template, subject, recipients, context):
    messages = [
        EmailMessage(
            subject=subject,
            body=render_to_string(f"erfa/email/{template}.txt", {**context, "recipient": user}),
            to=[user.email],
        )
        for user in recipients
        if user.email
    ]
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages)
    except (smtplib.SMTPException, OSError):
        logger.exception("Kunne ikke sende e-mail: %s", subject)
        return None


def _demo_prefix(item):
    """Mail about demo data says so first thing, in the subject (and the body, see templates)."""
    return "[Demodata] " if getattr(item, "is_demo", False) else ""


def coordinators_of(group):
    User = get_user_model()
    return User.objects.filter(
        is_active=True, erfa_memberships__group=group, erfa_memberships__role=Role.COORDINATOR
    ).exclude(email="")


def editors():
    """The editors (group Redaktør) with an address: they review the proposed cases."""
    return editors_to_notify()


def notify_join_request(request, join_request):
    group = join_request.group
    # A group without a coordinator (a proposed group) is looked after by the editors.
    recipients = list(coordinators_of(group)) or list(editors())
    return _send(
        "join_request",
        f"{_demo_prefix(join_request)}Ny anmodning om medlemskab af erfa-gruppen {group.title}",
        recipients,
        {
            "group": group,
            "join_request": join_request,
            "requester": join_request.user,
            "first_member": not group.memberships.exists(),
            "group_url": request.build_absolute_uri(group.url),
        },
    )


def notify_decision(request, join_request):
    group = join_request.group
    approved = join_request.status == "godkendt"
    word = "godkendt" if approved else "afvist"
    return _send(
        "decision",
        f"{_demo_prefix(join_request)}Din anmodning om medlemskab af erfa-gruppen {group.title} "
        f"er {word}",
        [join_request.user],
        {
            "group": group,
            "join_request": join_request,
            "approved": approved,
            "group_url": request.build_absolute_uri(group.url),
        },
    )


def notify_case_proposal(request, proposal, municipality):
    group, case = proposal.group, proposal.case
    return _send(
        "case_proposal",
        f"Nyt forslag til praksiseksempel fra erfa-gruppen {group.title}",
        editors(),
        {
            "group": group,
            "case": case,
            "proposer": proposal.proposed_by,
            "municipality": municipality,
            "edit_url": request.build_absolute_uri(
                reverse("wagtailadmin_pages:edit", args=[case.pk])
            ),
        },
    )
