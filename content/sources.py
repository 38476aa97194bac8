"""The documents content is written from (fixtures/taxonomy/sources.json: the one place that maps
a cited file to its title, publisher, year and public address) and how a page lists its sources.

Readers never see a file name: a reference to a known document shows the document as people cite
it, and references to the same document are listed once with all their places in it."""

from dataclasses import dataclass, field
from functools import cache

from django.conf import settings

from .fixtures import load_source_documents


@cache
def source_documents():
    return load_source_documents(settings.BASE_DIR / "fixtures" / "taxonomy")


def describe(document):
    """'Publisher: Title (year)' for a known source file name; what the editor typed otherwise."""
    info = source_documents().get(document)
    if not info:
        return document
    return f"{info['publisher']}: {info['title']} ({info['year']})"


@dataclass
class CitedDocument:
    """One document a page cites, with every place in it the page refers to."""

    title: str
    url: str = ""
    locators: list = field(default_factory=list)


def cited_documents(references):
    """The page's references grouped by document, in the order they were first cited."""
    documents = {}
    for reference in references:
        info = source_documents().get(reference.document, {})
        key = reference.document.strip()
        cited = documents.get(key)
        if cited is None:
            cited = documents[key] = CitedDocument(
                title=describe(key), url=info.get("url", "") or ""
            )
        if reference.url and not cited.url:
            cited.url = reference.url
        locator = (reference.locator or "").strip()
        if locator and locator not in cited.locators:
            cited.locators.append(locator)
    return list(documents.values())
