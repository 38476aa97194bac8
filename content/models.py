"""Building blocks shared by the content page types (cases, methods)."""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class SourceReference(Orderable):
    """Where a statement on a page comes from: a document and a place in it."""

    document = models.CharField("kildedokument", max_length=255)
    locator = models.CharField("sted i kilden (side eller afsnit)", max_length=255, blank=True)
    url = models.URLField("link", blank=True)

    panels = [FieldPanel("document"), FieldPanel("locator"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return f"{self.document} ({self.locator})" if self.locator else self.document


class ConfirmedMixin(models.Model):
    """A 'senest bekræftet' date: when the information was last checked against its owner."""

    last_confirmed = models.DateField("senest bekræftet", default=timezone.localdate)

    class Meta:
        abstract = True


class SummaryMixin(models.Model):
    summary = models.CharField(
        "resumé",
        max_length=300,
        help_text="Kort beskrivelse i klart sprog, højst 300 tegn. Vises i lister.",
    )

    class Meta:
        abstract = True
