"""Counts in Danish copy: «1 praksiseksempel», «2 praksiseksempler», «0 praksiseksempler».

Every count a template shows goes through `antal` with both whole word forms, never a stem plus
`pluralize` (which is how «1 praksiseksemplel» happened); tests/portal/test_copy_counts.py reads
every template to hold that line."""

from django import template
from django.utils.formats import number_format

register = template.Library()


def forms_of(forms):
    singular, _, plural = forms.partition(",")
    if not singular.strip() or not plural.strip():
        raise template.TemplateSyntaxError(
            f"antal needs 'singular,plural' (two whole words), got {forms!r}"
        )
    return singular.strip(), plural.strip()


@register.filter
def antal(count, forms):
    """`{{ n|antal:"praksiseksempel,praksiseksempler" }}` → «1 praksiseksempel»."""
    singular, plural = forms_of(forms)
    try:
        number = int(count)
    except (TypeError, ValueError):
        return ""
    return f"{number_format(number, force_grouping=True)} {singular if number == 1 else plural}"


@register.filter
def ordform(count, forms):
    """The word alone, for a count shown elsewhere: `{{ n|ordform:"side,sider" }}`."""
    singular, plural = forms_of(forms)
    try:
        return singular if int(count) == 1 else plural
    except (TypeError, ValueError):
        return plural
