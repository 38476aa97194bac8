from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cases.models import public_cases
from cases.stats import counts_by, movement_challenge_matrix
from taxonomy.models import Frame, Handlerum, Movement


class HomePage(Page):
    intro = RichTextField("introduktion", blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cases.CaseIndexPage",
        "methods.MethodIndexPage",
        "erfa.ErfaGroupIndexPage",
        "sitepages.SitePage",
    ]
    max_count = 1
    newest_count = 6

    class Meta:
        verbose_name = "forside"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        movements = list(Movement.objects.all())
        handlerum = list(Handlerum.objects.prefetch_related("challenges"))
        challenges = [c for h in handlerum for c in h.challenges.all()]
        movement_counts = counts_by("movements")
        challenge_counts = counts_by("challenges")
        for movement in movements:
            movement.case_count = movement_counts.get(movement.slug, 0)
        for challenge in challenges:
            challenge.case_count = challenge_counts.get(challenge.slug, 0)
        matrix = movement_challenge_matrix()
        context.update(
            frame=Frame.objects.filter(slug="recovery").first(),
            movements=movements,
            handlerum=handlerum,
            challenges=challenges,
            matrix_rows=[
                (m, [(c, matrix.get((m.slug, c.slug), 0)) for c in challenges]) for m in movements
            ],
            newest_cases=public_cases()
            .order_by("-first_published_at", "title")
            .prefetch_related("municipalities", "regions")[: self.newest_count],
            case_total=public_cases().count(),
        )
        return context
