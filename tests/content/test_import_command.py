"""`manage.py import_content` with good input: it creates, it is idempotent, it updates."""

import datetime

import pytest
from wagtail.models import Revision

from cases.models import CasePage
from methods.models import MethodPage

from .helpers import (
    CASE_SLUG,
    FIXTURES,
    METHOD_SLUG,
    db_state,
    report_line,
    run_import,
    write_case,
    write_method,
)

pytestmark = pytest.mark.django_db


def test_new_case_and_method_are_imported_and_published(tree, client):
    write_method(tree)
    write_case(tree)

    output = run_import(tree)

    assert report_line(output, "praksiseksempler") == (
        "praksiseksempler: 1 nye, 0 ændrede, 0 uændrede"
    )
    assert report_line(output, "metoder") == "metoder: 1 nye, 0 ændrede, 0 uændrede"
    assert "Indholdet er indlæst." in output

    case = CasePage.objects.get(slug=CASE_SLUG)
    assert case.live and not case.has_unpublished_changes
    assert case.url == f"/praksiseksempler/{CASE_SLUG}/"
    assert case.title == "Åben rådgivning i Testby"
    assert case.summary.startswith("Borgere kan uden henvisning")

    def slugs(relation):
        return sorted(relation.values_list("slug", flat=True))

    assert slugs(case.movements) == ["mestring", "tidlig-opsporing"]
    assert slugs(case.challenges) == ["naar-vi-handler-for-sent"]
    assert slugs(case.municipalities) == ["silkeborg"]
    assert slugs(case.regions) == ["region-midtjylland"]
    assert slugs(case.target_groups) == ["voksne"]
    assert slugs(case.sectors) == ["social", "sundhed"]
    assert slugs(case.methods) == [METHOD_SLUG]
    assert [(s.document, s.locator) for s in case.sources.all()] == [
        ("000_76fcd7e0688ceb78.txt", "Bevægelse 2: Tidlig opsporing"),
        ("002_6e334f4c63a5a07e.txt", "Afsnit om samarbejde"),
    ]
    assert case.status == "pilot"
    assert case.start_year == 2019
    assert case.evidence_level.slug == "lovende-praksis"
    assert case.cost_band == "under-1-mio"
    assert case.contact_organisation == "Silkeborg Kommune"
    assert case.last_confirmed == datetime.date(2019, 3, 1)

    # Each Markdown section lands, as HTML, in its own knowledge dimension.
    assert case.purpose == "<p>Kommunen ville <strong>nå borgerne tidligere</strong>.</p>"
    assert case.target_group_text == "<p>Voksne med begyndende angst eller depression.</p>"
    assert "<ul>" in case.approach
    assert "<li>Gruppeforløb om <em>mestring</em></li>" in case.approach
    assert 'href="https://example.org/evaluering"' in case.results
    assert case.economy == "<p>Finansieret af puljemidler.</p>"

    method = MethodPage.objects.get(slug=METHOD_SLUG)
    assert method.live
    assert method.url == f"/metoder/{METHOD_SLUG}/"
    assert method.description == "<p>Borgerne mødes i små grupper over otte uger.</p>"
    assert "<li>Hjemmeopgaver</li>" in method.core_elements
    assert method.references == ""
    assert method.evidence_level.slug == "erfaringsbaseret"
    assert slugs(method.movements) == ["mestring"]

    response = client.get(case.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Åben rådgivning i Testby" in html
    assert "<strong>nå borgerne tidligere</strong>" in html
    assert "Gruppeforløb i Testby" in html  # the linked method


def test_reimporting_the_real_fixtures_changes_nothing():
    before = db_state()

    output = run_import(FIXTURES)

    lines = [line for line in output.splitlines() if ":" in line]
    assert lines, output
    for line in lines:
        assert ": 0 nye, 0 ændrede, " in line, line
    cases = len(list((FIXTURES / "cases").glob("*.md")))
    methods = len(list((FIXTURES / "methods").glob("*.md")))
    assert report_line(output, "praksiseksempler").endswith(f"{cases} uændrede")
    assert report_line(output, "metoder").endswith(f"{methods} uændrede")
    assert report_line(output, "kommuner").endswith("98 uændrede")
    assert db_state() == before


def test_importing_a_tree_twice_creates_no_duplicates(tree):
    write_method(tree)
    write_case(tree)
    run_import(tree)
    after_first = db_state()

    output = run_import(tree)

    assert report_line(output, "praksiseksempler") == (
        "praksiseksempler: 0 nye, 0 ændrede, 1 uændrede"
    )
    assert db_state() == after_first
    assert CasePage.objects.filter(slug=CASE_SLUG).count() == 1
    case = CasePage.objects.get(slug=CASE_SLUG)
    assert case.sources.count() == 2
    assert case.movements.count() == 2
    assert Revision.page_revisions.for_instance(case).count() == 1


def test_changed_summary_updates_only_that_page(full_tree, client):
    path = full_tree / "cases" / "silkeborg-rejselaerer.md"
    text = path.read_text(encoding="utf-8")
    old_summary = next(line for line in text.splitlines() if line.startswith("Summary:"))
    new_summary = "Summary: En rejselærer hjælper elever tilbage i skole efter indlæggelse."
    path.write_text(text.replace(old_summary, new_summary), encoding="utf-8")
    page = CasePage.objects.get(slug="silkeborg-rejselaerer")
    revisions = Revision.page_revisions.for_instance(page).count()
    sources = list(page.sources.values_list("document", "locator"))
    before = db_state()

    output = run_import(full_tree)

    cases = len(list((full_tree / "cases").glob("*.md")))
    assert report_line(output, "praksiseksempler") == (
        f"praksiseksempler: 0 nye, 1 ændrede, {cases - 1} uændrede"
    )
    assert ": 0 nye, 0 ændrede" in report_line(output, "metoder")
    assert ": 0 nye, 0 ændrede" in report_line(output, "bevægelser")

    page.refresh_from_db()
    assert page.summary == new_summary.removeprefix("Summary: ")
    assert page.live and not page.has_unpublished_changes
    assert Revision.page_revisions.for_instance(page).count() == revisions + 1
    assert list(page.sources.values_list("document", "locator")) == sources
    # One new revision in all; every title, taxonomy row and page count is as before.
    after = db_state()
    assert after.pop("revisions") == before.pop("revisions") + 1
    assert after == before

    response = client.get(page.url)
    assert "En rejselærer hjælper elever tilbage i skole efter indlæggelse." in response.text
