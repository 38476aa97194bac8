"""The search page in a real browser: ticking a facet, chips, history, axe-core, and no-JS use."""

import re

import pytest
from playwright.sync_api import expect

from .test_accessibility import AXE_RUN, _describe

MESTRING = re.compile(r"^Mestring \((\d+)\)$")
COUNT = re.compile(r"^(\d+) praksiseksempl(?:el|er)")


def _movement_labels(page):
    group = page.get_by_role("group", name="Bevægelse")
    return [" ".join(t.split()) for t in group.locator("label").all_inner_texts()]


def _mestring_count(page):
    label = next(t for t in _movement_labels(page) if MESTRING.match(t))
    return int(MESTRING.match(label).group(1))


def _total(page):
    return int(COUNT.match(page.locator("#search-status").inner_text()).group(1))


def test_ticking_a_facet_updates_results_url_and_counts(page):
    page.goto("/soeg/")
    total = _total(page)
    before = _movement_labels(page)
    mestring = _mestring_count(page)
    assert 0 < mestring < total
    # With JavaScript the "Opdater" button is not needed.
    expect(page.get_by_role("button", name="Opdater")).to_be_hidden()
    page.evaluate("window.notReloaded = true")

    group = page.get_by_role("group", name="Bevægelse")
    group.get_by_role("checkbox", name=MESTRING).check()

    expect(page).to_have_url(re.compile(r"[?&]movement=mestring(&|$)"))
    status = page.locator("#search-status")
    expect(status).to_have_text(re.compile(rf"^{mestring} praksiseksempl"))
    expect(page.locator(".search-hit")).to_have_count(mestring)
    expect(group.get_by_role("checkbox", name=MESTRING)).to_be_checked()
    # Disjunctive: the movement counts do not shrink when a movement is chosen.
    assert _movement_labels(page) == before
    # Other facets now count within Mestring.
    expect(page.get_by_role("group", name="Status").locator("label").first).to_have_text(
        re.compile(r"\(\d+\)$")
    )
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex")
    assert page.evaluate("window.notReloaded") is True, "the page was reloaded, not updated"

    # The chip removes the filter again.
    page.get_by_role("link", name="Fjern filter: Mestring").click()
    expect(page).not_to_have_url(re.compile("movement="))
    expect(status).to_have_text(re.compile(rf"^{total} praksiseksempl"))
    expect(group.get_by_role("checkbox", name=MESTRING)).not_to_be_checked()


def test_back_button_restores_the_previous_results(page):
    page.goto("/soeg/")
    total = _total(page)
    page.get_by_role("group", name="Bevægelse").get_by_role("checkbox", name=MESTRING).check()
    expect(page).to_have_url(re.compile("movement=mestring"))
    page.go_back()
    expect(page).not_to_have_url(re.compile("movement="))
    expect(page.locator("#search-status")).to_have_text(re.compile(rf"^{total} praksiseksempl"))
    group = page.get_by_role("group", name="Bevægelse")
    expect(group.get_by_role("checkbox", name=MESTRING)).not_to_be_checked()


def test_sort_change_applies_without_a_button(page):
    page.goto("/soeg/?movement=mestring")
    page.get_by_label("Sortér efter").select_option("title")
    expect(page).to_have_url(re.compile("sort=title"))
    titles = page.locator(".search-hit h3").all_inner_texts()
    assert titles == sorted(titles, key=str.casefold)


def test_text_search_from_the_header(page):
    page.goto("/")
    header = page.get_by_role("search", name="Søg på sitet")
    header.get_by_label("Søg i Praksisbanken").fill("rejselærere")
    header.get_by_role("button", name="Søg").click()
    expect(page).to_have_url(re.compile(r"/soeg/\?q="))
    first = page.locator(".search-hit").first
    expect(first.get_by_role("link")).to_have_text("Rejselærer i folkeskolen")
    expect(first.locator("mark").first).to_be_visible()


@pytest.fixture
def page_without_js(browser, server_url):
    context = browser.new_context(base_url=server_url, locale="da-DK", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_filter_works_without_javascript(page_without_js):
    page = page_without_js
    page.goto("/soeg/")
    total = _total(page)
    mestring = _mestring_count(page)
    group = page.get_by_role("group", name="Bevægelse")
    group.get_by_role("checkbox", name=MESTRING).check()
    # Nothing happens until the form is submitted.
    assert "movement=" not in page.url
    page.get_by_role("button", name="Opdater").click()
    expect(page).to_have_url(re.compile(r"[?&]movement=mestring(&|$)"))
    expect(page.locator("#search-status")).to_have_text(re.compile(rf"^{mestring} praksiseksempl"))
    expect(group.get_by_role("checkbox", name=MESTRING)).to_be_checked()
    page.get_by_role("link", name="Fjern filter: Mestring").click()
    expect(page.locator("#search-status")).to_have_text(re.compile(rf"^{total} praksiseksempl"))


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/soeg/", 200),
        ("/soeg/?movement=mestring", 200),
        ("/soeg/?q=rejsel%C3%A6rere&municipality=silkeborg", 200),
        ("/soeg/?q=zzqxvw&movement=mestring", 200),
        ("/soeg/?page=abc", 400),
    ],
)
def test_search_page_passes_axe(page, axe_path, path, status):
    response = page.goto(path)
    assert response is not None and response.status == status
    expect(page.get_by_role("heading", level=1)).to_have_text("Find praksiseksempler")
    # Evaluated, not added as a <script> tag: the site's CSP blocks inline scripts.
    page.evaluate(axe_path.read_text())
    results = page.evaluate(AXE_RUN)
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe on {path}:\n{_describe(serious)}"
