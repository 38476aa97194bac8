"""Practice examples as search documents."""

from cases.models import CasePage, public_cases

from .base import (
    DocumentType,
    SearchDocument,
    names,
    plain_text,
    published_of,
    sorted_facets,
    theme_facets,
    theme_prefetches,
)

BODY_FIELDS = ("purpose", "target_group_text", "approach", "results", "economy")


class CaseDocuments(DocumentType):
    code = "case"
    model = CasePage

    def indexable(self):
        return public_cases()

    def build(self, queryset):
        queryset = queryset.select_related("evidence_level").prefetch_related(
            *theme_prefetches(),
            "movements",
            "target_groups",
            "sectors",
            "methods",
        )
        return [self.document(page) for page in queryset]

    def document(self, page):
        municipalities = list(page.municipalities.all())
        regions = list(page.regions.all())
        challenges = list(page.challenges.all())
        movements = list(page.movements.all())
        target_groups = list(page.target_groups.all())
        sectors = list(page.sectors.all())
        methods = list(page.methods.all())
        facets = theme_facets(self.code, movements, challenges, municipalities, regions)
        facets.update(
            target_group=[t.slug for t in target_groups],
            sector=[s.slug for s in sectors],
            method=[m.slug for m in methods],
            evidence=[page.evidence_level.slug] if page.evidence_level else [],
            status=[page.status] if page.status else [],
        )
        return SearchDocument(
            page_id=page.pk,
            doc_type=self.code,
            title=page.title,
            summary=page.summary,
            body=plain_text(*(getattr(page, name) for name in BODY_FIELDS)),
            tags=names(movements, challenges, target_groups, sectors, methods),
            url=page.url or "",
            published=published_of(page),
            organisations=page.organisation_refs(),
            facets=sorted_facets(facets),
        )
