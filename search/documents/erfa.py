"""Erfa groups as search documents: the group's public description only (title, summary,
purpose, how to join, themes). Meetings, minutes, documents and posts are models of their own
and never part of a document."""

from erfa.models import ErfaGroupPage

from .base import (
    DocumentType,
    SearchDocument,
    names,
    org_refs,
    plain_text,
    published_of,
    sorted_facets,
    theme_facets,
    theme_prefetches,
)


class ErfaGroupDocuments(DocumentType):
    code = "erfa_group"
    model = ErfaGroupPage

    def indexable(self):
        return ErfaGroupPage.objects.live().public()

    def build(self, queryset):
        queryset = queryset.prefetch_related(*theme_prefetches(), "movements", "methods")
        return [self.document(page) for page in queryset]

    def document(self, page):
        movements = list(page.movements.all())
        challenges = list(page.challenges.all())
        methods = list(page.methods.all())
        municipalities = list(page.municipalities.all())
        regions = list(page.regions.all())
        facets = theme_facets(self.code, movements, challenges, municipalities, regions)
        facets["method"] = [m.slug for m in methods]
        return SearchDocument(
            page_id=page.pk,
            doc_type=self.code,
            title=page.title,
            summary=page.summary,
            body=plain_text(page.purpose, page.how_to_join),
            tags=names(movements, challenges, methods),
            url=page.url or "",
            published=published_of(page),
            organisations=org_refs(municipalities, regions),
            facets=sorted_facets(facets),
        )
