from django import template

from content.sources import describe

register = template.Library()


@register.filter
def source_title(document):
    return describe(document)
