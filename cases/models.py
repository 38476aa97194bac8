from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from content.models import ConfirmedMixin, SourceReference, SummaryMixin
from content.widgets import method_widget, municipality_widget
from taxonomy.models import Challenge, Movement

from .forms import CasePageForm
from .freshness import is_stale
from .reminders import StaleCaseReminder  # noqa: F401  (registers the model)
from .serializers import OrganisationsField, SlugListField


class CaseStatus(models.TextChoices):
    I_DRIFT = "i-drift", "I drift"
    PILOT = "pilot", "Pilot"
    AFSLUTTET = "afsluttet", "Afsluttet"
    # A proposal (e.g. from a workshop) that no source reports as carried out: shown as such on
    # cards and filterable (the search's status facet), and the only status a case may have
    # without an owner.
    IDE_FORSLAG = "ide-forslag", "Idé/forslag"


class CostBand(models.TextChoices):
    UNDER_1_MIO = "under-1-mio", "Under 1 mio. kr. om året"
    FROM_1_TO_5_MIO = "1-5-mio", "1–5 mio. kr. om året"
    OVER_5_MIO = "over-5-mio", "Over 5 mio. kr. om året"


def public_cases():
    """Cases anyone may see: published and not behind a view restriction."""
    return CasePage.objects.live().public()


