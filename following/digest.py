"""The e-mail digest of followed searches (`manage.py send_search_digests`, run daily by cron).

A run handles every saved search whose period (a day, or an ISO week) has not been handled:
it finds the public pages published, first or again, since the search's last digest, keeps
those the search finds, and sends each user one e-mail with all their due searches. A page
version a user has been told about is recorded (SentItem) and never sent to them again,
whichever of their searches finds it.

Queries: a fixed number for the run (due searches, changed pages, versions already sent) plus a
fixed number per user who gets an e-mail, however many searches and pages there are. The user's
record is written in the same transaction that sends their e-mail: a mail server that fails
leaves nothing recorded, so the next run tries again."""

import datetime
import logging
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from search.contract import SearchUnavailable

from .matching import matching_ids, public_pages
from .models import Frequency, SavedSearch, SentItem, period_of
from .searches import InvalidSearch
from .tokens import make_token

logger = logging.getLogger(__name__)
# The next digest looks this far back before a run, too: a page the search index did not know
# yet at the run (its update was still queued, or the search server was down) is found by the
# next one. What was sent is never sent again, so looking back twice costs nothing.
LOOKBACK = datetime.timedelta(days=1)


class RunClaimed(Exception):
    """Another run handled these searches meanwhile; this one sends nothing for the user."""


@dataclass
class Entry:
    page: object  # matching.PublicPage
    new: bool  # first published since the search's last digest and never told (else: changed)


@dataclass
class Section:
    saved_search: SavedSearch
    entries: list


@dataclass
class Digest:
    user: object
    searches: list  # the user's due searches this run handles (all, unless search is down)
    sections: list = field(default_factory=list)  # those with something to tell

    @property
    def count(self):
        return sum(len(section.entries) for section in self.sections)


@dataclass
class Run:
    digests: list = field(default_factory=list)  # one per user with something to tell
    quiet: list = field(default_factory=list)  # due searches of users with nothing new
    skipped: list = field(default_factory=list)  # (saved search, reason) not handled
    sent: int = 0
    failed: int = 0
    claimed: int = 0  # users another run sent to meanwhile


def due_searches(now):
    """The saved searches whose current period has no digest yet, of active users with an
    e-mail address."""
    daily, weekly = period_of(Frequency.DAILY, now), period_of(Frequency.WEEKLY, now)
    return (
        SavedSearch.objects.filter(user__is_active=True)
        .exclude(user__email="")
        .filter(
            Q(frequency=Frequency.DAILY) & ~Q(last_period=daily)
            | Q(frequency=Frequency.WEEKLY) & ~Q(last_period=weekly)
        )
        .select_related("user")
        .order_by("user_id", "created_at", "pk")
    )


def plan(now=None):
    """What a run at `now` would send (nothing is sent or recorded)."""
    now = now or timezone.now()
    run = Run()
    searches = list(due_searches(now))
    if not searches:
        return run
    changed = public_pages(changed_after=min(s.changes_since for s in searches))
    sent = _already_sent({s.user_id for s in searches}, changed)
    told_before = {(user_id, page_id) for user_id, page_id, _ in sent}  # some version of it
    by_user = {}
    for saved in searches:
        by_user.setdefault(saved.user_id, []).append(saved)
    for user_searches in by_user.values():
        digest = Digest(user=user_searches[0].user, searches=list(user_searches))
        told = set()  # page ids already in this e-mail, under an earlier search
        for saved in user_searches:
            candidates = {
                page_id: page
                for page_id, page in changed.items()
                if page.last_published_at > saved.changes_since
                and (saved.user_id, page_id, page.last_published_at) not in sent
                and page_id not in told
            }
            try:
                found = matching_ids(saved.query_string, candidates) if candidates else set()
            except InvalidSearch as exc:
                # A facet value that no longer exists: nothing can match. Handled like a
                # search with nothing new, so it is not tried again every run.
                run.skipped.append((saved, str(exc)))
                continue
            except SearchUnavailable as exc:
                # Tried again next run, from the same moment: nothing is lost.
                run.skipped.append((saved, str(exc)))
                digest.searches.remove(saved)
                continue
            entries = [
                Entry(
                    page,
                    new=(saved.user_id, page.page_id) not in told_before
                    and _new_since(page, saved.changes_since),
                )
                for page in sorted(
                    (candidates[page_id] for page_id in found),
                    key=lambda page: (page.last_published_at, page.page_id),
                    reverse=True,
                )
            ]
            if entries:
                digest.sections.append(Section(saved, entries))
                told.update(entry.page.page_id for entry in entries)
        if digest.sections:
            run.digests.append(digest)
        else:
            run.quiet.extend(digest.searches)
    return run


