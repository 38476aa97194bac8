"""The search page in a real browser: ticking a facet, chips, history, the type-ahead, the phone
layout, the similar-documents block, axe-core, and no-JS use."""

import re

import pytest
from playwright.sync_api import expect

from .test_accessibility import AXE_RUN, _describe

MESTRING = re.compile(r"^Mestring \((\d+)\)$")
COUNT = re.compile(r"^(\d+) resultat(?:er)?\b")


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
    expect(status).to_have_text(re.compile(rf"^{mestring} resultat"))
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
    expect(status).to_have_text(re.compile(rf"^{total} resultat"))
    expect(group.get_by_role("checkbox", name=MESTRING)).not_to_be_checked()


def test_back_button_restores_the_previous_results(page):
    page.goto("/soeg/")
    total = _total(page)
    page.get_by_role("group", name="Bevægelse").get_by_role("checkbox", name=MESTRING).check()
    expect(page).to_have_url(re.compile("movement=mestring"))
    page.go_back()
    expect(page).not_to_have_url(re.compile("movement="))
    expect(page.locator("#search-status")).to_have_text(re.compile(rf"^{total} resultat"))
    group = page.get_by_role("group", name="Bevægelse")
    expect(group.get_by_role("checkbox", name=MESTRING)).not_to_be_checked()


def test_sort_change_applies_without_a_button(page):
    page.goto("/soeg/?movement=mestring")
    page.get_by_label("Sortér efter").select_option("title")
    expect(page).to_have_url(re.compile("sort=title"))
    titles = page.locator(".search-hit h3 a").all_inner_texts()
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
    # Without JavaScript the filters sit behind the closed "Filtrér" disclosure.
    toggle = page.locator("summary", has_text="Filtrér")
    group = page.get_by_role("group", name="Bevægelse")
    expect(group).to_be_hidden()
    toggle.click()
    expect(group).to_be_visible()
    mestring = _mestring_count(page)
    group.get_by_role("checkbox", name=MESTRING).check()
    # Nothing happens until the form is submitted.
    assert "movement=" not in page.url
    page.get_by_role("button", name="Opdater").click()
    expect(page).to_have_url(re.compile(r"[?&]movement=mestring(&|$)"))
    expect(page.locator("#search-status")).to_have_text(re.compile(rf"^{mestring} resultat"))
    expect(toggle).to_have_text("Filtrér (1 valgt)")
    toggle.click()
    expect(group.get_by_role("checkbox", name=MESTRING)).to_be_checked()
    page.get_by_role("link", name="Fjern filter: Mestring").click()
    expect(page.locator("#search-status")).to_have_text(re.compile(rf"^{total} resultat"))
    expect(page.locator("summary", has_text="Filtrér")).to_have_text("Filtrér")


# --- Type-ahead (portal/static/js/typeahead.js) ---------------------------------------------

SUGGEST_TEXT = "netværksm"


def _open_suggestions(page, text=SUGGEST_TEXT):
    field = page.locator("#search-q")
    field.fill("")
    field.press_sequentially(text, delay=40)
    listbox = page.get_by_role("listbox", name="Forslag")
    expect(listbox).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    return field, listbox


def test_a_suggestion_is_picked_with_the_keyboard(page):
    page.goto("/soeg/")
    field = page.get_by_role("combobox", name="Søg i Praksisbanken").and_(page.locator("#search-q"))
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(field).to_have_attribute("aria-controls", "search-q-forslag")
    field, listbox = _open_suggestions(page)
    options = listbox.get_by_role("option")
    assert options.count() >= 1
    # Grouped by kind: the method "Netværksmøder" is offered under "Metode".
    method_group = listbox.get_by_role("group", name="Metode")
    expect(method_group.get_by_role("option", name="Netværksmøder", exact=True)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="forslag")).to_have_text(
        re.compile(r"^\d+ forslag")
    )
    # No option is chosen until the user moves to one.
    assert field.get_attribute("aria-activedescendant") is None

    field.press("ArrowDown")
    first = options.first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    if options.count() > 1:
        field.press("ArrowDown")
        expect(options.nth(1)).to_have_attribute("aria-selected", "true")
        expect(first).to_have_attribute("aria-selected", "false")
        field.press("ArrowUp")
        expect(first).to_have_attribute("aria-selected", "true")
    target = first.get_attribute("data-url")
    label = first.inner_text()
    # Focus never leaves the field.
    assert page.evaluate("document.activeElement.id") == "search-q"

    field.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(label)


def test_escape_closes_the_suggestions_and_enter_then_searches(page):
    page.goto("/soeg/")
    field, listbox = _open_suggestions(page)
    field.press("ArrowDown")
    field.press("Escape")
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")
    assert field.get_attribute("aria-activedescendant") is None
    expect(field).to_have_value(SUGGEST_TEXT)
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"/soeg/\?q=netv%C3%A6rksm(&|$)"))


def test_a_suggestion_can_be_clicked(page):
    page.goto("/soeg/")
    _, listbox = _open_suggestions(page)
    option = listbox.get_by_role("option", name="Netværksmøder", exact=True)
    target = option.get_attribute("data-url")
    option.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))


def test_the_search_form_still_submits_without_javascript(page_without_js):
    page = page_without_js
    page.goto("/soeg/")
    field = page.locator("#search-q")
    assert field.get_attribute("role") is None  # a plain search field
    field.fill("IPS")
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"/soeg/\?q=IPS"))
    expect(page.locator(".search-hit").first).to_be_visible()


