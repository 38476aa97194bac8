"""The account e-mails, in Danish. Links are built from WAGTAILADMIN_BASE_URL, never from the
request's Host header, so a forged header cannot put a foreign link into a mail.

`send()` returns the number of mails sent, or None when the mail server failed (logged); the
caller decides whether that undoes the action."""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import verification_days
from .tokens import email_change_token, verification_token

logger = logging.getLogger(__name__)


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send(template, subject, to, context):
    messages = [
        EmailMessage(
            subject=subject,
            body=render_to_string(f"accounts/email/{template}.txt", context),
            to=[address],
        )
        for address in to
        if address
    ]
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages)
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send account e-mail: %s", template)
        return None


def password_link(user, url_name):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute(reverse(url_name, args=[uid, token]))


def send_verification(access_request):
    link = absolute(reverse("accounts:verify_request", args=[verification_token(access_request)]))
    return send(
        "verify_request",
        "Bekræft din anmodning om adgang til Praksisbanken",
        [access_request.email],
        {"access_request": access_request, "link": link, "days": verification_days()},
    )


def send_already_registered(email):
    """Instead of a verification mail, to an address that already has an account: the form's
    answer is the same either way, so only the mailbox's owner learns it."""
    return send(
        "already_registered",
        "Du har allerede en konto i Praksisbanken",
        [email],
        {
            "login_url": absolute(reverse("login")),
            "reset_url": absolute(reverse("accounts:password_reset")),
        },
    )


def send_to_deciders(access_request, deciders):
    return send(
        "new_request",
        f"Ny anmodning om adgang fra {access_request.name}",
        [user.email for user in deciders],
        {
            "access_request": access_request,
            "admin_url": absolute(reverse("access_requests:index")),
        },
    )


def send_decision(access_request, user=None):
    approved = user is not None
    context = {"access_request": access_request, "approved": approved}
    if approved:
        context["login_url"] = absolute(reverse("login"))
        context["profile_url"] = absolute(reverse("accounts:profile"))
        if user.has_usable_password():
            context["reset_url"] = absolute(reverse("accounts:password_reset"))
        else:
            context["set_password_url"] = password_link(user, "accounts:set_password")
        context["username"] = user.get_username()
    word = "godkendt" if approved else "afvist"
    return send(
        "decision",
        f"Din anmodning om adgang til Praksisbanken er {word}",
        [access_request.email],
        context,
    )


def send_email_change(user, new_email):
    link = absolute(reverse("accounts:confirm_email", args=[email_change_token(user, new_email)]))
    return send(
        "confirm_email",
        "Bekræft din nye e-mailadresse i Praksisbanken",
        [new_email],
        {"user": user, "link": link},
    )


def send_email_changed_notice(user, old_email):
    return send(
        "email_changed",
        "Din e-mailadresse i Praksisbanken er ændret",
        [old_email],
        {"user": user},
    )
