"""What the search index holds for one page, whatever its type: text to match (title, summary,
tags, organisations, body) and facet values as slugs.

Each searchable type contributes one `DocumentType` (search/documents/<type>.py): which pages
are indexable, and how a batch of them becomes documents in a fixed number of queries. Only
live pages without view restrictions ever become documents; nothing members-only is a field of
any page that is indexed."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.html import strip_tags

from taxonomy.models import Challenge, Municipality

# A document's searchable texts, in the order backends keep them.
TEXT_FIELDS = ("title", "summary", "tags", "organisation_names", "body")


@dataclass
class SearchDocument:
    page_id: int
    title: str
    summary: str
    body: str
    url: str
    published: str  # ISO timestamp, for "newest"
    organisations: list  # [{"kind", "slug", "name", "code"}]
    facets: dict = field(default_factory=dict)  # facet -> sorted list of slugs
    doc_type: str = "case"  # a key of search.contract.DOC_TYPES
    # The names of what the page is tagged with (movements, challenges, target groups, methods,
    # sectors): searchable words, so "pårørende" finds a case tagged with that target group.
    tags: str = ""

    @property
    def organisation_names(self):
        return " ".join(org["name"] for org in self.organisations)

    def texts(self):
        """The texts of TEXT_FIELDS, in that order."""
        return tuple(getattr(self, name) or "" for name in TEXT_FIELDS)


def plain_text(*html_fields):
    return "\n".join(strip_tags(value or "") for value in html_fields)


def names(*iterables):
    """The distinct names of tag objects (`name`, else `title`), in first-seen order."""
    seen = {}
    for objects in iterables:
        for obj in objects:
            seen.setdefault(getattr(obj, "name", None) or obj.title, None)
    return " · ".join(seen)


def published_of(page):
    return page.first_published_at.isoformat() if page.first_published_at else ""


def org_refs(municipalities, regions):
    return [
        {"kind": kind, "slug": org.slug, "name": org.name, "code": org.code}
        for kind, orgs in (("municipality", municipalities), ("region", regions))
        for org in orgs
    ]


def theme_prefetches():
    """What `theme_facets` reads of a page's (or a case's) tags, fetched in a few queries."""
    return [
        Prefetch("municipalities", queryset=Municipality.objects.select_related("region")),
        "regions",
        Prefetch("challenges", queryset=Challenge.objects.select_related("handlerum")),
    ]


def theme_facets(doc_type, movements, challenges, municipalities, regions):
    """The facets every type takes alike from its tags (model objects): type, movement,
    challenge and its handlerum, municipality, and region, to which a municipality's page
    belongs too ("what is done in Midtjylland?")."""
    return {
        "type": [doc_type],
        "movement": {m.slug for m in movements},
        "challenge": {c.slug for c in challenges},
        "handlerum": {c.handlerum.slug for c in challenges},
        "municipality": {m.slug for m in municipalities},
        "region": {r.slug for r in regions} | {m.region.slug for m in municipalities},
    }


def sorted_facets(facets):
    return {key: sorted(values) for key, values in facets.items()}


class DocumentType:
    """One searchable type. Subclasses set `code` and `model` and implement the two methods."""

    code = ""
    model = None

    def indexable(self):
        """The pages of this type anyone may see (a queryset)."""
        raise NotImplementedError

    def build(self, queryset):
        """Documents for the pages of `queryset` (already limited to indexable ones)."""
        raise NotImplementedError