def send_digests(now=None, dry_run=False):
    """Plan the run and (unless dry_run) send and record it."""
    now = now or timezone.now()
    run = plan(now)
    return run if dry_run else deliver(run, now)


def deliver(run, now):
    """Send and record a planned run, user by user. A user whose searches another run has
    handled since this one was planned gets nothing from this one."""
    for digest in run.digests:
        try:
            with transaction.atomic():
                _mark_handled(digest.searches, now)
                SentItem.objects.bulk_create(
                    [
                        SentItem(
                            user=digest.user,
                            page_id=entry.page.page_id,
                            version=entry.page.last_published_at,
                            sent_at=now,
                        )
                        for section in digest.sections
                        for entry in section.entries
                    ]
                )
                message(digest).send()
        except RunClaimed:
            logger.warning("Digest for user %s was sent by another run", digest.user.pk)
            run.claimed += 1
        except (smtplib.SMTPException, OSError):
            # Nothing is recorded, so the next run tries again.
            logger.exception("Could not send the search digest to user %s", digest.user.pk)
            run.failed += 1
        else:
            run.sent += 1
    with transaction.atomic():
        try:
            _mark_handled(run.quiet, now)
        except RunClaimed:
            logger.warning("Some quiet searches were handled by another run")
    return run


def _new_since(page, moment):
    return page.first_published_at is not None and page.first_published_at > moment


def _already_sent(user_ids, pages):
    """{(user id, page id, version)} of these pages' current versions already sent."""
    if not pages:
        return set()
    return set(
        SentItem.objects.filter(user_id__in=user_ids, page_id__in=list(pages)).values_list(
            "user_id", "page_id", "version"
        )
    )


def _mark_handled(searches, now):
    """Move the searches to this period and their next digest to changes after `now` (less
    LOOKBACK), claiming them: a search another run has moved meanwhile raises RunClaimed (and
    rolls back)."""
    for frequency in (Frequency.DAILY, Frequency.WEEKLY):
        ids = [s.pk for s in searches if s.frequency == frequency]
        if not ids:
            continue
        period = period_of(frequency, now)
        claimed = (
            SavedSearch.objects.filter(pk__in=ids, frequency=frequency)
            .exclude(last_period=period)
            .update(
                last_period=period,
                changes_since=Greatest(F("changes_since"), Value(now - LOOKBACK)),
            )
        )
        if claimed != len(ids):
            raise RunClaimed()


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def message(digest):
    """The e-mail for one user: plain text and HTML, with List-Unsubscribe (RFC 2369/8058)."""
    user = digest.user
    unsubscribe_all = _absolute(reverse("following:unsubscribe", args=[make_token(user.pk)]))
    sections = [
        {
            "description": section.saved_search.description,
            "frequency": section.saved_search.get_frequency_display().lower(),
            "search_url": _absolute(section.saved_search.search_url),
            "unsubscribe_url": _absolute(
                reverse(
                    "following:unsubscribe",
                    args=[make_token(user.pk, section.saved_search.pk)],
                )
            ),
            "entries": [
                {
                    "title": entry.page.title,
                    "url": _absolute(entry.page.url),
                    "type": entry.page.type_label,
                    "status": "Nyt" if entry.new else "Opdateret",
                }
                for entry in section.entries
            ],
        }
        for section in digest.sections
    ]
    context = {
        "name": user.get_short_name() or user.get_username(),
        "sections": sections,
        "count": digest.count,
        "manage_url": _absolute(reverse("following:saved_searches")),
        "unsubscribe_all_url": unsubscribe_all,
    }
    count = digest.count
    subject = (
        "Praksisbanken: 1 nyt resultat i dine søgninger"
        if count == 1
        else f"Praksisbanken: {count} nye resultater i dine søgninger"
    )
    mail = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("following/email/digest.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_all}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    mail.attach_alternative(render_to_string("following/email/digest.html", context), "text/html")
    return mail
