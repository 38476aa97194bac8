"""The pages a Danish public site must have: Om Praksisbanken, Kontakt, the
tilgængelighedserklæring and the privatlivspolitik.

Ordinary Wagtail pages that editors change in the admin; `import_content` creates them from
fixtures/pages/ and linked from every page's footer by their kind, never by an editable title."""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from content.models import SummaryMixin


class SitePageKind(models.TextChoices):
    # In footer order.
    OM = "om", "Om Praksisbanken"
    KONTAKT = "kontakt", "Kontakt"
    TILGAENGELIGHED = "tilgaengelighed", "Tilgængelighedserklæring"
    PRIVATLIV = "privatliv", "Privatlivspolitik"


# Pages that end with the editorial team's address: it comes from the setting
# PRAKSISBANKEN_EDITORIAL_EMAIL, so it is right on every page the day it changes.
SHOWS_EDITORIAL_ADDRESS = {
    SitePageKind.KONTAKT,
    SitePageKind.TILGAENGELIGHED,
    SitePageKind.PRIVATLIV,
}


class SitePage(SummaryMixin, Page):
    kind = models.CharField(
        "slags side",
        max_length=20,
        choices=SitePageKind.choices,
        unique=True,
        help_text="Bestemmer, hvor siden linkes fra i sidefoden. Hver slags findes én gang.",
    )
    body = RichTextField("indhold")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("kind"),
        FieldPanel("body"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "side om portalen"
        verbose_name_plural = "sider om portalen"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.kind in SHOWS_EDITORIAL_ADDRESS:
            context["editorial_email"] = settings.PRAKSISBANKEN_EDITORIAL_EMAIL
        return context
