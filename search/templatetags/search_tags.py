"""Template tags the domain apps use without importing search: {% similar_documents page %}
renders "Lignende praksiseksempler" on case and method pages."""

from django import template

from search import service
from search.contract import SIMILAR_LIMIT

register = template.Library()


@register.inclusion_tag("search/_similar.html")
def similar_documents(page, limit=SIMILAR_LIMIT):
    """The documents most like `page` (never the page itself); nothing when there are none or
    search is unavailable."""
    return {"hits": service.similar(page, limit=limit)}
