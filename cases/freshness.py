"""When a case's information counts as stale, which cases are, and re-confirming one.

A case is stale when its "senest bekræftet" date lies PRAKSISBANKEN_STALE_AFTER_MONTHS calendar
months (default 24) or more in the past: confirmed 2024-05-10 is stale from 2026-05-10. Archived
cases are kept for reference only and are never stale."""

import calendar
import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

DEFAULT_STALE_AFTER_MONTHS = 24
CONFIRM_ACTION = "praksisbanken.confirm"


def stale_after_months():
    return getattr(settings, "PRAKSISBANKEN_STALE_AFTER_MONTHS", DEFAULT_STALE_AFTER_MONTHS)


def months_before(day, months):
    """The same day of the month `months` calendar months earlier, clamped to the month's end
    (29 February minus 24 months is 28 February)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_cutoff(today=None):
    """Cases confirmed on or before this date are stale."""
    return months_before(today or timezone.localdate(), stale_after_months())


def is_stale(last_confirmed, today=None):
    return last_confirmed is not None and last_confirmed <= stale_cutoff(today)


def stale_cases(today=None):
    """Live, non-archived cases that need confirming, oldest confirmation first."""
    from .models import CasePage

    return (
        CasePage.objects.live()
        .filter(archived_on__isnull=True, last_confirmed__lte=stale_cutoff(today))
        .order_by("last_confirmed", "title")
    )


def stale_cases_for_user(user, today=None):
    """The stale cases this user looks after: all for editors, their own municipalities' for
    contributors, none for anyone else."""
    from editorial.roles import contributor_municipalities, is_editor

    cases = stale_cases(today)
    if is_editor(user):
        return cases
    municipalities = contributor_municipalities(user)
    return cases.filter(municipalities__in=municipalities).distinct()


@transaction.atomic
def confirm_case(page, user, today=None):
    """Record that the case's information still holds, without publishing anything.

    The date goes onto the live row and into the latest (and live) revision: publishing an
    older draft later copies the revision's content over the live row, and would otherwise
    roll the confirmation back."""
    from .models import CasePage

    today = today or timezone.localdate()
    CasePage.objects.filter(pk=page.pk).update(last_confirmed=today)
    page.last_confirmed = today
    revisions = {page.latest_revision, page.live_revision} - {None}
    for revision in revisions:
        # Revision content is the page's JSON serialisation: dates as ISO strings.
        revision.content["last_confirmed"] = today.isoformat()
        revision.save(update_fields=["content"])
    log(instance=page, action=CONFIRM_ACTION, user=user, data={"date": today.isoformat()})
