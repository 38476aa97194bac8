"""The project's slug rule, in one place: æ→ae, ø→oe, å→aa, then Django's slugify.

The imported pages have slugs made this way (fixtures/ name them so); public forms, the erfa
proposal form and the Wagtail admin (server-side here, in the browser through Wagtail's slug
widget with the same replacements as `formatters`) make them the same way."""

from django import forms
from django.core.validators import validate_slug
from django.utils.text import slugify
from wagtail.admin.widgets.slug import SlugInput

DANISH_LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
_TRANSLATE = str.maketrans(DANISH_LETTERS)
SLUG_MAX = 80  # short enough for readable URLs; Wagtail allows 255


def danish_slugify(text, max_length=SLUG_MAX):
    """'Æblehaven på Østerbro – åben café' → 'aeblehaven-paa-oesterbro-aaben-cafe'."""
    slug = slugify(str(text).translate(_TRANSLATE))
    return slug[:max_length].strip("-")


def slug_for_title(title, fallback="side"):
    return danish_slugify(title) or fallback


class DanishSlugInput(SlugInput):
    """Wagtail's slug widget with the project's replacements applied before its own slugify, so
    the slug the editor sees while typing the title is the one the server will store."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        rules = [(letter, plain) for letter, plain in DANISH_LETTERS.items()]
        super().__init__(attrs=attrs, formatters=rules + list(formatters or []), locale=locale)


class DanishSlugField(forms.SlugField):
    """A slug typed (or pasted) with æ, ø or å is rewritten by the project's rule before it is
    validated, instead of being refused or %-encoded in the address."""

    default_validators = [validate_slug]

    def __init__(self, *args, allow_unicode=False, **kwargs):
        kwargs.setdefault("widget", DanishSlugInput)
        super().__init__(*args, allow_unicode=False, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        cleaned = danish_slugify(value, max_length=self.max_length or 255)
        return cleaned or value  # nothing left: let the validator say why
