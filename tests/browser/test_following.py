"""Følg denne søgning in a real browser: "Giv mig besked" from a search asks to log in, comes
back, saves the search and lists it under Gemte søgninger, where it is deleted again; the
pages pass axe-core. Without JavaScript, as every step is a link or a form."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import BROWSER_PASSWORD
from .test_accessibility import AXE_RUN, _describe


def _axe(page, axe_path):
    page.evaluate(axe_path.read_text())
    results = page.evaluate(AXE_RUN)
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe on {page.url}:\n{_describe(serious)}"


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_follow_a_search_and_delete_it_again(browser, server_url, axe_path, javascript):
    context = browser.new_context(
        base_url=server_url, locale="da-DK", java_script_enabled=javascript
    )
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/soeg/?q=unge&movement=mestring")
        panel = page.locator(".follow-search")
        expect(panel.get_by_role("link", name="Atom-feed for søgningen")).to_have_attribute(
            "href", "/soeg/feed/?q=unge&movement=mestring"
        )
        panel.get_by_role("link", name="Giv mig besked").click()

        expect(page).to_have_url(re.compile(r"/log-ind/\?next="))
        page.get_by_label("Brugernavn").fill("browser-deltager")
        page.get_by_label("Adgangskode").fill(BROWSER_PASSWORD)
        page.get_by_role("button", name="Log ind").click()

        expect(page).to_have_url(re.compile(r"/min-profil/soegninger/ny/\?q=unge"))
        expect(page.locator(".follow-description")).to_have_text("«unge» · Bevægelse: Mestring")
        if javascript:
            _axe(page, axe_path)
        page.get_by_label("Dagligt").check()
        page.get_by_role("button", name="Giv mig besked").click()

        expect(page).to_have_url(re.compile(r"/min-profil/soegninger/$"))
        expect(page.locator(".messages")).to_contain_text("Søgningen er gemt")
        item = page.locator(".saved-search", has_text="«unge» · Bevægelse: Mestring")
        expect(item).to_contain_text("E-mail: dagligt")
        if javascript:
            _axe(page, axe_path)
        item.get_by_role("button", name=re.compile("^Slet")).click()
        expect(page.locator(".messages")).to_contain_text("er slettet")
        expect(page.locator(".saved-search")).to_have_count(0)
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/afmeld/soegninger/ugyldigt-link/", "/soeg/feed/?type=nyhed"])
def test_error_pages_pass_axe(page, axe_path, path):
    response = page.goto(path)
    assert response is not None and response.status == 400
    expect(page.get_by_role("alert")).to_be_visible()
    _axe(page, axe_path)


def test_the_follow_links_follow_a_filter_changed_without_reload(page):
    page.goto("/soeg/?q=unge")
    follow = page.locator(".follow-search").get_by_role("link", name="Giv mig besked")
    expect(follow).to_have_attribute("href", "/min-profil/soegninger/ny/?q=unge")
    page.evaluate("window.notReloaded = true")
    group = page.get_by_role("group", name="Bevægelse")
    group.get_by_role("checkbox", name=re.compile(r"^Mestring \(")).check()
    expect(follow).to_have_attribute("href", "/min-profil/soegninger/ny/?q=unge&movement=mestring")
    feed = page.locator(".follow-search").get_by_role("link", name="Atom-feed for søgningen")
    expect(feed).to_have_attribute("href", "/soeg/feed/?q=unge&movement=mestring")
    assert page.evaluate("window.notReloaded") is True
