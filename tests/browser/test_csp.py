"""The strict Content-Security-Policy in Chromium: no public page breaks it.

A listener installed before any page script records every `securitypolicyviolation` event;
Chromium's own console messages about the policy are collected as well. Each page type is
loaded (and the search page used) and must produce neither."""

import re

import pytest
from playwright.sync_api import expect

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
      `(${event.sourceFile}:${event.lineNumber})`
  );
});
"""


@pytest.fixture
def csp_page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.csp_console = console
    return page


def _violations(page):
    return page.evaluate("window.__cspViolations") + page.csp_console


def _visit(page, path, status=200):
    response = page.goto(path)
    assert response.status == status, path
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    page.wait_for_load_state("load")
    return response


def _first_link(page, path, pattern):
    _visit(page, path)
    return page.locator("main a").evaluate_all(
        "(links, pattern) => links.map(a => a.getAttribute('href'))"
        "  .find(href => new RegExp(pattern).test(href))",
        pattern,
    )


def test_public_pages_cause_no_policy_violation(csp_page):
    page = csp_page
    case = _first_link(page, "/praksiseksempler/", r"^/praksiseksempler/[\w-]+/$")
    method = _first_link(page, "/metoder/", r"^/metoder/[\w-]+/$")
    group = _first_link(page, "/erfa-grupper/", r"^/erfa-grupper/[\w-]+/$")
    municipality = _first_link(page, "/kommuner/", r"^/kommuner/[\w-]+/$")
    assert case and method and group and municipality
    for path in [
        "/",
        "/praksiseksempler/",
        case,
        "/metoder/",
        method,
        "/soeg/?q=recovery",
        "/erfa-grupper/",
        group,
        "/bevaegelser/mestring/",
        municipality,
        "/log-ind/",
    ]:
        _visit(page, path)
        assert _violations(page) == [], path
    _visit(page, "/denne-side-findes-ikke/", status=404)
    assert _violations(page) == []


def test_using_the_search_page_causes_no_policy_violation(csp_page):
    """The search page's own script (results updated in place when a filter changes) runs
    under the policy."""
    page = csp_page
    _visit(page, "/soeg/?q=recovery")
    facet = page.locator("[data-search-form] input[type=checkbox]").first
    facet.check()
    # search.js fetches the results and updates the address without a reload.
    expect(page).to_have_url(re.compile(r"/soeg/\?.*q=recovery.*&"))
    page.wait_for_load_state("networkidle")
    assert _violations(page) == []


def test_the_listener_does_see_a_violation(csp_page):
    """Guards the tests above: an inline script injected into a page is blocked and recorded."""
    page = csp_page
    _visit(page, "/")
    ran = page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__inlineRan = true";
          document.body.appendChild(script);
          return window.__inlineRan === true;
        }"""
    )
    assert ran is False
    page.wait_for_function("window.__cspViolations.length > 0")
    assert any("script-src" in v for v in _violations(page))
