"""Methods as search documents. A method carries its own movements and evidence level, and the
facets of the public cases that use it and the municipalities that say they use it: "which
methods are used for young people in Region Midtjylland?" is a facet question."""

from django.db.models import Prefetch

from cases.models import public_cases
from methods.models import MethodAdoption, MethodPage, public_methods

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


class MethodDocuments(DocumentType):
    code = "method"
    model = MethodPage

    def indexable(self):
        return public_methods()

    def build(self, queryset):
        cases = public_cases().prefetch_related(
            *theme_prefetches(),
            "target_groups",
            "sectors",
        )
        queryset = queryset.select_related("evidence_level").prefetch_related(
            "movements",
            Prefetch("cases", queryset=cases, to_attr="search_cases"),
            Prefetch(
                "adoptions",
                queryset=MethodAdoption.objects.select_related("municipality__region"),
                to_attr="search_adoptions",
            ),
        )
        return [self.document(page) for page in queryset]

    def document(self, page):
        cases = page.search_cases
        movements = list(page.movements.all())
        municipalities = {m.pk: m for case in cases for m in case.municipalities.all()}
        municipalities.update({a.municipality.pk: a.municipality for a in page.search_adoptions})
        challenges = [c for case in cases for c in case.challenges.all()]
        target_groups = [t for case in cases for t in case.target_groups.all()]
        sectors = [s for case in cases for s in case.sectors.all()]
        regions = {r.pk: r for case in cases for r in case.regions.all()}
        facets = theme_facets(
            self.code, movements, challenges, municipalities.values(), regions.values()
        )
        facets.update(
            target_group={t.slug for t in target_groups},
            sector={s.slug for s in sectors},
            method=[page.slug],
            evidence=[page.evidence_level.slug] if page.evidence_level else [],
        )
        return SearchDocument(
            page_id=page.pk,
            doc_type=self.code,
            title=page.title,
            summary=page.summary,
            body=plain_text(page.description, page.core_elements),
            # What a method is for is said by its movements and by what the cases using it
            # are about; municipalities are facets here, not words (a method is not owned).
            tags=names(movements, target_groups),
            url=page.url or "",
            published=published_of(page),
            organisations=[],
            facets=sorted_facets(facets),
        )
