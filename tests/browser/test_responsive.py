"""The layout from a 320 px phone to a 1366 px screen: no page scrolls sideways, the header menu
folds into a <details> disclosure on phones that opens by keyboard and without JavaScript, and
the wide menu shows every link on a laptop."""

import re

import pytest
from playwright.sync_api import expect

WIDTHS = (320, 390, 1366)
PATHS = (
    "/",
    "/soeg/?q=netv%C3%A6rksm%C3%B8der",
    "/praksiseksempler/silkeborg-rejselaerer/",
    "/metoder/ips/",
    "/erfa-grupper/mestringsforloeb/",
    "/kommuner/aalborg/",
)
MENU_LINKS = ("Praksiseksempler", "Metoder", "Erfa-grupper", "Bevægelser", "Kommuner")


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def sized(request, browser, server_url):
    context = browser.new_context(
        base_url=server_url, viewport={"width": request.param, "height": 800}
    )
    yield request.param, context.new_page()
    context.close()


def _document_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("path", PATHS)
def test_no_page_is_wider_than_the_viewport(sized, path):
    width, page = sized
    response = page.goto(path)
    assert response is not None and response.status == 200
    assert _document_width(page) <= width, path
    if width < 900:  # the opened phone menu must not widen the page either
        page.get_by_text("Menu", exact=True).click()
        assert _document_width(page) <= width, path


def test_phone_menu_opens_by_keyboard(sized):
    width, page = sized
    page.goto("/")
    menu = page.locator("details.menu-narrow")
    wide_nav = page.locator("nav.nav-wide")
    if width >= 1000:
        expect(menu).to_be_hidden()
        for name in MENU_LINKS:
            expect(wide_nav.get_by_role("link", name=name, exact=True)).to_be_visible()
        return
    expect(wide_nav).to_be_hidden()
    expect(menu.get_by_role("link", name="Metoder", exact=True)).to_be_hidden()
    # Tab from the skip link and the logo to the menu button, open it with Enter.
    summary = menu.locator("summary")
    for _ in range(5):
        page.keyboard.press("Tab")
        if summary.evaluate("el => el === document.activeElement"):
            break
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    for name in MENU_LINKS:
        expect(menu.get_by_role("link", name=name, exact=True)).to_be_visible()
    page.keyboard.press("Tab")
    expect(menu.get_by_role("link", name="Praksiseksempler", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/praksiseksempler/$"))


@pytest.mark.parametrize("width", (320, 390))
def test_phone_menu_works_without_javascript(browser, server_url, width):
    context = browser.new_context(
        base_url=server_url, java_script_enabled=False, viewport={"width": width, "height": 800}
    )
    try:
        page = context.new_page()
        page.goto("/metoder/ips/")
        menu = page.locator("details.menu-narrow")
        menu.locator("summary").click()
        link = menu.get_by_role("link", name="Erfa-grupper", exact=True)
        expect(link).to_be_visible()
        link.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Erfa-grupper")
        assert _document_width(page) <= width
    finally:
        context.close()


def test_footer_links_the_site_pages_on_a_phone(browser, server_url):
    context = browser.new_context(base_url=server_url, viewport={"width": 320, "height": 800})
    try:
        page = context.new_page()
        page.goto("/praksiseksempler/silkeborg-rejselaerer/")
        footer = page.get_by_role("navigation", name="Om portalen")
        for name in (
            "Om Praksisbanken",
            "Kontakt",
            "Tilgængelighedserklæring",
            "Privatlivspolitik",
        ):
            expect(footer.get_by_role("link", name=name)).to_be_visible()
        footer.get_by_role("link", name="Tilgængelighedserklæring").click()
        expect(page.get_by_role("heading", name="Håndhævelse")).to_be_visible()
        assert _document_width(page) <= 320
    finally:
        context.close()
