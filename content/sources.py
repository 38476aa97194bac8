"""The documents content is written from, by file name (fixtures/taxonomy/sources.json)."""

from functools import cache

from django.conf import settings

from .fixtures import load_source_documents


@cache
def source_documents():
    return load_source_documents(settings.BASE_DIR / "fixtures" / "taxonomy")


def describe(document):
    """'Publisher: Title (year)' for a known source file name; the name itself otherwise."""
    info = source_documents().get(document)
    if not info:
        return document
    return f"{info['publisher']}: {info['title']} ({info['year']})"
