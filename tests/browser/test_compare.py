"""Sammenlign in a real browser: three cases picked from search results without JavaScript and
with it, the URL reproduces the view, the print stylesheet lays it out on A4 landscape, and
axe-core finds nothing serious."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from .test_accessibility import AXE_RUN, _describe

SEARCH = "/soeg/?q=unge&type=case"
# A4 landscape in PDF points (1/72 inch): 297 mm x 210 mm.
A4_LANDSCAPE = (841.89, 595.28)
# The printable width of A4 landscape with the stylesheet's 10 mm margins, in CSS pixels.
PRINTABLE_WIDTH_PX = round((297 - 2 * 10) / 25.4 * 96)
MEDIABOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")


def _pick_three(page):
    """Tick "Sammenlign" on the first three practice examples; their titles."""
    hits = page.locator(".search-hit-case")
    expect(hits.nth(2)).to_be_visible()
    titles = []
    for i in range(3):
        hit = hits.nth(i)
        titles.append(hit.locator("h3 a").inner_text())
        hit.get_by_role("checkbox", name=re.compile(r"^Sammenlign ")).check()
    return titles


def _table(page):
    """What the comparison shows: column headers and every row as text."""
    headers = page.locator('.compare-table thead th[scope="col"] > a:first-child').all_inner_texts()
    rows = [
        " ".join(text.split()) for text in page.locator(".compare-table tbody tr").all_inner_texts()
    ]
    return headers, rows


def _ids(url):
    values = parse_qs(urlsplit(url).query)["ids"]
    return [int(v) for value in values for v in value.split(",")]


def _compare_from_search(page):
    page.goto(SEARCH)
    titles = _pick_three(page)
    tray = page.locator("form#sammenlign-valg")
    expect(tray).to_be_visible()
    tray.get_by_role("button", name="Sammenlign valgte").click()
    expect(page).to_have_url(re.compile(r"/sammenlign/\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sammenlign praksiseksempler")
    headers, rows = _table(page)
    assert headers == titles
    assert len(_ids(page.url)) == 3
    return headers, rows


def _same_view_from_its_url(browser, server_url, url, headers, rows, javascript):
    context = browser.new_context(
        base_url=server_url, locale="da-DK", java_script_enabled=javascript
    )
    try:
        fresh = context.new_page()
        fresh.goto(url)
        assert _table(fresh) == (headers, rows)
        share = fresh.get_by_label("Adresse til at dele sammenligningen").input_value()
        fresh.goto(share)
        assert _table(fresh) == (headers, rows)
        assert _ids(share) == _ids(url)
    finally:
        context.close()


def test_compare_three_from_search_results_without_javascript(browser, server_url):
    context = browser.new_context(base_url=server_url, locale="da-DK", java_script_enabled=False)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(SEARCH)
        # Nothing ticked: the form's button is out of the way.
        expect(page.locator("form#sammenlign-valg")).to_be_hidden()
        headers, rows = _compare_from_search(page)
        # The differences are there in words.
        assert any("Forskellig" in row or "Ens" in row for row in rows)
        url = page.url
    finally:
        context.close()
    _same_view_from_its_url(browser, server_url, url, headers, rows, javascript=False)


def test_compare_three_from_search_results_with_javascript(browser, server_url, page):
    page.goto(SEARCH)
    status = page.locator("[data-compare-status]")
    hits = page.locator(".search-hit-case")
    hits.nth(0).get_by_role("checkbox", name=re.compile(r"^Sammenlign ")).check()
    expect(status).to_have_text("1 praksiseksempel valgt. Vælg mindst ét mere.")
    # Submitting one is stopped before it leaves the page.
    page.locator("form#sammenlign-valg").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/soeg/"))
    hits.nth(0).get_by_role("checkbox").uncheck()

    headers, rows = _compare_from_search(page)
    _same_view_from_its_url(browser, server_url, page.url, headers, rows, javascript=True)


def test_no_more_than_four_can_be_ticked_with_javascript(page):
    page.goto("/soeg/?type=case")
    boxes = page.locator(".search-hit-case").get_by_role(
        "checkbox", name=re.compile("^Sammenlign ")
    )
    for i in range(4):
        boxes.nth(i).check()
    expect(page.locator("[data-compare-status]")).to_have_text(
        "4 praksiseksempler valgt, det højeste antal."
    )
    expect(boxes.nth(4)).to_be_disabled()
    boxes.nth(0).uncheck()
    expect(boxes.nth(4)).to_be_enabled()


def test_a_case_page_starts_a_comparison_and_more_are_added_without_javascript(browser, server_url):
    context = browser.new_context(base_url=server_url, locale="da-DK", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/praksiseksempler/silkeborg-rejselaerer/")
        page.get_by_role("button", name="Sammenlign med andre praksiseksempler").click()
        expect(page.get_by_text("Vælg mindst ét praksiseksempel mere.")).to_be_visible()
        field = page.get_by_role("searchbox", name="Søg efter praksiseksempler")
        field.fill("unge")
        field.press("Enter")
        page.locator(".compare-add-link").first.click()
        headers, _ = _table(page)
        assert headers[0] == "Rejselærer i folkeskolen" and len(headers) == 2
    finally:
        context.close()


def test_print_lays_the_comparison_out_on_a4_landscape(page):
    page.goto(SEARCH)
    _pick_three(page)
    page.locator("form#sammenlign-valg").get_by_role("button").click()
    expect(page.locator(".compare-table")).to_be_visible()
    expect(page.get_by_role("button", name="Udskriv (A4 på tværs)")).to_be_visible()

    page.set_viewport_size({"width": PRINTABLE_WIDTH_PX, "height": 800})
    page.emulate_media(media="print")
    for hidden in (".compare-add", ".compare-share", ".site-header", ".compare-remove"):
        assert page.locator(hidden).first.evaluate("el => getComputedStyle(el).display") == "none"
    # The whole table fits the printable width: nothing is cut off at the right edge.
    fits = page.locator(".compare-scroll").evaluate("el => el.scrollWidth <= el.clientWidth")
    table_width = page.locator(".compare-table").evaluate("el => el.getBoundingClientRect().width")
    assert fits and table_width <= PRINTABLE_WIDTH_PX
    # The header row repeats on every printed page.
    assert (
        page.locator(".compare-table thead").evaluate("el => getComputedStyle(el).display")
        == "table-header-group"
    )

    pdf = page.pdf(prefer_css_page_size=True)
    boxes = {(float(w), float(h)) for w, h in MEDIABOX.findall(pdf)}
    assert boxes, "no page in the PDF"
    for width, height in boxes:
        assert width == pytest.approx(A4_LANDSCAPE[0], abs=1)
        assert height == pytest.approx(A4_LANDSCAPE[1], abs=1)


@pytest.mark.parametrize(
    "path",
    ["compare", "/sammenlign/", "/sammenlign/?ids=abc,1", SEARCH],
    ids=["three-cases", "empty", "bad-input", "search-with-picks"],
)
def test_compare_pages_pass_axe(page, axe_path, path):
    if path == "compare":
        page.goto(SEARCH)
        _pick_three(page)
        page.locator("form#sammenlign-valg").get_by_role("button").click()
        expect(page.locator(".compare-table")).to_be_visible()
    else:
        page.goto(path)
        if path == SEARCH:
            page.locator(".search-hit-case").first.get_by_role("checkbox").check()
            expect(page.locator("form#sammenlign-valg")).to_be_visible()
    page.evaluate(axe_path.read_text())
    results = page.evaluate(AXE_RUN)
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe on {page.url}:\n{_describe(serious)}"