# --- Phone layout ---------------------------------------------------------------------------

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, server_url):
    context = browser.new_context(
        base_url=server_url, locale="da-DK", viewport=PHONE, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _scroll_width(page):
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/soeg/",
        "/soeg/?q=IPS",
        "/soeg/?q=netv%C3%A6rsm%C3%B8de",
        "/soeg/?q=borger&movement=mestring&type=case",
    ],
)
def test_phone_shows_the_first_result_without_scrolling(phone, path):
    page = phone
    page.goto(path)
    first = page.locator(".search-hit").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= PHONE["height"], f"first result ends at {box} on {path}"
    assert _scroll_width(page) <= PHONE["width"], f"{path} scrolls sideways"
    # The filters wait behind the disclosure; the chips of chosen ones are above the results.
    expect(page.locator("summary", has_text="Filtrér")).to_be_visible()
    expect(page.get_by_role("group", name="Bevægelse")).to_be_hidden()
    chips = page.locator(".chips")
    if "movement=" in path:
        expect(page.locator("summary", has_text="Filtrér")).to_have_text("Filtrér (2 valgt)")
        chip_box = chips.bounding_box()
        assert chip_box is not None and chip_box["y"] < box["y"]


def test_phone_filters_open_and_nothing_scrolls_sideways(phone):
    page = phone
    page.goto("/soeg/?q=IPS")
    page.locator("summary", has_text="Filtrér").click()
    group = page.get_by_role("group", name="Bevægelse")
    expect(group).to_be_visible()
    assert _scroll_width(page) <= PHONE["width"]
    for summary in page.locator(".facet-details summary").all():
        summary.click()
    assert _scroll_width(page) <= PHONE["width"]
    group.get_by_role("checkbox").first.check()
    expect(page).to_have_url(re.compile(r"[?&]movement="))
    expect(page.locator("summary", has_text="Filtrér")).to_have_text("Filtrér (1 valgt)")
    # The disclosure stays open while the results update in place.
    expect(group).to_be_visible()


def test_phone_type_ahead_stays_on_screen(phone):
    page = phone
    page.goto("/soeg/")
    field, listbox = _open_suggestions(page)
    box = listbox.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert _scroll_width(page) <= PHONE["width"]


def test_wide_screen_opens_the_filters(page):
    page.goto("/soeg/")
    expect(page.get_by_role("group", name="Bevægelse")).to_be_visible()


# --- "Lignende praksiseksempler" ------------------------------------------------------------

SIMILAR_PAGES = [
    ("/praksiseksempler/silkeborg-rejselaerer/", "Rejselærer i folkeskolen"),
    ("/metoder/ips/", "IPS – individuelt planlagt job med støtte"),
]


@pytest.mark.parametrize(("path", "h1"), SIMILAR_PAGES)
def test_similar_block_links_to_other_practice_examples(page, path, h1):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(h1)
    section = page.get_by_role("region", name="Lignende praksiseksempler")
    expect(section).to_be_visible()
    links = section.get_by_role("link")
    assert 3 <= links.count() <= 5
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert path not in hrefs
    links.first.click()
    expect(page).to_have_url(re.compile(re.escape(hrefs[0]) + "$"))


# --- axe-core ---------------------------------------------------------------------------------


def _axe(page, axe_path, label):
    # Evaluated, not added as a <script> tag: the site's CSP blocks inline scripts.
    page.evaluate(axe_path.read_text())
    results = page.evaluate(AXE_RUN)
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe on {label}:\n{_describe(serious)}"


SEARCH_PAGES = [
    ("/soeg/", 200, ".search-hit"),
    ("/soeg/?movement=mestring", 200, ".chips"),
    ("/soeg/?q=IPS", 200, ".hit-type"),
    ("/soeg/?q=rejsel%C3%A6rere&municipality=silkeborg", 200, ".search-hit"),
    ("/soeg/?q=netv%C3%A6rsm%C3%B8de", 200, ".search-correction"),
    ("/soeg/?q=zzqxvw&movement=mestring", 200, ".empty-state"),
    ("/soeg/?q=IPS&type=erfa_group&status=i-drift", 200, ".zero-methods"),
    ("/soeg/?q=recovry&exact=1", 200, ".zero-suggestion"),
    ("/soeg/?page=abc", 400, "[role=alert]"),
]


@pytest.mark.parametrize(("path", "status", "marker"), SEARCH_PAGES)
def test_search_page_passes_axe(page, axe_path, path, status, marker):
    response = page.goto(path)
    assert response is not None and response.status == status
    expect(page.get_by_role("heading", level=1)).to_have_text("Søg i Praksisbanken")
    expect(page.locator(marker).first).to_be_attached()
    _axe(page, axe_path, path)


@pytest.mark.parametrize(("path", "status", "marker"), SEARCH_PAGES[:6])
def test_search_page_on_a_phone_passes_axe(phone, axe_path, path, status, marker):
    response = phone.goto(path)
    assert response is not None and response.status == status
    expect(phone.locator(marker).first).to_be_attached()
    _axe(phone, axe_path, f"{path} at 390 px")


def test_open_type_ahead_passes_axe(page, axe_path):
    page.goto("/soeg/")
    field, _ = _open_suggestions(page)
    field.press("ArrowDown")
    _axe(page, axe_path, "the open type-ahead")


@pytest.mark.parametrize(("path", "h1"), SIMILAR_PAGES)
def test_pages_with_the_similar_block_pass_axe(page, axe_path, path, h1):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(h1)
    expect(page.get_by_role("region", name="Lignende praksiseksempler")).to_be_visible()
    _axe(page, axe_path, path)
