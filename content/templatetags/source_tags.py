from django import template

from content.sources import cited_documents, describe

register = template.Library()


@register.filter
def source_title(document):
    return describe(document)


@register.simple_tag
def cited(references):
    """{% cited page.sources.all as documents %}: each cited document once, with its places."""
    return cited_documents(references)
