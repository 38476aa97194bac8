from django import template

from ..models import SitePage, SitePageKind

register = template.Library()

ORDER = {kind: number for number, kind in enumerate(SitePageKind.values)}


@register.simple_tag
def site_page_links():
    """The live site pages in footer order (one query), for every page's footer."""
    pages = SitePage.objects.live().public()
    return sorted(pages, key=lambda page: ORDER.get(page.kind, len(ORDER)))
