from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.utils.cache import patch_cache_control
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cases.serializers import SlugListField
from content.forms import PortalPageForm
from content.models import ConfirmedMixin, SourceReference, SummaryMixin
from taxonomy.models import Municipality

from .usage import adoption_context, where_used


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
        APIField("used_by", serializer=SlugListField(source="api_used_by")),
        APIField("adopted_by", serializer=SlugListField(source="api_adopted_by")),
        APIField("last_confirmed"),
    ]

    base_form_class = PortalPageForm
    parent_page_types = ["methods.MethodIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "metode"
        verbose_name_plural = "metoder"

    @property
    def public_cases(self):
        from cases.models import public_cases

        return public_cases().filter(methods=self)

    @property
    def adopting_municipalities(self):
        """Municipalities that have recorded 'Vi gør det også' for this method."""
        return Municipality.objects.filter(method_adoptions__method=self).order_by("code")

    @classmethod
    def api_queryset(cls, queryset):
        """The API's listing with every relation its fields show fetched in a few queries."""
        from cases.models import public_cases

        return queryset.select_related("evidence_level").prefetch_related(
            "movements",
            Prefetch("cases", queryset=public_cases().order_by("pk"), to_attr="api_cases"),
            Prefetch(
                "adoptions",
                queryset=MethodAdoption.objects.select_related("municipality").order_by(
                    "municipality__code"
                ),
                to_attr="api_adoptions",
            ),
        )

    @property
    def api_used_by(self):
        """The public cases using the method (fetched with the listing when it can be)."""
        cases = getattr(self, "api_cases", None)
        return self.public_cases if cases is None else cases

    @property
    def api_adopted_by(self):
        adoptions = getattr(self, "api_adoptions", None)
        if adoptions is None:
            return self.adopting_municipalities
        return [adoption.municipality for adoption in adoptions]

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
        context["where_used"] = where_used(self, context["used_in_cases"])
        context.update(adoption_context(self, request.user, context["where_used"]))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.user.is_authenticated:
            # Logged-in users get their own 'Vi gør det også' form: no cache may keep it.
            patch_cache_control(response, private=True, no_store=True)
        return response


class MethodSource(SourceReference):
    page = ParentalKey(MethodPage, on_delete=models.CASCADE, related_name="sources")


class MethodAdoption(models.Model):
    """'Vi gør det også': a municipality says it uses the method, with or without a case.

    Saved and deleted with ordinary model save/delete, so post_save/post_delete signals can
    purge cached method pages."""

    method = models.ForeignKey(
        MethodPage, on_delete=models.CASCADE, related_name="adoptions", verbose_name="metode"
    )
    municipality = models.ForeignKey(
        "taxonomy.Municipality",
        on_delete=models.CASCADE,
        related_name="method_adoptions",
        verbose_name="kommune",
    )
    case = models.ForeignKey(
        "cases.CasePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="method_adoptions",
        verbose_name="praksiseksempel",
        help_text="Kommunens eget praksiseksempel med metoden, hvis der er et.",
    )
    since_year = models.PositiveSmallIntegerField(
        "brugt siden",
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="registreret af",
    )
    created_at = models.DateTimeField("registreret", auto_now_add=True)

    class Meta:
        verbose_name = "metodeanvendelse"
        verbose_name_plural = "metodeanvendelser"
        ordering = ["method", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["method", "municipality"], name="unique_method_adoption"
            )
        ]

    def __str__(self):
        return f"{self.municipality} bruger {self.method.title}"

    def clean(self):
        # Editors in the admin get the front-end form's rule: only the municipality's own case.
        super().clean()
        owns_case = (
            not self.case_id
            or not self.municipality_id
            or self.case.municipalities.filter(pk=self.municipality_id).exists()
        )
        if not owns_case:
            raise ValidationError(
                {"case": "Praksiseksemplet hører ikke til kommunen. Vælg kommunens eget."}
            )