class CaseIndexPage(Page):
    intro = RichTextField("introduktion", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["cases.CasePage"]
    max_count = 1
    page_size = 20

    class Meta:
        verbose_name = "oversigt over praksiseksempler"

    def permissions_for_user(self, user):
        # Contributors may add cases here but not edit the index: see editorial.permissions.
        from editorial.permissions import CaseIndexPermissionTester

        return CaseIndexPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cases = public_cases().order_by("title")
        active = {}
        movement = Movement.objects.filter(slug=request.GET.get("movement", "")).first()
        if movement:
            cases = cases.filter(movements=movement)
            active["movement"] = movement
        challenge = Challenge.objects.filter(slug=request.GET.get("challenge", "")).first()
        if challenge:
            cases = cases.filter(challenges=challenge)
            active["challenge"] = challenge
        cases = cases.prefetch_related("municipalities", "regions", "movements")
        page = Paginator(cases, self.page_size).get_page(request.GET.get("side"))
        context.update(cases=page, active_filters=active, filtered=bool(active))
        return context


class CasePage(ConfirmedMixin, SummaryMixin, Page):
    municipalities = ParentalManyToManyField(
        "taxonomy.Municipality", blank=True, related_name="cases", verbose_name="kommuner"
    )
    regions = ParentalManyToManyField(
        "taxonomy.Region", blank=True, related_name="cases", verbose_name="regioner"
    )
    movements = ParentalManyToManyField(
        "taxonomy.Movement",
        blank=True,
        related_name="cases",
        verbose_name="bevægelser",
        help_text="Kun de bevægelser, kilden placerer eksemplet under.",
    )
    challenges = ParentalManyToManyField(
        "taxonomy.Challenge", blank=True, related_name="cases", verbose_name="udfordringer"
    )
    target_groups = ParentalManyToManyField(
        "taxonomy.TargetGroup", blank=True, related_name="cases", verbose_name="målgrupper"
    )
    sectors = ParentalManyToManyField(
        "taxonomy.Sector", blank=True, related_name="cases", verbose_name="fagområder"
    )
    methods = ParentalManyToManyField(
        "methods.MethodPage", blank=True, related_name="cases", verbose_name="metoder"
    )
    status = models.CharField("status", max_length=20, choices=CaseStatus.choices, blank=True)
    start_year = models.PositiveSmallIntegerField(
        "startår",
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    evidence_level = models.ForeignKey(
        "taxonomy.EvidenceLevel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        verbose_name="evidensniveau",
    )
    cost_band = models.CharField(
        "årlig udgift", max_length=20, choices=CostBand.choices, blank=True
    )

    # The five knowledge dimensions, one field each so every case reads the same way.
    purpose = RichTextField("formål og baggrund", blank=True)
    target_group_text = RichTextField("målgruppe", blank=True)
    approach = RichTextField("indsatsen og organiseringen", blank=True)
    results = RichTextField(
        "resultater og erfaringer",
        blank=True,
        help_text="Også det, der ikke virkede.",
    )
    economy = RichTextField("økonomi", blank=True)

    contact_organisation = models.CharField("kontaktorganisation", max_length=255, blank=True)
    contact_person = models.CharField(
        "kontaktperson",
        max_length=255,
        blank=True,
        help_text="Kun med personens samtykke.",
    )
    contact_consent = models.BooleanField(
        "kontaktpersonen har givet samtykke til at blive nævnt", default=False
    )
    contact_email = models.EmailField("kontakt-e-mail", blank=True)
    archived_on = models.DateField(
        "arkiveret den",
        null=True,
        blank=True,
        help_text=(
            "Udfyld, når indsatsen ikke længere kører. Siden bliver på sin adresse med en "
            "tydelig markering af, at oplysningerne kun bevares som reference."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("municipalities", widget=municipality_widget()),
                FieldPanel("regions"),
            ],
            heading="Ejende organisationer (mindst én, undtagen for en idé/et forslag)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("movements"),
                FieldPanel("challenges"),
                FieldPanel("target_groups"),
                FieldPanel("sectors"),
                FieldPanel("methods", widget=method_widget()),
            ],
            heading="Tags",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("start_year")]),
                FieldRowPanel([FieldPanel("evidence_level"), FieldPanel("cost_band")]),
                FieldPanel("last_confirmed"),
                FieldPanel("archived_on"),
            ],
            heading="Status og evidens",
        ),
        MultiFieldPanel(
            [
                FieldPanel("purpose"),
                FieldPanel("target_group_text"),
                FieldPanel("approach"),
                FieldPanel("results"),
                FieldPanel("economy"),
            ],
            heading="Beskrivelse (de fem vidensdimensioner)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_organisation"),
                FieldPanel("contact_person"),
                FieldPanel("contact_consent"),
                FieldPanel("contact_email"),
            ],
            heading="Kontakt",
        ),
        InlinePanel("images", label="Billeder"),
        InlinePanel("attachments", label="Bilag"),
        InlinePanel("sources", label="Kilder", min_num=1),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("purpose"),
        index.SearchField("approach"),
        index.SearchField("results"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("organisations", serializer=OrganisationsField(source="*")),
        APIField("movements", serializer=SlugListField()),
        APIField("challenges", serializer=SlugListField()),
        APIField("target_groups", serializer=SlugListField()),
        APIField("sectors", serializer=SlugListField()),
        APIField("methods", serializer=SlugListField()),
        APIField("status"),
        APIField("start_year"),
        APIField("evidence_level", serializer=SlugListField(many=False)),
        APIField("last_confirmed"),
        APIField("archived_on"),
    ]

    base_form_class = CasePageForm
    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "praksiseksempel"
        verbose_name_plural = "praksiseksempler"

    def permissions_for_user(self, user):
        # Contributors only reach their own municipalities' cases: see editorial.permissions.
        from editorial.permissions import CasePermissionTester

        return CasePermissionTester(user, self)

    def clean(self):
        super().clean()
        errors = {}
        if self.contact_person and not self.contact_consent:
            errors["contact_consent"] = (
                "En navngiven kontaktperson kræver, at personen har givet samtykke."
            )
        if self.archived_on and self.archived_on > timezone.localdate():
            errors["archived_on"] = "Datoen for arkivering kan ikke ligge i fremtiden."
        if errors:
            raise ValidationError(errors)

    @property
    def is_proposal(self):
        return self.status == CaseStatus.IDE_FORSLAG

    @property
    def is_archived(self):
        return self.archived_on is not None

    @property
    def is_stale(self):
        """Not confirmed for the configured number of months; archived cases are never stale."""
        return not self.is_archived and is_stale(self.last_confirmed)

    @classmethod
    def api_queryset(cls, queryset):
        """The API's listing with every relation its fields show fetched in a few queries."""
        return queryset.select_related("evidence_level").prefetch_related(
            "municipalities",
            "regions",
            "movements",
            "challenges",
            "target_groups",
            "sectors",
            "methods",
        )

    @property
    def organisations(self):
        """Owning municipalities first, then regions: the labels users recognise."""
        return list(self.municipalities.all()) + list(self.regions.all())

    def organisation_refs(self):
        """The owners as the API and the search index show them: kind, slug, name, code."""
        return [
            {"kind": kind, "slug": org.slug, "name": org.name, "code": org.code}
            for kind, orgs in (
                ("municipality", self.municipalities.all()),
                ("region", self.regions.all()),
            )
            for org in orgs
        ]

    @property
    def gallery(self):
        return self.images.select_related("image").prefetch_related("image__renditions")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from methods.models import public_methods

        # By id: in a preview `self.methods` is modelcluster's in-memory list, not a queryset.
        method_ids = [method.pk for method in self.methods.all()]
        context["methods"] = public_methods().filter(pk__in=method_ids).order_by("title")
        context["challenges"] = self.challenges.select_related("handlerum")
        return context


class CaseSource(SourceReference):
    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="sources")


class CaseImage(Orderable):
    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name="billede"
    )
    alt_text = models.CharField(
        "alternativ tekst",
        max_length=255,
        help_text="Beskriv billedet for dem, der ikke kan se det. Krævet.",
    )
    caption = models.CharField("billedtekst", max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


class CaseAttachment(Orderable):
    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name="dokument"
    )
    title = models.CharField("titel", max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self):
        return self.title or self.document.title
