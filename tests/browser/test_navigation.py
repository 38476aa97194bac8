"""Navigation, keyboard use and pages without JavaScript."""

import re

from playwright.sync_api import expect

COUNT = re.compile(r"^\d+ praksiseksemp(el|ler)$")


def _assert_tiles_with_counts(section, expected):
    tiles = section.locator(".tile")
    expect(tiles).to_have_count(expected)
    for i in range(expected):
        tile = tiles.nth(i)
        expect(tile.get_by_role("link")).to_have_count(1)
        expect(tile.locator(".count")).to_have_text(COUNT)


def test_home_to_movement_to_case(page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Praksisbanken")

    movements = page.get_by_role("region", name="Syv bevægelser")
    _assert_tiles_with_counts(movements, 7)
    challenges = page.get_by_role("region", name="Syv udfordringer i tre handlerum")
    _assert_tiles_with_counts(challenges, 7)

    movements.get_by_role("link", name=re.compile(r"\bMestring$")).click()
    expect(page).to_have_url(re.compile(r"/bevaegelser/mestring/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mestring")

    first_case = page.get_by_role("region", name="Praksiseksempler").locator(".card-title a").first
    title = first_case.inner_text().strip()
    first_case.click()
    expect(page).to_have_url(re.compile(r"/praksiseksempler/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    facts = page.get_by_role("complementary", name="Fakta")
    movements_dd = facts.locator("dt", has_text="Bevægelser").locator(
        "xpath=following-sibling::dd[1]"
    )
    expect(movements_dd.get_by_role("link", name="Mestring", exact=True)).to_be_visible()


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(page):
    page.goto("/")
    skip = page.get_by_role("link", name="Gå til indhold")
    expect(skip).not_to_be_in_viewport()  # hidden off-screen until focused
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    expect(skip).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.locator("main#indhold")).to_be_focused()
    expect(page).to_have_url(re.compile(r"#indhold$"))


def test_case_page_works_without_javascript(browser, server_url):
    context = browser.new_context(base_url=server_url, java_script_enabled=False)
    try:
        page = context.new_page()
        response = page.goto("/praksiseksempler/silkeborg-rejselaerer/")
        assert response is not None and response.status == 200
        expect(page.get_by_role("heading", level=1)).to_have_text("Rejselærer i folkeskolen")
        expect(page.get_by_role("heading", name="Formål og baggrund")).to_be_visible()
        expect(page.get_by_role("complementary", name="Fakta")).to_be_visible()
        expect(page.get_by_role("navigation", name="Hovedmenu")).to_be_visible()
    finally:
        context.close()
