"""The real content in fixtures/ is complete and valid, file by file."""

import pytest

from content.importer import parse_all

from .helpers import FIXTURES, SEED_DOCUMENTS

pytestmark = pytest.mark.django_db

CASE_FILES = sorted((FIXTURES / "cases").glob("*.md"))
METHOD_FILES = sorted((FIXTURES / "methods").glob("*.md"))


@pytest.fixture(scope="module")
def parsed():
    """(taxonomies, methods, cases); raises with every problem if any file is invalid."""
    return parse_all(FIXTURES)


def test_every_fixture_file_parses_without_errors(parsed):
    taxonomies, methods, cases = parsed
    assert [record.slug for record in cases] == [path.stem for path in CASE_FILES]
    assert [record.slug for record in methods] == [path.stem for path in METHOD_FILES]
    assert None not in cases + methods


def test_there_are_enough_cases_and_methods(parsed):
    _, methods, cases = parsed
    assert len(cases) >= 30
    assert len(methods) >= 15


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.stem)
def test_each_case_is_tagged_owned_and_sourced(parsed, path):
    _, _, cases = parsed
    record = next(record for record in cases if record.slug == path.stem)
    assert record.m2m["movements"][1], "mindst én bevægelse"
    assert record.m2m["municipalities"][1] + record.m2m["regions"][1], "mindst én organisation"
    assert any(document in SEED_DOCUMENTS for document, _ in record.sources)
    assert len(record.fields["summary"]) <= 300
    assert record.fields["title"]
    assert record.fields["last_confirmed"] is not None


def test_every_source_points_to_a_place_in_a_seed_document(parsed):
    _, methods, cases = parsed
    for record in methods + cases:
        assert record.sources, record.slug
        for document, locator in record.sources:
            assert document in SEED_DOCUMENTS, (record.slug, document)
            assert locator, (record.slug, document)


def test_each_method_has_a_description(parsed):
    _, methods, _ = parsed
    for record in methods:
        assert record.fields["description"].startswith("<"), record.slug
        assert len(record.fields["summary"]) <= 300, record.slug
        assert record.m2m["movements"][1], record.slug
