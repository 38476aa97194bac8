"""What the search index holds for a case: text to match, and facet values as slugs.

Built in bulk with a fixed number of queries, so a rebuild of 10,000 cases stays fast. Only
live pages without view restrictions are ever turned into documents."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.html import strip_tags

from cases.models import CasePage, public_cases
from taxonomy.models import Challenge, Municipality

BODY_FIELDS = ("purpose", "target_group_text", "approach", "results", "economy")


@dataclass
class CaseDocument:
    page_id: int
    title: str
    summary: str
    body: str
    url: str
    published: str  # ISO timestamp, for "newest"
    organisations: list  # [{"kind", "slug", "name", "code"}]
    facets: dict = field(default_factory=dict)  # facet -> sorted list of slugs

    @property
    def organisation_names(self):
        return " ".join(org["name"] for org in self.organisations)


def indexable_cases():
    return public_cases()


def _prefetched(queryset):
    return queryset.select_related("evidence_level").prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.select_related("region")),
        "regions",
        "movements",
        Prefetch("challenges", queryset=Challenge.objects.select_related("handlerum")),
        "target_groups",
        "sectors",
        "methods",
    )


def build_documents(queryset=None):
    """Documents for the given cases (default: every indexable case), in page-id order."""
    queryset = indexable_cases() if queryset is None else queryset
    return [document_for(page) for page in _prefetched(queryset.order_by("pk"))]


def document_for(page: CasePage):
    municipalities = list(page.municipalities.all())
    regions = list(page.regions.all())
    challenges = list(page.challenges.all())
    facets = {
        "movement": [m.slug for m in page.movements.all()],
        "challenge": [c.slug for c in challenges],
        "handlerum": {c.handlerum.slug for c in challenges},
        "municipality": [m.slug for m in municipalities],
        # A municipality's case belongs to its region too: "what is done in Midtjylland?"
        "region": {r.slug for r in regions} | {m.region.slug for m in municipalities},
        "target_group": [t.slug for t in page.target_groups.all()],
        "sector": [s.slug for s in page.sectors.all()],
        "method": [m.slug for m in page.methods.all()],
        "evidence": [page.evidence_level.slug] if page.evidence_level else [],
        "status": [page.status] if page.status else [],
    }
    body = "\n".join(strip_tags(getattr(page, name) or "") for name in BODY_FIELDS)
    return CaseDocument(
        page_id=page.pk,
        title=page.title,
        summary=page.summary,
        body=body,
        url=page.url or "",
        published=page.first_published_at.isoformat() if page.first_published_at else "",
        organisations=page.organisation_refs(),
        facets={key: sorted(values) for key, values in facets.items()},
    )
