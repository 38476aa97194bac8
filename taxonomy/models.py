"""The portal's shared vocabularies. Every term is keyed by a stable slug (and, for public
bodies, the official code); labels may be edited, slugs and codes are what URLs and facets use."""

from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class TaxonomyTerm(index.Indexed, models.Model):
    slug = models.SlugField("slug", max_length=100, unique=True)
    name = models.CharField("navn", max_length=200)
    description = models.TextField("beskrivelse", blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrderedTerm(TaxonomyTerm):
    order = models.PositiveSmallIntegerField("rækkefølge", default=0)

    panels = TaxonomyTerm.panels + [FieldPanel("order")]

    class Meta(TaxonomyTerm.Meta):
        abstract = True
        ordering = ["order", "name"]


class Frame(TaxonomyTerm):
    """The overall frame (Recovery): shown above the movements, never as an eighth movement."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "ramme"
        verbose_name_plural = "rammer"


class Movement(OrderedTerm):
    class Meta(OrderedTerm.Meta):
        verbose_name = "bevægelse"
        verbose_name_plural = "bevægelser"

    def get_absolute_url(self):
        return reverse("taxonomy:movement", args=[self.slug])


class Handlerum(OrderedTerm):
    class Meta(OrderedTerm.Meta):
        verbose_name = "handlerum"
        verbose_name_plural = "handlerum"


class Challenge(OrderedTerm):
    handlerum = models.ForeignKey(
        Handlerum, on_delete=models.PROTECT, related_name="challenges", verbose_name="handlerum"
    )

    panels = OrderedTerm.panels + [FieldPanel("handlerum")]

    class Meta(OrderedTerm.Meta):
        verbose_name = "udfordring"
        verbose_name_plural = "udfordringer"

    def get_absolute_url(self):
        return reverse("taxonomy:challenge", args=[self.slug])


class Region(TaxonomyTerm):
    code = models.PositiveSmallIntegerField("regionskode", unique=True)

    panels = TaxonomyTerm.panels + [FieldPanel("code")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "region"
        verbose_name_plural = "regioner"
        ordering = ["code"]

    def get_absolute_url(self):
        return reverse("taxonomy:region", args=[self.slug])


class Municipality(TaxonomyTerm):
    code = models.PositiveSmallIntegerField("kommunekode", unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name="region"
    )

    panels = TaxonomyTerm.panels + [FieldPanel("code"), FieldPanel("region")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "kommune"
        verbose_name_plural = "kommuner"

    def __str__(self):
        return f"{self.name} Kommune"

    def get_absolute_url(self):
        return reverse("taxonomy:municipality", args=[self.slug])


class TargetGroup(OrderedTerm):
    class Meta(OrderedTerm.Meta):
        verbose_name = "målgruppe"
        verbose_name_plural = "målgrupper"


class Sector(OrderedTerm):
    class Meta(OrderedTerm.Meta):
        verbose_name = "fagområde"
        verbose_name_plural = "fagområder"


class EvidenceLevel(TaxonomyTerm):
    """A rung on the evidence ladder: how well documented a practice is, not how big its effect."""

    rank = models.PositiveSmallIntegerField("trin", unique=True)

    panels = TaxonomyTerm.panels + [FieldPanel("rank")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "evidensniveau"
        verbose_name_plural = "evidensniveauer"
        ordering = ["rank"]
