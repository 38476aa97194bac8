"""The print stylesheet hides the navigation."""


def test_print_hides_site_navigation(page):
    page.goto("/praksiseksempler/silkeborg-rejselaerer/")
    nav = page.locator(".site-header .nav-wide")
    assert nav.evaluate("el => getComputedStyle(el).display") != "none"
    page.emulate_media(media="print")
    assert nav.evaluate("el => getComputedStyle(el).display") == "none"
    assert page.locator(".site-header").evaluate("el => getComputedStyle(el).display") == "none"
    assert page.locator("h1").evaluate("el => getComputedStyle(el).display") != "none"
