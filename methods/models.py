from django.db import models
from django.db.models import Prefetch
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cases.serializers import SlugListField
from content.models import ConfirmedMixin, SourceReference, SummaryMixin
from taxonomy.models import Municipality


def public_methods():
    return MethodPage.objects.live().public()


class MethodIndexPage(Page):
    intro = RichTextField("introduktion", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["methods.MethodPage"]
    max_count = 1

    class Meta:
        verbose_name = "oversigt over metoder"

    def get_context(self, request, *args, **kwargs):
        from cases.models import public_cases

        context = super().get_context(request, *args, **kwargs)
        context["methods"] = (
            public_methods()
            .order_by("title")
            .select_related("evidence_level")
            .prefetch_related("movements")
            .annotate(
                case_count=models.Count(
                    "cases", filter=models.Q(cases__in=public_cases()), distinct=True
                )
            )
        )
        return context


class MethodPage(ConfirmedMixin, SummaryMixin, Page):
    description = RichTextField("beskrivelse")
    core_elements = RichTextField("kerneelementer", blank=True)
    references = RichTextField("referencer", blank=True)
    evidence_level = models.ForeignKey(
        "taxonomy.EvidenceLevel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="methods",
        verbose_name="evidensniveau",
    )
    movements = ParentalManyToManyField(
        "taxonomy.Movement", blank=True, related_name="methods", verbose_name="bevægelser"
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("core_elements"),
        FieldPanel("references"),
        FieldPanel("evidence_level"),
        FieldPanel("movements"),
        FieldPanel("last_confirmed"),
        InlinePanel("sources", label="Kilder", min_num=1),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("evidence_level", serializer=SlugListField(many=False)),
        APIField("movements", serializer=SlugListField()),
        APIField("used_by", serializer=SlugListField(source="public_cases")),
        APIField("last_confirmed"),
    ]

    parent_page_types = ["methods.MethodIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "metode"
        verbose_name_plural = "metoder"

    @property
    def public_cases(self):
        from cases.models import public_cases

        return public_cases().filter(methods=self)

    def usage(self):
        """'Hvor bruges metoden?': the public cases using it and the municipalities behind them.

        A fixed number of queries, however many cases and municipalities there are."""
        cases = list(
            self.public_cases.order_by("title").prefetch_related(
                Prefetch("municipalities", queryset=Municipality.objects.select_related("region")),
                "regions",
            )
        )
        municipalities = sorted(
            {m for case in cases for m in case.municipalities.all()}, key=lambda m: m.name
        )
        return cases, municipalities

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["used_in_cases"], context["used_in_municipalities"] = self.usage()
        return context


class MethodSource(SourceReference):
    page = ParentalKey(MethodPage, on_delete=models.CASCADE, related_name="sources")
