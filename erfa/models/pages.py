"""Erfa-group pages: the public face of a group. Members-only material (meetings marked
members-only, minutes, documents, posts) lives in models of its own, never in page fields, so
it cannot reach the page API, the sitemap or the search index."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Collection, CollectionViewRestriction, Page

from cases.serializers import SlugListField
from content.forms import PortalPageForm
from content.models import SourceReference, SummaryMixin
from content.widgets import method_widget, municipality_widget


class GroupStatus(models.TextChoices):
    # A theme the sources propose a group for. It becomes active with its first member: a
    # proposed group with members shows (and filters) as active, see current_status.
    FORESLAAET = "foreslaaet", "Foreslået erfa-gruppe"
    AKTIV = "aktiv", "Aktiv"
    AFSLUTTET = "afsluttet", "Afsluttet"


class ErfaGroupIndexPage(Page):
    intro = RichTextField("introduktion", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["erfa.ErfaGroupPage"]
    max_count = 1

    class Meta:
        verbose_name = "oversigt over erfa-grupper"

    def get_context(self, request, *args, **kwargs):
        from erfa.views.pages import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context


class ErfaGroupPage(SummaryMixin, Page):
    purpose = RichTextField("formål")
    how_to_join = RichTextField("sådan bliver du medlem", blank=True)
    meeting_cadence = models.CharField("mødefrekvens", max_length=200, blank=True)
    status = models.CharField(
        "status",
        max_length=20,
        choices=GroupStatus.choices,
        default=GroupStatus.FORESLAAET,
        help_text="En foreslået gruppe bliver aktiv, når det første medlem er godkendt.",
    )
    movements = ParentalManyToManyField(
        "taxonomy.Movement", blank=True, related_name="erfa_groups", verbose_name="bevægelser"
    )
    challenges = ParentalManyToManyField(
        "taxonomy.Challenge", blank=True, related_name="erfa_groups", verbose_name="udfordringer"
    )
    methods = ParentalManyToManyField(
        "methods.MethodPage", blank=True, related_name="erfa_groups", verbose_name="metoder"
    )
    municipalities = ParentalManyToManyField(
        "taxonomy.Municipality",
        blank=True,
        related_name="erfa_groups",
        verbose_name="deltagende kommuner",
    )
    regions = ParentalManyToManyField(
        "taxonomy.Region", blank=True, related_name="erfa_groups", verbose_name="regioner"
    )
    cases = ParentalManyToManyField(
        "cases.CasePage", blank=True, related_name="erfa_groups", verbose_name="praksiseksempler"
    )
    members_group = models.OneToOneField(
        Group,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="erfa_group",
        help_text="Gruppens medlemmer som Django-gruppe, så rettigheder og adgang følger.",
    )

    private_collection = models.OneToOneField(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="erfa_group",
        help_text="Dokumenter kun for medlemmer: Wagtails dokumentbeskyttelse giver kun "
        "gruppens medlemmer adgang.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("purpose"),
        FieldPanel("how_to_join"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("meeting_cadence")], heading="Status og møder"
        ),
        MultiFieldPanel(
            [
                FieldPanel("movements"),
                FieldPanel("challenges"),
                FieldPanel("methods", widget=method_widget()),
            ],
            heading="Temaer",
        ),
        MultiFieldPanel(
            [FieldPanel("municipalities", widget=municipality_widget()), FieldPanel("regions")],
            heading="Deltagere",
        ),
        FieldPanel("cases"),
        InlinePanel("sources", label="Kilder"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("status"),
        APIField("movements", serializer=SlugListField()),
        APIField("challenges", serializer=SlugListField()),
        APIField("municipalities", serializer=SlugListField()),
    ]
    base_form_class = PortalPageForm
    parent_page_types = ["erfa.ErfaGroupIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "erfa-gruppe"
        verbose_name_plural = "erfa-grupper"

    def get_context(self, request, *args, **kwargs):
        from erfa.views.pages import group_context

        context = super().get_context(request, *args, **kwargs)
        context.update(group_context(self, request, join_form=kwargs.get("join_form")))
        return context

    def serve(self, request, *args, **kwargs):
        from erfa.permissions import mark_private

        # Members and coordinators see more than the public page: never cache it publicly.
        return mark_private(super().serve(request, *args, **kwargs), request)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.members_group_id is None or self.private_collection_id is None:
            self._create_members_group_and_collection()

    def _create_members_group_and_collection(self):
        """Each group's members are a Django group, and its members-only documents live in a
        collection restricted to that group (served through Wagtail's document view only)."""
        group, _ = Group.objects.get_or_create(name=f"Erfa-gruppe {self.pk}: medlemmer")
        collection = self.private_collection
        if collection is None:
            # A child of the root, on which no role holds a permission: a collection permission
            # reaches every collection below it, so the roles' media permissions sit on the
            # shared collection beside this one (editorial.setup), and outsiders never list,
            # search or choose these documents in the admin.
            root = Collection.get_first_root_node()
            collection = root.add_child(name=f"Erfa-gruppe {self.pk}: kun for medlemmer")
            restriction = CollectionViewRestriction.objects.create(
                collection=collection, restriction_type=CollectionViewRestriction.GROUPS
            )
            restriction.groups.add(group)
        type(self).objects.filter(pk=self.pk).update(
            members_group=group, private_collection=collection
        )
        self.members_group, self.private_collection = group, collection

    @property
    def is_open(self):
        """Open for join requests: proposed and active groups, not closed ones."""
        return self.status != GroupStatus.AFSLUTTET

    @property
    def member_count(self):
        # The index annotates `member_total`; a single page counts once.
        annotated = self.__dict__.get("member_total")
        return annotated if annotated is not None else self.memberships.count()

    @property
    def current_status(self):
        if self.status == GroupStatus.FORESLAAET and self.member_count:
            return GroupStatus.AKTIV
        return self.status

    @property
    def current_status_label(self):
        return GroupStatus(self.current_status).label

    @property
    def is_proposed(self):
        return self.current_status == GroupStatus.FORESLAAET

    @property
    def shows_demo_data(self):
        """Members, meetings or posts made by the demo set-up, which the page must say."""
        return (
            self.memberships.filter(is_demo=True).exists()
            or self.meetings.filter(is_demo=True).exists()
            or self.posts.filter(is_demo=True).exists()
        )

    def membership_of(self, user):
        if not user.is_authenticated:
            return None
        return self.memberships.filter(user=user).first()

    def is_member(self, user):
        return self.membership_of(user) is not None

    def is_coordinator(self, user):
        membership = self.membership_of(user)
        return bool(membership and membership.is_coordinator)

    def meetings_for(self, user):
        meetings = self.meetings.all()
        if not self.is_member(user):
            meetings = meetings.filter(members_only=False)
        return meetings

    def next_meeting(self):
        return self.meetings.filter(members_only=False, starts_at__gte=timezone.now()).first()


class ErfaGroupSource(SourceReference):
    page = ParentalKey(ErfaGroupPage, on_delete=models.CASCADE, related_name="sources")
