from django.db import models


class IndexQueueEntry(models.Model):
    """An index change that could not be applied (the backend was unreachable).

    Replayed by `manage.py search_sync` and after the next successful index write: for each
    page the current state decides (index if public and live, otherwise delete), so replaying
    an old entry never resurrects an unpublished page."""

    page_id = models.PositiveBigIntegerField("side-id", db_index=True)
    created_at = models.DateTimeField("oprettet", auto_now_add=True)
    attempts = models.PositiveIntegerField("forsøg", default=0)
    last_error = models.TextField("seneste fejl", blank=True)

    class Meta:
        verbose_name = "ventende indeksændring"
        verbose_name_plural = "ventende indeksændringer"
        ordering = ["created_at"]

    def __str__(self):
        return f"Side {self.page_id} ({self.attempts} forsøg)"
