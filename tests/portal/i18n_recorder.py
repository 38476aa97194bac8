"""Records the message ids looked up through Django's translation functions while code runs,
and whether the active catalogue has them. Wraps django.utils.translation's functions, which the
templates' {% translate %} and Wagtail's Python code both go through; changes no answer."""

from contextlib import contextmanager

from django.utils import translation
from django.utils.translation import trans_real


def _catalogue():
    return trans_real.translation(translation.get_language())._catalog


@contextmanager
def record_lookups():
    """Yields a set that fills with (context, msgid, plural) of every lookup whose id is
    missing from the active language's catalogue."""
    missing = set()
    trans = translation._trans
    originals = {
        name: getattr(trans, name) for name in ("gettext", "ngettext", "pgettext", "npgettext")
    }

    def check(key, record):
        if key not in _catalogue():
            missing.add(record)

    def gettext(message):
        if message:
            check(message, (None, message, None))
        return originals["gettext"](message)

    def ngettext(singular, plural, number):
        check((singular, 0), (None, singular, plural))
        return originals["ngettext"](singular, plural, number)

    def pgettext(context, message):
        check(f"{context}\x04{message}", (context, message, None))
        return originals["pgettext"](context, message)

    def npgettext(context, singular, plural, number):
        check((f"{context}\x04{singular}", 0), (context, singular, plural))
        return originals["npgettext"](context, singular, plural, number)

    for name, fn in (
        ("gettext", gettext),
        ("ngettext", ngettext),
        ("pgettext", pgettext),
        ("npgettext", npgettext),
    ):
        setattr(trans, name, fn)
    try:
        yield missing
    finally:
        for name, fn in originals.items():
            setattr(trans, name, fn)
