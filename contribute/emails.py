"""E-mails after a submission: one to each editor, a receipt to the submitter.

Who the editors are: active members of the group "Redaktør" that have an e-mail address. When
there are none (e.g. before `setup_roles` has run), the addresses in the setting
PRAKSISBANKEN_EDITOR_EMAILS; when that is empty too, DEFAULT_FROM_EMAIL, the site's own
mailbox, so a submission is never announced to no one.

A mail server that fails never undoes the submission: the failure is logged and the
submitter still sees the thank-you page (the draft is safe in the admin)."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from editorial.roles import editors_to_notify

logger = logging.getLogger(__name__)

EDITOR_SUBJECT = "Nyt praksiseksempel indsendt via Del et eksempel"
RECEIPT_SUBJECT = "Tak for dit forslag til Praksisbanken"


def editor_addresses():
    addresses = list(editors_to_notify().values_list("email", flat=True))
    if addresses:
        return addresses
    configured = list(getattr(settings, "PRAKSISBANKEN_EDITOR_EMAILS", []))
    return configured or [settings.DEFAULT_FROM_EMAIL]


def _send(messages):
    try:
        return get_connection().send_messages(messages)
    except (smtplib.SMTPException, OSError):
        logger.exception("Kunne ikke sende e-mail om indsendelse via Del et eksempel")
        return None


def notify(submission):
    """Tell the editors, then send the receipt. Returns the number of mails sent."""
    case = submission.page
    # The base URL from settings, not from the request: a forged Host header must not put a
    # foreign link into the editors' mail.
    edit_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailadmin_pages:edit", args=[case.pk]
    )
    context = {
        "submission": submission,
        "case": case,
        "owners": case.organisations,
        "edit_url": edit_url,
    }
    body = render_to_string("contribute/email/editors.txt", context)
    messages = [EmailMessage(EDITOR_SUBJECT, body, to=[a]) for a in editor_addresses()]
    # The receipt repeats nothing the sender typed: the form is open to anyone, and a stranger's
    # address with a spam title must not turn the portal into a mail relay.
    receipt = render_to_string("contribute/email/receipt.txt", context)
    messages.append(EmailMessage(RECEIPT_SUBJECT, receipt, to=[submission.contact_email]))
    return _send(messages)
