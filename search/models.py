"""The search outbox: every change that affects the index is an IndexChange row, written in
the same database transaction as the change itself (search/outbox.py). After the commit the
row's page is sent to the index and the row deleted once the backend confirmed it; what could
not be sent waits (retryable, with backoff) or is set aside (failed) with the error text.

Each row names a page only: for each page the current state decides what the index gets
(a document if public and live, otherwise a deletion), so replaying an old row never
resurrects an unpublished page, and replaying it twice changes nothing."""

from datetime import timedelta

from django.db import models
from django.utils import timezone


class IndexChange(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "venter"
        FAILED = "failed", "fejlet"

    page_id = models.PositiveBigIntegerField("side-id", db_index=True)
    created_at = models.DateTimeField("oprettet", auto_now_add=True)
    state = models.CharField(
        "tilstand", max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField("forsøg", default=0)
    # Not before this time (backoff after a retryable error); empty: at once.
    next_attempt_at = models.DateTimeField("næste forsøg", null=True, blank=True)
    last_attempt_at = models.DateTimeField("seneste forsøg", null=True, blank=True)
    last_error = models.TextField("seneste fejl", blank=True)

    class Meta:
        verbose_name = "indeksændring"
        verbose_name_plural = "indeksændringer"
        ordering = ["pk"]

    def __str__(self):
        return f"Side {self.page_id}: {self.get_state_display()} ({self.attempts} forsøg)"


class IndexRebuild(models.Model):
    """A run of `rebuild_search_index`. While one runs (not finished, heartbeat fresh), index
    changes that are sent are kept in the outbox, so the rebuild replays them into the new
    index: writes to the old index would be lost with it at the swap."""

    STALE_AFTER = timedelta(minutes=10)  # no heartbeat this long: the run died

    started_at = models.DateTimeField("startet", auto_now_add=True)
    heartbeat_at = models.DateTimeField("senest i live", default=timezone.now)
    finished_at = models.DateTimeField("færdig", null=True, blank=True)
    backend = models.CharField("backend", max_length=50)
    # Index changes with a higher id were made after the rebuild began reading the pages.
    first_change_after = models.PositiveBigIntegerField(default=0)
    documents = models.PositiveIntegerField("dokumenter", null=True, blank=True)
    outcome = models.TextField("resultat", blank=True)

    class Meta:
        verbose_name = "genopbygning af søgeindekset"
        verbose_name_plural = "genopbygninger af søgeindekset"
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.backend} {self.started_at:%Y-%m-%d %H:%M}: {self.outcome or 'kører'}"

    @classmethod
    def running(cls):
        fresh = timezone.now() - cls.STALE_AFTER
        return cls.objects.filter(finished_at__isnull=True, heartbeat_at__gte=fresh)
