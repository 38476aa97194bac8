"""Followed searches and what their digests have told each user."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .searches import describe, search_path


class Frequency(models.TextChoices):
    DAILY = "daily", "Dagligt"
    WEEKLY = "weekly", "Ugentligt"
    NEVER = "never", "Ingen e-mail"


def period_of(frequency, moment):
    """The digest period `moment` falls in: a local date for daily digests, an ISO week for
    weekly ones (a weekly digest goes out on the first run of a new week). "" when never."""
    day = timezone.localtime(moment).date()
    if frequency == Frequency.DAILY:
        return day.isoformat()
    if frequency == Frequency.WEEKLY:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return ""


class SavedSearch(models.Model):
    """A search a user follows ("Giv mig besked"), as the search page's query string."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name="bruger",
    )
    query_string = models.TextField("søgning", blank=True)
    frequency = models.CharField(
        "e-mail", max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    created_at = models.DateTimeField("oprettet", default=timezone.now)
    # The next digest tells of pages published (first or again) after this moment; each
    # digest run moves it to the moment the run started.
    changes_since = models.DateTimeField("ændringer siden", default=timezone.now)
    # The digest period (see period_of) last handled: one digest per period.
    last_period = models.CharField("seneste periode", max_length=10, blank=True)

    class Meta:
        verbose_name = "gemt søgning"
        verbose_name_plural = "gemte søgninger"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "query_string"], name="following_one_saved_search_per_query"
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.description}"

    @property
    def description(self):
        return describe(self.query_string)

    @property
    def search_url(self):
        return search_path(self.query_string)

    def set_frequency(self, frequency, now=None):
        """Change how often e-mails come. The next digest is in the next period of the new
        frequency; one that starts again after a pause tells only of what comes from now."""
        now = now or timezone.now()
        if self.frequency == Frequency.NEVER and frequency != Frequency.NEVER:
            self.changes_since = now
        self.frequency = frequency
        self.last_period = period_of(frequency, now)


class SentItem(models.Model):
    """A version of a page (its last_published_at) that a digest has told a user about: no
    digest tells the same user of the same version again, whichever of their searches finds
    it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="bruger"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name="side"
    )
    version = models.DateTimeField("sidens version (senest udgivet)")
    sent_at = models.DateTimeField("sendt", default=timezone.now)

    class Meta:
        verbose_name = "sendt i sammendrag"
        verbose_name_plural = "sendt i sammendrag"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "version"], name="following_each_version_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id}: {self.page_id} ({self.version:%Y-%m-%d %H:%M})"
