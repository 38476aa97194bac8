"""Reminder e-mails about stale cases (`manage.py remind_stale_cases`).

Each stale, live, non-archived case goes to the active contributors of its owning
municipalities; a case without any goes to its own contact e-mail. Every recipient gets one
mail listing all their cases. When a case was last reminded is kept in its own small table
rather than on the page, so publishing an older revision cannot reset it."""

import datetime
import logging
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .freshness import stale_after_months, stale_cases

REMIND_AGAIN_AFTER_DAYS = 30
logger = logging.getLogger(__name__)


class StaleCaseReminder(models.Model):
    """When the owners of a case were last reminded to confirm it."""

    page = models.OneToOneField(
        "cases.CasePage",
        on_delete=models.CASCADE,
        related_name="stale_reminder",
        verbose_name="praksiseksempel",
    )
    sent_on = models.DateField("påmindelse sendt den")

    class Meta:
        app_label = "cases"
        verbose_name = "påmindelse om bekræftelse"
        verbose_name_plural = "påmindelser om bekræftelse"

    def __str__(self):
        return f"{self.page_id}: {self.sent_on}"


@dataclass
class ReminderRun:
    """What a run did (or, with --dry-run, would do)."""

    mails: dict = field(default_factory=dict)  # e-mail address -> list of cases
    without_recipient: list = field(default_factory=list)
    sent: int = 0
    failed: bool = False


def confirm_url(page):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("cases:confirm", args=[page.pk])


def cases_to_remind(today, force=False):
    cases = stale_cases(today)
    if not force:
        since = today - datetime.timedelta(days=REMIND_AGAIN_AFTER_DAYS)
        cases = cases.exclude(stale_reminder__sent_on__gt=since)
    return cases.prefetch_related("municipalities")


def _contributor_emails_by_municipality(municipality_ids):
    User = get_user_model()
    rows = (
        User.objects.filter(
            is_active=True, groups__contributor_for__municipality_id__in=municipality_ids
        )
        .exclude(Q(email="") | Q(email__isnull=True))
        .values_list("groups__contributor_for__municipality_id", "email")
        .distinct()
    )
    emails = {}
    for municipality_id, email in rows:
        emails.setdefault(municipality_id, set()).add(email.strip())
    return emails


def plan_reminders(today=None, force=False):
    today = today or timezone.localdate()
    cases = list(cases_to_remind(today, force))
    municipality_ids = {m.pk for case in cases for m in case.municipalities.all()}
    contributors = _contributor_emails_by_municipality(municipality_ids)
    run = ReminderRun()
    for case in cases:
        recipients = set()
        for municipality in case.municipalities.all():
            recipients |= contributors.get(municipality.pk, set())
        if not recipients and case.contact_email:
            recipients = {case.contact_email.strip()}
        if not recipients:
            run.without_recipient.append(case)
        # Addresses differ only in case for the same mailbox: one mail, not two.
        by_lower = {}
        for email in recipients:
            by_lower.setdefault(email.lower(), email)
        for email in sorted(by_lower.values()):
            run.mails.setdefault(email, []).append(case)
    return run


def _message(email, cases):
    count = len(cases)
    subject = (
        "Praksisbanken: et praksiseksempel trænger til bekræftelse"
        if count == 1
        else f"Praksisbanken: {count} praksiseksempler trænger til bekræftelse"
    )
    body = render_to_string(
        "cases/email/stale_reminder.txt",
        {
            "cases": [(case, confirm_url(case)) for case in cases],
            "count": count,
            "months": stale_after_months(),
        },
    )
    return EmailMessage(subject=subject, body=body, to=[email])


def send_reminders(today=None, dry_run=False, force=False):
    """Plan and (unless dry_run) send the reminders; record the cases that were mailed."""
    today = today or timezone.localdate()
    run = plan_reminders(today, force)
    if dry_run or not run.mails:
        return run
    messages = [_message(email, cases) for email, cases in run.mails.items()]
    try:
        run.sent = get_connection().send_messages(messages) or 0
    except (smtplib.SMTPException, OSError):
        # Nothing is recorded, so the next run tries again.
        logger.exception("Kunne ikke sende påmindelser om praksiseksempler")
        run.failed = True
        return run
    reminded = {case.pk for cases in run.mails.values() for case in cases}
    existing = set(
        StaleCaseReminder.objects.filter(page_id__in=reminded).values_list("page_id", flat=True)
    )
    StaleCaseReminder.objects.filter(page_id__in=existing).update(sent_on=today)
    StaleCaseReminder.objects.bulk_create(
        StaleCaseReminder(page_id=pk, sent_on=today) for pk in reminded - existing
    )
    return run
